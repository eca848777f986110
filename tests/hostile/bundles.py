"""Tampered and foreign bundles through ``linli bundle import --trust``, each in its own process.

Every one must be refused with a message and leave the laptop's database byte-identical; none
may end in a traceback or a signal, whatever the user answered about trusting the sender.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.hostile.census import digest, linli, prepare_office, share

PASSPHRASE = "hostile-bundles"


@dataclass(frozen=True)
class BundleCase:
    name: str
    make: Callable[[Path, Path], Path]  # (good bundle, work folder) -> the file to import
    passphrase: str = PASSPHRASE


@dataclass(frozen=True)
class BundleOutcome:
    name: str
    refused: bool
    clean: bool
    database_unchanged: bool
    detail: str


def office_bundle(work: Path, community: str = "翠苑一区社区") -> Path:
    """A bundle of a demo office of ``community`` (300 residents)."""
    from desktop.core.paths import DataDir
    from desktop.roster.community import SetupAnswers, save_setup
    from desktop.roster.demo import generate_demo
    from desktop.storage.lifecycle import open_database
    from desktop.sync.transfer import ExportRequest, export_bundle

    folder = work / f"office-{hashlib.sha1(community.encode()).hexdigest()[:6]}"
    db = open_database(DataDir(folder).prepare(), device_name="office")
    with db.unit_of_work("setup") as uow:
        save_setup(uow, SetupAnswers(community, community + "居民委员会", "office", "李主任"))
    generate_demo(db, residents=300)
    path = export_bundle(db, ExportRequest(work / f"{folder.name}.linli", PASSPHRASE)).path
    db.close()
    return path


def _bytes(change: Callable[[bytes], bytes]) -> Callable[[Path, Path], Path]:
    def make(good: Path, work: Path) -> Path:
        path = work / "tampered.linli"
        path.write_bytes(change(good.read_bytes()))
        return path
    return make


def _flip(at: Callable[[int], int]) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        n = at(len(data))
        return data[:n] + bytes([data[n] ^ 0x41]) + data[n + 1:]
    return change


def _other_community(_good: Path, work: Path) -> Path:
    return office_bundle(work, community="滨江花园社区")


CASES: tuple[BundleCase, ...] = (
    BundleCase("truncated to half", _bytes(lambda d: d[: len(d) // 2])),
    BundleCase("last byte missing", _bytes(lambda d: d[:-1])),
    BundleCase("garbage appended", _bytes(lambda d: d + b"\x00garbage" * 100)),
    BundleCase("a byte flipped in the header", _bytes(_flip(lambda n: 40))),
    BundleCase("a byte flipped in the middle", _bytes(_flip(lambda n: n // 2))),
    BundleCase("the last byte flipped", _bytes(_flip(lambda n: n - 1))),
    BundleCase("an empty file", _bytes(lambda d: b"")),
    BundleCase("random bytes", _bytes(lambda d: bytes(range(256)) * 64)),
    BundleCase("a spreadsheet named .linli", _bytes(lambda d: b"PK\x03\x04" + d[4:200])),
    BundleCase("the wrong passphrase", lambda good, _w: good, passphrase="not-the-passphrase"),
    BundleCase("an empty passphrase", lambda good, _w: good, passphrase=""),
    BundleCase("another community's bundle", _other_community),
)


def run_bundle_census(work: Path, cases: tuple[BundleCase, ...] = CASES) -> list[BundleOutcome]:
    good = office_bundle(work)
    template = prepare_office(work / "laptop-template")
    outcomes = []
    for n, case in enumerate(cases):
        folder_work = work / f"bundle{n:02d}"
        folder_work.mkdir()
        laptop = folder_work / "laptop"
        shutil.copytree(template, laptop)
        before = digest(laptop)
        path = case.make(good, folder_work)
        code, out, err, _seconds = linli(
            ["--lang", "en", "bundle", "import", str(path), "--trust", "--data-dir", str(laptop)],
            env={"LINLI_BUNDLE_PASSPHRASE": case.passphrase})
        said = (out + err).strip()
        refused = code is not None and code > 0
        clean = code is not None and code >= 0 and "Traceback" not in said and bool(said)
        unchanged = digest(laptop) == before
        detail = "" if (refused and clean and unchanged) else f"rc={code} {said[-300:]}"
        outcomes.append(BundleOutcome(case.name, refused, clean, unchanged, detail))
        shutil.rmtree(folder_work, ignore_errors=True)
    return outcomes


def bundle_table(outcomes: list[BundleOutcome]) -> str:
    lines = [f"tampered or foreign bundles tried: {len(outcomes)}",
             f"refused: {share(outcomes, 'refused')}",
             f"ended cleanly: {share(outcomes, 'clean')}",
             f"database byte-identical: {share(outcomes, 'database_unchanged')}"]
    lines += [f"  FAIL {o.name}: {o.detail}" for o in outcomes if o.detail]
    return "\n".join(lines)
