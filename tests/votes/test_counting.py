"""The count of an owners' vote at its legal boundaries (民法典第278条; the SPC's interpretation
on building ownership, arts. 8–9), and the margin the office reads while collecting.

Areas here are Fractions in square metres, so one square centimetre is 1/10000.
"""

from __future__ import annotations

import itertools
import random
from decimal import Decimal
from fractions import Fraction

import pytest

from desktop.votes.counting import (
    PARTICIPATION_BAR,
    Elector,
    approval_bar,
    approval_gap,
    area_text,
    participation_gap,
    percent,
    tally,
)
from desktop.votes.tables import DEVELOPER_KEY

CM2 = Fraction(1, 10_000)


def flats(*areas, owners=None):
    """Electors d1, d2, … with the given areas, each its own owner unless ``owners`` says."""
    owners = owners or [f"o{i}" for i in range(1, len(areas) + 1)]
    return [Elector(f"d{i}", Fraction(a), key)
            for i, (a, key) in enumerate(zip(areas, owners), start=1)]


def votes(**by_dwelling):
    return dict(by_dwelling)


# --- participation: ≥ 2/3 of the area and ≥ 2/3 of the owners, boundary included ----------

def test_exactly_two_thirds_participation_passes():
    t = tally(1, flats(100, 100, 100), votes(d1="agree", d2="against"))
    assert (t.participating_area, t.total_area) == (200, 300)
    assert (t.participating_heads, t.total_heads) == (2, 3)
    assert t.participation_met


def test_one_square_centimetre_less_participation_fails():
    t = tally(1, flats(100, 100 - CM2, 100 + CM2), votes(d1="agree", d2="agree"))
    assert t.total_area == 300 and t.participating_area == 200 - CM2
    assert t.participating_heads * 3 == t.total_heads * 2  # heads are exactly at the bar
    assert not t.participation_met and not t.passed


def test_two_thirds_of_the_area_but_not_of_the_owners_fails():
    # 4 of 7 owners (57%) hold 80% of the area.
    electorate = flats(200, 200, 200, 200, 100, 50, 50)
    t = tally(1, electorate, votes(d1="agree", d2="agree", d3="agree", d4="agree"))
    assert t.participating_area / t.total_area == Fraction(4, 5)
    assert not t.participation_met
    t = tally(1, electorate, votes(d1="agree", d2="agree", d3="agree", d4="agree", d5="agree"))
    assert t.participation_met  # 5 of 7 owners, 900 of 1000 m²


# --- approval: > 1/2 (过半数, strictly) or ≥ 3/4 for items 6–8 ----------------------------

def test_exactly_one_half_approval_fails_guo_ban_shu():
    t = tally(1, flats(100, 100, 100, 100), votes(d1="agree", d2="agree", d3="against",
                                                   d4="against"))
    assert t.participation_met
    assert (t.agree_area, t.participating_area) == (200, 400)
    assert not t.approval_met and not t.passed


def test_more_than_half_by_area_but_exactly_half_by_head_fails():
    t = tally(1, flats(100 + CM2, 100, 100, 100 - CM2),
              votes(d1="agree", d2="agree", d3="against", d4="against"))
    assert t.agree_area > t.participating_area / 2
    assert not t.approval_met
    t = tally(1, flats(100 + CM2, 100, 100, 100 - CM2, 1),
              votes(d1="agree", d2="agree", d3="against", d4="against", d5="agree"))
    assert t.approval_met and t.passed  # 3 of 5 owners now, and still more than half the area


def test_exactly_three_quarters_passes_item_seven():
    t = tally(7, flats(100, 100, 100, 100), votes(d1="agree", d2="agree", d3="agree",
                                                   d4="against"))
    assert (t.agree_area, t.participating_area, t.agree_heads, t.participating_heads) == (
        300, 400, 3, 4)
    assert t.approval_met and t.passed


def test_one_square_centimetre_less_than_three_quarters_fails_item_seven():
    electorate = flats(100, 100, 100 - CM2, 100 + CM2)
    opinions = votes(d1="agree", d2="agree", d3="agree", d4="against")
    assert not tally(7, electorate, opinions).approval_met
    assert tally(1, electorate, opinions).approval_met  # an ordinary matter would pass


def test_using_funds_is_ordinary_raising_them_needs_three_quarters():
    assert approval_bar(5) == approval_bar(1)
    assert approval_bar(5).share == Fraction(1, 2) and not approval_bar(5).at_least
    for item in (6, 7, 8):
        assert approval_bar(item).share == Fraction(3, 4) and approval_bar(item).at_least
    for item in (1, 2, 3, 4, 9):
        assert approval_bar(item) == approval_bar(5)
    electorate = flats(100, 100, 100)  # two of three agree: 2/3
    opinions = votes(d1="agree", d2="agree", d3="against")
    assert tally(5, electorate, opinions).passed
    assert not tally(6, electorate, opinions).passed
    assert PARTICIPATION_BAR.share == Fraction(2, 3) and PARTICIPATION_BAR.at_least


# --- who is a head ----------------------------------------------------------------------

def test_an_owner_of_three_dwellings_is_one_head_and_three_areas():
    electorate = flats(80, 90, 100, 120, 110, owners=["A", "A", "A", "B", "C"])
    t = tally(1, electorate, votes(d1="agree", d2="agree", d3="agree"))
    assert (t.total_heads, t.total_area) == (3, 500)
    assert (t.participating_heads, t.participating_area) == (1, 270)
    assert (t.agree_heads, t.agree_area) == (1, 270)
    assert not t.participation_met  # 270/500 m² and 1/3 owners


def test_the_developers_unsold_units_are_one_head():
    developer = [DEVELOPER_KEY] * 5
    electorate = flats(90, 90, 90, 90, 90, 100, 100, owners=developer + ["A", "B"])
    t = tally(1, electorate, {})
    assert t.total_heads == 3 and t.total_area == 650
    t = tally(1, electorate, votes(d1="agree", d2="agree", d3="agree", d4="agree",
                                   d5="agree", d6="against"))
    assert (t.participating_heads, t.agree_heads, t.against_heads) == (2, 1, 1)
    assert t.agree_area == 450
    assert t.participation_met and not t.approval_met  # one head of two agrees: only half


def test_an_owner_voting_differently_on_two_dwellings_participates_without_agreeing():
    electorate = flats(100, 60, 80, 70, owners=["A", "A", "B", "C"])
    t = tally(1, electorate, votes(d1="agree", d2="against", d3="agree", d4="against"))
    assert t.participating_heads == 3
    assert (t.agree_heads, t.against_heads, t.abstain_heads) == (1, 1, 0)
    assert t.mixed_owners == ("A",)
    assert (t.agree_area, t.against_area) == (180, 130)  # each dwelling's area as voted
    assert not t.approval_met  # 1 of 3 owners


def test_abstentions_participate_and_do_not_agree():
    electorate = flats(100, 100, 100, 100)
    t = tally(1, electorate, votes(d1="agree", d2="agree", d3="abstain", d4="abstain"))
    assert (t.participating_heads, t.participating_area) == (4, 400)
    assert (t.abstain_heads, t.abstain_area) == (2, 200)
    assert t.participation_met and not t.approval_met  # half agree: not more than half
    # Without the abstentions the same two agreeing owners would be all who took part.
    assert tally(1, electorate, votes(d1="agree", d2="agree")).approval_met


def test_a_ballot_for_a_dwelling_outside_the_electorate_is_not_counted():
    t = tally(1, flats(100, 100), votes(d1="agree", elsewhere="agree"))
    assert (t.participating_heads, t.participating_area) == (1, 100)


def test_an_empty_electorate_passes_nothing_and_has_no_reachable_margin():
    t = tally(1, [], {})
    assert (t.total_area, t.total_heads, t.participating_heads) == (0, 0, 0)
    assert not t.participation_met and not t.approval_met and not t.passed
    for gap in (participation_gap(t), approval_gap(t)):
        assert not gap.reachable and not gap.closed
    assert percent(0, 0) == "—"


def test_unknown_opinion_item_and_inexact_area_are_refused():
    with pytest.raises(ValueError):
        tally(1, flats(100), votes(d1="yes"))
    with pytest.raises(ValueError):
        tally(1, flats(100), votes(elsewhere="maybe"))
    for item in (0, 10, True, "7"):
        with pytest.raises(ValueError):
            tally(item, flats(100), {})
    with pytest.raises(TypeError):
        Elector("d1", 88.5, "A")  # a float is never an area here
    with pytest.raises(ValueError):
        Elector("d1", Fraction(-1), "A")
    with pytest.raises(ValueError):
        tally(1, flats(100) + flats(100), {})  # d1 twice would count twice
    assert Elector("d1", Decimal("88.55"), "A").area == Fraction(8855, 100)


# --- the margin ---------------------------------------------------------------------------

def test_the_participation_margin_reads_three_dwellings_and_210_50():
    # 9 owners; 3 took part with 389.50 of 900.00 m²: 2/3 is 600.00, so 210.50 m² and
    # 3 owners more; the two largest outstanding (90 + 88) are not enough, three are.
    electorate = flats(*map(Decimal, ("129.50", "130", "130", "90", "88", "86", "82.50",
                                      "82", "82")))
    t = tally(1, electorate, votes(d1="agree", d2="agree", d3="against"))
    gap = participation_gap(t)
    assert (gap.dwellings, gap.heads, area_text(gap.area, up=True)) == (3, 3, "210.50")
    assert gap.picks == ("d4", "d5", "d6")
    after = tally(1, electorate, {**votes(d1="agree", d2="agree", d3="against"),
                                  **dict.fromkeys(gap.picks, "abstain")})
    assert after.participation_met


def test_the_approval_margin_reads_two_dwellings_and_95_20():
    # Agree 200.00 m² by 2 owners, against 295.19 m² by 3: more than half needs x > 95.19,
    # so 95.20 m² (areas are to the hundredth), and h > 5 − 4 = 1, so 2 owners.
    electorate = flats(*map(Decimal, ("100", "100", "98.40", "98.40", "98.39", "60", "50",
                                      "40")))
    opinions = votes(d1="agree", d2="agree", d3="against", d4="against", d5="against")
    gap = approval_gap(tally(1, electorate, opinions))
    assert (gap.dwellings, gap.heads, area_text(gap.area, up=True)) == (2, 2, "95.20")
    assert tally(1, electorate, {**opinions, **dict.fromkeys(gap.picks, "agree")}).approval_met
    # 95.19 more agreeing m² would leave it at exactly half: not enough.
    short = flats(*map(Decimal, ("100", "100", "98.40", "98.40", "98.39", "95.19")))
    assert not tally(1, short, {**opinions, "d6": "agree"}).approval_met


def test_a_met_condition_has_a_closed_gap():
    t = tally(1, flats(100, 100, 100), votes(d1="agree", d2="agree", d3="agree"))
    assert participation_gap(t).closed and approval_gap(t).closed


def test_with_nobody_voting_yet_approval_still_needs_one_agreeing_owner():
    t = tally(7, flats(100, 100), {})
    gap = approval_gap(t)
    assert not gap.closed and (gap.dwellings, gap.heads) == (1, 1) and gap.area > 0


def test_one_owners_big_flats_bring_one_head_so_largest_first_alone_overshoots():
    # A has three 100 m² flats; B–E one 10 m² each. B voted. Participation needs 216.67 m²
    # and 3 more owners: largest-first takes A's three flats (one head) and then two more,
    # five in all; two of A's flats and two small ones (230 m², three owners) are enough.
    electorate = flats(100, 100, 100, 10, 10, 10, 10, owners=["A", "A", "A", "B", "C", "D",
                                                               "E"])
    t = tally(1, electorate, votes(d4="agree"))
    gap = participation_gap(t)
    assert (gap.dwellings, gap.heads, area_text(gap.area, up=True)) == (4, 3, "216.67")
    assert tally(1, electorate, {"d4": "agree", **dict.fromkeys(gap.picks, "agree")}
                 ).participation_met


def test_an_unreachable_margin_says_so():
    # Two of four owners voted against: even if the other two agree, 2 of 4 is short of 3/4.
    electorate = flats(100, 100, 100, 100)
    t = tally(7, electorate, votes(d1="against", d2="against"))
    gap = approval_gap(t)
    assert not gap.reachable and not gap.closed  # at best 2 of 4 owners agree


def _met(kind, t):
    return t.participation_met if kind == "participation" else t.approval_met


def _brute_force_fewest(kind, item, electorate, opinions):
    """The fewest outstanding dwellings whose agreeing ballots meet the condition, by trying
    every subset; None when none does."""
    outstanding = [e.dwelling_id for e in electorate if e.dwelling_id not in opinions]
    for size in range(len(outstanding) + 1):
        for chosen in itertools.combinations(outstanding, size):
            if _met(kind, tally(item, electorate, {**opinions, **dict.fromkeys(chosen,
                                                                               "agree")})):
                return size
    return None


def _random_case(rng, shared_owners):
    n = rng.randint(1, 8)
    owners = ([rng.choice("ABCDE") for _ in range(n)] if shared_owners
              else [f"o{i}" for i in range(n)])
    electorate = [Elector(f"d{i}", Fraction(rng.randint(1, 400), 4), owners[i])
                  for i in range(n)]
    opinions = {e.dwelling_id: rng.choice(("agree", "against", "abstain"))
                for e in electorate if rng.random() < 0.4}
    return rng.choice(range(1, 10)), electorate, opinions


@pytest.mark.parametrize("shared_owners", [False, True], ids=["one-flat-owners", "multi-flat"])
def test_the_margin_is_the_fewest_dwellings_by_brute_force(shared_owners):
    rng = random.Random(278 + shared_owners)
    for _ in range(400):
        item, electorate, opinions = _random_case(rng, shared_owners)
        t = tally(item, electorate, opinions)
        for kind, gap in (("participation", participation_gap(t)),
                          ("approval", approval_gap(t))):
            fewest = _brute_force_fewest(kind, item, electorate, opinions)
            assert gap.reachable == (fewest is not None), (kind, item, electorate, opinions)
            if fewest is None:
                continue
            assert gap.dwellings == fewest == len(gap.picks), (kind, item, electorate, opinions)
            assert _met(kind, tally(item, electorate, {**opinions,
                                                       **dict.fromkeys(gap.picks, "agree")}))
            if not shared_owners:  # one flat per owner: the picks are simply the largest
                area_of = {e.dwelling_id: e.area for e in electorate}
                largest = sorted((e.area for e in t.outstanding), reverse=True)[:fewest]
                assert [area_of[p] for p in gap.picks] == largest


def test_the_margin_area_is_the_least_hundredth_that_closes_it():
    rng = random.Random(283)
    for _ in range(400):
        item, electorate, opinions = _random_case(rng, True)
        t = tally(item, electorate, opinions)
        bar = approval_bar(item)

        def participates(x, t=t):
            return PARTICIPATION_BAR.met(t.participating_area + x, t.total_area)

        def agrees(x, t=t, bar=bar):
            return bar.met(t.agree_area + x, t.participating_area + x)

        for gap, met in ((participation_gap(t), participates), (approval_gap(t), agrees)):
            if not gap.reachable or gap.area == 0:
                continue
            assert met(gap.area) and not met(gap.area - Fraction(1, 100)), (item, electorate,
                                                                            opinions)


def test_display_rounding_is_exact():
    assert area_text(Fraction(21050, 100)) == "210.50"
    assert area_text(Fraction(1, 3), up=True) == "0.34"
    assert area_text(Fraction(1, 100) + Fraction(1, 10**40), up=True) == "0.02"
    assert area_text(Fraction(5, 1000)) == "0.01"  # half away from zero
    assert area_text(Decimal("88.50")) == "88.50"
    assert percent(2, 3) == "66.67%" and percent(1, 2) == "50.00%" and percent(3, 4) == "75.00%"


def test_the_margins_read_in_chinese_as_the_office_says_them():
    """The issue's own sentences: "还需 3 户、至少 210.50 ㎡参与表决" and "还需 2 户同意，且同意
    面积再增加 95.20 ㎡" — in words the office can act on, in 简体 and 繁體."""
    from desktop.core.i18n import set_language
    from desktop.votes.margins import approval_sentence, participation_sentence

    take_part = flats(*map(Decimal, ("129.50", "130", "130", "90", "88", "86", "82.50", "82",
                                     "82")))
    agree = flats(*map(Decimal, ("100", "100", "98.40", "98.40", "98.39", "60", "50", "40")))
    opinions = votes(d1="agree", d2="agree", d3="against", d4="against", d5="against")
    participation = participation_gap(tally(1, take_part, votes(d1="agree", d2="agree",
                                                                  d3="against")))
    approval = approval_gap(tally(1, agree, opinions))
    try:
        set_language("zh_Hans")
        assert participation_sentence(participation) == "还需 3 户、至少 210.50 ㎡参与表决。"
        assert approval_sentence(approval) == "还需 2 户同意，且同意面积再增加 95.20 ㎡。"
        set_language("zh_Hant")
        assert participation_sentence(participation) == "還需 3 戶、至少 210.50 ㎡參與表決。"
    finally:
        set_language("en")
