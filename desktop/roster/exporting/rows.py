"""The rows an export writes: residents with their household, dwelling, building, compound and
tags, read in chunks straight from sqlite3 (200,000 residents in about two seconds).

A row is a plain tuple indexed by the constants below (faster than objects at this size);
``desktop.roster.exporting.columns`` turns it into cells. Built-in tags come as their code,
user tags as their name (as in desktop.roster.query_rows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from sqlalchemy import Select, and_, bindparam, func, select
from sqlalchemy.orm import Session

from desktop.roster.models import (
    Building,
    Compound,
    Dwelling,
    Household,
    Resident,
    ResidentTag,
    Tag,
)
from desktop.roster.query import resident_select
from desktop.roster.search import driver_rows
from desktop.roster.views import ResidentFilter, SortSpec

(ID, NAME, ID_NUMBER, SEX, BIRTH_DATE, PHONE, PHONE2, RELATIONSHIP, RESIDENCE_STATUS, ETHNICITY,
 POLITICAL_STATUS, HUKOU_ADDRESS, WORK_UNIT, NOTES, MOVED_OUT, DECEASED, HOUSEHOLD_NUMBER,
 BUILDING, UNIT, ROOM, COMPOUND, TAGS) = range(22)

CHUNK = 5000  # ids per IN (...) query: well under SQLite's 32,766 bound parameters

_COLUMNS = (
    Resident.id, Resident.name, Resident.id_number, Resident.sex, Resident.birth_date,
    Resident.phone, Resident.phone2, Resident.relationship, Resident.residence_status,
    Resident.ethnicity, Resident.political_status, Resident.hukou_address, Resident.work_unit,
    Resident.notes, Resident.moved_out, Resident.deceased, Household.number, Building.name,
    Dwelling.unit, Dwelling.room, Compound.name,
)


def export_rows(session: Session, ids: Sequence[str] | None, flt: ResidentFilter | None,
                sort: SortSpec) -> tuple[int, Iterator[tuple]]:
    """How many residents to export, and their rows in roster order: ``ids`` as given (a
    selection), else those ``flt`` finds (None: every living resident) sorted by ``sort``.

    A filter's text is matched in SQL (name, phone, ID number: see query.resident_select);
    for what the search index found (pinyin, addresses), pass its ids instead."""
    if ids is not None:
        ids = list(dict.fromkeys(ids))
        return len(ids), fetch_rows(session, ids)
    return filtered_rows(session, flt or ResidentFilter(), sort)


def filtered_rows(session: Session, flt: ResidentFilter,
                  sort: SortSpec) -> tuple[int, Iterator[tuple]]:
    """One ordered query over the filter: at 200,000 residents 1.7 s, against 3.8 s for the
    id list and its rows fetched by id."""
    chosen = resident_select(flt, sort, with_text=True)
    total = session.execute(
        select(func.count()).select_from(chosen.order_by(None).subquery())).scalar_one()
    return total, _joined(session, chosen.with_only_columns(*_COLUMNS),
                          _TAGS_OF.where(ResidentTag.resident_id.in_(
                              chosen.order_by(None).scalar_subquery())))


def _joined(session: Session, stmt: Select, tags_stmt: Select) -> Iterator[tuple]:
    tags: dict[str, list[str]] = {}
    for resident_id, code, name in driver_rows(session, tags_stmt):
        tags.setdefault(resident_id, []).append(code or name)
    date = dt.date.fromisoformat
    for row in driver_rows(session, stmt):
        born = row[BIRTH_DATE]
        yield (*row[:BIRTH_DATE], date(born) if born else None, *row[BIRTH_DATE + 1:],
               tuple(tags.get(row[ID], ())))


_IDS = bindparam("ids", expanding=True)
_ROWS = (
    select(*_COLUMNS)
    .select_from(Resident)
    .outerjoin(Household, and_(Household.id == Resident.household_id,
                               Household.deleted.is_(False)))
    .outerjoin(Dwelling, and_(Dwelling.id == Household.dwelling_id, Dwelling.deleted.is_(False)))
    .outerjoin(Building, and_(Building.id == Dwelling.building_id, Building.deleted.is_(False)))
    .outerjoin(Compound, and_(Compound.id == Building.compound_id, Compound.deleted.is_(False)))
    .where(Resident.id.in_(_IDS), Resident.deleted.is_(False))
)
_TAGS_OF = (
    select(ResidentTag.resident_id, Tag.code, Tag.name)
    .join(Tag, Tag.id == ResidentTag.tag_id)
    .where(ResidentTag.deleted.is_(False), Tag.deleted.is_(False))
    .order_by(Tag.code.is_(None), Tag.code, Tag.name)
)
_TAGS = _TAGS_OF.where(ResidentTag.resident_id.in_(_IDS))


class _ChunkQuery:
    """``stmt`` (whose one parameter is the expanding ``ids``) compiled once, then run on
    sqlite3 directly with as many placeholders as a chunk has ids.

    SQLAlchemy would compile the statement and expand the 5,000 parameters again for every
    chunk: half a second of the export's time at 200,000 residents."""

    def __init__(self, session: Session, stmt: Select) -> None:
        connection = session.connection()
        compiled = stmt.compile(dialect=connection.dialect)
        if tuple(compiled.positiontup or ()) != ("ids",):
            raise AssertionError("the export queries take only the ids")
        self._sql = str(compiled)
        self._marker = "__[POSTCOMPILE_ids]"
        if self._marker not in self._sql:
            raise AssertionError("the ids parameter is not an expanding IN")
        self._cursor = connection.connection.driver_connection.cursor()
        self._texts: dict[int, str] = {}

    def rows(self, chunk: list[str]) -> list[tuple]:
        sql = self._texts.get(len(chunk))
        if sql is None:
            sql = self._texts[len(chunk)] = self._sql.replace(
                self._marker, ", ".join("?" * len(chunk)))
        return self._cursor.execute(sql, chunk).fetchall()

    def close(self) -> None:
        self._cursor.close()


def fetch_rows(session: Session, ids: Sequence[str], chunk_size: int = CHUNK) -> Iterator[tuple]:
    """Rows for ``ids`` in their order; deleted or unknown ids are left out."""
    date = dt.date.fromisoformat
    rows_query, tags_query = _ChunkQuery(session, _ROWS), _ChunkQuery(session, _TAGS)
    try:
        for start in range(0, len(ids), chunk_size):
            chunk = list(ids[start:start + chunk_size])
            tags: dict[str, list[str]] = {}
            for resident_id, code, name in tags_query.rows(chunk):
                tags.setdefault(resident_id, []).append(code or name)
            found = {}
            for row in rows_query.rows(chunk):
                born = row[BIRTH_DATE]
                found[row[ID]] = (*row[:BIRTH_DATE], date(born) if born else None,
                                  *row[BIRTH_DATE + 1:], tuple(tags.get(row[ID], ())))
            for resident_id in chunk:
                row = found.get(resident_id)
                if row is not None:
                    yield row
    finally:
        rows_query.close()
        tags_query.close()
