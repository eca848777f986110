"""Settings: defaults, validation, and a damaged file that is never lost."""

from __future__ import annotations

import json

import pytest

from desktop.core.errors import SettingsError
from desktop.core.settings import Settings


def test_defaults_when_there_is_no_file(tmp_path):
    s = Settings.load(tmp_path / "settings.json")
    assert s.get("ui_scale") == 100 and s.get("language") is None and s.problem == ""


def test_saved_settings_are_read_back(tmp_path):
    path = tmp_path / "settings.json"
    s = Settings.load(path)
    s.set("ui_scale", 150)
    s.set("language", "zh_Hant")
    s.set("operator", "王小明")
    s.save()
    again = Settings.load(path)
    assert (again.get("ui_scale"), again.get("language"), again.get("operator")) == (
        150, "zh_Hant", "王小明")


def test_invalid_values_are_refused_with_a_message(tmp_path):
    s = Settings.load(tmp_path / "settings.json")
    with pytest.raises(SettingsError) as err:
        s.set("ui_scale", 333)
    assert "ui_scale" in err.value.message


def test_a_damaged_file_gives_defaults_a_message_and_is_kept(tmp_path):
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"version": 1, "options": {"ui_scale": 150,')  # cut off mid-write
    s = Settings.load(path)
    assert s.get("ui_scale") == 100
    assert "damaged" in s.problem and str(path) in s.problem
    assert path.read_bytes().endswith(b"150,")  # loading never rewrites it
    s.set("ui_scale", 125)
    s.save()
    kept = list(tmp_path.glob("settings.damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes().endswith(b"150,")
    assert json.loads(path.read_text())["options"]["ui_scale"] == 125


def test_unknown_or_invalid_options_in_the_file_are_dropped_one_by_one(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "options": {
        "ui_scale": "huge", "language": "zh_Hans", "colour": "red"}}))
    s = Settings.load(path)
    assert s.get("ui_scale") == 100 and s.get("language") == "zh_Hans" and s.problem == ""


def test_a_damaged_column_choice_falls_back_to_the_default(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "options": {
        "roster_resident_columns": "name,phone", "roster_household_columns": []}}))
    s = Settings.load(path)
    assert s.get("roster_resident_columns") is None
    assert s.get("roster_household_columns") is None
    s.set("roster_resident_columns", ["name", "phone"])
    with pytest.raises(SettingsError):
        s.set("roster_resident_columns", [])
