"""Opening the data folder for the window: the demo as it is; a protected folder after the
operator signs in; a new folder, or one from before encryption, once its first operator has
chosen a password (the database is then created or converted encrypted).

A screenshot (``--screenshot``, no one to type) and scripts sign in with LINLI_PASSWORD (and
LINLI_OPERATOR when several operators can); a screenshot of a folder not yet protected opens
it as it is, for the developers' and the tests' plain folders.
"""

from __future__ import annotations

import logging

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.core.paths import DataDir
from desktop.security import opening
from desktop.storage.database import Database
from desktop.storage.lifecycle import open_database
from desktop.storage.marks import DatabaseKind, database_kind

log = logging.getLogger(__name__)


def open_for_window(data_dir: DataDir, settings, *, demo: bool, headless: bool,
                    **open_options) -> Database | None:
    """The open database, or None when the user quit the sign-in or protection dialog."""
    state = opening.folder_state(data_dir)
    if demo or (state is opening.FolderState.PLAIN
                and database_kind(data_dir.database) is DatabaseKind.DEMO):
        return open_database(data_dir, **open_options)  # the demo: never a password
    if state is opening.FolderState.PROTECTED:
        if headless or opening.password_from_environment() is not None:
            return _signed_in_by_environment(data_dir, **open_options)
        return _sign_in(data_dir, settings, **open_options)
    if headless:
        return open_database(data_dir, **open_options)
    return _protect(data_dir, converting=state is opening.FolderState.PLAIN, **open_options)


def _signed_in_by_environment(data_dir: DataDir, **open_options) -> Database:
    """No one to type (a screenshot, a script): LINLI_PASSWORD and LINLI_OPERATOR say it all."""

    def refuse(_question: str, secret: bool) -> str:
        if secret:
            raise LinliError(_("This copy is encrypted: without a window to sign in, set "
                               "LINLI_PASSWORD (and LINLI_OPERATOR when several operators "
                               "can sign in)."))
        raise LinliError(_("Several operators can sign in here: say which with "
                           "LINLI_OPERATOR."))

    return opening.open_asking(data_dir, refuse, **open_options)


def _sign_in(data_dir: DataDir, settings, **open_options) -> Database | None:
    from desktop.security.operators import reset_with_recovery, sign_in
    from desktop.ui.security.signin import SignInDialog

    dialog = SignInDialog(
        data_dir, opening.slot_operators(data_dir),
        lambda operator, password: sign_in(data_dir, operator, password),
        recover=lambda code, operator, password: reset_with_recovery(
            data_dir, operator, code, password),
        settings=settings)
    if dialog.exec() != SignInDialog.DialogCode.Accepted or dialog.key is None:
        log.info("sign-in cancelled")
        return None
    return opening.open_with_key(data_dir, dialog.operator, dialog.key, **open_options)


def _protect(data_dir: DataDir, *, converting: bool, **open_options) -> Database | None:
    from desktop.setup.recovery_sheet import recovery_sheet_pdf
    from desktop.ui.security.first_operator import ProtectDialog

    opened: list[Database] = []

    def protect(operator: str, password: str) -> str:
        db, code = opening.protect_folder(data_dir, operator, password, **open_options)
        opened.append(db)
        return code

    def sheet(code: str) -> bytes:
        return recovery_sheet_pdf(code, data_dir.root, opened[0] if opened else None)

    dialog = ProtectDialog(protect, render_sheet=sheet, converting=converting)
    accepted = dialog.exec() == ProtectDialog.DialogCode.Accepted
    if not opened:
        log.info("protection cancelled before any key was made")
        return None
    if not accepted:  # the slots exist: the data is protected, the code was shown
        log.info("protection dialog closed after the key slots were written")
    return opened[0]
