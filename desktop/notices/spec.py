"""What a notice says: its kind (通知 / 公示 / 公告), title, body, issuing body and dates.

A ``NoticeSpec`` is all ``render_notice`` needs, and what ``linli notice render SPEC.json``
reads: ``NoticeSpec.from_json`` / ``to_json`` (dates as ISO text, 2026-11-23).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from desktop.core.i18n import N_, _

NOTICE_KINDS = ("notice", "disclosure", "announcement")
KIND_LABELS = {
    "notice": N_("Notice"),  # 通知
    "disclosure": N_("Disclosure"),  # 公示
    "announcement": N_("Announcement"),  # 公告
}
# What each field is called where the user sees it (the notice form's labels): messages about
# a field name it by its label, never by its key.
FIELD_LABELS = {
    "kind": N_("Kind"),
    "title": N_("Title"),
    "body": N_("Body"),
    "issuing_body": N_("Issued by"),
    "issued_on": N_("Date"),
    "posted_from": N_("Posting period"),
    "posted_until": N_("Posting period"),
    "objection": N_("Objections"),
    "contact_phone": N_("Contact phone"),
    "attachments": N_("Attachments"),
    "paper": N_("Paper"),
}
PAPERS = ("A4", "A3")
TITLE_LIMIT = 200
_PHONE_CHARS = re.compile(r"[0-9+\-() ]{5,40}")


def field_label(field: str) -> str:
    """The translated label of a notice field (its key if it has none)."""
    label = FIELD_LABELS.get(field)
    return _(label) if label else field


def problems_text(problems: dict[str, str]) -> str:
    """``check_spec``'s problems as lines a user reads: "Title: Enter a title." """
    return "\n".join(_("{field}: {problem}").format(field=field_label(field), problem=problem)
                     for field, problem in problems.items())


@dataclass(frozen=True)
class NoticeSpec:
    kind: str
    title: str
    body: str
    issuing_body: str
    issued_on: dt.date
    posted_from: dt.date | None = None
    posted_until: dt.date | None = None
    objection: str = ""  # how to object (公示)
    contact_phone: str = ""  # the office's phone: printed as it is, never masked
    attachments: tuple[str, ...] = ()
    paper: str = "A4"  # "A4" | "A3" (a notice-board poster)
    mask: bool = True

    @classmethod
    def from_json(cls, data: dict) -> NoticeSpec:
        """A spec from JSON data; raises ValueError (translated) on a wrong field."""
        if not isinstance(data, dict):
            raise ValueError(_("A notice must be a JSON object."))  # noqa: TRY004 - callers catch ValueError

        def date(key: str, required: bool = False) -> dt.date | None:
            value = data.get(key)
            if value in (None, ""):
                if required:
                    raise ValueError(_("The notice has no {field}.").format(
                        field=field_label(key)))
                return None
            try:
                return dt.date.fromisoformat(str(value))
            except ValueError:
                raise ValueError(_("{field}: {value} is not a date like 2026-11-23.").format(
                    field=field_label(key), value=value)) from None

        attachments = data.get("attachments") or ()
        if isinstance(attachments, str):
            attachments = [attachments]
        if not isinstance(attachments, (list, tuple)):
            raise ValueError(_("{field}: give a list of titles, like [\"名单\"].").format(
                field=field_label("attachments")))
        return cls(
            kind=str(data.get("kind") or "notice"),
            title=str(data.get("title") or ""),
            body=str(data.get("body") or ""),
            issuing_body=str(data.get("issuing_body") or ""),
            issued_on=date("issued_on") or dt.date.today(),
            posted_from=date("posted_from"),
            posted_until=date("posted_until"),
            objection=str(data.get("objection") or ""),
            contact_phone=str(data.get("contact_phone") or ""),
            attachments=tuple(str(a) for a in attachments if str(a).strip()),
            paper=str(data.get("paper") or "A4").upper(),
            mask=bool(data.get("mask", True)),
        )

    def to_json(self) -> dict:
        return {
            "kind": self.kind, "title": self.title, "body": self.body,
            "issuing_body": self.issuing_body, "issued_on": self.issued_on.isoformat(),
            "posted_from": self.posted_from.isoformat() if self.posted_from else None,
            "posted_until": self.posted_until.isoformat() if self.posted_until else None,
            "objection": self.objection, "contact_phone": self.contact_phone,
            "attachments": list(self.attachments), "paper": self.paper, "mask": self.mask,
        }


def check_spec(spec: NoticeSpec) -> dict[str, str]:
    """What is wrong with ``spec``, by field (empty: ready to print). Messages are translated."""
    problems: dict[str, str] = {}
    if spec.kind not in NOTICE_KINDS:
        problems["kind"] = _("Choose a notice, a disclosure or an announcement.")
    if not spec.title.strip():
        problems["title"] = _("Enter a title.")
    elif len(spec.title) > TITLE_LIMIT:
        problems["title"] = _("The title is too long (at most {limit} characters).").format(
            limit=TITLE_LIMIT)
    if not spec.body.strip():
        problems["body"] = _("Enter the text of the notice.")
    if not spec.issuing_body.strip():
        problems["issuing_body"] = _("Enter who issues the notice (the office's name).")
    if spec.paper not in PAPERS:
        problems["paper"] = _("Choose A4 or A3 paper.")
    if spec.contact_phone.strip() and not _PHONE_CHARS.fullmatch(spec.contact_phone.strip()):
        problems["contact_phone"] = _("The contact phone may hold only digits, spaces, "
                                      "+, - and brackets.")
    if spec.kind == "disclosure":
        if spec.posted_from is None:
            problems["posted_from"] = _("A disclosure needs the first day it is posted.")
        if spec.posted_until is None:
            problems["posted_until"] = _("A disclosure needs the last day it is posted.")
        elif spec.posted_from is not None and spec.posted_until < spec.posted_from:
            problems["posted_until"] = _("The posting period ends before it starts.")
        if not spec.contact_phone.strip() and "contact_phone" not in problems:
            problems["contact_phone"] = _("A disclosure needs a contact phone for "
                                          "objections.")
    elif (spec.posted_from and spec.posted_until and spec.posted_until < spec.posted_from):
        problems["posted_until"] = _("The posting period ends before it starts.")
    return problems
