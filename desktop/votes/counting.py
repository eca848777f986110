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

While ballots come in, ``participation_gap`` and ``approval_gap`` say how far each condition
is: the fewest outstanding dwellings whose ballots (agreeing ones, for approval) would meet it,
the owners they must bring and the least area to the 0.01 m² — the figures of "还需 3 户、至少
210.50 ㎡参与表决". Taking the largest dwellings first is the fewest only when every dwelling
has its own owner; with one owner's several flats counting as one head it can overshoot, so
the gap picks the owners first (see ``_gap``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

# The reading of the law this module implements; stored with every vote and its result as
# this identifier (``printing.labels.rule_label`` says it in the reader's language).
RULE_VERSION = "cc278-2021+spc-building-ownership-8-9-2020"

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
    if isinstance(item, bool) or item not in ITEMS:
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

    def __post_init__(self) -> None:
        # The register's areas are Decimals: converted exactly. A float is already inexact
        # (0.1 is not 1/10), so it is refused rather than carried into a legal count.
        area = self.area
        if type(area) is not Fraction:  # (the common case skips this: 5,000 electors a tally)
            if isinstance(area, (float, bool)) or area is None:
                raise TypeError(f"an elector's area must be exact, not {area!r}")
            area = Fraction(area)
            object.__setattr__(self, "area", area)
        if area.numerator < 0:
            raise ValueError(f"negative area {self.area} for dwelling {self.dwelling_id}")


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


def _exact(by_denominator: dict[int, int]) -> Fraction:
    """The sum of numerators kept per denominator, as one Fraction."""
    return sum((Fraction(n, d) for d, n in by_denominator.items()), Fraction(0))


def tally(item: int, electorate: list[Elector], opinions: dict[str, str]) -> Tally:
    """The count: ``opinions`` maps a dwelling id to its counted ballot's opinion (agree,
    against, abstain). Ballots for dwellings outside the electorate are not counted (the
    caller lists them). The result does not depend on any order but the electorate's own
    (which only orders ``outstanding``)."""
    approval_bar(item)  # refuse an item outside 1..9 before counting anything
    # Exact sums kept as integer numerators per denominator (register areas are all
    # hundredths): several times faster than adding Fractions over a 5,000-dwelling compound,
    # and the page recounts after every ballot typed.
    areas: dict[str, dict[int, int]] = {"agree": {}, "against": {}, "abstain": {}}
    unknown = {o for o in opinions.values() if o not in areas}
    if unknown:
        raise ValueError(f"unknown opinion(s) {sorted(map(repr, unknown))}")
    said: dict[str, set[str]] = defaultdict(set)  # owner key → opinions over their dwellings
    total: dict[int, int] = {}
    owners: set[str] = set()
    seen: set[str] = set()
    outstanding = []
    get = opinions.get
    for elector in electorate:
        area, dwelling_id = elector.area, elector.dwelling_id
        seen.add(dwelling_id)
        d, n = area.denominator, area.numerator
        total[d] = total.get(d, 0) + n
        owners.add(elector.owner_key)
        opinion = get(dwelling_id)
        if opinion is None:
            outstanding.append(elector)
            continue
        sums = areas[opinion]
        sums[d] = sums.get(d, 0) + n
        said[elector.owner_key].add(opinion)
    if len(seen) != len(electorate):
        raise ValueError("a dwelling appears twice in the electorate")  # it would count twice
    heads = {"agree": 0, "against": 0, "abstain": 0}
    mixed = []
    for key, opinions_of_owner in said.items():
        if len(opinions_of_owner) == 1:
            heads[next(iter(opinions_of_owner))] += 1
        else:
            mixed.append(key)
    agree, against, abstain = (_exact(areas[o]) for o in ("agree", "against", "abstain"))
    return Tally(
        item=item, total_area=_exact(total), total_heads=len(owners),
        participating_area=agree + against + abstain, participating_heads=len(said),
        agree_area=agree, agree_heads=heads["agree"],
        against_area=against, against_heads=heads["against"],
        abstain_area=abstain, abstain_heads=heads["abstain"],
        mixed_owners=tuple(sorted(mixed)), outstanding=tuple(outstanding),
        silent_owners=frozenset(owners - said.keys()))


@dataclass(frozen=True)
class Gap:
    """What is still missing for one condition: ``dwellings`` more ballots (the fewest of the
    outstanding dwellings that can close it), bringing at least ``heads`` more owners and
    ``area`` more m² (the least multiple of 0.01 m² that closes the area side). ``picks`` are
    the dwelling ids of one such smallest set, largest areas first. ``reachable`` is False when
    even every outstanding dwelling would not close it (or there is nothing to count); a closed
    gap has zero everywhere."""

    dwellings: int
    heads: int
    area: Fraction
    reachable: bool = True
    picks: tuple[str, ...] = ()

    @property
    def closed(self) -> bool:
        return self.reachable and self.dwellings == 0 and self.heads == 0 and self.area == 0


CLOSED = Gap(0, 0, Fraction(0))

CENTIARE = Fraction(1, 100)  # areas are registered to 0.01 m²


@dataclass(frozen=True)
class _Need:
    """The condition on an amount ``x`` still to be added: x ≥ bound, or x > bound."""

    bound: Fraction
    strict: bool

    def holds(self, x: Fraction | int) -> bool:
        return x > self.bound if self.strict else x >= self.bound

    def least(self, step: Fraction) -> Fraction:
        """The least multiple of ``step`` (≥ 0) for which the condition holds."""
        units = math.floor(max(self.bound, Fraction(0)) / step)
        return (units if self.holds(units * step) else units + 1) * step


def _need(bar: Threshold, part: Fraction | int, whole: Fraction | int,
          grows: bool) -> _Need | None:
    """How much must be added to ``part`` for ``bar`` to be met; None when nothing can."""
    if bar.met(part, whole):
        return _Need(Fraction(0), strict=False)
    s = bar.share
    if grows:
        # An agreeing ballot joins the whole too: (part + x) / (whole + x) vs s ⇔ x vs
        # (s·whole − part) / (1 − s); and with nobody participating yet the whole must become
        # more than zero, so some x > 0 is needed even for "at least".
        return _Need((s * whole - part) / (1 - s), not bar.at_least or whole == 0)
    if whole == 0:  # nothing to take part in (no dwelling, or no area): never met
        return None
    return _Need(s * whole - part, not bar.at_least)


def _gap(bar: Threshold, part_area: Fraction, whole_area: Fraction, part_heads: int,
         whole_heads: int, grows: bool, result: Tally) -> Gap:
    outstanding = result.outstanding
    area_need = _need(bar, part_area, whole_area, grows)
    head_need = _need(bar, part_heads, whole_heads, grows)
    if area_need is None or head_need is None:
        return Gap(len(outstanding), 0, Fraction(0), reachable=False)
    area = area_need.least(CENTIARE)
    heads = int(head_need.least(Fraction(1)))
    if area == 0 and heads == 0:
        return CLOSED
    # Every outstanding dwelling adds its area; it adds a head only when its owner has not
    # voted yet, and only once per owner. So "largest areas first" alone can overshoot (an
    # owner's three big flats bring one head). The fewest dwellings: one dwelling — their
    # largest — of each of the ``heads`` silent owners whose largest dwellings are largest,
    # then the largest of the rest until the area is enough. An exchange argument shows no
    # set of the same size brings more area with as many heads; tests check it against every
    # subset of small electorates. Ties keep the electorate's (walking) order.
    place = {e.dwelling_id: i for i, e in enumerate(outstanding)}
    ranked = sorted(outstanding, key=lambda e: (-e.area, place[e.dwelling_id]))
    largest_of: dict[str, Elector] = {}
    for elector in ranked:
        if elector.owner_key in result.silent_owners:
            largest_of.setdefault(elector.owner_key, elector)
    if len(largest_of) < heads:
        return Gap(len(outstanding), heads, area, reachable=False)
    picks = list(largest_of.values())[:heads]  # dicts keep insertion order: largest first
    got = sum((e.area for e in picks), Fraction(0))
    taken = {e.dwelling_id for e in picks}
    for elector in ranked:
        if area_need.holds(got):
            break
        if elector.dwelling_id not in taken:
            picks.append(elector)
            got += elector.area
    if not area_need.holds(got):
        return Gap(len(outstanding), heads, area, reachable=False)
    picks.sort(key=lambda e: (-e.area, place[e.dwelling_id]))
    return Gap(len(picks), heads, area, True, tuple(e.dwelling_id for e in picks))


def participation_gap(result: Tally) -> Gap:
    """How many more dwellings must vote (any opinion) for participation to be met."""
    return _gap(PARTICIPATION_BAR, result.participating_area, result.total_area,
                result.participating_heads, result.total_heads, False, result)


def approval_gap(result: Tally) -> Gap:
    """How many more agreeing ballots, from dwellings not yet voted, approval needs (each
    also participates, so it raises the whole it is measured against)."""
    return _gap(approval_bar(result.item), result.agree_area, result.participating_area,
                result.agree_heads, result.participating_heads, True, result)


def _hundredths(value: Fraction, up: bool) -> str:
    """``value`` to two places, exactly: rounded up (ceiling) or half away from zero."""
    cents = value * 100
    if up:
        whole = math.ceil(cents)
    else:
        whole = math.floor(abs(cents) + Fraction(1, 2)) * (1 if cents >= 0 else -1)
    sign = "-" if whole < 0 else ""
    return f"{sign}{abs(whole) // 100}.{abs(whole) % 100:02d}"


def area_text(area: Fraction, *, up: bool = False) -> str:
    """An area for display with two places ("210.50"); a margin rounds up, so that reaching
    the shown figure is always enough."""
    return _hundredths(Fraction(area), up)


def percent(part: Fraction | int, whole: Fraction | int) -> str:
    """A share for display, to two places ("66.67%"); never used to decide anything."""
    if not whole:
        return "—"
    return f"{_hundredths(Fraction(part) / Fraction(whole) * 100, False)}%"
