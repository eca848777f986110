"""The roster's tables: community → grid / compound → building → dwelling → household →
resident, with tags and dwelling owners. Every table here is synced (see desktop.storage.records).

No unique constraints beyond primary keys on purpose: two offline copies may both create
"3幢 2单元 501" or both tag a resident; a merge must never fail on a constraint. Duplicates are
found and offered for merging by the services instead.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.storage.base import Base, Hundredths
from desktop.storage.records import SyncedRecord


class Community(SyncedRecord, Base):
    __tablename__ = "community"

    name: Mapped[str] = mapped_column(String(100))
    subdistrict: Mapped[str] = mapped_column(String(100), default="")
    # The county-level area code (GB/T 2260) the community lies in.
    region_code: Mapped[str] = mapped_column(String(6), default="")
    # The issuing body printed at the foot of notices (落款), e.g. "翠苑一区社区居民委员会".
    issuing_body: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")


class Grid(SyncedRecord, Base):
    """A grid of the office's responsibility; with a parent it is a micro-grid."""

    __tablename__ = "grid"

    community_id: Mapped[str] = mapped_column(ForeignKey("community.id"), index=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("grid.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    grid_worker: Mapped[str] = mapped_column(String(50), default="")
    grid_worker_phone: Mapped[str] = mapped_column(String(40), default="")


class Compound(SyncedRecord, Base):
    __tablename__ = "compound"

    community_id: Mapped[str] = mapped_column(ForeignKey("community.id"), index=True)
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20), default="commercial")  # codes.COMPOUND_KINDS
    address: Mapped[str] = mapped_column(String(200), default="")
    property_company: Mapped[str] = mapped_column(String(100), default="")
    built_year: Mapped[int | None] = mapped_column(Integer)


class Building(SyncedRecord, Base):
    __tablename__ = "building"

    compound_id: Mapped[str] = mapped_column(ForeignKey("compound.id"), index=True)
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))  # as written on the building: "3幢", "5号楼"
    sort_key: Mapped[int] = mapped_column(Integer, default=0)
    floors: Mapped[int | None] = mapped_column(Integer)
    units: Mapped[int | None] = mapped_column(Integer)
    has_lift: Mapped[bool] = mapped_column(Boolean, default=False)
    built_year: Mapped[int | None] = mapped_column(Integer)
    building_captain: Mapped[str] = mapped_column(String(50), default="")


class Dwelling(SyncedRecord, Base):
    __tablename__ = "dwelling"

    building_id: Mapped[str] = mapped_column(ForeignKey("building.id"), index=True)
    unit: Mapped[str] = mapped_column(String(10), default="")  # "2" for 2单元
    floor: Mapped[int | None] = mapped_column(Integer)
    room: Mapped[str] = mapped_column(String(20))  # "501"
    floor_area: Mapped[Decimal | None] = mapped_column(Hundredths)  # 建筑面积 m²
    exclusive_area: Mapped[Decimal | None] = mapped_column(Hundredths)  # 专有部分面积 m²
    usage: Mapped[str] = mapped_column(String(20), default="residential")
    # The developer's unsold or undelivered unit (未售或未交付): in an owners' vote all such
    # units together count as one owner by head.
    developer_held: Mapped[bool] = mapped_column(Boolean, default=False)


class Household(SyncedRecord, Base):
    """People living together in one dwelling; the head is the member with relationship 02."""

    __tablename__ = "household"

    dwelling_id: Mapped[str | None] = mapped_column(ForeignKey("dwelling.id"), index=True)
    number: Mapped[str] = mapped_column(String(40), default="")  # 户号
    notes: Mapped[str] = mapped_column(Text, default="")


class Resident(SyncedRecord, Base):
    __tablename__ = "resident"

    household_id: Mapped[str | None] = mapped_column(ForeignKey("household.id"), index=True)
    name: Mapped[str] = mapped_column(String(50), index=True)
    # Normalised 18-character number (indexed, never a key: real rosters share and mistype them).
    id_number: Mapped[str] = mapped_column(String(18), default="", index=True)
    # A 15-digit legacy number as it was given, when id_number was upgraded from it.
    id_number_original: Mapped[str] = mapped_column(String(18), default="")
    sex: Mapped[str] = mapped_column(String(1), default="0")  # codes.SEXES
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(40), default="")
    phone2: Mapped[str] = mapped_column(String(40), default="")
    relationship: Mapped[str] = mapped_column(String(2), default="")  # GB/T 4761
    residence_status: Mapped[str] = mapped_column(String(20), default="permanent")
    ethnicity: Mapped[str] = mapped_column(String(2), default="01")  # GB 3304
    political_status: Mapped[str] = mapped_column(String(2), default="13")  # GB/T 4762
    hukou_address: Mapped[str] = mapped_column(String(200), default="")  # 户籍地址
    work_unit: Mapped[str] = mapped_column(String(100), default="")
    moved_out: Mapped[bool] = mapped_column(Boolean, default=False)
    moved_out_on: Mapped[dt.date | None] = mapped_column(Date)
    deceased: Mapped[bool] = mapped_column(Boolean, default=False)
    deceased_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


class Tag(SyncedRecord, Base):
    """A group label: built-in ones have a code (codes.BUILTIN_TAGS); user tags only a name."""

    __tablename__ = "tag"

    code: Mapped[str | None] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(50), default="")
    color: Mapped[str] = mapped_column(String(7), default="")


class ResidentTag(SyncedRecord, Base):
    """A resident carries a tag; removing the tag tombstones this row."""

    __tablename__ = "resident_tag"

    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    tag_id: Mapped[str] = mapped_column(ForeignKey("tag.id"), index=True)


class DwellingOwner(SyncedRecord, Base):
    """An owner of a dwelling: a resident on the roster, or an outside person."""

    __tablename__ = "dwelling_owner"

    dwelling_id: Mapped[str] = mapped_column(ForeignKey("dwelling.id"), index=True)
    resident_id: Mapped[str | None] = mapped_column(ForeignKey("resident.id"), index=True)
    outside_name: Mapped[str] = mapped_column(String(50), default="")
    outside_phone: Mapped[str] = mapped_column(String(40), default="")
    outside_id_number: Mapped[str] = mapped_column(String(18), default="", index=True)
    share_percent: Mapped[Decimal] = mapped_column(Hundredths, default=Decimal(100))
