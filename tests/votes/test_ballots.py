"""Entering ballots: a corrected ballot replaces the earlier one (both kept), a dwelling outside
the electorate is refused by address, late ballots are kept and marked and count only when the
office says so, ballot codes refuse a slip of the finger, and a sheet of paper ballots is
checked row by row with nothing written while any row has a problem."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

import openpyxl
import pytest

from desktop.core.errors import ValidationError
from desktop.votes import ballots as ballots_module
from desktop.votes.ballots import (
    elector_by_code,
    find_electors,
    import_ballots,
    record_ballot,
)
from desktop.votes.codes import code_is_valid, code_width, make_code
from desktop.votes.reading import ballot_history, electorate_rows, vote_tally
from desktop.votes.service import set_include_late
from tests.roster.editing_fixtures import snapshot
from tests.votes.estate import CLOSES, OPENS, build_estate, open_building_vote

DAY = dt.date(2026, 11, 10)
LATE = CLOSES + dt.timedelta(days=2)


@pytest.fixture
def voting(db):
    estate = build_estate(db)
    return estate, open_building_vote(db, estate)


def _ballot(db, vote_id, dwelling_id, opinion="agree", day=DAY, **kw):
    with db.unit_of_work("社工") as uow:
        return record_ballot(uow, vote_id, dwelling_id, opinion, day, **kw)


def _rows(db, vote_id):
    with db.reading() as session:
        return {r.address: r for r in electorate_rows(session, vote_id)}


def test_codes_refuse_every_single_wrong_digit_and_every_swap_of_neighbours():
    for number in range(1, 1000):
        code = make_code(number, 3)
        assert code_is_valid(code)
        for place, digit in itertools.product(range(4), "0123456789"):
            if digit != code[place]:
                assert not code_is_valid(code[:place] + digit + code[place + 1:])
        for place in range(3):
            swapped = code[:place] + code[place + 1] + code[place] + code[place + 2:]
            if swapped != code:
                assert not code_is_valid(swapped)
    assert code_width(12) == 3 and code_width(5000) == 4 and len(make_code(4999, 4)) == 5


def test_a_corrected_ballot_replaces_the_earlier_one_and_both_stay(db, voting):
    estate, vote_id = voting
    dwelling = estate.by_address["3幢2单元302"]
    first = _ballot(db, vote_id, dwelling, "against")
    second = _ballot(db, vote_id, dwelling, "agree", proxy_name=" 李代理 ")
    with db.reading() as session:
        history = ballot_history(session, vote_id, dwelling)
        result = vote_tally(session, vote_id).tally
    assert [(b.id, b.opinion, b.replaced, b.counted) for b in history] == [
        (second, "agree", False, True), (first, "against", True, False)]
    assert history[0].replaces_id == first and history[0].proxy_name == "李代理"
    assert result.agree_heads == 1 and result.against_heads == 0 and result.participating_heads == 1
    assert _rows(db, vote_id)["3幢2单元302"].opinion == "agree"


def test_a_ballot_outside_the_electorate_is_refused_by_address_and_writes_nothing(db, voting):
    estate, vote_id = voting
    before = snapshot(db)
    with pytest.raises(ValidationError) as refused:
        _ballot(db, vote_id, estate.by_address["5幢1单元101"])
    assert refused.value.message.startswith("5幢1单元101 is not in the electorate of “3幢电梯更新”")
    with pytest.raises(ValidationError, match="This dwelling is not in the electorate"):
        _ballot(db, vote_id, "no-such-dwelling")
    assert snapshot(db) == before


def test_a_dwelling_left_out_takes_no_ballot(db):
    estate = build_estate(db)
    left_out = estate.by_address["3幢1单元201"]
    vote_id = open_building_vote(db, estate, exclude={left_out: "产权纠纷"})
    with pytest.raises(ValidationError, match=r"3幢1单元201 was left out of this vote \(产权纠纷\)"):
        _ballot(db, vote_id, left_out)


@pytest.mark.parametrize("kw, field", [
    ({"opinion": "yes"}, "opinion"), ({"day": OPENS - dt.timedelta(days=1)}, "cast_on"),
    ({"day": "2026-11-10"}, "cast_on"), ({"source": "fax"}, "source"),
    ({"proxy_name": "张" * 51}, "proxy_name"),
])
def test_bad_ballots_are_refused_naming_the_field(db, voting, kw, field):
    estate, vote_id = voting
    before = snapshot(db)
    with pytest.raises(ValidationError) as refused:
        _ballot(db, vote_id, estate.by_address["3幢1单元201"], **kw)
    assert refused.value.field == field
    assert snapshot(db) == before


def test_late_ballots_are_kept_marked_and_count_only_when_included(db, voting):
    estate, vote_id = voting
    on_time, late_only = estate.by_address["3幢1单元201"], estate.by_address["3幢1单元202"]
    _ballot(db, vote_id, on_time, "agree")
    _ballot(db, vote_id, on_time, "against", day=LATE)  # a late change of mind
    _ballot(db, vote_id, late_only, "agree", day=LATE)
    with db.reading() as session:
        tallied = vote_tally(session, vote_id)
        history = ballot_history(session, vote_id)
    assert tallied.tally.participating_heads == 1 and tallied.tally.agree_heads == 1
    assert tallied.late_not_counted == 2
    assert any("2 ballots cast after 2026-11-30 are not counted: 3幢1单元201、3幢1单元202"
               in w for w in tallied.warnings)
    assert sorted((b.opinion, b.late, b.counted) for b in history) == [
        ("against", True, False), ("agree", False, True), ("agree", True, False)]
    with db.unit_of_work("社工") as uow:
        set_include_late(uow, vote_id, True)
    with db.reading() as session:
        tallied = vote_tally(session, vote_id)
        rows = {r.address: r for r in electorate_rows(session, vote_id)}
    assert tallied.tally.participating_heads == 2 and tallied.tally.against_heads == 1
    assert tallied.late_not_counted == 0 and not any("after" in w for w in tallied.warnings)
    assert rows["3幢1单元202"].late and rows["3幢1单元202"].opinion == "agree"


def test_finding_a_dwelling_by_code_address_room_or_owner(db, voting):
    _estate, vote_id = voting
    rows = _rows(db, vote_id)
    code = rows["3幢2单元201"].code
    with db.reading() as session:
        def found(text):
            return [r.address for r in find_electors(session, vote_id, text)]

        assert found(code) == ["3幢2单元201"]
        assert found(f" {code[:2]}-{code[2:]} ") == ["3幢2单元201"]
        assert found("3-2-201") == found("3幢2单元201") == found("3栋2单元201室") == \
            ["3幢2单元201"]
        assert found("201") == ["3幢1单元201", "3幢2单元201"]
        assert found("王强") == ["3幢1单元101", "3幢1单元102"]
        assert found("5-1-101") == [] and found("") == []
        slip = code[:-1] + str((int(code[-1]) + 1) % 10)
        assert found(slip) == []  # not a neighbour's dwelling
        with pytest.raises(ValidationError, match="is not a ballot code of this vote"):
            elector_by_code(session, vote_id, slip)
        assert elector_by_code(session, vote_id, code).address == "3幢2单元201"


# --- a sheet of ballots ----------------------------------------------------------------

HEADER = ["小区", "楼栋", "单元", "房号", "表决意见"]


def _sheet(path, rows, header=HEADER, title=None):
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_clean_sheet_enters_every_ballot(db, voting, tmp_path):
    estate, vote_id = voting
    _ballot(db, vote_id, estate.by_address["3幢1单元101"], "against")
    path = _sheet(tmp_path / "ballots.xlsx", [
        ["翠苑一区", "3幢", "1", "101", "同意"],
        ["", "3", 1, 102, "反对"],
        ["翠苑一区", "3幢", "2单元", "0301", " 弃权 "],
        [None, None, None, None, None],
        ["翠苑一区", "3号楼", "2", "302室", "同意", "李代理", "2026-12-02"],
    ], header=HEADER + ["委托代理人", "表决日期"], title="3幢电梯更新表决票登记")
    with db.unit_of_work("社工") as uow:
        report = import_ballots(uow, vote_id, path, cast_on=DAY)
    assert report.problems == [] and report.written == 4
    assert report.replaced == 1 and report.late == 1
    rows = _rows(db, vote_id)
    assert rows["3幢1单元101"].opinion == "agree" and rows["3幢1单元101"].source == "sheet"
    assert rows["3幢1单元102"].opinion == "against"
    assert rows["3幢2单元301"].opinion == "abstain"
    assert rows["3幢2单元302"].opinion is None  # late, not counted
    with db.reading() as session:
        late = ballot_history(session, vote_id, estate.by_address["3幢2单元302"])[0]
    assert late.late and late.proxy_name == "李代理" and late.cast_on == dt.date(2026, 12, 2)


def test_a_sheet_with_problems_lists_them_by_row_and_enters_nothing(db, voting, tmp_path):
    _estate, vote_id = voting
    path = _sheet(tmp_path / "ballots.xlsx", [
        ["翠苑一区", "3幢", "1", "201", "同意"],         # row 2: fine
        ["翠苑一区", "3幢", "1", "909", "同意"],         # row 3: no such dwelling
        ["翠苑一区", "5幢", "1", "101", "同意"],         # row 4: in the compound, not the vote
        ["翠苑二区", "3幢", "1", "101", "同意"],         # row 5: another compound
        ["翠苑一区", "3幢", "1", "202", "支持"],         # row 6: not an opinion
        ["翠苑一区", "3幢", "1", "201", "反对"],         # row 7: the same dwelling again
        ["翠苑一区", "3幢", "1", "301", ""],             # row 8: no opinion
    ])
    before = snapshot(db)
    with db.unit_of_work("社工") as uow:
        report = import_ballots(uow, vote_id, path, cast_on=DAY)
    assert report.written == 0
    assert [message for _row, message in report.problems] == [
        "Row 3: 3幢1单元909 is not in the roster of 翠苑一区.",
        "Row 4: 5幢1单元101 is outside this vote's scope.",
        "Row 5: 3幢1单元101 in 翠苑二区 is outside this vote's scope.",
        "Row 6: “支持” is not an opinion: write 同意, 反对 or 弃权.",
        "Row 7: 3幢1单元201 is already on row 2.",
        "Row 8: no opinion (同意, 反对 or 弃权)",
    ]
    assert snapshot(db) == before


def test_a_sheet_without_the_columns_is_refused(db, voting, tmp_path):
    _estate, vote_id = voting
    path = _sheet(tmp_path / "ballots.xlsx", [["3幢", "101"]], header=["楼栋", "房号"])
    before = snapshot(db)
    with pytest.raises(ValidationError, match="no header row with 楼栋, 房号 and 表决意见"), \
            db.unit_of_work("社工") as uow:
        import_ballots(uow, vote_id, path)
    assert snapshot(db) == before


def test_a_failure_half_way_through_a_sheet_leaves_the_database_as_it_was(
        db, voting, tmp_path, monkeypatch):
    _estate, vote_id = voting
    path = _sheet(tmp_path / "ballots.xlsx", [["翠苑一区", "3幢", "1", room, "同意"]
                                              for room in ("101", "102", "201", "202")])
    real = ballots_module._write
    written = []

    def failing(*args):
        if len(written) == 2:
            raise OSError("disk full")
        written.append(real(*args))
        return written[-1]

    monkeypatch.setattr(ballots_module, "_write", failing)
    before = snapshot(db)
    with pytest.raises(OSError), db.unit_of_work("社工") as uow:
        import_ballots(uow, vote_id, path, cast_on=DAY)
    assert len(written) == 2
    assert snapshot(db) == before


def test_a_code_that_reads_like_a_room_number_finds_both_the_code_first(db, voting):
    _estate, vote_id = voting
    with db.reading() as session:
        rows = electorate_rows(session, vote_id)
        code = make_code(100, 3)  # four digits, like room 1001 on the tenth floor
        by_code = replace(rows[0], code=code)
        tenth = replace(rows[1], room=code, address=f"3幢1单元{code}")
        found = find_electors(session, vote_id, code, rows=[tenth, by_code])
    assert found == [by_code, tenth]
