"""Properties of the count and of cost sharing, over random electorates (hypothesis).

- The tally does not depend on the order of the ballots or of the electorate (only the order
  of ``outstanding`` follows the electorate's).
- A margin, when reachable, closes its condition when its dwellings agree, and no smaller set
  of outstanding dwellings does (checked against every subset of small electorates).
- Cost shares add up to the amount exactly and each is less than a cent from its exact share.
- A replaced ballot counts once: the count read from a real database equals the count of each
  dwelling's last ballot.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.votes.counting import Elector, approval_gap, participation_gap, tally
from desktop.votes.sharing import share_cost
from desktop.votes.tables import DEVELOPER_KEY

SETTINGS = settings(max_examples=200, deadline=None)

# Areas to the hundredth, as the register holds them; a few owners, the developer among them,
# so that several dwellings share a head.
AREAS = st.integers(min_value=0, max_value=30_000).map(lambda n: Fraction(n, 100))
OWNERS = st.sampled_from(["A", "B", "C", "D", "E", "F", DEVELOPER_KEY])
OPINION = st.sampled_from(["agree", "against", "abstain", None])


@st.composite
def votes(draw, max_dwellings=12):
    n = draw(st.integers(min_value=0, max_value=max_dwellings))
    shared = draw(st.booleans())  # else every dwelling has an owner of its own
    electorate = [Elector(f"d{i}", draw(AREAS), draw(OWNERS) if shared else f"o{i}")
                  for i in range(n)]
    opinions = {}
    for e in electorate:
        opinion = draw(OPINION)
        if opinion is not None:
            opinions[e.dwelling_id] = opinion
    return draw(st.integers(min_value=1, max_value=9)), electorate, opinions


def _figures(t):
    return (t.item, t.total_area, t.total_heads, t.participating_area, t.participating_heads,
            t.agree_area, t.agree_heads, t.against_area, t.against_heads, t.abstain_area,
            t.abstain_heads, t.mixed_owners, t.silent_owners, t.rule_version,
            sorted(e.dwelling_id for e in t.outstanding),
            t.participation_met, t.approval_met, t.passed)


def _margin(gap):
    return gap.dwellings, gap.heads, gap.area, gap.reachable


@SETTINGS
@given(votes(), st.randoms(use_true_random=False))
def test_the_tally_does_not_depend_on_ballot_or_electorate_order(case, rnd):
    item, electorate, opinions = case
    ballots = list(opinions.items())
    rnd.shuffle(ballots)
    shuffled = list(electorate)
    rnd.shuffle(shuffled)
    first, second = tally(item, electorate, opinions), tally(item, shuffled, dict(ballots))
    assert _figures(first) == _figures(second)
    assert [e.dwelling_id for e in second.outstanding] == [
        e.dwelling_id for e in shuffled if e.dwelling_id not in opinions]
    for gap in (participation_gap, approval_gap):
        assert _margin(gap(first)) == _margin(gap(second))


def _met(gap, t):
    return t.participation_met if gap is participation_gap else t.approval_met


@SETTINGS
@given(votes())
def test_a_reachable_margin_closes_its_condition(case):
    item, electorate, opinions = case
    t = tally(item, electorate, opinions)
    for gap_of in (participation_gap, approval_gap):
        gap = gap_of(t)
        if gap.closed:
            assert _met(gap_of, t)
            continue
        assert not _met(gap_of, t)
        if not gap.reachable:
            everyone = {**opinions, **{e.dwelling_id: "agree" for e in t.outstanding}}
            assert not _met(gap_of, tally(item, electorate, everyone))
            continue
        assert len(gap.picks) == gap.dwellings >= gap.heads
        assert set(gap.picks) <= {e.dwelling_id for e in t.outstanding}
        after = tally(item, electorate, {**opinions, **dict.fromkeys(gap.picks, "agree")})
        assert _met(gap_of, after)
        area_of = {e.dwelling_id: e.area for e in electorate}
        assert sum((area_of[p] for p in gap.picks), Fraction(0)) >= gap.area - Fraction(1, 100)
        if len({e.owner_key for e in electorate}) == len(electorate):
            # One dwelling an owner: the margin's dwellings are simply the largest ones.
            largest = sorted((e.area for e in t.outstanding), reverse=True)[:gap.dwellings]
            assert [area_of[p] for p in gap.picks] == largest


@SETTINGS
@given(votes(max_dwellings=7))
def test_no_fewer_outstanding_dwellings_close_the_condition(case):
    item, electorate, opinions = case
    t = tally(item, electorate, opinions)
    outstanding = [e.dwelling_id for e in t.outstanding]
    for gap_of in (participation_gap, approval_gap):
        gap = gap_of(t)
        if not gap.reachable or gap.closed:
            continue
        for chosen in itertools.combinations(outstanding, gap.dwellings - 1):
            after = tally(item, electorate, {**opinions, **dict.fromkeys(chosen, "agree")})
            assert not _met(gap_of, after), (gap, chosen)


CENT = Decimal("0.01")
AMOUNTS = st.integers(min_value=1, max_value=10**10).map(lambda c: Decimal(c) * CENT)
PART_AREAS = st.lists(st.integers(min_value=0, max_value=50_000), min_size=1, max_size=40)


@SETTINGS
@given(AMOUNTS, PART_AREAS)
def test_shares_add_up_exactly_and_each_is_within_a_cent(amount, hundredths):
    if not any(hundredths):
        hundredths[0] = 1  # a zero total is refused (tested in test_sharing)
    parts = [(f"d{i}", Decimal(h) * CENT) for i, h in enumerate(hundredths)]
    shares = share_cost(amount, parts)
    assert sum(s.amount for s in shares) == amount
    total = sum(Fraction(a) for _, a in parts)
    for share, (_key, area) in zip(shares, parts):
        exact = Fraction(amount) * Fraction(area) / total
        assert share.exact == exact
        assert abs(Fraction(share.amount) - exact) < Fraction(1, 100)
        assert share.amount == share.amount.quantize(CENT) and share.amount >= 0


# --- a replaced ballot counts once (the reading's rule, on a real database) ---------------

VOTE_DAY = dt.date(2026, 3, 2)


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    """A real database: one building of 24 dwellings with exclusive areas and owners — owner
    甲 holds three, owner 乙 two, the developer two unsold, the rest one each."""
    from desktop.core.paths import DataDir
    from desktop.roster.models import Dwelling, DwellingOwner
    from desktop.storage.lifecycle import open_database
    from tests.roster.editing_fixtures import make_places

    database = open_database(DataDir(tmp_path_factory.mktemp("votes") / "data").prepare(),
                             device_name="test-pc")
    places = make_places(database)
    owners = (["甲"] * 3 + ["乙"] * 2 + [None] * 2
              + [f"业主{n}" for n in range(len(places.dwellings) - 7)])
    with database.unit_of_work("王小红") as uow:
        for n, (dwelling_id, name) in enumerate(zip(places.dwellings, owners)):
            dwelling = uow.session.get(Dwelling, dwelling_id)
            dwelling.exclusive_area = Decimal(f"{70 + 3 * n}.{n:02d}")
            if name is None:
                dwelling.developer_held = True
            else:
                phone = {"甲": "13800000001", "乙": "13800000002"}.get(name, f"13900{n:06d}")
                uow.session.add(DwellingOwner(dwelling_id=dwelling_id, outside_name=name,
                                              outside_phone=phone))
    yield database, places
    database.close()


BALLOT = st.tuples(st.integers(min_value=0, max_value=23),
                   st.sampled_from(["agree", "against", "abstain"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(item=st.integers(min_value=1, max_value=9),
       ballots=st.lists(BALLOT, max_size=30))
def test_a_replaced_ballot_counts_once(register, item, ballots):
    from desktop.votes.ballots import record_ballot
    from desktop.votes.reading import ballot_history, electorate_rows, vote_tally
    from desktop.votes.service import VoteDraft, create_vote

    db, places = register
    with db.unit_of_work("王小红") as uow:
        vote_id = create_vote(uow, VoteDraft("加装电梯", item, places.compound_id, VOTE_DAY,
                                             VOTE_DAY + dt.timedelta(days=30),
                                             building_id=places.building_id))
    last: dict[str, str] = {}
    for index, opinion in ballots:  # one unit of work each, as the office enters them
        with db.unit_of_work("王小红") as uow:
            record_ballot(uow, vote_id, places.dwellings[index], opinion, VOTE_DAY)
        last[places.dwellings[index]] = opinion
    with db.reading() as session:
        rows = electorate_rows(session, vote_id)
        counted = vote_tally(session, vote_id).tally
        history = ballot_history(session, vote_id)
    electorate = [Elector(r.dwelling_id, Fraction(r.area), r.owner_key) for r in rows]
    assert len(electorate) == 24 and counted.total_heads == 24 - 2 - 1 - 1  # 甲, 乙, developer
    assert _figures(counted) == _figures(tally(item, electorate, last))
    assert {r.dwelling_id: r.opinion for r in rows if r.opinion} == last
    assert len(history) == len(ballots)  # every replaced ballot stays in the history
