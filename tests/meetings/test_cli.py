"""``linli meeting list``, ``linli meeting minutes`` and ``linli actions export`` in their own
processes on a real data folder: what they print and write, and a clear one-line error (exit 2,
no traceback, no file) for a meeting, party or folder that is not there."""

from __future__ import annotations

import subprocess

import openpyxl
import pytest

from desktop.core.tasks import TaskContext
from desktop.roster.demo import generate_demo
from tests.meetings.year import build_year
from tests.roster.importing.hostile import run_linli


@pytest.fixture
def year(db):
    generate_demo(db, residents=300, seed=5, ctx=TaskContext())
    return build_year(db, per_meeting=2)


def _one_line_error(done) -> str:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_meeting_list_one_line_a_meeting_oldest_first(year, data_dir):
    meetings, _truth = year
    done = run_linli("meeting", "list", "--data-dir", str(data_dir.root))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == meetings
    assert all(line.count("\t") == 1 for line in lines)
    assert lines[0].split("\t")[1] == \
        "2026-01-05 09:00 · Tripartite joint meeting · 翠苑一区三方联席会议"
    assert lines[-1].split("\t")[1].startswith("2026-12-05 09:00 ")


def test_meeting_list_of_a_desk_without_meetings(data_dir, db):
    generate_demo(db, residents=50, seed=5, ctx=TaskContext())
    done = run_linli("meeting", "list", "--data-dir", str(data_dir.root))
    assert done.returncode == 0 and done.stdout.strip() == "There are no meetings yet."


def test_actions_export_with_filters(year, data_dir, tmp_path):
    _meetings, truth = year
    out = tmp_path / "物业整改清单.xlsx"
    done = run_linli("actions", "export", "--out", str(out), "--open", "--party",
                     "property_company", "--data-dir", str(data_dir.root))
    assert done.returncode == 0, done.stderr
    wanted = {t.problem for t in truth if not t.deleted and t.status != "closed"
              and t.party == "property_company"}
    rows = list(openpyxl.load_workbook(out)["Action items"].iter_rows(values_only=True))[1:]
    assert {r[1] for r in rows} == wanted
    assert done.stdout.strip() == f"Wrote {out}: {len(wanted)} items."
    everything = tmp_path / "all.xlsx"
    done = run_linli("actions", "export", "--out", str(everything), "--data-dir",
                     str(data_dir.root))
    assert done.returncode == 0, done.stderr
    rows = list(openpyxl.load_workbook(everything)["Action items"].iter_rows(values_only=True))
    assert len(rows) - 1 == sum(1 for t in truth if not t.deleted)


def test_minutes_of_a_meeting_and_its_posted_version(year, data_dir, tmp_path):
    pytest.importorskip("desktop.meetings.minutes")
    meetings, _truth = year
    for extra, name in (((), "minutes.pdf"), (("--posted",), "posted.pdf")):
        out = tmp_path / name
        done = run_linli("meeting", "minutes", meetings[5], "--out", str(out), *extra,
                         "--data-dir", str(data_dir.root))
        assert done.returncode == 0, done.stderr
        text = "".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                                      text=True, check=True).stdout.split())
        assert "翠苑一区三方联席会议" in text and "〔2026〕第6期" in text
        assert "6月第1项" in text  # an item born in that meeting


def test_errors_are_one_line_exit_2_and_write_nothing(year, data_dir, tmp_path):
    root = str(data_dir.root)
    line = _one_line_error(run_linli("actions", "export", "--out", str(tmp_path / "a.xlsx"),
                                     "--party", "街道", "--data-dir", root))
    assert "街道" in line and "property_company" in line
    line = _one_line_error(run_linli("actions", "export", "--out",
                                     str(tmp_path / "missing" / "a.xlsx"), "--data-dir", root))
    assert "does not exist" in line
    line = _one_line_error(run_linli("meeting", "minutes", "no-such-meeting", "--out",
                                     str(tmp_path / "m.pdf"), "--data-dir", root))
    assert "no longer exists" in line
    line = _one_line_error(run_linli("meeting", "list", "--data-dir",
                                     str(tmp_path / "no data here")))
    assert line.startswith("Error: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
