"""The canary through the whole app: a protected office whose roster holds one resident with
an 18-digit ID and a Chinese name nobody else has. After the window has run (its log
written), a bundle was made, the database was backed up and the copy was opened and closed
again, the canary's bytes are nowhere in the data folder or the bundle; without encryption
(the demo's plain database) the same search finds them, so the search can fail."""

from __future__ import annotations

import re

from desktop.cli import main
from desktop.core.paths import DataDir
from desktop.storage.backup import backup_database
from tests.signing import open_as_operator
from tests.storage.cipher.conftest import CANARY_ID, CANARY_NAME, files_with_canary, needles


def _plant(root) -> None:
    from desktop.roster.models import Resident

    db = open_as_operator(DataDir(root))
    try:
        with db.unit_of_work(db.actor.name) as uow:
            uow.session.add(Resident(name=CANARY_NAME, id_number=CANARY_ID,
                                     phone="13912345678"))
        backup_database(db.path, DataDir(root).backups, "test", keep=5, key=db.key)
    finally:
        db.close()


def test_the_canary_is_nowhere_in_the_folder_the_log_or_a_bundle(tmp_path, monkeypatch, capsys):
    from desktop.app import GuiOptions, run_gui

    root = tmp_path / "office"
    assert main(["setup", "--data-dir", str(root), "--community", "翠苑一区社区",
                 "--device", "pc", "--operator", "王小红"]) == 0
    code = re.search(r"Recovery code: (\S+)", capsys.readouterr().out).group(1)
    _plant(root)
    # The window, signed in through LINLI_PASSWORD, on the roster: its log is written.
    assert run_gui(GuiOptions(str(root), False, "zh_Hans", tmp_path / "roster.png",
                              "roster")) == 0
    assert list((root / "logs").glob("*.log"))
    monkeypatch.setenv("LINLI_BUNDLE_PASSPHRASE", "走访-bundle-pass")
    monkeypatch.setenv("LINLI_RECOVERY_CODE", code)
    bundle = tmp_path / "all.linli"
    assert main(["bundle", "export", "--data-dir", str(root), "--out", str(bundle)]) == 0
    assert files_with_canary(root) == []
    data = bundle.read_bytes()
    assert not any(needle in data for needle in needles())


def test_the_same_search_finds_the_canary_in_a_plain_database(tmp_path):
    from desktop.roster.models import Resident
    from desktop.storage.lifecycle import open_database

    root = tmp_path / "plain"
    db = open_database(DataDir(root).prepare())
    try:
        with db.unit_of_work("社工") as uow:
            uow.session.add(Resident(name=CANARY_NAME, id_number=CANARY_ID))
    finally:
        db.close()
    assert files_with_canary(root)
