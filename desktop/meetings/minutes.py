"""The minutes of a meeting (会议纪要) as a PDF in the official layout of the notices, the posted
version for the notice board, and the meeting's sign-in sheet.

The minutes are laid out by the notices' own renderer (desktop.notices.render.notice_story):
the same GB/T 9704 page, title, headings, body, tables (their header row repeated on every
page) and 落款, so a posted minutes looks like every other notice on the board. What they say
is decided here, block by block: the details, attendance by party, the agenda with its
discussion (typed with the notice body's list conventions), the decisions numbered with their
vote counts and whether they passed, the action items (问题 · 责任单位/责任人 · 整改措施 · 时限)
and the signature lines.

The posted version (``posted=True``) is for residents: decisions and the action list without
the discussion, residents' names masked (张*明) wherever they appear, every phone number left
out (a masked number is still a number; the office's own stay), ID numbers withheld, the
official parties and staff named. ``post_minutes`` keeps it in the notices archive as a 公告,
with the exact bytes printed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import N_, _, current_language, format_date
from desktop.core.masking import OfficeContacts, find_numbers, mask_name
from desktop.core.tasks import TaskContext
from desktop.meetings.minutes_content import MinutesContent, minutes_content
from desktop.meetings.tables import Meeting
from desktop.notices.archive import known_names, post_notice, save_notice
from desktop.notices.body import Block, parse_body
from desktop.notices.masker import MaskedNotice, Masker, withheld
from desktop.notices.render import LINES_PER_PAGE, notice_story
from desktop.notices.spec import NoticeSpec
from desktop.printing.document import ClosingBlock, PageSpec, build_pdf
from desktop.printing.tables import FitTable
from desktop.roster.printing.lists import render_sign_in_sheet
from desktop.storage.database import UnitOfWork

# Parties whose people are named on the posted version: they act for an office, a company or a
# committee. Residents and their representatives are masked.
RESIDENT_PARTIES = ("resident", "representative")
_CN_NUMERALS = "一二三四五六七八九十"
SIGN_LINE = "＿＿＿＿＿＿＿＿"
# No. · problem · responsible unit / person · remedy · due · status, relative widths: the text
# columns wrap, the date (2026-11-30) and the number do not.
ACTION_WIDTHS = (4, 13, 10, 11, 9, 8)
# The headings above an action table go over to the next page unless this many lines (of the
# page's 22) are left under them: the headings, the table's header and two rows.
TABLE_START_LINES = 7


@dataclass(frozen=True)
class _Text:
    """How one text is shown: for the office (ID numbers withheld, as on every notice) or for
    the notice board (phones left out and residents' names masked too)."""

    masker: Masker
    office: OfficeContacts
    posted: bool

    def __call__(self, value: str) -> str:
        if not value:
            return value
        return self.masker.text(self._no_phones(value) if self.posted else value)

    def _no_phones(self, value: str) -> str:
        """Every phone number left out but the office's own (ID numbers the masker withholds)."""
        out, last = [], 0
        for number in find_numbers(value):
            if number.kind == "id_number" or self.office.keeps_phone(number.digits):
                continue
            out += [value[last:number.start], withheld()]
            last = number.end
        return "".join(out) + value[last:]


def _separator() -> str:
    return "、" if current_language().startswith("zh") else ", "


def _heading(number: int, text: str) -> Block:
    """一、 in Chinese (GB/T 9704's first level), I. otherwise."""
    if current_language().startswith("zh") and number <= len(_CN_NUMERALS):
        return Block("heading", f"{_CN_NUMERALS[number - 1]}、{text}")
    roman = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
    return Block("heading", f"{roman[number - 1]}. {text}")


def _subheading(number: int, text: str) -> Block:
    if current_language().startswith("zh") and number <= len(_CN_NUMERALS):
        return Block("subheading", f"（{_CN_NUMERALS[number - 1]}）{text}")
    return Block("subheading", f"({number}) {text}")


def _title(content: MinutesContent, show, posted: bool) -> str:
    if posted:
        return _("Announcement of the decisions of {title}").format(title=show(content.title))
    return _("Minutes of {title}").format(title=show(content.title))


def _details(content: MinutesContent, show) -> list[Block]:
    lines = []
    if content.number:
        lines.append(_("Number: {number}").format(number=content.number))
    lines.append(_("Time: {date} {time}").format(date=format_date(content.starts_at.date()),
                                                 time=content.starts_at.strftime("%H:%M")))
    for label, value in ((N_("Place: {value}"), content.place),
                         (N_("Convened by: {value}"), content.convener),
                         (N_("Chair: {value}"), content.chair),
                         (N_("Recorded by: {value}"), content.recorder)):
        if value.strip():
            lines.append(_(label).format(value=show(value.strip())))
    return [Block("paragraph", line) for line in lines]


def _attendance(content: MinutesContent, name_of) -> list[Block]:
    blocks = [_heading(1, _("Attendance"))]
    groups = [(status, parties) for status, parties in content.attendance if parties]
    if not groups:
        return [*blocks, Block("paragraph", _("No attendees were recorded."))]
    for number, (status, parties) in enumerate(groups, 1):
        count = sum(len(people) for _party, people in parties)
        blocks.append(_subheading(number, _("{status} ({count})").format(status=status,
                                                                          count=count)))
        for party, people in parties:
            names = _separator().join(name_of(person) for person in people)
            blocks.append(Block("paragraph", _("{party} ({count}): {names}").format(
                party=party, count=len(people), names=names)))
    return blocks


def _agenda(content: MinutesContent, show, posted: bool) -> list[Block]:
    blocks = [_heading(2, _("Agenda"))]
    if not content.agenda:
        return [*blocks, Block("paragraph", _("No agenda items were recorded."))]
    for number, item in enumerate(content.agenda, 1):
        line = f"{number}. {show(item.title)}"
        if item.raised_by.strip():
            line += _(" (raised by {name})").format(name=show(item.raised_by.strip()))
        blocks.append(Block("paragraph", line))
        if item.campaign:
            blocks.append(Block("paragraph", _("About the visiting campaign {name}.").format(
                name=item.campaign)))
        if item.vote:
            blocks.append(Block("paragraph", _("About the owners' vote {vote}.").format(
                vote=item.vote)))
        if not posted:  # the discussion stays in the office: it names people and numbers
            blocks.extend(_discussion(item.discussion, show))
    return blocks


def _discussion(text: str, show) -> list[Block]:
    """The discussion as typed, with the notice body's conventions; its own headings read as
    paragraphs so they do not break the minutes' numbering."""
    out = []
    for block in parse_body(text):
        if block.kind == "table":
            out.append(Block("table", rows=tuple(tuple(show(c) for c in row)
                                                 for row in block.rows)))
        else:
            kind = "paragraph" if block.kind in ("heading", "subheading") else block.kind
            out.append(Block(kind, show(block.text)))
    return out


def _decisions(content: MinutesContent, show) -> list[Block]:
    blocks = [_heading(3, _("Decisions"))]
    if not content.decisions:
        return [*blocks, Block("paragraph", _("No decisions were recorded."))]
    for number, decision in enumerate(content.decisions, 1):
        blocks.append(Block("paragraph", f"{number}. {show(decision.text)}"))
        if decision.vote:
            blocks.append(Block("paragraph", decision.vote))
    return blocks


def _actions(content: MinutesContent, show) -> list[Block]:
    blocks = [_heading(4, _("Problems, responsibilities and remedies"))]
    header = (_("No."), _("Problem"), _("Responsible unit / person"), _("Remedy"),
              _("Due"), _("Status"))
    groups = [(title, rows) for title, rows in content.actions if rows]
    if not groups:
        return [*blocks, Block("paragraph", _("No action items."))]
    for number, (title, rows) in enumerate(groups, 1):
        blocks.append(_subheading(number, title))
        table = [header]
        for index, row in enumerate(rows, 1):
            table.append((str(index), show(row.problem), show(row.responsible), show(row.remedy),
                          row.due, row.status))
        blocks.append(Block("table", rows=tuple(table)))
    return blocks


def _signature_lines(content: MinutesContent) -> list[Block]:
    return [Block("paragraph", _("Chair (signature): {line}").format(line=SIGN_LINE)),
            Block("paragraph", _("Recorder (signature): {line}").format(line=SIGN_LINE))]


def minutes_notice(session: Session, meeting_id: str, posted: bool = False,
                   ) -> tuple[NoticeSpec, MaskedNotice]:
    """What the minutes say: a notice (通知 for the office, 公告 for the board) and its blocks
    as they print."""
    content = minutes_content(session, meeting_id)
    office = OfficeContacts.of(staff=content.officials)
    names = set(known_names(session)) | set(content.residents) if posted else set()
    probe = NoticeSpec(kind="announcement", title="-", body="-", mask=posted,
                       issuing_body=content.issuing_body, issued_on=content.day)
    show = _Text(Masker(probe, names, office), office, posted)

    def name_of(person) -> str:
        text = person.name
        if posted and person.party in RESIDENT_PARTIES:
            text = mask_name(text)
        elif posted:
            text = show(text)
        if person.title.strip() or person.organisation.strip():
            extra = " ".join(p for p in (show(person.organisation.strip()),
                                         show(person.title.strip())) if p)
            text = _("{name} ({role})").format(name=text, role=extra)
        return text

    blocks = _details(content, show) + _attendance(content, name_of)
    blocks += _agenda(content, show, posted) + _decisions(content, show)
    blocks += _actions(content, show)
    if not posted:
        blocks += _signature_lines(content)
    title = _title(content, show, posted)
    spec = NoticeSpec(kind="announcement" if posted else "notice", title=title,
                      body=_body_text(blocks), issuing_body=content.issuing_body,
                      issued_on=content.day, mask=posted)
    masked = MaskedNotice(title, blocks, content.issuing_body, "", "", ())
    return spec, masked


def _body_text(blocks: list[Block]) -> str:
    """The blocks as a notice body is typed (tables with "|"): what the archive keeps as text."""
    lines = []
    for block in blocks:
        if block.kind == "table":
            lines += ["|".join(c.replace("|", "/").replace("\n", " ") for c in row)
                      for row in block.rows]
            lines.append("")
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _story(spec: NoticeSpec, masked: MaskedNotice, page: PageSpec) -> list[Flowable]:
    """The notice's story with the action tables set for their columns: fixed widths (a column
    measured from its cells squeezed an empty remedy to "Reme/dy"), and the headings above a
    table moved to the next page with it when the header and a couple of rows would not fit
    under them (a long table is split, so keeping it together cannot do this)."""
    story = notice_story(spec, page, masked)
    out: list[Flowable] = []
    for flowable in story:
        parts = flowable.lead if isinstance(flowable, ClosingBlock) else [flowable]
        if [part for part in parts if _set_columns(part)]:  # every table set, not the first
            start = len(out)
            while start and (isinstance(out[start - 1], Spacer)
                             or out[start - 1].getKeepWithNext()):
                start -= 1
            out.insert(start, CondPageBreak(TABLE_START_LINES * 225 * mm / LINES_PER_PAGE))
        out.append(flowable)
    return out


def _set_columns(flowable: Flowable) -> bool:
    if isinstance(flowable, FitTable) and len(flowable.headers) == len(ACTION_WIDTHS):
        flowable.col_widths = ACTION_WIDTHS
        flowable.align_center = (0,)
        return True
    return False


def render_minutes(session: Session, meeting_id: str, posted: bool = False,
                   ctx: TaskContext | None = None) -> bytes:
    """The minutes as PDF bytes (A4, GB/T 9704); ``posted``: the notice-board version."""
    spec, masked = minutes_notice(session, meeting_id, posted)
    page = PageSpec(size="A4", official=True)
    return build_pdf(_story(spec, masked, page), page, masked.title, ctx)


def post_minutes(uow: UnitOfWork, meeting_id: str, now: dt.datetime | None = None) -> str:
    """Keep the posted minutes in the notices archive as a 公告 (its text, and the very PDF
    printed with its fingerprint); returns the notice's id."""
    spec, masked = minutes_notice(uow.session, meeting_id, posted=True)
    notice_id = save_notice(uow, spec)
    page = PageSpec(size="A4", official=True)
    pdf = build_pdf(_story(spec, masked, page), page, masked.title)
    post_notice(uow, notice_id, pdf, now)
    return notice_id


def render_meeting_sign_in(session: Session, meeting_id: str, blank_rows: int = 5) -> bytes:
    """The meeting's 签到表 (the roster's sign-in sheet): its people party by party, each with
    their party and organisation, a line to sign, and a few blank rows for walk-ins. Residents
    and their representatives are masked; staff and official parties are named."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted:
        raise ValidationError(_("This meeting no longer exists."), field="meeting")
    content = minutes_content(session, meeting_id)
    people = content.invited
    names = [p.name for p in people]
    places = [" ".join(x for x in (p.party_label, p.organisation, p.title) if x.strip())
              for p in people]
    return render_sign_in_sheet(_("Sign-in sheet: {title}").format(title=content.title),
                                date=content.day, place=content.place, names=names,
                                blank_rows=blank_rows, addresses=places,
                                phones=[p.phone for p in people],
                                named=[p.party not in RESIDENT_PARTIES for p in people])
