"""The recovery code typed back before a protected copy's first volunteer copy leaves.

The code was shown and printed once, when the folder was protected. Before the office sends
its first scoped bundle (a volunteer's laptop), it types the code again: the sheet is proven
to exist while the office can still make a new one, not on the day a password is lost.
"""

from __future__ import annotations

from pathlib import Path

from desktop.security.keyslots import WrongRecoveryCode, load_slots, unwrap_recovery
from desktop.storage.database import Database
from desktop.storage.engine import writing
from desktop.storage.marks import mark_recovery_confirmed, recovery_confirmed


def needs_recovery_code(db: Database) -> bool:
    """True for a protected copy whose recovery code was not typed back yet."""
    if db.key is None:
        return False
    with db.reading() as session:
        return not recovery_confirmed(session.connection())


def confirm_recovery_code(db: Database, keys_path: Path, code: str) -> None:
    """Check ``code`` against the recovery slot (``WrongRecoveryCode`` or a ``ValidationError``
    naming the characters that cannot be in a code) and remember that it was typed."""
    if unwrap_recovery(load_slots(keys_path), code) != db.key:
        raise WrongRecoveryCode()
    with writing(db.engine) as conn:
        mark_recovery_confirmed(conn)
