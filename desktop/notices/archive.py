"""The notice archive: drafts, posting with the exact PDF printed, withdrawal, and what is up now.

A notice is *posted* when it is printed for the board: the PDF bytes that went to the printer are
kept with their SHA-256, so the office can show later exactly what was posted and when. A posted
notice whose posting period has ended reads as *expired*; nothing needs to run for that.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.notices.models import Notice, NoticePrint
from desktop.notices.spec import NoticeSpec, check_spec
from desktop.roster.models import Resident
from desktop.storage.database import Database, UnitOfWork

EXPIRING_DAYS = 3  # "expires soon": the posting period ends within this many days


@dataclass(frozen=True)
class NoticeRow:
    id: str
    kind: str
    title: str
    status: str  # "draft" | "posted" | "expired" | "withdrawn"
    posted_from: dt.date | None
    posted_until: dt.date | None
    issued_on: dt.date
    printed_at: dt.datetime | None
    sha256: str | None

    def expires_soon(self, today: dt.date, days: int = EXPIRING_DAYS) -> bool:
        return (self.status == "posted" and self.posted_until is not None
                and self.posted_until - today <= dt.timedelta(days=days))


@dataclass(frozen=True)
class PrintRecord:
    notice_id: str
    print_id: str
    printed_at: dt.datetime
    sha256: str


def effective_status(status: str, posted_until: dt.date | None, today: dt.date) -> str:
    if status == "posted" and posted_until is not None and posted_until < today:
        return "expired"
    return status


def _get(session: Session, notice_id: str) -> Notice:
    notice = session.get(Notice, notice_id)
    if notice is None or notice.deleted:
        raise ValidationError(_("This notice no longer exists."), field="notice")
    return notice


def save_notice(uow: UnitOfWork, spec: NoticeSpec, notice_id: str | None = None) -> str:
    """Save ``spec`` as a draft (new, or over the notice's current text); returns its id.

    A posted notice keeps its status: editing it does not change what was printed (the archive
    keeps that), and printing it again records a new print.
    """
    problems = check_spec(spec)
    if problems:
        field, message = next(iter(problems.items()))
        raise ValidationError(message, field=field)
    session = uow.session
    if notice_id is None:
        notice = Notice(status="draft")
        session.add(notice)
    else:
        notice = _get(session, notice_id)
        if notice.status == "withdrawn":
            raise ValidationError(_("A withdrawn notice cannot be changed; copy it into a new "
                                    "one instead."), field="notice")
    notice.kind, notice.title, notice.body = spec.kind, spec.title.strip(), spec.body
    notice.issuing_body, notice.issued_on = spec.issuing_body.strip(), spec.issued_on
    notice.posted_from, notice.posted_until = spec.posted_from, spec.posted_until
    notice.objection, notice.contact_phone = spec.objection, spec.contact_phone.strip()
    notice.attachments = json.dumps(list(spec.attachments), ensure_ascii=False)
    notice.paper, notice.mask = spec.paper, spec.mask
    session.flush()
    return notice.id


def load_notice(session: Session, notice_id: str) -> NoticeSpec:
    n = _get(session, notice_id)
    return NoticeSpec(kind=n.kind, title=n.title, body=n.body, issuing_body=n.issuing_body,
                      issued_on=n.issued_on, posted_from=n.posted_from,
                      posted_until=n.posted_until, objection=n.objection,
                      contact_phone=n.contact_phone,
                      attachments=tuple(json.loads(n.attachments or "[]")), paper=n.paper,
                      mask=n.mask)


def post_notice(uow: UnitOfWork, notice_id: str, pdf: bytes,
                now: dt.datetime | None = None) -> PrintRecord:
    """Record that ``pdf`` was printed for the board: the notice is posted, the file kept."""
    if not pdf.startswith(b"%PDF-"):
        raise ValidationError(_("Only a PDF can be kept as the printed notice."), field="pdf")
    notice = _get(uow.session, notice_id)
    if notice.status == "withdrawn":
        raise ValidationError(_("This notice was withdrawn; it cannot be posted again."),
                              field="notice")
    printed_at = (now or dt.datetime.now()).replace(microsecond=0)
    digest = hashlib.sha256(pdf).hexdigest()
    record = NoticePrint(notice_id=notice_id, printed_at=printed_at, sha256=digest, pdf=pdf,
                         printed_by=uow.operator)
    uow.session.add(record)
    notice.status = "posted"
    uow.session.flush()
    return PrintRecord(notice_id, record.id, printed_at, digest)


def withdraw_notice(uow: UnitOfWork, notice_id: str) -> None:
    """Take a notice down (its prints stay in the archive)."""
    _get(uow.session, notice_id).status = "withdrawn"


def list_notices(session: Session, today: dt.date) -> list[NoticeRow]:
    """Every notice, newest first, with its status as of ``today`` and its last print."""
    last = (select(NoticePrint.notice_id, func.max(NoticePrint.printed_at).label("at"))
            .where(NoticePrint.deleted.is_(False)).group_by(NoticePrint.notice_id).subquery())
    rows = session.execute(
        select(Notice, last.c.at)
        .outerjoin(last, last.c.notice_id == Notice.id)
        .where(Notice.deleted.is_(False))
        .order_by(Notice.issued_on.desc(), Notice.created_hlc.desc()))
    found = []
    for notice, printed_at in rows:
        digest = None
        if printed_at is not None:
            digest = session.execute(
                select(NoticePrint.sha256).where(NoticePrint.notice_id == notice.id,
                                                 NoticePrint.printed_at == printed_at)
                .order_by(NoticePrint.created_hlc.desc())).scalars().first()
        found.append(NoticeRow(notice.id, notice.kind, notice.title,
                               effective_status(notice.status, notice.posted_until, today),
                               notice.posted_from, notice.posted_until, notice.issued_on,
                               printed_at, digest))
    return found


def printed_pdf(session: Session, notice_id: str) -> bytes | None:
    """The last PDF printed of a notice, checked against its recorded hash."""
    record = session.execute(
        select(NoticePrint).where(NoticePrint.notice_id == notice_id,
                                  NoticePrint.deleted.is_(False))
        .order_by(NoticePrint.printed_at.desc(), NoticePrint.created_hlc.desc())
    ).scalars().first()
    if record is None:
        return None
    if hashlib.sha256(record.pdf).hexdigest() != record.sha256:
        raise ValidationError(_("The kept PDF of this notice does not match its recorded "
                                "fingerprint; it was changed after printing."), field="pdf")
    return record.pdf


def known_names(session: Session) -> frozenset[str]:
    """The names on the roster (two characters or more): what masking looks for in a text."""
    names = session.execute(
        select(Resident.name).where(Resident.deleted.is_(False)).distinct()).scalars()
    return frozenset(name.strip() for name in names if len(name.strip()) >= 2)


def read_printed_pdf(db: Database, notice_id: str) -> bytes | None:
    """``printed_pdf`` in its own short read session (the window's "Show what was printed")."""
    with db.reading() as session:
        return printed_pdf(session, notice_id)
