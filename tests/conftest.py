"""Shared fixtures: a real data folder and a real SQLite database in a temporary directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Offscreen Qt by default: tests never need a display (set before any Qt import).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED_EXTERNAL = Path(__file__).resolve().parents[2] / "shared" / "external"

# The operator's password for folders the tests protect (``linli setup`` creates the key
# slots with it; every command run in-process or as a subprocess signs in with it). A test of
# typed passwords or a missing one removes it with monkeypatch.
TEST_PASSWORD = "测试密码-linli-2026"
os.environ.setdefault("LINLI_PASSWORD", TEST_PASSWORD)


@pytest.fixture(autouse=True)
def _english_by_default():
    """Tests read messages in English unless they switch language themselves."""
    from desktop.core import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def data_dir(tmp_path):
    from desktop.core.paths import DataDir

    return DataDir(tmp_path / "data").prepare()


@pytest.fixture
def db(data_dir):
    from desktop.storage.lifecycle import open_database

    database = open_database(data_dir, device_name="test-pc")
    yield database
    database.close()
