"""Smoke test of the one-folder build: the frozen ``linli`` does what the installed one does.

Skipped unless dist/linli/linli exists: packaging/build-linux.sh builds it and runs this test.
Each step runs the frozen program as a user would (offscreen, outside the checkout, without the
venv), so a resource, catalog, font, migration or module left out of packaging/linli.spec
fails here and not on an office PC.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from desktop import __version__
from tests.conftest import SHARED_EXTERNAL, TEST_PASSWORD
from tests.packaging.frozen import FROZEN, ROOT, frozen_env, run
from tests.printing import pdftools

pytestmark = pytest.mark.skipif(
    not FROZEN.exists(),
    reason=f"no frozen build at {FROZEN.relative_to(ROOT)}: run packaging/build-linux.sh")

PASSPHRASE = "翠苑 correct horse"
SURVEY = SHARED_EXTERNAL / "forms" / "odk-central-frontend_socio-economic-survey-v20240515.xlsx"
NO_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    """A small demo community made by the frozen app itself (a new database: migrations)."""
    folder = tmp_path_factory.mktemp("frozen-demo") / "office"
    ok(run("demo", "--residents", "60", "--out", folder / "linli.sqlite3"))
    return folder


def test_version():
    assert ok(run("--version")).stdout.strip() == f"linli {__version__}"


def _glyph_columns(image: Image.Image, box: tuple[int, int, int, int]) -> list[bytes]:
    """The inked column runs in ``box`` (one per character of a heading), as bitmaps."""
    crop = image.crop(box).point(lambda v: 255 if v < 128 else 0)
    width, height = crop.size
    pixels = crop.load()
    inked = [any(pixels[x, y] for y in range(height)) for x in range(width)]
    runs, start = [], None
    for x, ink in enumerate([*inked, False]):
        if ink and start is None:
            start = x
        elif not ink and start is not None:
            runs.append(crop.crop((start, 0, x, height)).tobytes())
            start = None
    return runs


def test_demo_screenshot_in_simplified_chinese_uses_the_bundled_font(tmp_path):
    # No system font at all (an empty fontconfig): whatever Chinese is drawn comes from the
    # font the build carries (desktop/_resources/fonts), found through the frozen paths.
    (tmp_path / "fonts.conf").write_text(NO_FONTS_CONF.format(cache=tmp_path / "fc-cache"),
                                         encoding="utf-8")
    shot = tmp_path / "简体.png"
    result = ok(run("--demo", "--data-dir", tmp_path / "demo", "--lang", "zh_Hans",
                    "--screenshot", shot, FONTCONFIG_FILE=str(tmp_path / "fonts.conf")))
    # Qt's own dialogs in Chinese: qtbase_zh_CN.qm found where QLibraryInfo looks.
    assert "no Qt translation" not in result.stderr, result.stderr
    image = Image.open(shot).convert("L")
    assert image.size == (1180, 760)
    assert len(image.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 50, "blank picture"
    # The page heading 居民台账 (top left of the page): four different glyphs, where a font
    # without Chinese would draw four identical empty boxes.
    glyphs = _glyph_columns(image, (220, 32, 420, 72))
    assert len(glyphs) >= 4 and len(set(glyphs)) >= 4, f"{len(set(glyphs))} distinct glyphs"


def test_roster_print_and_notice_render_embed_their_fonts(demo_dir, tmp_path):
    roster = tmp_path / "名册.pdf"
    ok(run("roster", "print", "--out", roster, "--data-dir", demo_dir))
    notice = tmp_path / "公示.pdf"
    spec = tmp_path / "公示.json"
    spec.write_text(json.dumps({
        "kind": "notice", "title": "关于小区停水的通知", "body": "明日8:00至18:00停水，请提前储水。",
        "issuing_body": "丹桂社区居民委员会", "issued_on": "2026-12-06"}, ensure_ascii=False),
        encoding="utf-8")
    ok(run("notice", "render", spec, "--out", notice, "--data-dir", demo_dir))
    assert "停水" in pdftools.text(notice).replace(" ", "")
    for pdf in (roster, notice):
        pdftools.assert_embedded_subsets(pdf)


def test_bundle_export_then_import_into_another_data_folder(demo_dir, tmp_path):
    bundle = tmp_path / "丹桂.linli"
    env = {"LINLI_BUNDLE_PASSPHRASE": PASSPHRASE}
    ok(run("bundle", "export", "--out", bundle, "--data-dir", demo_dir, **env))
    laptop = tmp_path / "laptop"
    ok(run("setup", "--from-bundle", bundle, "--operator", "李志愿", "--data-dir", laptop, **env))
    listed = tmp_path / "laptop.csv"
    ok(run("roster", "export", "--out", listed, "--data-dir", laptop))
    assert len(listed.read_text(encoding="utf-8-sig").splitlines()) == 1 + 60
    # Double-clicking a .linli file: the bundle as the last argument opens the window on it.
    shot = tmp_path / "opened.png"
    ok(run("--data-dir", laptop, "--screenshot", shot, bundle))
    assert shot.stat().st_size > 10_000


def _source_setup(folder: Path) -> None:
    """A data folder set up by the current source (the venv's Python, not the build)."""
    subprocess.run([sys.executable, "-m", "desktop", "setup", "--community", "翠苑一区社区",
                    "--operator", "王小红", "--data-dir", str(folder)], check=True,
                   capture_output=True, cwd=ROOT, env=frozen_env(PYTHONPATH=str(ROOT)))


def _revision(database: Path) -> str:
    with sqlite3.connect(database) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def _encrypted_revision(folder: Path, operator: str) -> str:
    """The revision of a protected folder's database, read with the data key the source's
    key slots give for the operator's password (the test's LINLI_PASSWORD)."""
    from desktop.security.keyslots import load_slots, unwrap
    from desktop.storage import cipher

    key = unwrap(load_slots(folder / "keys.json"), operator, TEST_PASSWORD)
    conn = cipher.connect(folder / "linli.sqlite3", key)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def test_setup_creates_an_encrypted_database_the_headless_commands_read_back(tmp_path):
    """sqlcipher3 (SQLCipher with OpenSSL built in) frozen: a new office's database is
    created encrypted, and read back by other commands with the operator's password."""
    office = tmp_path / "office"
    ok(run("setup", "--community", "翠苑一区社区", "--operator", "王小红", "--data-dir", office,
           LINLI_PASSWORD=TEST_PASSWORD))
    header = (office / "linli.sqlite3").read_bytes()[:16]
    assert header != b"SQLite format 3\x00", "the database was written in plain text"
    with pytest.raises(sqlite3.DatabaseError):
        _revision(office / "linli.sqlite3")
    listed = ok(run("operator", "list", "--data-dir", office, LINLI_PASSWORD=TEST_PASSWORD))
    assert "王小红" in listed.stdout
    survey = ok(run("form", "import", SURVEY, "--data-dir", office, LINLI_PASSWORD=TEST_PASSWORD))
    assert "17" in survey.stdout  # written through the encrypted engine, then read again
    assert "socio-economic-survey" in ok(run("form", "list", "--data-dir", office,
                                             LINLI_PASSWORD=TEST_PASSWORD)).stdout
    # A wrong password opens nothing (and says so), it does not start an empty database.
    refused = run("operator", "list", "--data-dir", office, LINLI_PASSWORD="not the password")
    assert refused.returncode != 0 and "王小红" not in refused.stdout
    assert refused.stderr.strip() and "Traceback" not in refused.stderr, refused.stderr


def test_a_database_made_by_the_source_opens_and_imports_a_real_xlsform(tmp_path):
    office = tmp_path / "office"
    _source_setup(office)
    imported = ok(run("form", "import", SURVEY, "--data-dir", office))
    assert "17" in imported.stdout  # pyxform read the form (and its language subtags) frozen
    assert "socio-economic-survey" in ok(run("form", "list", "--data-dir", office)).stdout


def test_an_older_database_is_upgraded_by_the_frozen_app(tmp_path):
    """Migrations found at run time: a database at the first revision goes to head."""
    from sqlalchemy import create_engine

    from desktop.storage import migrate
    from desktop.storage.schema import HEAD_REVISION

    office = tmp_path / "office"
    office.mkdir()
    database = office / "linli.sqlite3"
    first = min(migrate.known_revisions())
    engine = create_engine(f"sqlite:///{database}")
    with engine.begin() as conn:
        from alembic import command

        command.upgrade(migrate.alembic_config(conn), first)
    engine.dispose()
    assert _revision(database) == first
    ok(run("setup", "--community", "翠苑一区社区", "--operator", "王小红", "--data-dir", office,
           LINLI_PASSWORD=TEST_PASSWORD))
    # Set up, the folder is protected: the old plain database was converted, then upgraded.
    assert database.read_bytes()[:16] != b"SQLite format 3\x00"
    assert _encrypted_revision(office, "王小红") == HEAD_REVISION
    assert list((office / "backups").iterdir()), "no backup before the upgrade"


@pytest.mark.skipif(sys.platform == "win32", reason="closes descriptors with preexec_fn (POSIX)")
def test_runs_without_stdout_and_stderr(demo_dir, tmp_path):
    """A windowed Windows build starts with sys.stdout and sys.stderr set to None; closing
    both descriptors gives the same here. Printing, argparse and logging must not crash."""
    import os

    def no_output() -> None:
        os.close(1)
        os.close(2)

    shot = tmp_path / "shot.png"
    for args in (["--version"], ["form", "list", "--data-dir", str(demo_dir)],
                 ["--data-dir", str(demo_dir), "--screenshot", str(shot)]):
        result = subprocess.run([str(FROZEN), *args], preexec_fn=no_output, env=frozen_env(),
                                cwd=tmp_path, timeout=180, check=False)
        assert result.returncode == 0, args
    assert shot.stat().st_size > 10_000


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's xcb platform plugin")
def test_the_xcb_libraries_travel_with_the_build():
    """Qt's xcb plugin needs a dozen small libxcb-* libraries that many desktops lack (Qt then
    refuses to start, naming no file): each must resolve inside the build, not on this host."""
    internal = FROZEN.parent / "_internal"
    plugin = next(internal.rglob("platforms/libqxcb.so"))
    env = dict(frozen_env(), LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    listing = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env,
                             check=True).stdout
    # libxcb.so.1 itself comes with every X11 desktop and goes with its graphics drivers:
    # PyInstaller leaves it to the system on purpose.
    xcb = [line.split() for line in listing.splitlines()
           if line.strip().startswith("libxcb") and not line.strip().startswith("libxcb.so")]
    assert xcb
    outside = [parts[0] for parts in xcb
               if len(parts) < 3 or not parts[2].startswith(str(internal))]
    assert not outside, f"not in the build: {outside} (install them on the build host)"


def test_a_notice_drawn_for_a_phone_is_the_installed_apps_picture(tmp_path):
    """Pillow frozen, with the codecs the spec keeps: ImageFont (FreeType) lays out the text and
    the picture is written as PNG (desktop/notices/phone), pixel for pixel what the source
    draws with the same font."""
    spec = tmp_path / "通知.json"
    spec.write_text(json.dumps({
        "kind": "notice", "title": "关于小区停水的通知", "body": "明日8:00至18:00停水，请提前储水。",
        "issuing_body": "丹桂社区居民委员会", "issued_on": "2026-12-06"}, ensure_ascii=False),
        encoding="utf-8")
    frozen, source = tmp_path / "frozen.png", tmp_path / "source.png"
    args = ["notice", "image", spec, "--no-mask", "--data-dir", tmp_path / "none", "--out"]
    ok(run(*args, frozen))
    subprocess.run([sys.executable, "-m", "desktop", *map(str, args), str(source)], check=True,
                   capture_output=True, cwd=ROOT, env=frozen_env(PYTHONPATH=str(ROOT)))
    image = Image.open(frozen)
    assert image.format == "PNG" and image.width == 1080
    assert len(image.convert("L").getcolors(maxcolors=1 << 16) or ()) > 2, "blank picture"
    assert image.convert("RGB").tobytes() == Image.open(source).convert("RGB").tobytes()


def test_the_licence_notices_travel_with_the_build():
    """Third-party notices ship in resources/ (the font's beside it, SQLCipher's and OpenSSL's
    in resources/licenses/, which sqlcipher3's wheel does not carry): every one of them is in
    the build, unchanged, so the .deb and the archive (copies of the folder) carry them too."""
    resources = FROZEN.parent / "_internal" / "desktop" / "_resources"
    source = ROOT / "resources"
    notices = sorted({*source.glob("licenses/*"), *source.rglob("LICENSE*"),
                      *source.glob("fonts/*.txt")})
    texts = []
    for notice in notices:
        frozen = resources / notice.relative_to(source)
        assert frozen.is_file(), f"{notice.relative_to(ROOT)} is not in the build"
        assert frozen.read_bytes() == notice.read_bytes()
        texts.append((frozen.name + frozen.read_text(encoding="utf-8", errors="replace")).lower())
    assert any("sqlcipher" in text for text in texts), "no SQLCipher licence in the build"
    assert any("openssl" in text for text in texts), "no OpenSSL licence in the build"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF shared libraries")
def test_every_library_in_the_build_is_linked_by_something():
    """The spec leaves out libraries that only left-out plugins linked (GTK's stack after Qt's
    GTK3 theme): any shared library still in the build must be NEEDED by another file of it
    (Qt's plugins, Python's extension modules and libpython are loaded by name)."""
    import re
    import shutil

    if shutil.which("readelf") is None:
        pytest.skip("readelf is not installed")
    internal = FROZEN.parent / "_internal"
    files = [p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink()]
    needed = set()
    for path in files:
        listing = subprocess.run(["readelf", "-d", "--wide", str(path)], capture_output=True,
                                 text=True, check=True).stdout
        needed.update(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", listing))

    def loaded_by_name(path: Path) -> bool:
        return ("plugins" in path.relative_to(internal).parts or ".cpython-" in path.name
                or path.name.endswith(".abi3.so") or path.name.startswith("libpython"))

    unlinked = sorted(p.relative_to(internal).as_posix() for p in files
                      if not loaded_by_name(p) and p.name not in needed)
    assert not unlinked, f"linked by nothing in the build: {unlinked}"


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run (Xvfb) is not installed")
def test_the_window_opens_on_a_real_x_server(tmp_path):
    """The xcb platform itself (the other tests draw offscreen): with the libraries the spec
    leaves out gone, Qt still loads its xcb plugin and draws the window on an X server."""
    shot = tmp_path / "xcb.png"
    result = subprocess.run(
        ["xvfb-run", "-a", str(FROZEN), "--demo", "--data-dir", str(tmp_path / "demo"),
         "--screenshot", str(shot)], capture_output=True, text=True, timeout=180,
        env=frozen_env(QT_QPA_PLATFORM="xcb"), cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    assert "Could not load the Qt platform plugin" not in result.stderr
    image = Image.open(shot).convert("L")
    assert len(image.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 50, "blank picture"
