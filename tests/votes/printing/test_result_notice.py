"""The worked example's result notice: every figure worked out here from the example's own
tables (not by the code under test) and found in the PDF's text; no owner's name or phone on
it; posting it keeps it in the notices archive and links it to the vote."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from desktop.core.errors import ValidationError
from desktop.notices.archive import list_notices, printed_pdf
from desktop.votes.ballots import record_ballot
from desktop.votes.printing.result import post_result_notice, render_result_notice
from desktop.votes.service import VoteDraft, create_vote
from desktop.votes.tables import Vote
from tests.votes.printing.conftest import fonts_embedded, pdf_text, squeeze
from tests.votes.printing.worked import BALLOTS, CLOSES, DEVELOPER, DWELLINGS, OPENS


def _pct(part, whole) -> str:
    """Half-up to two places, worked out with integers."""
    hundredths = Fraction(part) / Fraction(whole) * 10000
    rounded = (hundredths + Fraction(1, 2)).__floor__()
    return f"{rounded // 100}.{rounded % 100:02d}%"


def expected_figures() -> dict:
    area = {(u, r): Decimal(a) for u, r, a, _o in DWELLINGS}
    owner = {(u, r): "developer" if o == DEVELOPER else frozenset(o) for u, r, _a, o in DWELLINGS}
    latest = {}
    for unit, room, opinion, cast_on, _proxy in BALLOTS:
        if cast_on <= CLOSES:  # a late ballot is kept but not counted
            latest[(unit, room)] = opinion
    said: dict = {}
    for place, opinion in latest.items():
        said.setdefault(owner[place], set()).add(opinion)
    heads = len(set(owner.values()))
    total_area = sum(area.values())
    part_area = sum(area[p] for p in latest)
    by = {k: sum((area[p] for p, o in latest.items() if o == k), Decimal(0))
          for k in ("agree", "against", "abstain")}
    head_by = {k: sum(1 for s in said.values() if s == {k}) for k in by}
    return {"heads": heads, "total_area": total_area, "part_heads": len(said),
            "part_area": part_area, "area": by, "head": head_by}


def test_the_worked_example_has_the_figures_we_expect():
    """The example's own arithmetic, so that a change to its tables shows up here first."""
    f = expected_figures()
    assert f["heads"] == 9  # 陈志强 once for three flats, 赵丽+钱伟 once, the developer once
    assert f["total_area"] == Decimal("1138.28")
    assert (f["part_heads"], f["part_area"]) == (8, Decimal("918.29"))
    assert f["head"] == {"agree": 6, "against": 1, "abstain": 1}
    assert f["area"]["agree"] == Decimal("759.41")


def test_every_figure_of_the_result_notice(example, db, tmp_path):
    f = expected_figures()
    with db.reading() as session:
        data = render_result_notice(session, example.vote_id)
    text = pdf_text(data, tmp_path)
    flat = squeeze(text)
    assert "Announcementoftheresultoftheowners'voteon“3幢加装电梯”" in flat
    assert "item(7)" in flat and "Rebuildingorreconstructing" in flat
    assert "December1,2026toDecember15,2026" in flat
    assert "拟在3幢1单元、2单元各加装电梯一部" in flat
    # the whole: dwellings, area, heads
    assert f"12dwellingswith{f['total_area']}m²" in flat
    assert f"heldby{f['heads']}owners" in flat
    # participation, by head and by area, with their shares
    assert (f"{f['part_heads']}ownerstookpart,{_pct(f['part_heads'], f['heads'])}ofall"
            in flat)
    assert (f"theyhold{f['part_area']}m²ofexclusivearea,"
            f"{_pct(f['part_area'], f['total_area'])}ofthetotal" in flat)
    # each opinion: heads, share of heads, area, share of area (one table row each)
    layout = pdf_text(data, tmp_path, layout=True)
    rows = {line.split()[0]: line.split() for line in layout.splitlines() if line.strip()}
    for key, label in (("agree", "Agree"), ("against", "Against"), ("abstain", "Abstain")):
        assert rows[label][1:] == [str(f["head"][key]), _pct(f["head"][key], f["part_heads"]),
                                   str(f["area"][key]), _pct(f["area"][key], f["part_area"])]
    # each threshold, its share reached and whether it is met (item 7: three quarters)
    checks = [(_pct(f["part_area"], f["total_area"]),
               Fraction(f["part_area"]) / Fraction(f["total_area"]) >= Fraction(2, 3)),
              (_pct(f["part_heads"], f["heads"]),
               Fraction(f["part_heads"], f["heads"]) >= Fraction(2, 3)),
              (_pct(f["area"]["agree"], f["part_area"]),
               Fraction(f["area"]["agree"]) / Fraction(f["part_area"]) >= Fraction(3, 4)),
              (_pct(f["head"]["agree"], f["part_heads"]),
               Fraction(f["head"]["agree"], f["part_heads"]) >= Fraction(3, 4))]
    assert checks[3] == ("75.00%", True)  # the boundary: exactly three quarters passes
    threshold_lines = [line for line in layout.splitlines() if line.rstrip().endswith("met")]
    assert len(threshold_lines) == 4
    for line, (share, met) in zip(threshold_lines, checks):
        assert share in line and line.rstrip().endswith("not met") != met
    assert "atleasttwothirdsofthetotalarea" in flat
    assert "atleastthreequartersoftheownerstakingpart" in flat
    assert "1ballotreturnedaftertheperiodwasnotcounted" in flat
    assert "“3幢加装电梯”isdecidedbytheowners" in flat
    assert "Countingrule:CivilCodeart.278(2021)andtheSupremePeople" in flat
    assert "Thisisherebyannounced." in flat and "翠苑一区社区" in flat
    assert "December16,2026" in flat  # the day the count closed


def test_the_notice_names_nobody_and_prints_no_phone(example, db, tmp_path):
    with db.reading() as session:
        flat = squeeze(pdf_text(render_result_notice(session, example.vote_id), tmp_path))
    for _u, _r, _a, owners in DWELLINGS:
        for name, phone in ([] if owners == DEVELOPER else owners):
            assert name not in flat and phone not in flat
    assert "刘洋" not in flat  # the proxy
    assert "1380000" not in flat


def test_the_notice_embeds_its_fonts(example, db, tmp_path):
    with db.reading() as session:
        data = render_result_notice(session, example.vote_id)
    found = fonts_embedded(data, tmp_path)
    assert found and all(emb == "yes" for _name, emb in found), found


def test_posting_keeps_the_printed_notice_and_links_it_to_the_vote(example, db, tmp_path):
    with db.unit_of_work("王小红") as uow:
        notice_id = post_result_notice(uow, example.vote_id, now=dt.datetime(2026, 12, 16, 9))
    with db.reading() as session:
        assert session.get(Vote, example.vote_id).notice_id == notice_id
        rows = list_notices(session, dt.date(2026, 12, 16))
        assert [(r.id, r.kind, r.status) for r in rows] == [(notice_id, "announcement",
                                                            "posted")]
        kept = printed_pdf(session, notice_id)
    assert "heldby9owners" in squeeze(pdf_text(kept, tmp_path))
    # posting again updates the same notice (a new print), not a second notice
    with db.unit_of_work("王小红") as uow:
        assert post_result_notice(uow, example.vote_id) == notice_id
    with db.reading() as session:
        assert len(list_notices(session, dt.date(2026, 12, 16))) == 1


def test_a_vote_still_collecting_has_no_result_to_post(db):
    from tests.votes.printing.worked import build

    example = build(db, close=False)
    with pytest.raises(ValidationError, match="Close the count"), \
            db.unit_of_work("王小红") as uow:
        post_result_notice(uow, example.vote_id)
    with db.reading() as session:
        assert session.get(Vote, example.vote_id).notice_id is None
        assert list_notices(session, dt.date(2026, 12, 16)) == []


def test_a_vote_short_of_participation_is_not_decided(example, db, tmp_path):
    with db.unit_of_work("王小红") as uow:
        vote_id = create_vote(uow, VoteDraft("3幢外墙维修", 5, example.compound_id, OPENS,
                                             CLOSES, building_id=example.building_id))
        for place in (("1", "101"), ("1", "102")):
            record_ballot(uow, vote_id, example.dwellings[place], "agree", OPENS)
    with db.reading() as session:
        data = render_result_notice(session, vote_id)
    layout = pdf_text(data, tmp_path, layout=True)
    flat = squeeze(pdf_text(data, tmp_path))
    assert "“3幢外墙维修”isnotdecided" in flat
    assert "morethanhalfoftheareatakingpart" in flat  # item 5: an ordinary matter
    met = [line.rstrip() for line in layout.splitlines() if line.rstrip().endswith("met")]
    assert [line.endswith("not met") for line in met] == [True, True, False, False]


def test_a_ballot_arriving_after_the_close_stops_the_posting(example, db):
    """A ballot that reaches this copy after the count closed (synced from another PC, dated
    within the period) would make the notice disagree with the stored result."""
    from desktop.votes.tables import Ballot

    with db.unit_of_work("王小红") as uow:
        uow.session.add(Ballot(vote_id=example.vote_id,
                               dwelling_id=example.dwellings[("1", "302")], opinion="against",
                               cast_on=dt.date(2026, 12, 14),
                               recorded_at=dt.datetime(2026, 12, 17, 9), source="door"))
    with pytest.raises(ValidationError, match="changed after its count was closed"), \
            db.unit_of_work("王小红") as uow:
        post_result_notice(uow, example.vote_id)
    with db.reading() as session:
        assert session.get(Vote, example.vote_id).notice_id is None
        assert list_notices(session, dt.date(2026, 12, 17)) == []
