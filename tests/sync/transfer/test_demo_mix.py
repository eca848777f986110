"""Demo residents never enter real data through a bundle, nor real residents the demo's copy."""

from __future__ import annotations

import hashlib

import pytest

from desktop.core.paths import DataDir
from desktop.roster.community import SetupAnswers, save_setup
from desktop.storage.lifecycle import open_database
from desktop.storage.marks import is_demo, mark_as_demo
from desktop.sync.transfer import DemoMix, ExportRequest, export_bundle, import_bundle

PASS = "demo-mix"


def _copy(folder, name, *, demo=False, community=None, residents=0):
    db = open_database(DataDir(folder).prepare(), device_name=name)
    if demo:
        with db.engine.begin() as conn:
            mark_as_demo(conn)
    if community:
        with db.unit_of_work("setup") as uow:
            save_setup(uow, SetupAnswers(community, community + "居委会", name, "王社工"))
    if residents:
        from desktop.roster.demo import generate_demo

        generate_demo(db, residents=residents)
    return db


def _bundle(db, path):
    return export_bundle(db, ExportRequest(path, PASS)).path


def _digest(db) -> str:
    path = db.path
    db.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_demo_bundle_is_refused_by_a_copy_with_real_data(tmp_path):
    demo = _copy(tmp_path / "demo", "demo-pc", demo=True, residents=50)
    bundle = _bundle(demo, tmp_path / "demo.linli")
    demo.close()
    office = _copy(tmp_path / "office", "office", community="翠苑一区社区")
    before = _digest(office)
    office = open_database(DataDir(tmp_path / "office"), device_name="office")
    with pytest.raises(DemoMix) as refused:
        import_bundle(office, bundle, PASS, trust_signer=True, accept_other_community=True)
    assert "demo community" in refused.value.message and "nothing was imported" in \
        refused.value.message
    assert _digest(office) == before


def test_real_data_is_refused_by_the_demo_copy(tmp_path):
    office = _copy(tmp_path / "office", "office", community="翠苑一区社区", residents=30)
    bundle = _bundle(office, tmp_path / "office.linli")
    office.close()
    demo = _copy(tmp_path / "demo", "demo-pc", demo=True, residents=20)
    before = _digest(demo)
    demo = open_database(DataDir(tmp_path / "demo"), device_name="demo-pc")
    with pytest.raises(DemoMix, match="real data"):
        import_bundle(demo, bundle, PASS, trust_signer=True, accept_other_community=True)
    assert _digest(demo) == before


def test_a_new_copy_started_from_the_demo_bundle_is_marked_as_the_demo(tmp_path):
    demo = _copy(tmp_path / "demo", "demo-pc", demo=True, residents=20)
    bundle = _bundle(demo, tmp_path / "demo.linli")
    demo.close()
    laptop = _copy(tmp_path / "laptop", "laptop")
    import_bundle(laptop, bundle, PASS, trust_signer=True)
    with laptop.engine.connect() as conn:
        assert is_demo(conn)
    laptop.close()
