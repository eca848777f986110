"""The idle lock of a signed-in copy, wired to the security layer: locking writes ``lock`` to
the audit log and then disposes the engine and forgets the key; the operator who left signs in
again (their password, throttled, or the recovery code), the database is reopened with the key
and ``unlock`` (and ``recovery_used``) is written. The demo, without sign-in, has no lock."""

from __future__ import annotations

import logging

from desktop.core.errors import LinliError
from desktop.ui.security.idle import IdleLock, lock_minutes
from desktop.ui.security.signin import SignInDialog

log = logging.getLogger(__name__)


def start_idle_lock(window, ctx, runner) -> IdleLock | None:
    """Install the idle lock on ``window`` (None when this copy has no sign-in). After the
    settings change, ``lock.set_minutes(lock_minutes(ctx))``."""
    from desktop.security import opening
    from desktop.security.audit import Action
    from desktop.security.operators import reset_with_recovery, sign_in

    db, data_dir = ctx.db, ctx.data_dir
    if not db.actor.signed_in:
        return None
    recovered: list[bool] = []

    def on_lock() -> None:
        _record(db, Action.LOCK)  # while it still can be written
        db.lock()

    def on_unlock(key: bytes) -> None:
        opening.reopen(db, key)
        _record(db, Action.UNLOCK)
        if recovered:
            recovered.clear()
            _record(db, Action.RECOVERY_USED, db.actor.name)

    def recover(code: str, operator: str, password: str) -> bytes:
        key = reset_with_recovery(data_dir, operator, code, password)
        recovered.append(True)
        return key

    def dialog(parent) -> SignInDialog:
        name = db.actor.name
        return SignInDialog(data_dir, [name], lambda operator, password: sign_in(
            data_dir, operator, password), parent, recover=recover, settings=ctx.settings,
            locking=True, operator=name)

    lock = IdleLock(window, runner, minutes=lock_minutes(ctx), on_lock=on_lock,
                    on_unlock=on_unlock, sign_in=dialog)
    lock.install()
    return lock


def _record(db, action, subject: str = "") -> None:
    from desktop.security.audit import record

    try:
        record(db, action, subject)
    except LinliError as exc:  # a full disk must not keep the data open
        log.warning("%s not recorded in the audit log: %s", action, exc.details)
