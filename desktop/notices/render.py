"""A notice as a PDF in the official layout (GB/T 9704), with personal data masked.

Masking (on by default, ``spec.mask``) uses the one rule of desktop.core.masking:
phone numbers (mobile and landline) → 138****5678; the names of residents on the roster
(``known_names``) wherever they occur in the title, body, tables and attachments → 张*明; every
cell of a table column headed 姓名/户主/联系人… → 张*明. The office's own contact phone is never
masked. ID numbers are removed from notices whether masking is on or not. ``masked_items``
lists what will be changed, for the user to see before printing.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from desktop.core.i18n import _, format_date
from desktop.core.masking import mask_name, mask_phone
from desktop.core.tasks import TaskContext
from desktop.notices.body import Block, parse_body
from desktop.notices.spec import NoticeSpec
from desktop.printing.document import PageSpec, build_pdf
from desktop.printing.fonts import FontSet, font_set
from desktop.printing.tables import table
from desktop.printing.text import para, style

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
PHONE = re.compile(
    r"(?<![\d])(?:(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}|0\d{2,3}[- ]?\d{7,8})(?!\d)")
MAX_NAME = 6
# Table headers whose column holds people's names, ID numbers or phones (any language).
_NAME_HEADERS = ("姓名", "名字", "户主", "业主", "联系人", "申请人", "居民", "家属", "name",
                 "head of household", "owner", "applicant")
_ID_HEADERS = ("身份证", "证件号", "公民身份号码", "id number", "id no", "identity")
_PHONE_HEADERS = ("电话", "手机", "联系方式", "phone", "mobile", "tel")

LINES_PER_PAGE = 22
BODY_PT, TITLE_PT, TABLE_PT = 16.0, 22.0, 12.0


@dataclass(frozen=True)
class MaskedItem:
    kind: str  # "name" | "phone" | "id_number"
    original: str
    shown: str


def withheld() -> str:
    """What an ID number becomes on a notice."""
    return _("(withheld)")


class _Masker:
    def __init__(self, spec: NoticeSpec, known_names: Collection[str]) -> None:
        self.mask = spec.mask
        self.keep = {_digits(spec.contact_phone)} if spec.contact_phone.strip() else set()
        names = {n.strip() for n in known_names if n and 2 <= len(n.strip()) <= MAX_NAME}
        self.names = names
        self.lengths = sorted({len(n) for n in names}, reverse=True)
        self.items: dict[tuple[str, str], str] = {}
        self.hidden = withheld()

    def _note(self, kind: str, original: str, shown: str) -> str:
        self.items.setdefault((kind, original), shown)
        return shown

    def text(self, value: str) -> str:
        value = ID_NUMBER.sub(lambda m: self._note("id_number", m.group(), self.hidden), value)
        if not self.mask:
            return value
        value = PHONE.sub(self._phone, value)
        return self._names(value) if self.names else value

    def _phone(self, match: re.Match) -> str:
        original = match.group()
        if _digits(original) in self.keep:
            return original
        return self._note("phone", original, mask_phone(original))

    def _names(self, value: str) -> str:
        out: list[str] = []
        i, n = 0, len(value)
        names, lengths = self.names, self.lengths
        while i < n:
            for length in lengths:
                piece = value[i:i + length]
                if len(piece) == length and piece in names:
                    out.append(self._note("name", piece, mask_name(piece)))
                    i += length
                    break
            else:
                out.append(value[i])
                i += 1
        return "".join(out)

    def cell(self, value: str, column: str) -> str:
        if column == "id_number":
            return self._note("id_number", value, self.hidden) if value.strip() else value
        if self.mask and value.strip():
            if column == "name":
                return self._note("name", value.strip(), mask_name(value))
            if column == "phone" and not (_digits(value) in self.keep):
                return self._note("phone", value.strip(), mask_phone(value))
        return self.text(value)

    def result(self) -> list[MaskedItem]:
        return [MaskedItem(kind, original, shown)
                for (kind, original), shown in self.items.items()]


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _column_kind(header: str) -> str:
    lowered = header.strip().lower()
    if any(h in lowered for h in _ID_HEADERS):
        return "id_number"
    if any(h in lowered for h in _PHONE_HEADERS):
        return "phone"
    if any(h in lowered for h in _NAME_HEADERS):
        return "name"
    return ""


@dataclass(frozen=True)
class _Masked:
    title: str
    blocks: list[Block]
    objection: str
    attachments: tuple[str, ...]


def _apply(spec: NoticeSpec, masker: _Masker) -> _Masked:
    blocks = []
    for block in parse_body(spec.body):
        if block.kind == "table":
            kinds = [_column_kind(h) for h in block.header]
            rows = [tuple(masker.text(c) for c in block.header)]
            rows += [tuple(masker.cell(c, kinds[i]) for i, c in enumerate(row))
                     for row in block.rows[1:]]
            blocks.append(Block("table", rows=tuple(rows)))
        else:
            blocks.append(Block(block.kind, masker.text(block.text)))
    return _Masked(masker.text(spec.title), blocks, masker.text(spec.objection),
                   tuple(masker.text(a) for a in spec.attachments))


def masked_items(spec: NoticeSpec, known_names: Collection[str] = ()) -> list[MaskedItem]:
    """What printing will change: each name and phone masked, each ID number removed."""
    masker = _Masker(spec, known_names)
    _apply(spec, masker)
    return masker.result()


def closing_line(kind: str) -> str:
    if kind == "disclosure":
        return _("This is hereby disclosed.")  # 特此公示。
    if kind == "announcement":
        return _("This is hereby announced.")  # 特此公告。
    return ""


class _Styles:
    def __init__(self, fonts: FontSet, scale: float) -> None:
        size = BODY_PT * scale
        leading = 225 * mm * scale / LINES_PER_PAGE
        indent = 2 * size
        self.size, self.leading, self.indent = size, leading, indent
        self.title = style("title", fonts.title, TITLE_PT * scale, leading=leading * 1.15,
                           align=TA_CENTER, space_after=leading)
        self.body = style("body", fonts.body, size, leading=leading, first_indent=indent)
        self.heading = style("heading", fonts.heading, size, leading=leading,
                             first_indent=indent, keep_with_next=True)
        self.subheading = style("subheading", fonts.kai, size, leading=leading,
                                first_indent=indent, keep_with_next=True)
        self.right = style("right", fonts.body, size, leading=leading, align=TA_RIGHT)
        self.center = style("center", fonts.body, size, leading=leading, align=TA_CENTER)


def _attachments(items: tuple[str, ...], st: _Styles, fonts: FontSet) -> list[Flowable]:
    label = _("Attachments: ")
    label_width = stringWidth(label, fonts.body, st.size)
    out: list[Flowable] = [Spacer(1, st.leading)]
    for number, title in enumerate(items, 1):
        text = f"{number}. {title}" if len(items) > 1 else title
        item_style = style(f"att{number}", fonts.body, st.size, leading=st.leading,
                           left_indent=st.indent + label_width,
                           first_indent=-label_width if number == 1 else 0)
        out.append(para(label + text if number == 1 else text, item_style))
    return out


def _signature(spec: NoticeSpec, st: _Styles, page: PageSpec, fonts: FontSet) -> Flowable:
    """The issuing body centred over the date, the date 4 characters in from the right."""
    issued = format_date(spec.issued_on)
    width = max(stringWidth(spec.issuing_body, fonts.body, st.size),
                stringWidth(issued, fonts.body, st.size)) + st.size
    frame = page.frame_width
    width = min(width, frame - 4 * st.size)
    sig = Table([[para(spec.issuing_body, st.center), ""], [para(issued, st.center), ""]],
                colWidths=[width, 4 * st.size], hAlign="RIGHT")
    sig.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.body, st.size),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 0),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return sig


def notice_story(spec: NoticeSpec, page: PageSpec, masked: _Masked) -> list[Flowable]:
    fonts = font_set()
    st = _Styles(fonts, page.scale)
    story: list[Flowable] = [para(masked.title, st.title)]
    for block in masked.blocks:
        if block.kind == "table":
            story.append(Spacer(1, st.leading * 0.25))
            story.append(table(block.header, block.rows[1:], None, fonts, font=fonts.body,
                               header_font=fonts.heading, font_size=TABLE_PT * page.scale))
            story.append(Spacer(1, st.leading * 0.25))
        elif block.kind == "heading":
            story.append(para(block.text, st.heading))
        elif block.kind == "subheading":
            story.append(para(block.text, st.subheading))
        else:
            story.append(para(block.text, st.body))
    if spec.kind == "disclosure" and spec.posted_from and spec.posted_until:
        story.append(para(_("Disclosure period: {start} to {end}").format(
            start=format_date(spec.posted_from), end=format_date(spec.posted_until)), st.body))
    if masked.objection.strip():
        for line in masked.objection.strip().splitlines():
            if line.strip():
                story.append(para(line.strip(), st.body))
    if spec.contact_phone.strip():
        story.append(para(_("Contact phone: {phone}").format(phone=spec.contact_phone.strip()),
                          st.body))
    closing = closing_line(spec.kind)
    signature = [Spacer(1, st.leading), _signature(spec, st, page, fonts)]
    # The closing line and the attachments stay on the page of the signature: a signature
    # alone on a last page is what GB/T 9704 tells offices to avoid.
    tail = [para(closing, st.body)] if closing else []
    if masked.attachments:
        tail += _attachments(masked.attachments, st, fonts)
    story.append(KeepTogether(tail + signature))
    return story


def render_notice(spec: NoticeSpec, *, known_names: Collection[str] = (),
                  ctx: TaskContext | None = None) -> bytes:
    """The notice as PDF bytes (the same spec and names give the same bytes)."""
    masker = _Masker(spec, known_names)
    masked = _apply(spec, masker)
    page = PageSpec(size=spec.paper, official=True)
    return build_pdf(notice_story(spec, page, masked), page, masked.title, ctx)
