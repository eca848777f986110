"""The Windows packaging files, checked on Linux (Windows cannot be run here): the Inno Setup
script has what a social worker without admin rights needs (a per-user install with an
all-users choice, the start-menu entry, the optional desktop shortcut, the .linli
association, the version from the package, an uninstaller that keeps the data folder), the
build script runs its steps in order, and the CI workflow builds and keeps the setup.exe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli import BUNDLE_SUFFIX
from desktop.sync.bundle.container import SUFFIX

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "linli.iss"
PS1 = ROOT / "packaging" / "build-windows.ps1"
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


def iss_sections(text: str) -> dict[str, list[str]]:
    """Inno Setup's INI-like layout: ``[Section]`` then lines; comments (``;``) and the
    preprocessor's lines (``#``) left out."""
    sections: dict[str, list[str]] = {}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match.group(1)
            sections.setdefault(current, [])
        elif current is not None:
            sections[current].append(line)
    return sections


def setup_directives(sections) -> dict[str, str]:
    return dict(line.split("=", 1) for line in sections["Setup"])


def entry(line: str) -> dict[str, str]:
    """One ``Name: "…"; Filename: "…"; Flags: …`` entry as a dict (quotes removed; ``""``
    inside a quoted value is one quote, as Inno Setup reads it)."""
    fields = {}
    for key, value in re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line):
        value = value.strip()
        if value.startswith('"'):
            value = value[1:-1].replace('""', '"')
        fields[key] = value
    return fields


@pytest.fixture(scope="module")
def iss():
    text = ISS.read_text(encoding="utf-8")
    return text, iss_sections(text)


def test_per_user_install_with_an_all_users_choice(iss):
    text, sections = iss
    setup = setup_directives(sections)
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["PrivilegesRequiredOverridesAllowed"] == "dialog"
    assert setup["DefaultDirName"].startswith("{autopf}")  # follows the per-user/all-users choice
    assert setup["AppId"].startswith("{{")  # a fixed id: upgrades replace, never duplicate


def test_the_version_comes_from_the_package(iss):
    text, sections = iss
    setup = setup_directives(sections)
    assert setup["AppVersion"] == "{#AppVersion}"
    assert "{#AppVersion}" in setup["OutputBaseFilename"]
    assert re.search(r"^#ifndef AppVersion\s*\n\s*#error", text, re.M)  # never built unversioned
    # No version typed anywhere in the script: it would go stale.
    assert __version__ not in re.sub(r"^;.*$", "", text, flags=re.M)


def test_start_menu_and_optional_desktop_shortcuts(iss):
    _text, sections = iss
    icons = [entry(line) for line in sections["Icons"]]
    menu = [i for i in icons if i["Name"].startswith("{autoprograms}")]
    desktop = [i for i in icons if i["Name"].startswith("{autodesktop}")]
    assert menu and "Tasks" not in menu[0] and menu[0]["Filename"] == "{app}\\{#AppExe}"
    assert desktop and desktop[0]["Tasks"] == "desktopicon"
    tasks = {entry(line)["Name"]: entry(line) for line in sections["Tasks"]}
    assert "unchecked" in tasks["desktopicon"]["Flags"]  # optional, off unless chosen


def test_bundle_files_open_in_linli(iss):
    text, sections = iss
    assert setup_directives(sections)["ChangesAssociations"] == "yes"
    registry = [entry(line) for line in sections["Registry"]]
    assert registry and all(r["Root"] == "HKA" for r in registry)
    assert all(r["Subkey"].startswith("Software\\Classes\\") for r in registry)
    by_key = {(r["Subkey"], r["ValueName"]): r for r in registry}
    prog_id = re.search(r'#define BundleProgId "([^"]+)"', text).group(1)
    extension = by_key[(f"Software\\Classes\\{SUFFIX}", "")]
    assert extension["ValueData"] == "{#BundleProgId}"
    command = by_key[("Software\\Classes\\{#BundleProgId}\\shell\\open\\command", "")]
    # The file as the only argument, quoted for paths with spaces: what desktop/cli.py opens.
    assert command["ValueData"] == '"{app}\\{#AppExe}" "%1"'
    assert SUFFIX == BUNDLE_SUFFIX and prog_id


def test_the_uninstaller_keeps_the_data_folder(iss):
    text, sections = iss
    # Nothing beyond what setup installed is removed: no extra deletions at uninstall.
    assert "UninstallDelete" not in sections and "UninstallRun" not in sections
    assert not re.search(r"\{(userappdata|localappdata|commonappdata)\}", text.split(
        "[Setup]", 1)[1].split("; The uninstaller", 1)[0])
    assert re.search(r"NEVER deletes the user's data", text)
    assert "platformdirs" in text and "outside {app}" in text


def test_installed_files_and_icon_exist(iss):
    _text, sections = iss
    setup = setup_directives(sections)
    source = (ISS.parent / setup["SourceDir"].replace("\\", "/")).resolve()
    assert source == ROOT
    assert setup["SetupIconFile"].replace("\\", "/") == "resources/icons/linli.ico"
    assert (ROOT / "resources" / "icons" / "linli.ico").is_file()
    files = [entry(line) for line in sections["Files"]]
    app = [f for f in files if f["Source"] == "dist\\linli\\*"]
    assert app and "recursesubdirs" in app[0]["Flags"] and app[0]["DestDir"] == "{app}"
    for f in files:
        if "*" not in f["Source"]:
            assert (source / f["Source"].replace("\\", "/")).is_file(), f["Source"]


# -- build-windows.ps1 -----------------------------------------------------------------------


def test_the_build_script_runs_each_step_in_order():
    text = PS1.read_text(encoding="utf-8")
    steps = [
        r'desktop\\__init__\.py',                              # the version, from the package
        r"-m venv",
        r'pip install --quiet "\.\[package,test\]"',
        r"PyInstaller .*packaging\\linli\.spec",
        r'-ArgumentList "--version"',
        r'QT_QPA_PLATFORM = "offscreen"',
        r"pytest tests\\packaging\\test_frozen\.py",
        r"Invoke-Sign \$exe",
        r'"/DAppVersion=\$version" "packaging\\windows\\linli\.iss"',
        r"Invoke-Sign \$setup",
    ]
    positions = []
    for step in steps:
        match = re.search(step, text)
        assert match, step
        positions.append(match.start())
    assert positions == sorted(positions)
    assert (ROOT / "packaging" / "linli.spec").is_file()
    assert '$ErrorActionPreference = "Stop"' in text  # a failed step stops the build


def test_signing_is_a_hook_not_a_requirement():
    text = PS1.read_text(encoding="utf-8")
    sign = text.split("function Invoke-Sign", 1)[1].split("\n}\n", 1)[0]
    assert "if (-not $env:SIGN_CERT) { return }" in sign
    assert "signtool" in sign and "/fd" in sign


def test_the_setup_file_name_agrees_between_iss_script_and_workflow(iss):
    _text, sections = iss
    name = setup_directives(sections)["OutputBaseFilename"].replace("{#AppVersion}", __version__)
    assert name == f"linli-{__version__}-setup"
    assert 'dist\\linli-$version-setup.exe' in PS1.read_text(encoding="utf-8")
    workflow = WORKFLOW.read_text(encoding="utf-8")
    glob = re.search(r"path:\s*main/(dist/linli-\*-setup\.exe)", workflow).group(1)
    assert Path("dist", name + ".exe").match(glob)


# -- the CI workflow -------------------------------------------------------------------------


def workflow_steps(text: str) -> list[str]:
    """The text of each ``- `` step under ``steps:`` (enough structure for these checks)."""
    body = text.split("    steps:\n", 1)[1]
    return [s for s in re.split(r"\n      - ", "\n" + body) if s.strip()]


def test_the_workflow_builds_on_windows_and_keeps_the_setup():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "\t" not in text  # YAML forbids tabs
    assert re.search(r"^    runs-on: windows-latest$", text, re.M)
    steps = workflow_steps(text)
    order = ["actions/checkout@", "actions/setup-python@", "choco install innosetup",
             "build-windows.ps1", "actions/upload-artifact@"]
    found = [next(i for i, s in enumerate(steps) if needle in s) for needle in order]
    assert found == sorted(found)
    python = next(s for s in steps if "setup-python" in s)
    assert re.search(r'python-version: "3\.11"', python)
    checkout = next(s for s in steps if "actions/checkout@" in s)
    assert "path: main" in checkout and "shared" in text  # ../shared beside the checkout
    build = next(s for s in steps if "build-windows.ps1" in s)
    assert "working-directory: main" in build and "shell: pwsh" in build
    upload = next(s for s in steps if "upload-artifact" in s)
    assert "if-no-files-found: error" in upload


def test_the_workflow_is_valid_yaml_when_pyyaml_is_there():
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = data["jobs"]["installer"]
    assert job["runs-on"] == "windows-latest"
    assert any("build-windows.ps1" in str(step.get("run", "")) for step in job["steps"])
