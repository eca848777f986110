"""Every file a headless command writes leaves exactly one audit row (its base name, rows,
masked or not); a volunteer is refused a spreadsheet or an unmasked printout with no file
written and the database exactly as it was."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.core.tasks import TaskContext
from desktop.roster.demo import generate_demo
from tests.security.audit.conftest import OFFICE, VOLUNTEER, audit_rows, snapshot
from tests.votes.printing.worked import build


@pytest.fixture
def roster(db):
    generate_demo(db, residents=60, seed=3, ctx=TaskContext())
    return db


def test_roster_export_and_print_one_row_each(roster, data_dir, tmp_path, as_operator, capsys):
    as_operator(OFFICE)
    root = str(data_dir.root)
    out = tmp_path / "名单.xlsx"
    assert main(["roster", "export", "--data-dir", root, "--out", str(out), "--mask"]) == 0
    pdf = tmp_path / "full.pdf"
    assert main(["roster", "print", "--data-dir", root, "--out", str(pdf), "--full"]) == 0
    rows = audit_rows(roster)
    assert [(r.action, r.subject, r.operator, r.role) for r in rows] == [
        ("export", "名单.xlsx", "王芳", "office"), ("print", "full.pdf", "王芳", "office")]
    said = capsys.readouterr().out  # "Exported {rows} residents…": the row count recorded
    assert rows[0].detail == {"file": "名单.xlsx", "format": "xlsx", "masked": True,
                              "rows": int(said.split()[1])}
    assert rows[1].detail == {"file": "full.pdf", "format": "pdf", "masked": False}
    assert str(tmp_path) not in repr(rows)  # the base name only


@pytest.mark.parametrize("command", [
    ["roster", "export", "--out", "{tmp}/x.xlsx"],
    ["roster", "export", "--out", "{tmp}/x.csv", "--mask"],
    ["roster", "print", "--out", "{tmp}/x.pdf", "--full"],
])
def test_volunteer_refused_nothing_written(roster, data_dir, tmp_path, as_operator, capsys,
                                           command):
    as_operator(VOLUNTEER)
    before = snapshot(roster)
    argv = [part.format(tmp=tmp_path) for part in command]
    assert main([*argv, "--data-dir", str(data_dir.root)]) == 2
    err = capsys.readouterr().err
    assert "Volunteers cannot" in err
    assert list(tmp_path.glob("x.*")) == []
    assert snapshot(roster) == before


def test_volunteer_may_print_a_masked_list(roster, data_dir, tmp_path, as_operator):
    as_operator(VOLUNTEER)
    out = tmp_path / "walk.pdf"
    assert main(["roster", "print", "--kind", "walk", "--data-dir", str(data_dir.root),
                 "--out", str(out)]) == 0
    assert out.exists()
    [row] = audit_rows(roster)
    assert (row.action, row.operator, row.role, row.detail["masked"]) == (
        "print", "小李", "volunteer", True)


def test_vote_files_one_row_each(db, data_dir, tmp_path, as_operator, capsys):
    build(db)
    as_operator(OFFICE)
    root = str(data_dir.root)
    runs = [
        ["vote", "ballots", "3幢加装电梯", "--out", str(tmp_path / "b.pdf")],
        ["vote", "notice", "3幢加装电梯", "--out", str(tmp_path / "n.pdf")],
        ["vote", "export", "3幢加装电梯", "--out", str(tmp_path / "r.xlsx")],
        ["vote", "share", "--amount", "700000", "--building", "3幢", "--out",
         str(tmp_path / "s.pdf"), "--full-names"],
    ]
    for argv in runs:
        assert main([*argv, "--data-dir", root]) == 0, capsys.readouterr().err
    rows = audit_rows(db)
    assert [(r.action, r.subject, r.detail.get("rows"), r.detail["masked"]) for r in rows] == [
        ("print", "b.pdf", 12, True), ("print", "n.pdf", None, True),
        ("export", "r.xlsx", 12, False), ("print", "s.pdf", 12, False)]


def test_vote_export_refused_to_a_volunteer(db, data_dir, tmp_path, as_operator, capsys):
    build(db)
    as_operator(VOLUNTEER)
    before = snapshot(db)
    out = tmp_path / "r.xlsx"
    assert main(["vote", "export", "3幢加装电梯", "--out", str(out), "--data-dir",
                 str(data_dir.root)]) == 2
    assert "Volunteers cannot export spreadsheets" in capsys.readouterr().err
    assert not out.exists() and snapshot(db) == before


def test_a_failed_command_records_nothing(db, data_dir, tmp_path, as_operator, capsys):
    build(db)
    as_operator(OFFICE)
    assert main(["vote", "ballots", "no such vote", "--out", str(tmp_path / "b.pdf"),
                 "--data-dir", str(data_dir.root)]) == 2
    assert audit_rows(db) == []


def test_bundle_export_and_import_one_row_each(roster, data_dir, tmp_path, as_operator,
                                               monkeypatch, capsys):
    from desktop.core.paths import DataDir
    from desktop.storage.lifecycle import open_database

    monkeypatch.setenv("LINLI_BUNDLE_PASSPHRASE", "翠苑一区-冬季走访")
    as_operator(OFFICE)
    out = tmp_path / "全部.linli"
    assert main(["bundle", "export", "--out", str(out), "--data-dir",
                 str(data_dir.root)]) == 0, capsys.readouterr().err
    [made] = audit_rows(roster)
    assert (made.action, made.subject, made.operator) == ("bundle_made", "全部.linli", "王芳")
    assert made.detail["kind"] == "full" and made.detail["rows"] > 60
    other = DataDir(tmp_path / "other").prepare()
    open_database(other, device_name="另一台").close()
    as_operator(VOLUNTEER)
    assert main(["bundle", "import", str(out), "--trust", "--data-dir",
                 str(other.root)]) == 0, capsys.readouterr().err
    copy = open_database(other)
    try:
        mine = [r for r in audit_rows(copy) if r.device_id == copy.identity.node]
    finally:
        copy.close()
    assert [(r.action, r.subject, r.operator, r.role) for r in mine] == [
        ("bundle_imported", "全部.linli", "小李", "volunteer")]
