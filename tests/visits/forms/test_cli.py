"""``linli form import / export / list`` in their own processes, on a real data folder and the
real XLSForms: the report the issue specifies, exit 1 for a form that cannot be used (with
pyxform's reason and row, nothing written), and a form that goes out converts again."""

from __future__ import annotations

import hashlib
import json

from pyxform import xls2xform

from tests.conftest import SHARED_EXTERNAL
from tests.faults.office import make_office
from tests.roster.importing.hostile import run_linli

FORMS = SHARED_EXTERNAL / "forms"


def _digest(data_dir) -> str:
    return hashlib.sha256(data_dir.database.read_bytes()).hexdigest()


def test_import_writes_the_report_lists_and_exports_the_form(tmp_path):
    office = make_office(tmp_path / "office")
    report = tmp_path / "r.json"
    done = run_linli("form", "import", str(FORMS / "pyxform_UCL_Biomass_Plot_Form.xlsx"),
                     "--report", str(report), "--data-dir", str(office.root))
    assert done.returncode == 0, done.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["form"]["questions"] == 62 and data["form"]["repeats"] == 5
    assert data["form"]["notes"] == 3 and data["form"]["groups"] == 3
    assert {q["name"] for q in data["questions"]} >= {"stems"} or data["questions"]
    assert all(set(p) == {"row", "column", "severity", "message"} for p in data["problems"])
    # The select_one_from_file questions came in marked unsupported, reported by row.
    assert any(not q["supported"] for q in data["questions"])
    listed = run_linli("form", "list", "--data-dir", str(office.root))
    assert listed.returncode == 0 and "62" in listed.stdout
    out = tmp_path / "back.xlsx"
    key = listed.stdout.split("\t")[0].strip()
    exported = run_linli("form", "export", key, "--out", str(out), "--data-dir",
                         str(office.root))
    assert exported.returncode == 0, exported.stderr
    xls2xform.convert(str(out))


def test_a_form_pyxform_rejects_exits_1_with_the_reason_and_writes_nothing(tmp_path):
    office = make_office(tmp_path / "office")
    before = _digest(office)
    report = tmp_path / "r.json"
    done = run_linli("form", "import", str(FORMS / "onadata_enumerator_weekly.xlsx"),
                     "--report", str(report), "--data-dir", str(office.root))
    assert done.returncode == 1
    problems = json.loads(report.read_text(encoding="utf-8"))["problems"]
    assert any(p["severity"] == "error" and "label" in p["message"] for p in problems)
    assert "not imported" in done.stderr and "Traceback" not in done.stderr
    assert _digest(office) == before


def test_a_file_that_is_not_a_spreadsheet_is_refused_plainly(tmp_path):
    office = make_office(tmp_path / "office")
    fake = tmp_path / "form.xlsx"
    fake.write_text("这不是表格", encoding="utf-8")
    done = run_linli("form", "import", str(fake), "--data-dir", str(office.root))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "form.xlsx" in done.stderr
