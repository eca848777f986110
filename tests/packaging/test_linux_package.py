"""The Linux downloads: the menu entry, the .linli file type, the icon, the per-user archive
(install into a home folder, uninstall keeping the user's data) and the .deb's dependencies.

The archive is made from a stand-in one-folder build (a shell script called ``linli``), so
these tests run in seconds without PyInstaller; the frozen app itself is tested elsewhere.
Each tool the tests need (zstd, dpkg-deb, readelf) is checked for, and the test skips without it.
"""

from __future__ import annotations

import configparser
import io
import os
import re
import shutil
import struct
import subprocess
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop import __version__

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
ICONS = REPO / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
MIME_TYPE = "application/x-linli-bundle"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def needs(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


# --- the files the desktop reads ---------------------------------------------------------------

def test_the_menu_entry_opens_linli_files_with_the_icon():
    path = LINUX / "linli.desktop"
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive in desktop entries
    entry.read(path, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == "Linli Desk" and section["Name[zh_CN]"] == "邻里"
    assert section["Exec"] == "linli %f"  # the one file double-clicked, as the only argument
    assert section["Icon"] == "linli"
    assert MIME_TYPE in section["MimeType"].split(";")
    assert section["Terminal"] == "false"


def test_the_mime_type_matches_linli_files_by_name():
    root = ET.parse(LINUX / "linli-mime.xml").getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    (mime,) = root.findall(f"{MIME_NS}mime-type")
    assert mime.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")] == ["*.linli"]
    langs = {c.get("{http://www.w3.org/XML/1998/namespace}lang") for c in mime.findall(f"{MIME_NS}comment")}
    assert langs == {None, "zh_CN", "zh_TW"}


def test_the_icon_exists_at_every_size():
    for size in SIZES:
        assert png_size((ICONS / f"linli-{size}.png").read_bytes()) == (size, size)
    svg = ET.parse(ICONS / "linli.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox") == "0 0 256 256"


def test_the_windows_icon_holds_every_size():
    data = (ICONS / "linli.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)  # an icon, not a cursor
    found = set()
    for i in range(count):
        width, height, _colours, _r, _planes, _bpp, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        size = (width or 256, height or 256)  # 0 means 256 in an icon directory
        image = data[offset: offset + length]
        if image[:8] == b"\x89PNG\r\n\x1a\n":
            assert png_size(image) == size
        found.add(size[0])
    assert found == set(SIZES)


# --- the per-user archive -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def packaged(tmp_path_factory):
    """package.sh run on a stand-in build: returns the output folder."""
    needs("zstd")
    base = tmp_path_factory.mktemp("package")
    dist = base / "dist" / "linli"
    dist.mkdir(parents=True)
    app = dist / "linli"
    app.write_text('#!/bin/sh\necho "stand-in linli: $*"\n')
    app.chmod(0o755)
    (dist / "_internal").mkdir()
    (dist / "_internal" / "data.txt").write_text("a file of the build\n")
    # A real program of this host among the files, as PyInstaller copies the host's libraries.
    shutil.copy(shutil.which("ls"), dist / "_internal" / "host-program")
    env = dict(os.environ, LINLI_ZSTD_LEVEL="3")
    result = subprocess.run(["sh", str(LINUX / "package.sh"), str(dist)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return base / "dist"


def home_env(home: Path) -> dict[str, str]:
    return dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"),
                XDG_CONFIG_HOME=str(home / ".config"))


def unpack(packaged: Path, into: Path) -> Path:
    archive = packaged / f"linli-{__version__}-linux-x86_64.tar.zst"
    assert archive.is_file()
    into.mkdir()
    subprocess.run(f'zstd -dc "{archive}" | tar -C "{into}" -xf -', shell=True, check=True)
    (top,) = into.iterdir()
    assert top.name == f"linli-{__version__}-linux-x86_64"
    return top


def linli_files(home: Path) -> list[Path]:
    """Everything of Linli Desk's in a home folder, the user's data folder left out."""
    data = home / ".local" / "share" / "LinliDesk"
    return sorted(p for p in home.rglob("*") if "linli" in p.name.lower()
                  and data not in p.parents and p != data)


def test_install_puts_the_program_menu_entry_and_file_type_into_the_home_folder(packaged, tmp_path):
    top = unpack(packaged, tmp_path / "unpacked")
    home = tmp_path / "home"
    home.mkdir()
    env = home_env(home)
    result = subprocess.run(["sh", str(top / "install.sh")], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    share = home / ".local" / "share"
    lib = home / ".local" / "lib" / "linli"

    # The launcher passes its arguments on: a double-clicked bundle reaches the app.
    run = subprocess.run([str(home / ".local" / "bin" / "linli"), "a b.linli"], env=env,
                         capture_output=True, text=True)
    assert run.stdout.strip() == "stand-in linli: a b.linli"
    assert (lib / "_internal" / "data.txt").is_file()

    entry = (share / "applications" / "linli.desktop").read_text(encoding="utf-8")
    assert f'Exec="{lib}/linli" %f' in entry.splitlines()
    assert (share / "mime" / "packages" / "linli.xml").is_file()
    for size in SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "linli.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "linli.svg").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(share / "applications" / "linli.desktop")],
                               capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout
    if shutil.which("update-mime-database"):
        assert f"{MIME_TYPE}:*.linli" in (share / "mime" / "globs2").read_text()
    if shutil.which("xdg-mime"):
        default = subprocess.run(["xdg-mime", "query", "default", MIME_TYPE], env=env,
                                 capture_output=True, text=True)
        assert default.stdout.strip() == "linli.desktop"

    # Installing again (an upgrade) replaces the program and leaves no second copy.
    (lib / "left-over-from-the-old-version").write_text("x")
    again = subprocess.run(["sh", str(top / "install.sh")], env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert not (lib / "left-over-from-the-old-version").exists()
    assert not (home / ".local" / "lib" / "linli.new").exists()


def test_uninstall_removes_everything_but_the_users_data(packaged, tmp_path):
    top = unpack(packaged, tmp_path / "unpacked")
    home = tmp_path / "home"
    home.mkdir()
    env = home_env(home)
    subprocess.run(["sh", str(top / "install.sh")], env=env, check=True, capture_output=True)
    data = home / ".local" / "share" / "LinliDesk"
    data.mkdir()
    (data / "linli.sqlite3").write_bytes(b"the community's records")
    config = home / ".config"
    config.mkdir(exist_ok=True)
    mimeapps = config / "mimeapps.list"
    before = mimeapps.read_text() if mimeapps.exists() else "[Default Applications]\n"
    mimeapps.write_text(before + "text/plain=editor.desktop\n")
    assert linli_files(home)

    result = subprocess.run(["sh", str(home / ".local" / "lib" / "linli" / "uninstall.sh")],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert linli_files(home) == []
    assert (data / "linli.sqlite3").read_bytes() == b"the community's records"
    assert str(data) in result.stdout  # it says where the data was kept
    remaining = mimeapps.read_text()
    assert "linli" not in remaining and "text/plain=editor.desktop" in remaining
    if shutil.which("update-mime-database"):
        assert "linli" not in (home / ".local" / "share" / "mime" / "globs2").read_text()


def test_uninstall_keeps_a_linli_command_that_is_not_ours(packaged, tmp_path):
    top = unpack(packaged, tmp_path / "unpacked")
    home = tmp_path / "home"
    home.mkdir()
    env = home_env(home)
    subprocess.run(["sh", str(top / "install.sh")], env=env, check=True, capture_output=True)
    own = home / ".local" / "bin" / "linli"
    own.write_text("#!/bin/sh\necho the user's own script\n")
    subprocess.run(["sh", str(home / ".local" / "lib" / "linli" / "uninstall.sh")], env=env,
                   check=True, capture_output=True)
    assert own.read_text() == "#!/bin/sh\necho the user's own script\n"


# --- the .deb ------------------------------------------------------------------------------------

def deb_depends(packaged: Path) -> set[str]:
    needs("dpkg-deb")
    deb = packaged / f"linli_{__version__}_amd64.deb"
    info = subprocess.run(["dpkg-deb", "-I", str(deb)], capture_output=True, text=True, check=True).stdout
    (line,) = [l for l in info.splitlines() if l.strip().startswith("Depends:")]
    names = set()
    for item in line.split(":", 1)[1].split(","):
        for alternative in item.split("|"):
            names.add(alternative.strip().split(" ")[0])
    return names


def test_the_deb_installs_the_program_menu_entry_and_file_type(packaged):
    needs("dpkg-deb")
    deb = packaged / f"linli_{__version__}_amd64.deb"
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    for path in ("./opt/linli/linli", "./opt/linli/_internal/data.txt", "./usr/bin/linli -> /opt/linli/linli",
                 "./usr/share/applications/linli.desktop", "./usr/share/mime/packages/linli.xml",
                 "./usr/share/icons/hicolor/16x16/apps/linli.png",
                 "./usr/share/icons/hicolor/scalable/apps/linli.svg"):
        assert path in listing
    assert "root/root" in listing  # owned by root, whoever built it
    depends = deb_depends(packaged)
    for lib in ("libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-keysyms1",
                "libxcb-shape0", "libegl1", "libfontconfig1", "libdbus-1-3", "libc6"):
        assert lib in depends


def test_the_deb_asks_for_the_glibc_the_build_needs(packaged):
    """An office PC with an older glibc must be refused by the package manager, not fail
    at start: the floor is the newest glibc symbol version any file of the build asks for."""
    needs("objdump")
    needs("dpkg-deb")
    deb = packaged / f"linli_{__version__}_amd64.deb"
    depends = subprocess.run(["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True,
                             text=True, check=True).stdout
    floor = re.search(r"libc6 \(>= ([0-9.]+)\)", depends).group(1)
    symbols = subprocess.run(["objdump", "-T", str(packaged / "linli" / "_internal" / "host-program")],
                             capture_output=True, text=True, check=True).stdout
    wanted = max((tuple(int(p) for p in v.split(".")) for v in re.findall(r"GLIBC_([0-9.]+[0-9])", symbols)))
    assert tuple(int(p) for p in floor.split(".")) >= wanted


def _package_of(soname: str) -> str:
    """Debian's library package name for a soname: libxcb-icccm.so.4 -> libxcb-icccm4,
    libxkbcommon-x11.so.0 -> libxkbcommon-x11-0 (a dash when the name ends in a digit)."""
    name, number = re.fullmatch(r"(.+)\.so\.(\d+)", soname).groups()
    name = name.lower()
    return f"{name}-{number}" if name[-1].isdigit() else f"{name}{number}"


def test_the_deb_depends_on_every_system_library_the_xcb_plugin_links(packaged):
    """Checked against the PySide6 in use: a Qt upgrade that links a new xcb library fails
    here rather than on an office PC where the window cannot open."""
    needs("readelf")
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    plugin = qt / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        pytest.skip("this PySide6 has no xcb plugin")
    needed = set()
    for lib in (plugin, qt / "lib" / "libQt6XcbQpa.so.6"):
        dynamic = subprocess.run(["readelf", "-d", str(lib)], capture_output=True, text=True,
                                 check=True).stdout
        needed |= set(re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dynamic))
    # The X11, keyboard, GL and font libraries: the ones a minimal desktop may lack. (glibc,
    # libstdc++, glib and zlib have package names that do not follow the soname.)
    system = {n for n in needed if re.match(r"lib(xcb|xkb|X11|EGL|GL|fontconfig|dbus)", n)}
    assert len(system) >= 15
    missing = {_package_of(n) for n in system} - deb_depends(packaged)
    assert not missing, f"add to Depends in packaging/linux/package.sh: {sorted(missing)}"


def test_the_downloads_say_where_the_licence_notices_are(packaged, tmp_path):
    """The third-party notices travel inside the build (tests/packaging/test_frozen.py checks
    SQLCipher's and OpenSSL's are there); the archive's README and the .deb's copyright file
    (where Debian looks) point to them, next to the app's own licence."""
    top = unpack(packaged, tmp_path / "unpacked")
    readme = top.joinpath("README.txt").read_text(encoding="utf-8")
    assert "linli/_internal/desktop/_resources/licenses/" in readme and "OpenSSL" in readme
    assert top.joinpath("LICENSE").read_text(encoding="utf-8") == (REPO / "LICENSE").read_text(
        encoding="utf-8")
    needs("dpkg-deb")
    deb = packaged / f"linli_{__version__}_amd64.deb"
    files = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], capture_output=True,
                           check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(files)) as archive:
        text = archive.extractfile("./usr/share/doc/linli/copyright").read().decode("utf-8")
    assert "/opt/linli/_internal/desktop/_resources/licenses/" in text and "SQLCipher" in text
    assert (REPO / "LICENSE").read_text(encoding="utf-8").strip() in text
