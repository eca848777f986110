"""User settings: declared options with defaults, stored as JSON in the data folder.

A damaged or unreadable settings file never stops the app and is never overwritten: the app
starts with defaults, tells the user, and sets the damaged file aside before saving anew.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.errors import SettingsError
from desktop.core.files import write_private_text
from desktop.core.i18n import LANGUAGES, _

SETTINGS_VERSION = 1
UI_SCALES = (100, 125, 150, 175)


def _valid_language(value: Any) -> bool:
    return value in LANGUAGES


def _valid_scale(value: Any) -> bool:
    return value in UI_SCALES


def _valid_keep(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 100


def _valid_columns(value: Any) -> bool:
    """None (the default columns) or a non-empty list of column keys; unknown keys are
    skipped where the columns are shown, so a newer app's columns do not break an older one."""
    return value is None or (
        isinstance(value, list) and 0 < len(value) <= 50
        and all(isinstance(v, str) and 0 < len(v) <= 40 for v in value)
    )


def _valid_contacts(value: Any) -> bool:
    """A list of names or phone numbers (the office's own: never masked on printouts)."""
    return isinstance(value, (list, tuple)) and len(value) <= 50 and all(
        isinstance(v, str) and 0 < len(v.strip()) <= 40 for v in value)


def _valid_text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 200


def _valid_minutes(value: Any) -> bool:
    """None (follow the copy: ``idle_lock_minutes``), 0 (never lock) or 1 to 240 minutes."""
    return value is None or (isinstance(value, int) and not isinstance(value, bool)
                             and 0 <= value <= 240)


def _valid_geometry(value: Any) -> bool:
    """None (never closed yet) or the window's [x, y, width, height, maximised]."""
    return value is None or (
        isinstance(value, list) and len(value) == 5
        and all(isinstance(v, int) and not isinstance(v, bool) and abs(v) < 100_000
                for v in value)
    )


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    valid: Any  # callable(value) -> bool


OPTIONS: tuple[Option, ...] = (
    # None means "not chosen yet": follow the system language.
    Option("language", None, lambda v: v is None or _valid_language(v)),
    Option("ui_scale", 100, _valid_scale),
    Option("backups_keep", 10, _valid_keep),
    Option("operator", "", _valid_text),
    # The roster's visible columns, in order, as the user chose them.
    Option("roster_resident_columns", None, _valid_columns),
    Option("roster_household_columns", None, _valid_columns),
    # ID and phone numbers masked on screen: None follows the copy (on for a volunteer's laptop
    # made from a scoped or minimised bundle, off on the office's computers).
    Option("mask_on_screen", None, lambda v: v is None or isinstance(v, bool)),
    # Where and how large the main window was when it was last closed.
    Option("window_geometry", None, _valid_geometry),
    # The office's staff and contact phones: printed as they are, never masked, even where a
    # resident has the same name (desktop.core.masking.OfficeContacts).
    Option("office_staff", (), _valid_contacts),
    Option("office_phones", (), _valid_contacts),
    # Minutes without keyboard or mouse before the window locks (0: never). None follows the
    # copy: ``idle_lock_minutes`` below.
    Option("idle_lock_minutes", None, _valid_minutes),
    # Who signed in last on this computer: the sign-in dialog chooses them first.
    Option("last_operator", "", _valid_text),
)
_BY_NAME = {o.name: o for o in OPTIONS}


# The idle lock when nobody chose: an office PC locks after 10 minutes, a volunteer's laptop
# (carried door to door, left on a table) after 5.
IDLE_LOCK_MINUTES = 10
VOLUNTEER_IDLE_LOCK_MINUTES = 5


def idle_lock_minutes(settings: Settings, volunteer_copy: bool) -> int:
    """Minutes of no keyboard or mouse before the window locks; 0 = never."""
    chosen = settings.get("idle_lock_minutes")
    if chosen is not None:
        return chosen
    return VOLUNTEER_IDLE_LOCK_MINUTES if volunteer_copy else IDLE_LOCK_MINUTES


@dataclass
class Settings:
    """The settings of one data folder, with what went wrong while reading them."""

    path: Path
    values: dict[str, Any] = field(default_factory=dict)
    problem: str = ""  # a translated message when the file could not be used
    details: str = ""
    _damaged: bool = False

    def get(self, name: str) -> Any:
        return self.values.get(name, _BY_NAME[name].default)

    def set(self, name: str, value: Any) -> None:
        option = _BY_NAME[name]
        if not option.valid(value):
            raise SettingsError(
                _("The setting {name} cannot be {value}.").format(name=name, value=value)
            )
        self.values[name] = value

    @classmethod
    def load(cls, path: Path) -> Settings:
        settings = cls(path)
        if not path.exists():
            return settings
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("not an object")
        except (OSError, ValueError) as exc:
            settings.problem = _(
                "The settings file {path} is damaged and was not used; default settings apply. "
                "The damaged file is kept beside it."
            ).format(path=path)
            settings._damaged = True
            settings.details = repr(exc)
            return settings
        # Unknown or invalid options are dropped one by one; the rest still apply.
        for name, value in raw.get("options", {}).items():
            option = _BY_NAME.get(name)
            if option is not None and option.valid(value):
                settings.values[name] = value
        return settings

    def save(self) -> None:
        """Write atomically; a damaged file is first renamed aside, never overwritten."""
        try:
            if self._damaged and self.path.exists():
                stamp = time.strftime("%Y%m%d-%H%M%S")
                self.path.rename(self.path.with_name(f"settings.damaged-{stamp}.json"))
                self._damaged = False
            payload = {"version": SETTINGS_VERSION, "options": self.values}
            tmp = self.path.with_suffix(".json.tmp")
            write_private_text(tmp, json.dumps(payload, ensure_ascii=False, indent=2))
            os.replace(tmp, self.path)
        except OSError as exc:
            raise SettingsError(
                _("Cannot save the settings to {path}.").format(path=self.path),
                details=repr(exc),
            ) from exc
