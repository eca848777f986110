"""A real office for the fault tests: a data folder with a community, a small roster file with
personal data in it, and ways to run the import as the window and the ``linli`` command do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.core.paths import DataDir
from desktop.roster.id_number import CHECK_CHARS, WEIGHTS

ROOT = Path(__file__).resolve().parents[2]
NAME, PHONE = "欧阳秀英", "13912345678"


def _valid_id(first17: str) -> str:
    return first17 + CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


ID_NUMBER = _valid_id("33010619860412345")
PERSONAL = (NAME, ID_NUMBER, PHONE)


def make_office(root: Path) -> DataDir:
    from desktop.roster.community import SetupAnswers, save_setup
    from desktop.storage.lifecycle import open_database

    data_dir = DataDir(root).prepare()
    db = open_database(data_dir, device_name="office")
    try:
        with db.unit_of_work("setup") as uow:
            save_setup(uow, SetupAnswers("翠苑一区社区", "翠苑一区社区居民委员会", "office",
                                         "王社工"))
    finally:
        db.close()
    return data_dir


def roster_file(path: Path, more: int = 0) -> Path:
    """One resident with a name, an ID number and a phone that must never reach a log, and
    ``more`` residents after them (to fill a disk)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "身份证号", "联系电话", "现住地址"])
    sheet.append([NAME, ID_NUMBER, PHONE, "翠苑一区3幢501"])
    for n in range(more):
        sheet.append([f"居民{n:04d}", _valid_id(f"3301061970{n // 28 % 12 + 1:02d}"
                                               f"{n % 28 + 1:02d}{n % 1000:03d}"),
                      f"1380000{n:04d}", f"翠苑一区{n % 20 + 1}幢{n % 6 + 1}0{n % 4 + 1}"])
    book.save(path)
    return path


def import_roster(db, path: Path, ctx=None):
    from desktop.core.tasks import TaskContext
    from desktop.roster.importing.apply import apply_import
    from desktop.roster.importing.pipeline import prepare_import

    prepared = prepare_import(path)
    return apply_import(db, prepared.read, "update", operator="王社工", file_name=path.name,
                        ctx=ctx or TaskContext())


def linli(*args: str, timeout: float = 120, read_only: Path | None = None
          ) -> subprocess.CompletedProcess:
    """``linli --lang en ARGS`` in a real process; with ``read_only``, that file or folder is
    read-only for the process (a read-only bind mount in a mount namespace of its own: the tests
    run as root, for whom chmod does not stop a write)."""
    command = [sys.executable, "-m", "desktop", "--lang", "en", *args]
    if read_only is not None:
        command = ["unshare", "-m", "sh", "-c", 'mount --bind "$0" "$0" && '
                   'mount -o remount,bind,ro "$0" && exec "$@"', str(read_only), *command]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def can_make_read_only(tmp: Path) -> bool:
    """Whether this machine lets a test make a folder read-only for one process."""
    import shutil

    if os.name != "posix" or shutil.which("unshare") is None:
        return False
    tmp.mkdir(parents=True, exist_ok=True)
    probe = subprocess.run(["unshare", "-m", "sh", "-c", 'mount --bind "$0" "$0" && '
                            'mount -o remount,bind,ro "$0" && ! touch "$0/x" 2>/dev/null',
                            str(tmp)], capture_output=True, timeout=30)
    return probe.returncode == 0


def dump(path: Path) -> list[str]:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def residents(path: Path) -> list[str]:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT name FROM resident ORDER BY name")]
    finally:
        con.close()
