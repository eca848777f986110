"""The count of an owners' vote, exactly as the law says, with no float anywhere.

民法典第278条: a matter is decided with the participation of owners holding at least two thirds
of the exclusive area **and** at least two thirds of the owners ("以上" includes the boundary).
Items (六)–(八) — raising maintenance funds, rebuilding, changing the use of common parts — then
need at least three quarters of the participating area and of the participating owners; every
other item more than half of both ("过半数" is strictly more). The Supreme People's Court's
interpretation on building ownership (arts. 8–9) says what is counted: the area is each
dwelling's exclusive area; the owners are one per dwelling, except that one owner of several
dwellings is one person and the developer's unsold or undelivered dwellings together are one.

So a head here is an ``owner_key``: dwellings sharing it are one owner. An owner who votes
differently on two of their dwellings is still one person: they participate, they agree by head
only when every ballot they cast agrees, and the tally lists them for the office to check.
Abstentions participate and do not agree. Everything is ``Fraction``; rounding happens only in
``percent`` and ``area_text``, for display.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from fractions import Fraction

# The reading of the law this module implements; stored with every vote and its result.
RULE_VERSION = "民法典第278条(2021)·最高法建筑物区分所有权解释第8–9条(2020修正)"

HIGHER_BAR_ITEMS = frozenset({6, 7, 8})
ITEMS = tuple(range(1, 10))
PARTICIPATION = Fraction(2, 3)


@dataclass(frozen=True)
class Threshold:
    """A share that must be reached: ``at_least`` includes the boundary, else strictly more."""

    share: Fraction
    at_least: bool

    def met(self, part: Fraction | int, whole: Fraction | int) -> bool:
        if whole == 0:
            return False
        ratio = Fraction(part) / Fraction(whole)
        return ratio >= self.share if self.at_least else ratio > self.share


PARTICIPATION_BAR = Threshold(PARTICIPATION, at_least=True)


def approval_bar(item: int) -> Threshold:
    """Of those participating: ≥ 3/4 for items (六)–(八), more than half for the others."""
    if item not in ITEMS:
        raise ValueError(f"item must be 1..9, not {item!r}")
    if item in HIGHER_BAR_ITEMS:
        return Threshold(Fraction(3, 4), at_least=True)
    return Threshold(Fraction(1, 2), at_least=False)


@dataclass(frozen=True)
class Elector:
    """One dwelling of the electorate: its exclusive area and whose it is."""

    dwelling_id: str
    area: Fraction
    owner_key: str


@dataclass(frozen=True)
class Tally:
    item: int
    total_area: Fraction
    total_heads: int
    participating_area: Fraction
    participating_heads: int
    agree_area: Fraction
    agree_heads: int
    against_area: Fraction
    against_heads: int
    abstain_area: Fraction
    abstain_heads: int
    # Owners (keys) whose dwellings were voted differently: one head, not agreeing.
    mixed_owners: tuple[str, ...] = ()
    # Dwellings of the electorate with no counted ballot, in the electorate's order.
    outstanding: tuple[Elector, ...] = ()
    # Owner keys that have not voted at all (an outstanding dwelling of theirs adds a head).
    silent_owners: frozenset[str] = field(default_factory=frozenset)
    rule_version: str = RULE_VERSION

    @property
    def participation_met(self) -> bool:
        return (PARTICIPATION_BAR.met(self.participating_area, self.total_area)
                and PARTICIPATION_BAR.met(self.participating_heads, self.total_heads))

    @property
    def approval_met(self) -> bool:
        bar = approval_bar(self.item)
        return (bar.met(self.agree_area, self.participating_area)
                and bar.met(self.agree_heads, self.participating_heads))

    @property
    def passed(self) -> bool:
        return self.participation_met and self.approval_met


def tally(item: int, electorate: list[Elector], opinions: dict[str, str]) -> Tally:
    """The count: ``opinions`` maps a dwelling id to its counted ballot's opinion (agree,
    against, abstain). Ballots for dwellings outside the electorate are not counted (the
    caller lists them). The result does not depend on any order but the electorate's own
    (which only orders ``outstanding``)."""
    approval_bar(item)  # refuse an item outside 1..9 before counting anything
    areas = {"agree": Fraction(0), "against": Fraction(0), "abstain": Fraction(0)}
    said: dict[str, set[str]] = defaultdict(set)  # owner key → opinions over their dwellings
    total_area = Fraction(0)
    owners: set[str] = set()
    outstanding = []
    for elector in electorate:
        total_area += elector.area
        owners.add(elector.owner_key)
        opinion = opinions.get(elector.dwelling_id)
        if opinion is None:
            outstanding.append(elector)
            continue
        if opinion not in areas:
            raise ValueError(f"unknown opinion {opinion!r}")
        areas[opinion] += elector.area
        said[elector.owner_key].add(opinion)
    heads = {"agree": 0, "against": 0, "abstain": 0}
    mixed = []
    for key, opinions_of_owner in said.items():
        if len(opinions_of_owner) == 1:
            heads[next(iter(opinions_of_owner))] += 1
        else:
            mixed.append(key)
    participating_area = areas["agree"] + areas["against"] + areas["abstain"]
    return Tally(
        item=item, total_area=total_area, total_heads=len(owners),
        participating_area=participating_area, participating_heads=len(said),
        agree_area=areas["agree"], agree_heads=heads["agree"],
        against_area=areas["against"], against_heads=heads["against"],
        abstain_area=areas["abstain"], abstain_heads=heads["abstain"],
        mixed_owners=tuple(sorted(mixed)), outstanding=tuple(outstanding),
        silent_owners=frozenset(owners - said.keys()))


@dataclass(frozen=True)
class Gap:
    """What is still missing for one condition: ``dwellings`` more ballots (the fewest of the
    outstanding dwellings that can close it, largest areas first), giving at least ``heads``
    more owners and ``area`` more m². ``reachable`` is False when even every outstanding
    dwelling would not close it; a closed gap has zero everywhere."""

    dwellings: int
    heads: int
    area: Fraction
    reachable: bool = True

    @property
    def closed(self) -> bool:
        return self.dwellings == 0 and self.heads == 0 and self.area == 0


CLOSED = Gap(0, 0, Fraction(0))


def _close(bound: Fraction, strict: bool, step: Fraction) -> Fraction:
    """The least multiple of ``step`` that is ≥ bound (or > bound when strict)."""
    units = bound / step
    whole_units = units.numerator // units.denominator
    if Fraction(whole_units) == units:
        return (whole_units + (1 if strict else 0)) * step
    return (whole_units + 1) * step


CENTIARE = Fraction(1, 100)  # areas are registered to 0.01 m²


def _gap(bar: Threshold, part_area: Fraction, whole_area: Fraction, part_heads: int,
         whole_heads: int, grows: bool, candidates: list[Elector],
         silent: frozenset[str]) -> Gap:
    area_met = bar.met(part_area, whole_area)
    heads_met = bar.met(part_heads, whole_heads)
    if area_met and heads_met:
        return CLOSED
    s = bar.share
    area = Fraction(0)
    if not area_met:
        if grows:  # (A + x) / (P + x) vs s  ⇔  x ≥ (s·P − A) / (1 − s)
            area_bound = (s * whole_area - part_area) / (1 - s)
        else:  # (P + x) / W vs s  ⇔  x ≥ s·W − P
            area_bound = s * whole_area - part_area
        area = _close(max(area_bound, Fraction(0)), not bar.at_least and area_bound >= 0,
                      CENTIARE)
    heads = 0
    if not heads_met:
        if grows:
            head_bound = (s * whole_heads - part_heads) / (1 - s)
        else:
            head_bound = s * whole_heads - part_heads
        heads = int(_close(max(head_bound, Fraction(0)),
                           not bar.at_least and head_bound >= 0, Fraction(1)))
    # The fewest outstanding dwellings, largest areas first, that bring both: a dwelling adds
    # its area, and a head when its owner has not voted yet (once per owner).
    taken = 0
    got_area = Fraction(0)
    new_owners: set[str] = set()
    for elector in sorted(candidates, key=lambda e: (-e.area, e.dwelling_id)):
        if got_area >= area and len(new_owners) >= heads:
            break
        taken += 1
        got_area += elector.area
        if elector.owner_key in silent:
            new_owners.add(elector.owner_key)
    reachable = got_area >= area and len(new_owners) >= heads
    return Gap(dwellings=taken, heads=heads, area=area, reachable=reachable)


def participation_gap(result: Tally) -> Gap:
    """How many more dwellings must vote (any opinion) for participation to be met."""
    return _gap(PARTICIPATION_BAR, result.participating_area, result.total_area,
                result.participating_heads, result.total_heads, False,
                list(result.outstanding), result.silent_owners)


def approval_gap(result: Tally) -> Gap:
    """How many more agreeing ballots, from dwellings not yet voted, approval needs (each
    also participates, so it raises the whole it is measured against)."""
    return _gap(approval_bar(result.item), result.agree_area, result.participating_area,
                result.agree_heads, result.participating_heads, True,
                list(result.outstanding), result.silent_owners)


def area_text(area: Fraction, *, up: bool = False) -> str:
    """An area for display with two places ("210.50"); a margin rounds up, so that reaching
    the shown figure is always enough."""
    value = Decimal(area.numerator) / Decimal(area.denominator)
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_CEILING if up else ROUND_HALF_UP))


def percent(part: Fraction | int, whole: Fraction | int) -> str:
    """A share for display, to two places ("66.67%"); never used to decide anything."""
    if not whole:
        return "—"
    ratio = Fraction(part) / Fraction(whole) * 100
    value = Decimal(ratio.numerator) / Decimal(ratio.denominator)
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"
