"""``linli vote create | list | tally --json | import-ballots`` in their own processes on a real
data folder: what they print, the JSON's exact shape, problems by row, and one-line refusals
(exit 2, no traceback) that write nothing."""

from __future__ import annotations

import json

import openpyxl
import pytest

from desktop.roster.models import Dwelling
from desktop.votes.reading import electorate_rows
from desktop.votes.tables import Vote
from tests.roster.editing_fixtures import snapshot
from tests.roster.importing.hostile import run_linli
from tests.votes.estate import build_estate


@pytest.fixture
def estate(db):
    return build_estate(db)


def _linli(data_dir, *args):
    return run_linli("vote", *args, "--data-dir", str(data_dir.root))


def _one_line_error(done) -> str:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0].removeprefix("Error: ")


def _sheet(path, rows):
    book = openpyxl.Workbook()
    book.active.append(["小区", "楼栋", "单元", "房号", "表决意见"])
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_create_list_import_and_tally(db, estate, data_dir, tmp_path):
    done = _linli(data_dir, "create", "3幢电梯更新", "--item", "7", "--compound", "翠苑一区",
                  "--building", "3幢", "--from", "2026-11-01", "--until", "2026-11-30")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("Opened 3幢电梯更新 over 翠苑一区 3幢: 12 dwellings, "
                                   "2026-11-01 to 2026-11-30.")
    done = _linli(data_dir, "create", "2单元议事", "--item", "1", "--compound", "翠苑一区",
                  "--building", "3幢", "--unit", "2", "--from", "2026-11-01",
                  "--until", "2026-11-30")
    assert done.returncode == 0, done.stderr
    lines = _linli(data_dir, "list").stdout.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == ["2单元议事", "3幢电梯更新"]
    assert all(line.count("\t") == 1 for line in lines)
    assert lines[1].split("\t")[1].startswith("翠苑一区 3幢 · ")
    assert lines[0].split("\t")[1].endswith("0 of 6 dwellings voted")
    rows = [["翠苑一区", "3幢", "2", f"{floor}0{room}", "同意"] for floor in (1, 2, 3)
            for room in (1, 2)] + [["翠苑一区", "3幢", "1", "302", "反对"],
                                   ["翠苑一区", "3幢", "1", "301", "弃权"]]
    done = _linli(data_dir, "import-ballots", "3幢电梯更新",
                  str(_sheet(tmp_path / "b.xlsx", rows)), "--date", "2026-11-10")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Entered 8 ballots (0 replacing an earlier one, 0 late)."
    done = _linli(data_dir, "tally", "3幢电梯更新", "--json")
    assert done.returncode == 0, done.stderr
    # 790.00 of 1,117.50 m², 8 of 11 owners take part; item (七) needs ¾: 618.75 of 790.00
    # m² agree (78.3 %) and 6 of 8 owners (exactly ¾, which "以上" includes).
    assert json.loads(done.stdout) == {
        "total_area": "1117.50", "total_heads": 11, "participating_area": "790.00",
        "participating_heads": 8, "agree_area": "618.75", "agree_heads": 6,
        "participation_met": True, "approval_met": True, "passed": True}
    text = _linli(data_dir, "tally", "3幢电梯更新").stdout
    assert "Participation is met." in text and "at least three quarters" in text


def test_import_problems_are_listed_by_row_and_nothing_is_entered(db, estate, data_dir,
                                                                   tmp_path):
    assert _linli(data_dir, "create", "3幢电梯更新", "--item", "7", "--compound", "翠苑一区",
                  "--building", "3幢", "--from", "2026-11-01").returncode == 0
    path = _sheet(tmp_path / "b.xlsx", [["翠苑一区", "3幢", "1", "101", "同意"],
                                        ["翠苑一区", "5幢", "1", "101", "同意"],
                                        ["翠苑一区", "3幢", "1", "101", "好"]])
    before = snapshot(db)
    done = _linli(data_dir, "import-ballots", "3幢电梯更新", str(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "Row 3: 5幢1单元101 is outside this vote's scope.",
        "Row 4: “好” is not an opinion: write 同意, 反对 or 弃权.",
        "Row 4: 3幢1单元101 is already on row 2.",
        "3 problems: no ballot was entered."]
    assert snapshot(db) == before


def test_register_gaps_refuse_create_unless_left_out(db, estate, data_dir):
    with db.unit_of_work("社工") as uow:
        uow.session.get(Dwelling, estate.by_address["3幢2单元201"]).exclusive_area = None
    before = snapshot(db)
    args = ("create", "3幢电梯更新", "--item", "7", "--compound", "翠苑一区", "--building", "3幢")
    line = _one_line_error(_linli(data_dir, *args))
    assert "3幢2单元201 (no exclusive area)" in line
    assert snapshot(db) == before
    done = _linli(data_dir, *args, "--exclude-gaps", "面积待测")
    assert done.returncode == 0 and "11 dwellings" in done.stdout
    with db.reading() as session:
        vote_id = session.query(Vote.id).scalar()
        left_out = [r.address for r in electorate_rows(session, vote_id) if r.excluded]
    assert left_out == ["3幢2单元201"]


def test_names_that_mean_several_places_or_votes_are_refused_naming_them(db, estate,
                                                                        data_dir):
    before = snapshot(db)
    line = _one_line_error(_linli(data_dir, "create", "x", "--item", "1", "--compound", "翠苑一区",
                                  "--building", "9幢"))
    assert line == "There is no building named 9幢 in 翠苑一区."
    done = _linli(data_dir, "create", "x", "--item", "10", "--compound", "翠苑一区")
    assert done.returncode == 2 and "a number from 1 to 9, not “10”" in done.stderr
    line = _one_line_error(_linli(data_dir, "create", "x", "--item", "1", "--compound", "翠苑一区",
                                  "--unit", "2"))
    assert line == "--unit needs --building."
    assert snapshot(db) == before
    for args in (("--building", "3幢"), ("--building", "5幢")):
        assert _linli(data_dir, "create", "电梯", "--item", "1", "--compound", "翠苑一区",
                      *args, "--from", "2026-11-01").returncode in (0, 2)
    # The second "电梯" is refused at create: names identify votes on the command line.
    with db.reading() as session:
        assert session.query(Vote).count() == 1
    with db.unit_of_work("社工") as uow:  # one made by the window with the same title
        first = uow.session.query(Vote).one()
        uow.session.add(Vote(title="电梯", item=1, compound_id=first.compound_id,
                             building_id=estate.building_5_id, opens_on=first.opens_on,
                             closes_on=first.closes_on))
    line = _one_line_error(_linli(data_dir, "tally", "电梯", "--json"))
    assert line.startswith("Several votes are named 电梯: 翠苑一区 3幢, 2026-11-01 to ")
    assert "翠苑一区 5幢" in line and "Give the vote's id instead." in line
    assert _one_line_error(_linli(data_dir, "tally", "无此表决")) == \
        "There is no vote named 无此表决."
    assert _linli(data_dir, "tally", first.id, "--json").returncode == 0
