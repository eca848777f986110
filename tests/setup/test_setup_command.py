"""``linli setup``: the office's community or a laptop from the office's bundle, headless, with
the window's own service; every refusal says why and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.paths import DataDir
from desktop.roster.community import current_community
from desktop.storage.lifecycle import open_database
from tests.signing import open_as_operator

PASSPHRASE = "冬季入户走访口令2026"


def setup(*args: str) -> int:
    return main(["--lang", "en", "setup", *args])


def community_of(root: Path):
    db = open_as_operator(DataDir(root))
    try:
        with db.reading() as session:
            return current_community(session), db.refresh_identity().name
    finally:
        db.close()


def test_setup_makes_the_community_the_window_would(tmp_path, capsys):
    root = tmp_path / "office"
    assert setup("--data-dir", str(root), "--community", "翠苑一区社区", "--issuer",
                 "翠苑一区社区居民委员会", "--device", "社区办公室1", "--operator", "王小红") == 0
    out = capsys.readouterr().out
    assert "翠苑一区社区" in out and "linli" in out  # what was done and what to do next
    community, device = community_of(root)
    assert community.name == "翠苑一区社区"
    assert community.issuing_body == "翠苑一区社区居民委员会"
    assert device == "社区办公室1"
    assert '"operator": "王小红"' in (root / "settings.json").read_text(encoding="utf-8")


def test_setting_up_twice_is_refused_and_changes_nothing(tmp_path, capsys):
    root = tmp_path / "office"
    base = ["--data-dir", str(root), "--device", "pc1", "--operator", "王小红"]
    assert setup(*base, "--community", "翠苑一区社区") == 0
    capsys.readouterr()
    assert setup(*base, "--community", "另一个社区") == 2
    err = capsys.readouterr().err
    assert "already set up" in err and "翠苑一区社区" in err
    assert community_of(root)[0].name == "翠苑一区社区"


def test_missing_values_are_named_by_their_flag_and_nothing_is_created(tmp_path, capsys):
    root = tmp_path / "office"
    assert setup("--data-dir", str(root), "--device", "", "--operator", " ") == 2
    err = capsys.readouterr().err
    for flag in ("--community", "--device", "--operator"):
        assert flag in err, flag
    assert "community's name" in err
    assert not root.exists()


def test_setup_never_writes_into_the_demo_folder(tmp_path, capsys):
    demo = tmp_path / "demo"
    assert main(["demo", "--residents", "5", "--out", str(demo / "linli.sqlite3")]) == 0
    capsys.readouterr()
    # Even a demo database without its community yet (a generator stopped half-way) is refused.
    assert setup("--data-dir", str(demo), "--community", "翠苑", "--device", "pc",
                 "--operator", "王") == 2
    assert "demo" in capsys.readouterr().err


@pytest.fixture
def office_bundle(tmp_path) -> Path:
    from sqlalchemy import select

    from desktop.roster.demo import generate_demo
    from desktop.roster.models import Building
    from desktop.sync.transfer import ExportRequest, export_bundle

    office = open_database(DataDir(tmp_path / "office").prepare(), device_name="社区办公室")
    try:
        generate_demo(office, residents=60)
        with office.reading() as session:
            building = session.execute(select(Building.id).limit(1)).scalar()
        return export_bundle(office, ExportRequest(tmp_path / "for-laptop.linli", PASSPHRASE,
                                                   scope={"buildings": [building]})).path
    finally:
        office.close()


def test_a_laptop_is_set_up_from_the_office_bundle(tmp_path, office_bundle, monkeypatch, capsys):
    monkeypatch.setenv("LINLI_BUNDLE_PASSPHRASE", PASSPHRASE)
    laptop = tmp_path / "laptop"
    assert setup("--data-dir", str(laptop), "--from-bundle", str(office_bundle),
                 "--device", "志愿者笔记本", "--operator", "李志愿者") == 0
    out = capsys.readouterr().out
    assert "fingerprint" in out and "set up" in out
    community, device = community_of(laptop)
    assert community is not None and device == "志愿者笔记本"
    assert "Recovery code:" in out  # the laptop's own key slots, its own operators
    db = open_as_operator(DataDir(laptop), "李志愿者")
    try:
        # A copy of some buildings is a volunteer's laptop: its operator is a volunteer there.
        assert db.actor.role == "volunteer"
        with db.reading() as session:
            con = session.connection()
            assert con.exec_driver_sql("select count(*) from resident").scalar() > 0
            assert con.exec_driver_sql("select count(*) from community").scalar() == 1
    finally:
        db.close()


def test_the_passphrase_can_be_typed_at_the_prompt(tmp_path, office_bundle, monkeypatch):
    monkeypatch.delenv("LINLI_BUNDLE_PASSPHRASE", raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSPHRASE)
    assert setup("--data-dir", str(tmp_path / "laptop"), "--from-bundle", str(office_bundle),
                 "--device", "笔记本", "--operator", "李") == 0


def test_a_wrong_passphrase_imports_nothing_and_keeps_the_device_name(tmp_path, office_bundle,
                                                                      monkeypatch, capsys):
    monkeypatch.setenv("LINLI_BUNDLE_PASSPHRASE", "wrong")
    laptop = tmp_path / "laptop"
    open_database(DataDir(laptop).prepare(), device_name="旧名字").close()
    assert setup("--data-dir", str(laptop), "--from-bundle", str(office_bundle),
                 "--device", "志愿者笔记本", "--operator", "李志愿者") == 2
    assert "passphrase" in capsys.readouterr().err
    community, device = community_of(laptop)
    assert community is None and device == "旧名字"


def test_bundle_refusals_say_why(tmp_path, office_bundle, monkeypatch, capsys):
    monkeypatch.setenv("LINLI_BUNDLE_PASSPHRASE", PASSPHRASE)
    laptop = ["--data-dir", str(tmp_path / "laptop")]
    assert setup(*laptop, "--from-bundle", str(tmp_path / "nowhere.linli"),
                 "--operator", "李") == 2
    assert "nowhere.linli" in capsys.readouterr().err
    assert setup(*laptop, "--from-bundle", str(office_bundle), "--community", "翠苑",
                 "--operator", "李") == 2
    assert "comes from the office's bundle" in capsys.readouterr().err
    assert setup(*laptop, "--from-bundle", str(office_bundle)) == 2
    assert "--operator" in capsys.readouterr().err
    monkeypatch.delenv("LINLI_BUNDLE_PASSPHRASE")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "")
    assert setup(*laptop, "--from-bundle", str(office_bundle), "--operator", "李") == 2
    assert "LINLI_BUNDLE_PASSPHRASE" in capsys.readouterr().err
    assert not (tmp_path / "laptop" / "linli.sqlite3").exists() or \
        community_of(tmp_path / "laptop")[0] is None


def test_headless_commands_give_the_next_step_for_a_missing_or_new_folder(tmp_path, capsys):
    missing = tmp_path / "missing"
    assert main(["--lang", "en", "roster", "print", "--data-dir", str(missing),
                 "--out", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "linli setup" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["--lang", "en", "bundle", "export", "--data-dir", str(empty),
                 "--out", str(tmp_path / "x.linli")]) == 2
    err = capsys.readouterr().err
    assert "no database" in err and "linli setup" in err
    open_database(DataDir(tmp_path / "new").prepare()).close()  # as a quit first-run leaves it
    assert main(["--lang", "en", "roster", "export", "--data-dir", str(tmp_path / "new"),
                 "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert "not set up" in err and "linli setup" in err
    assert not (tmp_path / "x.csv").exists()


def test_a_bundle_without_a_community_is_refused_before_anything_is_written(tmp_path,
                                                                           monkeypatch, capsys):
    from desktop.sync.transfer import ExportRequest, export_bundle

    empty_office = open_database(DataDir(tmp_path / "office").prepare(), device_name="office")
    try:
        bundle = export_bundle(empty_office, ExportRequest(tmp_path / "empty.linli",
                                                           PASSPHRASE)).path
    finally:
        empty_office.close()
    monkeypatch.setenv("LINLI_BUNDLE_PASSPHRASE", PASSPHRASE)
    laptop = tmp_path / "laptop"
    open_database(DataDir(laptop).prepare(), device_name="旧名字").close()
    assert setup("--data-dir", str(laptop), "--from-bundle", str(bundle),
                 "--device", "笔记本", "--operator", "李") == 2
    assert "holds no community" in capsys.readouterr().err
    assert community_of(laptop) == (None, "旧名字")


def test_setup_does_not_go_with_demo(tmp_path, capsys):
    assert main(["--lang", "en", "--demo", "setup", "--data-dir", str(tmp_path / "x"),
                 "--community", "翠苑", "--device", "pc", "--operator", "王"]) == 2
    assert "--demo" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
