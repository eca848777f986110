"""The declarative base every table derives from, and column types shared by features."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Column, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

# Named constraints keep Alembic's batch migrations on SQLite deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def scalar_default(column: Column) -> object:
    """The value the model gives a column nobody set (``default=``), or None; rows written
    without the ORM (bulk inserts, merges) fill their gaps with it."""
    default = column.default
    return default.arg if default is not None and default.is_scalar else None


_CENT = Decimal("0.01")


class Hundredths(TypeDecorator[Decimal]):
    """An exact decimal with two places (floor areas, shares) stored as an integer.

    Owners' votes are tallied by floor area with exact fractions; a float column would let
    0.1 + 0.2 decide a vote.
    """

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return int((Decimal(value) * 100).to_integral_value())

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return (Decimal(value) / 100).quantize(_CENT)
