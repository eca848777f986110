"""The cost-share table (费用分摊表, 民法典第283条): an amount split over the dwellings of a
scope — a compound, a building or one unit — by exclusive area, to the cent, the rounding
remainder given by the largest-remainder rule (desktop.votes.sharing), so the shares add up to
the amount exactly. It works on the owner register directly: no vote is needed (the cost of a
lift is often shared before, or without, a formal vote).

A dwelling of the scope with no exclusive area cannot take a share: the table is refused and
every such dwelling named, as a vote is (a share silently left out would be paid by the others).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _, ngettext
from desktop.roster.models import Building, Compound
from desktop.votes.counting import percent
from desktop.votes.electorate import ScopeDwelling, check_scope, scope_dwellings
from desktop.votes.printing.labels import developer_label
from desktop.votes.printing.reads import scope_label
from desktop.votes.sharing import share_cost

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal(1000000000)  # a billion yuan: anything larger is a typing slip
GAPS_SHOWN = 12


@dataclass(frozen=True)
class ShareRow:
    dwelling_id: str
    address: str  # "3幢2单元501"
    owners: str  # the register's names ("" for the developer's unsold flats)
    area: Decimal
    ratio: str  # "1.23%" for display
    share: Decimal  # yuan, to the cent
    developer_held: bool = False

    def owner_text(self, masked: bool) -> str:
        from desktop.votes.printing.sheets import mask_names

        if not self.owners:
            return developer_label() if self.developer_held else ""
        return mask_names(self.owners) if masked else self.owners


@dataclass(frozen=True)
class ShareTable:
    scope: str  # "翠苑一区3幢"
    amount: Decimal
    total_area: Decimal
    rows: tuple[ShareRow, ...]

    @property
    def total_share(self) -> Decimal:
        return sum((r.share for r in self.rows), Decimal(0))


def parse_amount(text) -> Decimal:
    """"700000", "700,000.00", "７０００００" → Decimal; refused with a message otherwise."""
    raw = str(text or "").strip()
    # NFKC as the register's areas: full-width digits, "．", "，" and "￥" become ASCII.
    cleaned = "".join(unicodedata.normalize("NFKC", raw).split())
    cleaned = cleaned.replace(",", "").replace("¥", "").removesuffix("元")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise ValidationError(_("The amount {amount} is not a number of yuan like 700000 or "
                                "700000.00.").format(amount=raw or "\"\""), field="amount")
    if amount <= 0 or amount > MAX_AMOUNT:
        raise ValidationError(_("The amount must be more than 0 and at most {limit} "
                                "yuan.").format(limit=f"{MAX_AMOUNT:,}"), field="amount")
    if amount != amount.quantize(CENT):
        raise ValidationError(_("The amount {amount} has more than two decimals: give it to "
                                "the cent.").format(amount=raw), field="amount")
    return amount.quantize(CENT)


def scope_rows(session: Session, compound_id: str, building_id: str | None = None,
               unit: str = "") -> tuple[str, list[ScopeDwelling]]:
    """The scope's label and its dwellings in walking order, as the register has them now
    (the same read that fixes a vote's electorate)."""
    check_scope(session, compound_id, building_id, unit)
    dwellings = scope_dwellings(session, compound_id, building_id, unit)
    compound = session.get(Compound, compound_id)
    building = session.get(Building, building_id) if building_id else None
    label = scope_label(compound.name, building.name if building else None,
                        (unit or "").strip())
    if not dwellings:
        raise ValidationError(_("{scope} has no dwellings.").format(scope=label),
                              field="unit" if unit else "building")
    return label, dwellings


def share_table(session: Session, amount, compound_id: str, building_id: str | None = None,
                unit: str = "") -> ShareTable:
    """The cost-share table of a scope (refused, naming them, while a dwelling has no
    exclusive area)."""
    value = parse_amount(amount)
    label, rows = scope_rows(session, compound_id, building_id, unit)
    missing = [d.address for d in rows if d.area is None or d.area <= 0]
    if missing:
        shown = "、".join(missing[:GAPS_SHOWN])
        if len(missing) > GAPS_SHOWN:
            shown += _(" and {count} more").format(count=len(missing) - GAPS_SHOWN)
        raise ValidationError(ngettext(
            "{count} dwelling of {scope} has no exclusive area, so the cost cannot be shared "
            "by area: {addresses}. Enter it in the owner register first.",
            "{count} dwellings of {scope} have no exclusive area, so the cost cannot be "
            "shared by area: {addresses}. Enter them in the owner register first.",
            len(missing)).format(count=len(missing), scope=label, addresses=shown),
            field="area")
    areas = {d.dwelling_id: d.area for d in rows}
    shares = {share.key: share.amount for share in share_cost(value, list(areas.items()))}
    total_area = sum(areas.values(), Decimal(0))
    whole = Fraction(total_area)
    table_rows = tuple(
        ShareRow(d.dwelling_id, d.address, d.owner_names, d.area,
                 percent(Fraction(d.area), whole), shares[d.dwelling_id], d.developer_held)
        for d in rows)
    return ShareTable(label, value, total_area, table_rows)


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def share_lines(table: ShareTable) -> tuple[str, ...]:
    return (_("Amount to share: {amount} yuan, by exclusive area (Civil Code art. 283), over "
              "{count} dwellings with {area} m² in all.").format(
                amount=money(table.amount), count=len(table.rows),
                area=f"{table.total_area:,.2f}"),
            _("Each share is rounded to the cent; the cents left over go to the largest "
              "remainders, so the shares add up to the amount exactly."))


def render_share_table(table: ShareTable, masked: bool = True, ctx=None) -> bytes:
    """The table as a PDF: one row per dwelling and the totals row (equal to the amount).
    ``masked``: owners' names masked (张*明), for the notice board."""
    from desktop.votes.printing.document import ListDocument, Section, render_list
    headers = (_("No."), _("Address"), _("Owner"), _("Exclusive area (m²)"),
               _("Share of area"), _("Share (yuan)"))
    rows = [(str(n), r.address, r.owner_text(masked), f"{r.area:.2f}",
             r.ratio, money(r.share)) for n, r in enumerate(table.rows, 1)]
    rows.append((_("Total"), "", "", f"{table.total_area:.2f}", "100.00%",
                 money(table.total_share)))
    document = ListDocument(
        title=_("Cost-share table: {scope}").format(scope=table.scope), headers=headers,
        widths=(4, 12, 12, 9, 8, 10), sections=[Section(None, rows)],
        lines=share_lines(table), staff_only=not masked, align_center=(0, 3, 4, 5))
    return render_list(document, ctx)
