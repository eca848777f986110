"""Errors the user sees: a translated message, plus technical details they can copy.

Raise these with a message already passed through ``_()``; the UI shows ``message`` and offers
``details`` behind a "details" button. Anything else that escapes is a bug: the task runner logs
it and shows a generic message.
"""

from __future__ import annotations


class LinliError(Exception):
    """A problem the user can understand and act on."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


class DataDirError(LinliError):
    """The data folder is missing, not writable, or not a folder."""


class DatabaseError(LinliError):
    """The database file cannot be used as it is; it has not been changed."""


class DatabaseCorruptError(DatabaseError):
    """The file is not a SQLite database, or SQLite reports damage."""


class DatabaseNewerError(DatabaseError):
    """The database was written by a newer version of the app."""


class SignInRequired(DatabaseError):
    """The database is encrypted and was opened without its key: an operator signs in first."""


class MigrationError(DatabaseError):
    """Upgrading the database failed; it was rolled back and a backup exists."""


class SettingsError(LinliError):
    """The settings file could not be read or written."""


class ValidationError(LinliError):
    """Input that cannot be stored; ``field`` names what it concerns."""

    def __init__(self, message: str, field: str = "", details: str = "") -> None:
        super().__init__(message, details)
        self.field = field


class Cancelled(Exception):
    """Raised inside long work when the user pressed Cancel; not an error to report."""


class RecoveryCodeNeeded(LinliError):
    """A protected copy's first volunteer copy (a scoped bundle): the office types the
    recovery code back first, proving the printed sheet exists before data leaves."""
