"""A protected office from the command line, as a social worker's script would drive it:
an older plain folder protected in place, the recovery code typed back before the first copy
for a volunteer's laptop, a forgotten password replaced with the code, and a volunteer who
cannot manage operators."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.core.errors import RecoveryCodeNeeded
from desktop.core.paths import DataDir
from desktop.roster.models import Building
from desktop.storage.lifecycle import open_database
from desktop.sync.transfer import ExportRequest, export_bundle
from tests.conftest import TEST_PASSWORD
from tests.signing import open_as_operator

BUNDLE_PASS = "走访-bundle-pass"


def linli(*args: str) -> int:
    return main(["--lang", "en", *args])


@pytest.fixture
def office(tmp_path, monkeypatch, capsys) -> tuple[Path, str]:
    """A plain office folder from before encryption, protected with ``linli protect``;
    (folder, recovery code)."""
    from desktop.roster.demo import generate_demo

    root = tmp_path / "office"
    db = open_database(DataDir(root).prepare(), device_name="社区办公室")
    try:
        generate_demo(db, residents=80)
    finally:
        db.close()
    capsys.readouterr()
    assert linli("protect", "--data-dir", str(root), "--operator", "王小红") == 0
    out = capsys.readouterr().out
    code = re.search(r"Recovery code: (\S+)", out).group(1)
    monkeypatch.setenv("LINLI_BUNDLE_PASSPHRASE", BUNDLE_PASS)
    monkeypatch.delenv("LINLI_RECOVERY_CODE", raising=False)
    return root, code


def _a_building(root: Path) -> str:
    db = open_as_operator(DataDir(root))
    try:
        with db.reading() as session:
            return session.execute(select(Building.id).limit(1)).scalar_one()
    finally:
        db.close()


def test_protect_converts_the_plain_folder_and_keeps_every_row(office):
    root, _code = office
    assert not (root / "linli.sqlite3").read_bytes().startswith(b"SQLite format 3\x00")
    db = open_as_operator(DataDir(root))
    try:
        with db.reading() as session:
            residents = session.connection().exec_driver_sql(
                "select count(*) from resident").scalar()
        assert residents == 80
        assert db.actor.name == "王小红" and db.actor.role_label == "Office staff"
    finally:
        db.close()


def test_the_first_volunteer_copy_asks_for_the_recovery_code_once(office, tmp_path,
                                                                  monkeypatch, capsys):
    root, code = office
    building = _a_building(root)
    out = tmp_path / "3幢.linli"
    export = ("bundle", "export", "--data-dir", str(root), "--out", str(out),
              "--building", building)
    monkeypatch.setenv("LINLI_RECOVERY_CODE", "0000-0000-0000-0000-0000-0000")
    assert linli(*export) == 2
    assert "does not unlock" in capsys.readouterr().err and not out.exists()
    # The code as a person copies it from the sheet: lower case, spaces instead of dashes.
    monkeypatch.setenv("LINLI_RECOVERY_CODE", code.lower().replace("-", " "))
    assert linli(*export) == 0 and out.exists()
    out.unlink()
    monkeypatch.delenv("LINLI_RECOVERY_CODE")
    monkeypatch.setattr("getpass.getpass", pytest.fail)  # never asked again
    assert linli(*export) == 0 and out.exists()


def test_a_whole_copy_for_another_office_pc_does_not_ask(office, tmp_path, monkeypatch):
    root, _code = office
    monkeypatch.setattr("getpass.getpass", pytest.fail)
    assert linli("bundle", "export", "--data-dir", str(root),
                 "--out", str(tmp_path / "all.linli")) == 0


def test_the_service_refuses_a_volunteer_copy_before_the_code(office, tmp_path):
    root, _code = office
    building = _a_building(root)
    db = open_as_operator(DataDir(root))
    try:
        target = tmp_path / "x.linli"
        with pytest.raises(RecoveryCodeNeeded):
            export_bundle(db, ExportRequest(target, BUNDLE_PASS,
                                            scope={"buildings": [building]}))
        assert not target.exists()
    finally:
        db.close()


def test_a_forgotten_password_is_replaced_with_the_recovery_code(office, monkeypatch, capsys):
    root, code = office
    monkeypatch.setenv("LINLI_RECOVERY_CODE", code)
    monkeypatch.setenv("LINLI_NEW_PASSWORD", "新的密码-2026-12")
    assert linli("unlock", "--recovery", "--data-dir", str(root)) == 0
    monkeypatch.setenv("LINLI_PASSWORD", TEST_PASSWORD)  # the old one no longer opens it
    assert linli("operator", "list", "--data-dir", str(root)) == 2
    assert "wrong" in capsys.readouterr().err
    monkeypatch.setenv("LINLI_PASSWORD", "新的密码-2026-12")
    assert linli("operator", "list", "--data-dir", str(root)) == 0
    assert "王小红" in capsys.readouterr().out
    assert linli("audit", "list", "--data-dir", str(root), "--action", "recovery_used") == 0
    assert "王小红" in capsys.readouterr().out


def test_a_volunteer_cannot_add_operators_or_export_a_spreadsheet(office, tmp_path,
                                                                  monkeypatch, capsys):
    root, _code = office
    monkeypatch.setenv("LINLI_NEW_PASSWORD", "志愿者的密码-1")
    assert linli("operator", "add", "李志愿", "--role", "volunteer", "--data-dir",
                 str(root)) == 0
    monkeypatch.setenv("LINLI_OPERATOR", "李志愿")
    monkeypatch.setenv("LINLI_PASSWORD", "志愿者的密码-1")
    monkeypatch.setattr("getpass.getpass", pytest.fail)  # refused before any password
    capsys.readouterr()
    assert linli("operator", "add", "张三", "--data-dir", str(root)) == 2
    assert "office staff" in capsys.readouterr().err
    out = tmp_path / "台账.xlsx"
    assert linli("roster", "export", "--data-dir", str(root), "--out", str(out)) == 2
    assert "Volunteers cannot export" in capsys.readouterr().err and not out.exists()
    monkeypatch.setenv("LINLI_OPERATOR", "王小红")
    monkeypatch.setenv("LINLI_PASSWORD", TEST_PASSWORD)
    assert linli("audit", "verify", "--data-dir", str(root)) == 0
