"""What is written at the door: visits (synced, append-only), roster proposals (synced), and
drafts (this laptop's only).

A visit is never edited: correcting one writes a new visit whose ``replaces_id`` names the
earlier one, which stays in the history. So two laptops can never overwrite each other's
answers, and a visit received twice is stored once (its id is its own UUIDv7). Its links to the
household, dwelling, form version and the visit it replaces are plain ids, not foreign keys, on
purpose: a visit for a household deleted meanwhile, or for a form version this copy lacks, is
still stored (and shown for review) instead of refusing the whole bundle that carries it.

A draft is the visit being answered now, saved on every change in its own small transaction so
a crash or a flat battery loses nothing; it never leaves the laptop (only finished visits do).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from desktop.storage.base import Base
from desktop.storage.ids import uuid7
from desktop.storage.records import SyncedRecord

# The outcome of one attempt, and those after which a door is done.
OUTCOMES = ("completed", "not_home", "refused", "vacant", "revisit")
FINAL_OUTCOMES = frozenset({"completed", "refused", "vacant"})

# What a visitor may propose to change on the roster, and what becomes of a proposal.
PROPOSAL_KINDS = ("phone", "moved_out", "deceased", "new_member", "vacant", "other")
PROPOSAL_STATES = ("pending", "accepted", "rejected")


class Visit(SyncedRecord, Base):
    __tablename__ = "visit"

    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaign.id"), index=True)
    # The campaign's door; None for a visit at a door the campaign does not hold.
    door_id: Mapped[str | None] = mapped_column(ForeignKey("campaign_door.id"), index=True)
    dwelling_id: Mapped[str | None] = mapped_column(String(36), index=True)
    household_id: Mapped[str | None] = mapped_column(String(36), index=True)
    visitor_id: Mapped[str | None] = mapped_column(String(36), index=True)
    visitor_name: Mapped[str] = mapped_column(String(50), default="")
    visited_at: Mapped[dt.datetime] = mapped_column(DateTime)
    outcome: Mapped[str] = mapped_column(String(10))
    callback_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # When completed: the answers (filling.state's JSON) with the form version they answer.
    answers: Mapped[str] = mapped_column(Text, default="")
    form_version_id: Mapped[str | None] = mapped_column(String(36))
    replaces_id: Mapped[str | None] = mapped_column(String(36), index=True)
    follow_up: Mapped[bool] = mapped_column(Boolean, default=False)
    follow_up_note: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")

    @declared_attr.directive
    @classmethod
    def __table_args__(cls):
        return (
            Index("ix_visit_created_hlc", "created_hlc"),  # as every synced table has
            # A campaign's doors' latest visits read from the index alone (the coverage of
            # a sub-district: 50,000 visits grouped by door without a sort).
            Index("ix_visit_campaign_door_latest", "campaign_id", "door_id", "visited_at",
                  "id", "outcome", "deleted"),
            # Visits per day and visitor, from the index alone.
            Index("ix_visit_campaign_day", "campaign_id", "visited_at", "visitor_id",
                  "deleted", "door_id"),
        )


class RosterProposal(SyncedRecord, Base):
    """A change to the roster learnt at the door, waiting for the office: accepted, it becomes
    an ordinary stamped roster edit; rejected, it stays here as a record of what was said."""

    __tablename__ = "roster_proposal"

    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaign.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(String(36), index=True)
    dwelling_id: Mapped[str | None] = mapped_column(String(36))
    household_id: Mapped[str | None] = mapped_column(String(36))
    resident_id: Mapped[str | None] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(12))
    # What was learnt, as JSON: {"phone": …}, {"on": "2026-11-02"}, {"name": …, "sex": …,
    # "birth_date": …, "relationship": …}.
    detail: Mapped[str] = mapped_column(Text, default="{}")
    note: Mapped[str] = mapped_column(Text, default="")
    proposed_by: Mapped[str] = mapped_column(String(50), default="")
    proposed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    decided_by: Mapped[str] = mapped_column(String(50), default="")
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class VisitDraft(Base):
    """The visit being answered at a door on this laptop (never synced)."""

    __tablename__ = "visit_draft"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    campaign_id: Mapped[str] = mapped_column(String(36), index=True)
    door_id: Mapped[str] = mapped_column(String(36), index=True)
    household_id: Mapped[str | None] = mapped_column(String(36))
    visitor_id: Mapped[str | None] = mapped_column(String(36))
    replaces_id: Mapped[str | None] = mapped_column(String(36))
    outcome: Mapped[str] = mapped_column(String(10), default="")
    callback_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    answers: Mapped[str] = mapped_column(Text, default="")
    form_version_id: Mapped[str | None] = mapped_column(String(36))
    follow_up: Mapped[bool] = mapped_column(Boolean, default=False)
    follow_up_note: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # Proposals not yet sent, as a JSON list of {"kind", "resident_id", "detail", "note"}.
    proposals: Mapped[str] = mapped_column(Text, default="[]")
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_visit_draft_door", "campaign_id", "door_id"),)
