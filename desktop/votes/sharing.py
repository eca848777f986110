"""Sharing a cost by exclusive area, to the cent (民法典第283条).

Costs the owners have not agreed otherwise are borne in proportion to each owner's exclusive
area. Each dwelling's exact share is ``amount × area / total area``; paid in cents, that rarely
comes out even, so each dwelling first gets its exact share rounded down to the cent, and the
cents left over (fewer than the number of dwellings) go one each to the dwellings whose
dropped fractions were largest — the largest-remainder (Hamilton) rule. The shares then add up
to the amount exactly, and none is a cent or more away from its exact share.

Ties — equal dropped fractions, as equal areas give — go to the dwelling that comes first in
``parts`` (the caller passes the electorate's walking order), so the same list always gets the
same table. Everything is exact: Decimal in and out, Fraction in between, no float.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from desktop.core.errors import ValidationError
from desktop.core.i18n import _

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Share:
    """One dwelling's part of the cost: ``amount`` in yuan to the cent; ``exact`` the exact
    proportional share it was rounded from."""

    key: Hashable
    area: Decimal | Fraction | int  # as given
    amount: Decimal
    exact: Fraction


def _amount(amount: Decimal | int | str) -> Decimal:
    if isinstance(amount, (float, bool)):  # a float is already inexact; refuse it early
        raise TypeError(f"an amount must be exact, not {amount!r}")
    try:
        value = Decimal(str(amount).strip()) if isinstance(amount, str) else Decimal(amount)
    except (InvalidOperation, ValueError):
        value = Decimal("NaN")
    if not value.is_finite():
        raise ValidationError(_("The amount {amount} is not a number of yuan.").format(
            amount=amount), field="amount")
    if value <= 0:
        raise ValidationError(_("The amount to share must be more than zero, not {amount}.")
                              .format(amount=amount), field="amount")
    if value != value.quantize(CENT):
        raise ValidationError(
            _("The amount {amount} has more than two decimal places; give it to the cent.")
            .format(amount=amount), field="amount")
    return value


def _area(key: Hashable, area: Decimal | int | Fraction | None) -> Fraction:
    if isinstance(area, (float, bool)):
        raise TypeError(f"an area must be exact, not {area!r}")
    if area is None:
        raise ValidationError(_("{dwelling} has no exclusive area recorded.").format(
            dwelling=key), field="area")
    value = Fraction(area)
    if value < 0:
        raise ValidationError(_("{dwelling} has a negative exclusive area ({area} m²).").format(
            dwelling=key, area=area), field="area")
    return value


def share_cost(amount: Decimal | int | str,
               parts: Sequence[tuple[Hashable, Decimal | int | Fraction | None]]) -> list[Share]:
    """Split ``amount`` (yuan, at most two decimals) over ``parts`` — (key, exclusive area)
    pairs, in the order the table is printed — by area, to the cent, the shares adding up to
    the amount exactly. The key names the dwelling in messages (pass its address). Raises
    ValidationError (field "amount" or "area") for a non-positive amount or one with more
    than two decimals, a missing or negative area, or a zero total area."""
    value = _amount(amount)
    areas = [_area(key, area) for key, area in parts]
    keys = [key for key, _given in parts]
    if len(set(keys)) != len(keys):
        raise ValueError("a dwelling appears twice among the parts")  # it would pay twice
    total = sum(areas, Fraction(0))
    if total == 0:
        raise ValidationError(
            _("The dwellings to share the cost have no exclusive area in total."), field="area")
    cents = int(value.scaleb(2))  # exact: the amount has at most two decimals
    exact_cents = [cents * area / total for area in areas]
    floors = [math.floor(c) for c in exact_cents]
    left_over = cents - sum(floors)  # 0 ≤ left_over < len(parts): each fraction is < 1
    # Largest dropped fraction first; sorted() is stable, so ties keep the order of ``parts``.
    by_remainder = sorted(range(len(parts)), key=lambda i: -(exact_cents[i] - floors[i]))
    for i in by_remainder[:left_over]:
        floors[i] += 1
    return [Share(key=key, area=area, amount=Decimal(paid).scaleb(-2), exact=exact / 100)
            for (key, area), paid, exact in zip(parts, floors, exact_cents)]
