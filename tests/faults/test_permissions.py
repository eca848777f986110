"""On a shared Linux machine, other local users cannot read the data folder: the folder is 0700
and the files in it 0600 (the database with its -wal/-shm, settings, device, logs, backups)."""

from __future__ import annotations

import os
import stat

import pytest

from desktop.core.paths import DataDir
from desktop.core.settings import Settings
from desktop.roster.models import Community
from desktop.storage.backup import backup_database, list_backups
from desktop.storage.lifecycle import open_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions (Windows: the "
                                "profile folder protects the data)")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_data_folder_and_everything_in_it_is_private(tmp_path):
    from desktop.app import _start_logging, _stop_logging

    previous = os.umask(0o022)  # the usual default: files 0644, folders 0755
    data_dir = DataDir(tmp_path / "LinliDesk").prepare()
    handler = _start_logging(data_dir.logs)
    try:
        db = open_database(data_dir, device_name="pc")
        with db.unit_of_work("社工") as uow:
            uow.session.add(Community(name="翠苑一区社区"))
        settings = Settings.load(data_dir.settings_file)
        settings.set("operator", "王社工")
        settings.save()
        backup_database(data_dir.database, data_dir.backups, "test", keep=3)
        files = [data_dir.database, data_dir.root / "linli.sqlite3-wal",
                 data_dir.root / "linli.sqlite3-shm", data_dir.settings_file,
                 data_dir.device_file, data_dir.logs / "linli.log", *list_backups(data_dir.backups)]
        for path in files:
            assert path.exists(), path
            assert mode(path) == 0o600, f"{path.name}: {oct(mode(path))}"
        for folder in (data_dir.root, data_dir.logs, data_dir.backups):
            assert mode(folder) == 0o700, f"{folder.name}: {oct(mode(folder))}"
        db.close()
    finally:
        _stop_logging(handler)
        os.umask(previous)


def test_a_folder_left_open_by_an_older_version_is_tightened_on_start(tmp_path):
    root = tmp_path / "LinliDesk"
    (root / "logs").mkdir(parents=True)
    (root / "backups").mkdir()
    old = {root / "linli.sqlite3": b"", root / "settings.json": b"{}",
           root / "device.json": b"{}", root / "roster-order.cache": b"x",
           root / "logs" / "linli.log": b"x", root / "backups" / "linli-1-x.sqlite3": b""}
    for path, data in old.items():
        path.write_bytes(data)
        os.chmod(path, 0o644)
    for folder in (root, root / "logs", root / "backups"):
        os.chmod(folder, 0o755)
    DataDir(root).prepare()
    for path in old:
        assert mode(path) == 0o600, path
    for folder in (root, root / "logs", root / "backups"):
        assert mode(folder) == 0o700, folder


def test_a_folder_shared_with_other_things_keeps_its_mode(tmp_path):
    """``linli demo --out /tmp/big.sqlite3`` must not lock everyone out of /tmp."""
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    (shared / "settings.json").write_text("{}")  # another program's
    os.chmod(shared / "settings.json", 0o644)
    DataDir(shared, db_name="big.sqlite3").prepare()
    assert mode(shared) == 0o1777
    assert mode(shared / "settings.json") == 0o644
