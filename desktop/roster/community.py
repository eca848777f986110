"""The community this office serves: first-run setup and the facts shown in the status bar."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.roster.models import Community
from desktop.storage.database import UnitOfWork
from desktop.storage.device import rename_device


@dataclass(frozen=True)
class CommunitySummary:
    id: str
    name: str
    issuing_body: str


def current_community(session: Session) -> CommunitySummary | None:
    """The office's community (the first one created); None before first-run setup.

    One indexed read: it runs at every start (counts live in desktop.roster.overview)."""
    row = session.execute(
        select(Community.id, Community.name, Community.issuing_body)
        .where(Community.deleted.is_(False))
        .order_by(Community.created_hlc)
        .limit(1)
    ).first()
    if row is None:
        return None
    return CommunitySummary(row.id, row.name, row.issuing_body)


@dataclass(frozen=True)
class SetupAnswers:
    community_name: str
    issuing_body: str
    device_name: str
    operator: str


def validate_setup(answers: SetupAnswers) -> dict[str, str]:
    """Field name → translated problem; empty when the answers can be saved."""
    problems: dict[str, str] = {}
    if not answers.community_name.strip():
        problems["community_name"] = _("Enter the community's name.")
    if not answers.device_name.strip():
        problems["device_name"] = _("Give this computer a name, e.g. 社区办公室1.")
    if not answers.operator.strip():
        problems["operator"] = _("Enter your name; it is recorded with every change you make.")
    for field, value in vars(answers).items():
        if len(value) > 100:
            problems[field] = _("This is too long (at most 100 characters).")
    return problems


def save_setup(uow: UnitOfWork, answers: SetupAnswers) -> str:
    """Create or rename the community and name this device; returns the community id."""
    problems = validate_setup(answers)
    if problems:
        field, message = next(iter(problems.items()))
        raise ValidationError(message, field=field)
    session = uow.session
    community = session.execute(
        select(Community).where(Community.deleted.is_(False)).order_by(Community.created_hlc)
    ).scalars().first()
    if community is None:
        community = Community(name="")
        session.add(community)
    community.name = answers.community_name.strip()
    community.issuing_body = (answers.issuing_body or answers.community_name).strip()
    rename_device(session.connection(), answers.device_name.strip())
    session.flush()
    return community.id


def save_device_only(uow: UnitOfWork, answers: SetupAnswers) -> None:
    """Name this device without creating a community: a laptop that starts from the office's
    bundle takes the office's community from it instead of making a second one."""
    problems = {k: v for k, v in validate_setup(answers).items()
                if k in ("device_name", "operator")}
    if problems:
        field, message = next(iter(problems.items()))
        raise ValidationError(message, field=field)
    rename_device(uow.session.connection(), answers.device_name.strip())
