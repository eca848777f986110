"""The recovery code asked for before a protected office's first copy for a volunteer's
laptop (desktop.security.recovery_check), in the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QWidget

from desktop.core.errors import LinliError
from desktop.core.i18n import _


def recovery_code_typed(parent: QWidget, ctx, complain: Callable[[str], None]) -> bool:
    """True when no code is needed or the right one was typed; else False, with the reason
    given to ``complain`` (shown on the caller's panel)."""
    from desktop.security.recovery_check import (
        confirm_recovery_code,
        needs_recovery_code,
    )

    if not needs_recovery_code(ctx.db):
        return True
    code, ok = QInputDialog.getText(
        parent, _("Recovery code"),
        _("This is the first copy for a volunteer's laptop. Type the recovery code from "
          "the printed recovery sheet: it proves the sheet is kept in the office."))
    if not ok or not code.strip():
        complain(_("No copy was made: the recovery code is asked for once, before "
                   "the first copy for a volunteer's laptop."))
        return False
    try:
        confirm_recovery_code(ctx.db, ctx.data_dir.keys_file, code)
    except LinliError as exc:
        complain(exc.message)
        return False
    return True
