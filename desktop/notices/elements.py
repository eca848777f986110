"""What a notice shows, element by element, decided once for every output.

``notice_elements`` turns a masked notice into plain data: the title, the blocks of the body,
the 公示期 line, the objection lines, the contact line, the closing (特此公示。), the
attachments and the signature (落款). The PDF (desktop.notices.render) and the phone image
(desktop.notices.phone) only decide how each element looks, so both say the same thing, masked
the same way. No Qt and no reportlab here.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.i18n import _, format_date
from desktop.notices.masker import MaskedNotice
from desktop.notices.spec import NoticeSpec

# The kinds of a Text element. "item" and "subitem" (1. / （1）) read as paragraphs.
TEXT_KINDS = ("title", "heading", "subheading", "paragraph", "period", "objection", "contact",
              "closing")


@dataclass(frozen=True)
class Text:
    kind: str  # TEXT_KINDS
    text: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # without the header


@dataclass(frozen=True)
class Attachments:
    label: str  # "附件："
    items: tuple[str, ...]  # numbered ("1. 名单") when there are several


@dataclass(frozen=True)
class Signature:
    issuing_body: str
    date: str  # as people write it: 2026年11月23日


Element = Text | Table | Attachments | Signature


def closing_line(kind: str) -> str:
    if kind == "disclosure":
        return _("This is hereby disclosed.")  # 特此公示。
    if kind == "announcement":
        return _("This is hereby announced.")  # 特此公告。
    return ""


def is_closing(element: Element) -> bool:
    """The closing, the attachments and the signature: they stay with the last lines."""
    return (isinstance(element, (Attachments, Signature))
            or (isinstance(element, Text) and element.kind == "closing"))


def notice_elements(spec: NoticeSpec, masked: MaskedNotice) -> list[Element]:
    """The notice's elements in reading order, every text as it will be shown."""
    out: list[Element] = [Text("title", masked.title)]
    for block in masked.blocks:
        if block.kind == "table":
            out.append(Table(block.header, tuple(block.rows[1:])))
        elif block.kind in ("heading", "subheading"):
            out.append(Text(block.kind, block.text))
        else:
            out.append(Text("paragraph", block.text))
    if spec.kind == "disclosure" and spec.posted_from and spec.posted_until:
        out.append(Text("period", _("Disclosure period: {start} to {end}").format(
            start=format_date(spec.posted_from), end=format_date(spec.posted_until))))
    for line in masked.objection.strip().splitlines():
        if line.strip():
            out.append(Text("objection", line.strip()))
    if masked.contact_phone.strip():
        out.append(Text("contact", _("Contact phone: {phone}").format(
            phone=masked.contact_phone.strip())))
    closing = closing_line(spec.kind)
    if closing:
        out.append(Text("closing", closing))
    if masked.attachments:
        several = len(masked.attachments) > 1
        out.append(Attachments(_("Attachments: "), tuple(
            f"{number}. {title}" if several else title
            for number, title in enumerate(masked.attachments, 1))))
    out.append(Signature(masked.issuing_body, format_date(spec.issued_on)))
    return out
