"""``linli roster import`` on the failure paths: a clear message and exit status 2, never a
traceback, and the database exactly as it was."""

from __future__ import annotations

import pytest

from desktop.core.errors import DataDirError
from desktop.roster.importing.apply import apply_import
from desktop.roster.importing.pipeline import prepare_import
from desktop.roster.models import Resident
from tests.roster.importing.hostile import run_linli
from tests.roster.importing.samples import write_csv
from tests.roster.importing.test_import_flow import (  # noqa: F401  (office is a fixture)
    file_digest,
    office,
    residents,
)


@pytest.fixture
def roster_csv(tmp_path):
    return write_csv(tmp_path / "花名册.csv", [["姓名", "现住地址"], ["王明", "翠苑一区3幢2单元501室"]],
                     "utf-8")


@pytest.fixture
def no_community(db):
    """Residents (say, from a bundle) but no community: the setup was never done here."""
    with db.unit_of_work("someone") as uow:
        uow.session.add(Resident(name="旧人"))
    return db


def test_a_folder_without_a_community_gets_the_next_step_not_a_traceback(no_community,
                                                                         roster_csv):
    before = file_digest(no_community)
    for extra in ((), ("--dry-run",)):
        done = run_linli("roster", "import", str(roster_csv), "--data-dir",
                         str(no_community.path.parent), *extra)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert "is not set up yet" in done.stderr and "linli setup" in done.stderr
    assert file_digest(no_community) == before


def test_the_import_itself_refuses_a_folder_without_a_community(no_community, roster_csv):
    prepared = prepare_import(roster_csv)
    with pytest.raises(DataDirError, match="is not set up yet"):
        apply_import(no_community, prepared.read, "update", operator="王社工",
                     file_name=roster_csv.name)
    assert set(residents(no_community)) == {"旧人"}


@pytest.mark.parametrize(("make_args", "expected"), [
    (lambda d, f: [str(f.parent / "不存在.csv"), "--data-dir", d], "Cannot open 不存在.csv"),
    (lambda d, f: [str(f.parent), "--data-dir", d], "is a folder, not a file"),
    (lambda d, f: [str(f), "--data-dir", d + "-nowhere"], "There is no database in"),
    (lambda d, f: [str(f), "--data-dir", d, "--report", str(f.parent / "无" / "r.json")],
     "the folder"),
    (lambda d, f: [str(f), "--data-dir", d, "--errors", str(f.parent)], "is a folder"),
])
def test_other_failures_are_messages_and_change_nothing(office, roster_csv, make_args,
                                                        expected):
    done = run_linli("roster", "import", *make_args(str(office.path.parent), roster_csv))
    assert done.returncode == 2, done.stderr
    assert expected in done.stderr
    assert "Traceback" not in done.stderr
    assert residents(office) == {}
