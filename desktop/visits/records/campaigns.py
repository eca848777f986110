"""The campaign tables (synced): a campaign, its visitors, and its doors.

A campaign's doors are written once when it is made (one row per household, or per dwelling
when vacant flats are visited too), each with its visitor and its place in the walking order.
The doors are what a visitor's bundle carries and what coverage counts, so both stay fixed
while the roster changes underneath (a household that moves away stays a door of the campaign,
and its visits stay with it). Handing doors to another visitor edits ``visitor_id`` (a stamped
edit like any other, so two offices reassigning the same door converge).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.storage.base import Base
from desktop.storage.records import SyncedRecord

# Who is visited: every household, or every dwelling including the vacant ones.
TARGETS = ("households", "dwellings")
# How the doors were shared: evenly by door count in walking order, or by named places.
SHARES = ("even", "places")
# Who a visitor is.
VISITOR_ROLES = ("staff", "volunteer")


class Campaign(SyncedRecord, Base):
    __tablename__ = "campaign"

    name: Mapped[str] = mapped_column(String(100))
    purpose: Mapped[str] = mapped_column(Text, default="")
    # A fixed version: answers always meet the questions they were given with.
    form_version_id: Mapped[str] = mapped_column(ForeignKey("form_version.id"), index=True)
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    target: Mapped[str] = mapped_column(String(12), default="households")
    share: Mapped[str] = mapped_column(String(8), default="even")
    # The chosen places as JSON: {"grids": [...], "compounds": [...], "buildings": [...],
    # "units": [[building_id, unit], ...]} (what a copy for next month chooses again).
    scope: Mapped[str] = mapped_column(Text, default="{}")
    copied_from_id: Mapped[str | None] = mapped_column(String(36))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class CampaignVisitor(SyncedRecord, Base):
    """A named person visiting for a campaign, with the places named as theirs (when the doors
    were shared by places) as JSON like ``Campaign.scope``."""

    __tablename__ = "campaign_visitor"

    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaign.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str] = mapped_column(String(40), default="")
    role: Mapped[str] = mapped_column(String(10), default="volunteer")
    sort_key: Mapped[int] = mapped_column(Integer, default=0)
    places: Mapped[str] = mapped_column(Text, default="{}")


class CampaignDoor(SyncedRecord, Base):
    """One door of a campaign: a household (in its dwelling), or a dwelling with no household
    when the campaign visits every dwelling."""

    __tablename__ = "campaign_door"

    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaign.id"), index=True)
    visitor_id: Mapped[str | None] = mapped_column(ForeignKey("campaign_visitor.id"),
                                                   index=True)
    dwelling_id: Mapped[str | None] = mapped_column(ForeignKey("dwelling.id"), index=True)
    household_id: Mapped[str | None] = mapped_column(ForeignKey("household.id"), index=True)
    walk_order: Mapped[int] = mapped_column(Integer, default=0)
