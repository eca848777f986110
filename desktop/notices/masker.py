"""What a notice prints in place of personal data: every text field goes through one masker.

The rule (desktop.core.masking): ID numbers are withheld whether masking is on or not; with
masking on (the default) mobile numbers become 138****5678 and the names of residents on the
roster (``known_names``) become 张*明 wherever they occur; every cell of a table column headed
姓名/户主/联系人… is masked as a name, of a column headed 电话/手机… as a phone. A landline in
running text stays: there it is an office's, a utility's or a property company's number that
the notice is for (a resident's landline sits in a list's phone column, and is masked there).
Numbers are found in any width and grouping (１３７…, 431021 19880828 6910, 137.0000.0007).
The office's own contacts are never masked: the staff names and phones of the settings
(``OfficeContacts``), the notice's contact phone and its issuing body. ``masked_items`` lists
what will change, for the user to see before printing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from desktop.core.i18n import _
from desktop.core.masking import (
    OfficeContacts,
    find_numbers,
    mask_found,
    mask_name,
    mask_phone,
    normalise_digits,
    phone_digits,
)
from desktop.notices.body import Block, parse_body
from desktop.notices.spec import NoticeSpec

MAX_NAME = 6
# Table headers whose column holds people's names, ID numbers or phones (any language).
_NAME_HEADERS = ("姓名", "名字", "户主", "户名", "住户", "业主", "产权人", "房主", "联系人",
                 "申请人", "居民", "家属", "name", "head of household", "owner", "applicant")
_ID_HEADERS = ("身份证", "证件号", "公民身份号码", "id number", "id no", "identity")
_PHONE_HEADERS = ("电话", "手机", "联系方式", "phone", "mobile", "tel")


@dataclass(frozen=True)
class MaskedItem:
    kind: str  # "name" | "phone" | "id_number"
    original: str
    shown: str


def withheld() -> str:
    """What an ID number becomes on a notice."""
    return _("(withheld)")


class Masker:
    def __init__(self, spec: NoticeSpec, known_names: Collection[str],
                 office: OfficeContacts | None = None) -> None:
        self.mask = spec.mask
        office = (office or OfficeContacts()).merged(phones=[spec.contact_phone])
        self.office = office
        # Never masked as a name: the staff, and the issuing body (the office's own name).
        self.kept = {n for n in office.staff if 2 <= len(n)}
        if spec.issuing_body.strip():
            self.kept.add(spec.issuing_body.strip())
        names = {n.strip() for n in known_names if n and 2 <= len(n.strip()) <= MAX_NAME}
        self.names = names - self.kept
        self.kept_lengths = sorted({len(n) for n in self.kept}, reverse=True)
        self.lengths = sorted({len(n) for n in self.names}, reverse=True)
        self.items: dict[tuple[str, str], str] = {}
        self.hidden = withheld()

    def _note(self, kind: str, original: str, shown: str) -> str:
        self.items.setdefault((kind, original), shown)
        return shown

    def text(self, value: str, *, landlines: bool = False) -> str:
        if not value:
            return value
        value = self._numbers(value, landlines)
        return self._names(value) if self.mask and self.names else value

    def _numbers(self, value: str, landlines: bool) -> str:
        out: list[str] = []
        last = 0
        for number in find_numbers(value):
            original = value[number.start:number.end]
            if number.kind == "id_number":
                shown = self._note("id_number", original, self.hidden)
            elif (not self.mask or self.office.keeps_phone(number.digits)
                  or (number.kind == "landline" and not landlines)):
                shown = original
            else:
                shown = self._note("phone", original, mask_found(number))
            out.append(value[last:number.start])
            out.append(shown)
            last = number.end
        out.append(value[last:])
        return "".join(out)

    def _names(self, value: str) -> str:
        out: list[str] = []
        i, n = 0, len(value)
        names, kept = self.names, self.kept
        while i < n:
            for length in self.kept_lengths:  # the office's own names first: they stay
                piece = value[i:i + length]
                if len(piece) == length and piece in kept:
                    out.append(piece)
                    i += length
                    break
            else:
                for length in self.lengths:
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
        if not value.strip():
            return value
        if column == "id_number":
            return self._note("id_number", value.strip(), self.hidden)
        if self.mask and column == "name" and not self._is_office(value):
            return self._note("name", value.strip(), mask_name(value))
        shown = self.text(value, landlines=column == "phone")
        if (self.mask and column == "phone" and shown == value
                and any(ch.isdigit() for ch in normalise_digits(value))
                and not self.office.keeps_phone(phone_digits(value))):
            # A number in a phone column that is no phone by its shape is masked all the same.
            return self._note("phone", value.strip(), mask_phone(normalise_digits(value)))
        return shown

    def _is_office(self, value: str) -> bool:
        return any(name in value for name in self.kept)

    def result(self) -> list[MaskedItem]:
        return [MaskedItem(kind, original, shown)
                for (kind, original), shown in self.items.items()]


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
class MaskedNotice:
    """Every text field of a notice as it will be printed."""

    title: str
    blocks: list[Block]
    issuing_body: str
    objection: str
    contact_phone: str
    attachments: tuple[str, ...]


def apply_masking(spec: NoticeSpec, masker: Masker) -> MaskedNotice:
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
    return MaskedNotice(masker.text(spec.title), blocks, masker.text(spec.issuing_body),
                        masker.text(spec.objection), masker.text(spec.contact_phone),
                        tuple(masker.text(a) for a in spec.attachments))


def masked_items(spec: NoticeSpec, known_names: Collection[str] = (),
                 office: OfficeContacts | None = None) -> list[MaskedItem]:
    """What printing will change: each name and phone masked, each ID number removed."""
    masker = Masker(spec, known_names, office)
    apply_masking(spec, masker)
    return masker.result()
