"""The per-dwelling result as .xlsx: every dwelling of the electorate in walking order, the
opinion as a word, the area as a number, corrections, proxies and late ballots in the remarks,
a dwelling left out said so; read back with openpyxl."""

from __future__ import annotations

import openpyxl
import pytest

from desktop.roster.owners.service import AreasDraft, OwnerDraft, set_areas, set_owners
from desktop.votes.export import export_results
from desktop.votes.service import VoteDraft, create_vote
from tests.votes.printing.worked import CLOSES, OPENS


def _rows(db, vote_id, path):
    with db.reading() as session:
        done = export_results(session, vote_id, path)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert done.rows == len(rows) - 1
    return rows


def test_the_result_sheet(example, db, tmp_path):
    rows = _rows(db, example.vote_id, tmp_path / "result.xlsx")
    assert rows[0] == ("No.", "Ballot no.", "Building", "Unit", "Room", "Exclusive area (m²)",
                       "Owner", "Opinion", "Source", "Remarks")
    by_room = {(r[3], r[4]): r for r in rows[1:]}
    assert [r[0] for r in rows[1:]] == list(range(1, 13))
    assert by_room[("1", "101")][5:8] == (89.5, "王建国", "Agree")
    assert by_room[("1", "301")][9] == "by proxy 刘洋"
    assert by_room[("2", "102")][7:] == ("Agree", "Typed at the office", "replaces 1 earlier ballot")
    assert by_room[("2", "301")][6:] == ("Developer (unsold or undelivered)", "No ballot yet", None,
                                         "late, not counted")
    assert sum(r[5] for r in rows[1:]) == pytest.approx(1138.28)


def test_a_dwelling_left_out_and_a_name_like_a_formula(example, db, tmp_path):
    left, odd = example.dwellings[("2", "202")], example.dwellings[("1", "101")]
    with db.unit_of_work("王小红") as uow:
        set_areas(uow, left, AreasDraft(exclusive_area=None))
        set_owners(uow, odd, [OwnerDraft(name="=HYPERLINK(1)", phone="13800000001")])
    with db.unit_of_work("王小红") as uow:
        vote_id = create_vote(uow, VoteDraft("3幢外墙维修", 5, example.compound_id, OPENS,
                                             CLOSES, building_id=example.building_id),
                              exclude={left: "面积待核实"})
    rows = _rows(db, vote_id, tmp_path / "result.xlsx")
    by_room = {(r[3], r[4]): r for r in rows[1:]}
    assert by_room[("2", "202")][5] is None
    assert by_room[("2", "202")][7:] == ("left out", None, "面积待核实")
    owner = by_room[("1", "101")][6]
    assert isinstance(owner, str) and not owner.startswith("=")
