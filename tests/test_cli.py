"""The ``linli`` command, run as a user would: a real subprocess."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from desktop import __version__


def linli(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


def test_version():
    result = linli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"linli {__version__}"


def test_headless_demo_creates_a_database(tmp_path):
    out = tmp_path / "demo.sqlite3"
    result = linli("--lang", "en", "demo", "--residents", "300", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "300 residents" in result.stdout
    con = sqlite3.connect(out)
    living = con.execute("select count(*) from resident").fetchone()[0]
    con.close()
    assert living == 300


def test_headless_demo_refuses_to_overwrite_a_file(tmp_path):
    out = tmp_path / "precious.sqlite3"
    out.write_bytes(b"someone's data")
    result = linli("--lang", "en", "demo", "--residents", "10", "--out", str(out))
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert out.read_bytes() == b"someone's data"


def test_headless_messages_follow_the_language(tmp_path):
    out = tmp_path / "precious.sqlite3"
    out.write_bytes(b"x")
    result = linli("--lang", "zh_Hans", "demo", "--residents", "10", "--out", str(out))
    assert result.returncode == 2 and "已存在" in result.stderr


def test_page_without_screenshot_is_a_usage_error():
    result = linli("--page", "roster")
    assert result.returncode == 2 and "--screenshot" in result.stderr


def test_help_follows_lang():
    from desktop.core import i18n

    i18n.set_language("zh_Hans")
    chinese = i18n._("the language of the window")
    i18n.set_language("en")
    assert chinese != "the language of the window"  # translated in the catalog
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    result = linli("--lang", "zh_Hans", "--help", env={**env, "LANG": "en_US.UTF-8"})
    assert result.returncode == 0 and chinese in result.stdout
    result = linli("--help", "--lang=zh_Hans", env={**env, "LANG": "en_US.UTF-8"})
    assert result.returncode == 0 and chinese in result.stdout


def test_help_follows_the_system_language_without_lang():
    from desktop.core import i18n

    i18n.set_language("zh_Hans")
    chinese = i18n._("the language of the window")
    i18n.set_language("en")
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    assert chinese in linli("--help", env={**env, "LANG": "zh_CN.UTF-8"}).stdout
    english = linli("--help", env={**env, "LANG": "en_US.UTF-8"}).stdout
    assert "the language of the window" in english


def test_setup_is_listed_in_the_commands():
    result = linli("--lang", "en", "setup", "--help")
    assert result.returncode == 0
    for flag in ("--community", "--issuer", "--device", "--operator", "--from-bundle"):
        assert flag in result.stdout
