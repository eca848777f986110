"""The vote tables (synced): a vote, its electorate, and its ballots.

The electorate (``vote_dwelling``) is written once when a vote opens, one row per dwelling in
its scope, with the dwelling's exclusive area and its owners' key as the register had them
then: the legal count is of the owners at the time the vote was announced, and a sale or a
corrected area later must not move a result already posted. Dwellings with the same
``owner_key`` are one owner by head (the Supreme People's Court's interpretation on building
ownership, art. 9: one buyer of several units is one person; the developer's unsold and
undelivered units together are one).

Ballots are append-only like visits: a corrected ballot is a new row whose ``replaces_id``
names the earlier one, which stays in the history; the latest ballot for a dwelling counts.
Their dwelling is a plain id (not a foreign key) for the same reason a visit's is: a ballot
for a dwelling this copy lacks is kept and shown, never refused with the whole bundle.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from desktop.storage.base import Base, Hundredths
from desktop.storage.records import SyncedRecord

# What an owner may say on a ballot.
OPINIONS = ("agree", "against", "abstain")
# How far a vote reaches: a whole compound, one building, or one unit (a lift retrofit).
SCOPES = ("compound", "building", "unit")
# Where a ballot was entered: typed at the office, imported from a sheet, or at the door.
BALLOT_SOURCES = ("office", "sheet", "door")
# The owner key the developer's unsold and undelivered dwellings share: together one head.
DEVELOPER_KEY = "developer"


class Vote(SyncedRecord, Base):
    __tablename__ = "vote"

    title: Mapped[str] = mapped_column(String(200))
    proposal: Mapped[str] = mapped_column(Text, default="")
    # The matter by 民法典第278条第一款 items (一)–(九); (六)–(八) need the higher bar.
    item: Mapped[int] = mapped_column(Integer)
    compound_id: Mapped[str] = mapped_column(ForeignKey("compound.id"), index=True)
    building_id: Mapped[str | None] = mapped_column(ForeignKey("building.id"), index=True)
    unit: Mapped[str] = mapped_column(String(10), default="")
    opens_on: Mapped[dt.date] = mapped_column(Date)
    closes_on: Mapped[dt.date] = mapped_column(Date)
    # Ballots cast after closes_on are kept and marked late; they count only if the office
    # decides so.
    include_late: Mapped[bool] = mapped_column(Boolean, default=False)
    # The door-to-door campaign whose visits are ballots (a "ballot" form), if any.
    campaign_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # Which reading of the law counted this vote (counting.RULE_VERSION when it opened).
    rule_version: Mapped[str] = mapped_column(String(80), default="")
    # Set when the office closes the count: the date and the tally as JSON (exact strings).
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    result: Mapped[str] = mapped_column(Text, default="")
    notice_id: Mapped[str | None] = mapped_column(String(36))  # the posted result notice
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class VoteDwelling(SyncedRecord, Base):
    """One dwelling of a vote's electorate, as the register had it when the vote opened."""

    __tablename__ = "vote_dwelling"

    vote_id: Mapped[str] = mapped_column(ForeignKey("vote.id"), index=True)
    dwelling_id: Mapped[str] = mapped_column(ForeignKey("dwelling.id"), index=True)
    code: Mapped[str] = mapped_column(String(12))  # printed on the ballot, typed at the office
    area: Mapped[Decimal | None] = mapped_column(Hundredths)  # 专有部分面积 m², exact
    owner_key: Mapped[str] = mapped_column(String(400))  # one head per distinct key
    owners: Mapped[str] = mapped_column(String(200), default="")  # names, for the ballot
    developer_held: Mapped[bool] = mapped_column(Boolean, default=False)
    # Left out of the count by the office (no area or no owner known), with the reason.
    excluded: Mapped[bool] = mapped_column(Boolean, default=False)
    exclusion_reason: Mapped[str] = mapped_column(String(200), default="")
    walk_order: Mapped[int] = mapped_column(Integer, default=0)


class Ballot(SyncedRecord, Base):
    __tablename__ = "ballot"

    vote_id: Mapped[str] = mapped_column(ForeignKey("vote.id"), index=True)
    dwelling_id: Mapped[str] = mapped_column(String(36), index=True)
    opinion: Mapped[str] = mapped_column(String(8))
    cast_on: Mapped[dt.date] = mapped_column(Date)  # the date the owner signed
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(8), default="office")
    proxy_name: Mapped[str] = mapped_column(String(50), default="")  # 委托代理人
    replaces_id: Mapped[str | None] = mapped_column(String(36), index=True)
    recorded_by: Mapped[str] = mapped_column(String(50), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    @declared_attr.directive
    @classmethod
    def __table_args__(cls):
        return (
            Index("ix_ballot_created_hlc", "created_hlc"),  # as every synced table has
            # A vote's latest ballot per dwelling from the index alone.
            Index("ix_ballot_vote_dwelling_latest", "vote_id", "dwelling_id", "recorded_at",
                  "id", "opinion", "deleted"),
        )
