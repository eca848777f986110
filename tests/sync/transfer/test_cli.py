"""``linli bundle`` as an office uses it: exactly the places named, a header that says what the
bundle holds in the user's language, another community refused, passphrases without a
terminal, and a folder not set up."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.core.paths import DataDir
from desktop.roster.models import Building, Compound, Dwelling, Household, Resident
from desktop.storage.lifecycle import open_database
from desktop.sync.transfer import inspect_bundle

PASS = "走访-bundle-cli"


def _office(root: Path, community: str, residents: int = 600) -> Path:
    """A demo office whose community is called ``community``."""
    from desktop.roster.demo import generate_demo
    from desktop.roster.models import Community

    db = open_database(DataDir(root).prepare(), device_name="社区办公室")
    try:
        generate_demo(db, residents=residents)
        with db.unit_of_work("setup") as uow:
            uow.session.execute(select(Community)).scalar_one().name = community
    finally:
        db.close()
    return root


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    return _office(tmp_path_factory.mktemp("cli") / "office", "翠苑一区社区")


@pytest.fixture
def passphrase(monkeypatch):
    monkeypatch.setenv("LINLI_BUNDLE_PASSPHRASE", PASS)


def _shared_building(office: Path) -> tuple[str, list[tuple[str, str, str]]]:
    """A building name found in several compounds, with (building id, compound id, compound
    name) of each."""
    db = open_database(DataDir(office))
    try:
        with db.reading() as session:
            rows = session.execute(
                select(Building.name, Building.id, Compound.id, Compound.name)
                .join(Compound, Compound.id == Building.compound_id)
                .where(Building.deleted.is_(False)).order_by(Compound.name)).all()
    finally:
        db.close()
    by_name: dict[str, list] = {}
    for name, building_id, compound_id, compound in rows:
        by_name.setdefault(name, []).append((building_id, compound_id, compound))
    name = next(n for n, places in by_name.items() if len(places) > 1)
    return name, by_name[name]


def _residents_in(office: Path, building_id: str) -> int:
    db = open_database(DataDir(office))
    try:
        with db.reading() as session:
            return len(session.execute(
                select(Resident.id).join(Household).join(Dwelling)
                .where(Dwelling.building_id == building_id)).all())
    finally:
        db.close()


def bundle(*args: str) -> int:
    return main(["--lang", "en", "bundle", *args])


def test_a_building_name_in_several_compounds_is_refused_with_them_listed(
        office, tmp_path, passphrase, capsys):
    name, places = _shared_building(office)
    out = tmp_path / "b.linli"
    assert bundle("export", "--data-dir", str(office), "--out", str(out),
                  "--building", name) == 2
    err = capsys.readouterr().err
    assert f"{name} is in several compounds" in err and "--compound" in err
    for _building, _compound, compound_name in places:
        assert compound_name in err
    assert not out.exists()


def test_compound_narrows_building_and_the_header_says_exactly_what_it_holds(
        office, tmp_path, passphrase, capsys):
    name, places = _shared_building(office)
    building_id, _compound_id, compound_name = places[0]
    out = tmp_path / "b.linli"
    assert bundle("export", "--data-dir", str(office), "--out", str(out),
                  "--compound", compound_name, "--building", name) == 0
    said = capsys.readouterr().out
    header = inspect_bundle(out)
    assert header.summary["scope"] == {"grids": [], "compounds": [], "buildings": [building_id]}
    assert header.summary["places"] == [f"{compound_name} {name}"]
    assert header.summary["community"] == "翠苑一区社区"
    holds = header.summary["counts"]
    assert holds["resident"] >= _residents_in(office, building_id) > 0
    assert f"Places: {compound_name} {name}" in said
    assert f"Residents {holds['resident']:,}" in said
    assert bundle("inspect", str(out)) == 0
    inspected = capsys.readouterr().out
    assert f"Places: {compound_name} {name}" in inspected
    assert f"Residents {holds['resident']:,}" in inspected
    assert "Community: 翠苑一区社区" in inspected


def test_inspect_speaks_the_users_language(office, tmp_path, passphrase, capsys):
    name, places = _shared_building(office)
    out = tmp_path / "b.linli"
    assert bundle("export", "--data-dir", str(office), "--out", str(out),
                  "--compound", places[0][2], "--building", name) == 0
    capsys.readouterr()
    assert main(["--lang", "zh_Hans", "bundle", "inspect", str(out)]) == 0
    said = capsys.readouterr().out
    for english in ("resident", "household", "scoped", "+00:00"):
        assert english not in said, english
    assert not re.search(r"\d{4}-\d\d-\d\dT", said)
    assert "居民" in said and "年" in said


def test_another_communitys_bundle_is_refused_unless_accepted(
        office, tmp_path, passphrase, capsys):
    other = _office(tmp_path / "other", "滨江花园社区", residents=30)
    out = tmp_path / "other.linli"
    assert bundle("export", "--data-dir", str(other), "--out", str(out)) == 0
    laptop = tmp_path / "laptop"
    _office(laptop, "翠苑一区社区", residents=20)
    database = laptop / "linli.sqlite3"
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    capsys.readouterr()
    assert bundle("import", str(out), "--trust", "--data-dir", str(laptop)) == 2
    err = capsys.readouterr().err
    assert "滨江花园社区" in err and "--accept-other-community" in err
    assert "Traceback" not in err
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before
    assert bundle("import", str(out), "--dry-run", "--data-dir", str(laptop)) == 0
    assert "another community's data: 滨江花园社区" in capsys.readouterr().out
    assert bundle("import", str(out), "--trust", "--accept-other-community",
                  "--data-dir", str(laptop)) == 0


def _linli(args: list[str], env: dict) -> subprocess.CompletedProcess:
    """A real process with no terminal at all: stdin empty, no controlling tty."""
    return subprocess.run([sys.executable, "-m", "desktop", "--lang", "en", *args],
                          env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=120, start_new_session=True)


@pytest.mark.parametrize("variable", ["", None], ids=["set but empty", "not set"])
def test_no_passphrase_without_a_terminal_is_a_message(office, tmp_path, variable):
    env = {k: v for k, v in os.environ.items() if k != "LINLI_BUNDLE_PASSPHRASE"}
    if variable is not None:
        env["LINLI_BUNDLE_PASSPHRASE"] = variable
    for args in (["export", "--out", str(tmp_path / "x.linli")], ["import", "x.linli"]):
        done = _linli(["bundle", *args, "--data-dir", str(office)], env)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr and "Warning" not in done.stderr
        assert "passphrase" in done.stderr.lower()
        assert "LINLI_BUNDLE_PASSPHRASE" in done.stderr
    assert not (tmp_path / "x.linli").exists()


def test_importing_into_a_folder_without_a_database_says_the_next_step(
        office, tmp_path, passphrase, capsys):
    out = tmp_path / "full.linli"
    assert bundle("export", "--data-dir", str(office), "--out", str(out)) == 0
    empty = tmp_path / "new-laptop"
    empty.mkdir()
    capsys.readouterr()
    assert bundle("import", str(out), "--trust", "--data-dir", str(empty)) == 2
    err = capsys.readouterr().err
    assert "linli setup" in err and "--from-bundle" in err


def test_roster_print_and_export_resolve_names_the_same_way(office, tmp_path, capsys):
    name, places = _shared_building(office)
    for command in (["roster", "print", "--out", str(tmp_path / "x.pdf")],
                    ["roster", "export", "--out", str(tmp_path / "x.csv")]):
        assert main(["--lang", "en", *command, "--building", name,
                     "--data-dir", str(office)]) == 2
        err = capsys.readouterr().err
        assert all(compound in err for _b, _c, compound in places), err
