"""A workbook that inflates far beyond any survey form is refused before it is read: a 1 MB
file that unpacks to hundreds of MB of blank rows took 1.2 GB of memory and seconds in
openpyxl. Refused with the file's name and what to do, and ``linli form import`` stays small
and writes nothing."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from desktop.visits.forms.xlsform import import_xlsform
from tests.faults.office import make_office
from tests.hostile.tiny_xlsx import write_xlsx

ROOT = __import__("pathlib").Path(__file__).resolve().parents[3]


def _inflating(path, megabytes: int):
    return write_xlsx(path, {"A1": "type", "B1": "name", "A2": "text", "B2": "a"},
                      padding=" " * (megabytes * 2**20))


def test_a_workbook_unpacking_to_far_more_than_a_form_is_refused_unread(tmp_path):
    path = _inflating(tmp_path / "问卷.xlsx", 60)
    result = import_xlsform(path.read_bytes(), path.name)
    assert result.form is None
    (problem,) = result.problems
    assert "问卷.xlsx" in problem.message and "unpacks to 60 MB" in problem.message


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_the_command_refuses_it_without_growing_and_writes_nothing(tmp_path):
    office = make_office(tmp_path / "office")
    before = hashlib.sha256(office.database.read_bytes()).hexdigest()
    path = _inflating(tmp_path / "form.xlsx", 300)
    # VmHWM: this process's own peak (ru_maxrss would carry the test's, from before exec).
    probe = ("import re, sys; from desktop.cli import main; code = main(sys.argv[1:]); "
             "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]); "
             "sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", probe, "--lang", "en", "form", "import",
                           str(path), "--data-dir", str(office.root)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 1 and "unpacks to 300 MB" in done.stderr
    peak_mb = int(done.stdout.split()[-1]) / 1024
    assert peak_mb < 400, f"{peak_mb:.0f} MB"  # reading it took 1,200 MB
    assert hashlib.sha256(office.database.read_bytes()).hexdigest() == before
