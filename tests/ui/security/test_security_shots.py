"""Pictures of signing in, the idle lock, protecting a copy and the Security page at the
smallest window users have (910×512: a 1366×768 laptop at 150 %), in 简体, 繁體 and English,
saved to look at (LINLI_SECURITY_SHOTS, default /tmp/shots20), with the layout check: nothing
cut, nothing off the edge, and no dialog larger than the screen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.core import i18n
from desktop.core.access import Actor, Role
from desktop.security import keyslots
from desktop.security.operators import add_operator
from desktop.security.throttle import TooManyAttempts
from desktop.storage.engine import make_engine
from desktop.ui.security.first_operator import ProtectDialog
from desktop.ui.security.idle import IdleLock
from desktop.ui.security.signin import SignInDialog
from tests.ui.layout_check import layout_problems
from tests.ui.security.fakes import PASSWORD, FakeKeys
from tests.ui.test_layout_small_screen import app_fonts  # noqa: F401 - a fixture

SHOTS = Path(os.environ.get("LINLI_SECURITY_SHOTS", "/tmp/shots20"))
SIZE = (910, 512)
LANGUAGES = ("zh_Hans", "zh_Hant", "en")
CODE = "7K3M9QXR2D5WHT8N4BZC6VJP"


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def shoot(widget, name: str, language: str, found: list, fit: bool = True) -> None:
    widget.show()
    _settle()
    if fit:
        widget.adjustSize()
        _settle()
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}_{language}.png"))
    if widget.width() > SIZE[0] or widget.height() > SIZE[1]:
        found.append(f"{name}: {widget.width()}×{widget.height()} is larger than the screen")
    found += [f"{name}: {problem}" for problem in layout_problems(widget)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_security_dialogs_and_page_fit_910_by_512(qtbot, ctx, community, runner, data_dir,
                                                  app_fonts, language):  # noqa: F811
    from desktop.ui.shell.main_window import MainWindow

    i18n.set_language(language)
    app_fonts(language)
    found: list[str] = []
    keys = FakeKeys()
    names = ["王小红", "李娜", "Zhang Wei"]

    signin = SignInDialog(data_dir, names, keys.unlock, recover=keys.recover)
    qtbot.addWidget(signin)
    shoot(signin, "signin", language, found)
    keys.refuse_with = TooManyAttempts(840)
    signin.password.setText("guess")
    signin.sign_in()
    shoot(signin, "signin_throttled", language, found)
    recovery = signin.open_recovery()
    shoot(recovery, "signin_recovery", language, found)
    recovery.reject()
    signin._countdown.stop()

    protect = ProtectDialog(lambda _o, _p: CODE, render_sheet=lambda _c: b"",
                            converting=True)
    qtbot.addWidget(protect)
    shoot(protect, "protect_password", language, found)
    protect.name.setText("王小红")
    protect.passwords.first.setText(PASSWORD)
    protect.passwords.again.setText(PASSWORD)
    protect.next_()
    shoot(protect, "protect_code", language, found)
    protect.written.setChecked(True)
    protect.finish()

    # The window of a protected copy, office staff signed in, on the Security page.
    key, _code = keyslots.create_slots(data_dir.keys_file, "王小红", PASSWORD)
    ctx.db.key = key
    me = Actor("王小红", Role.OFFICE, signed_in=True)
    with ctx.db.unit_of_work("王小红") as uow:
        uow.session.info["actor"] = me
        add_operator(uow, data_dir.keys_file, key, me, "王小红", Role.OFFICE, PASSWORD)
        add_operator(uow, data_dir.keys_file, key, me, "李娜", Role.VOLUNTEER, "lina's pass")
    ctx.db.actor = me
    window = MainWindow(ctx, runner)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("security")
    assert runner.wait_idle(10)
    _settle()
    shoot(window, "page_operators", language, found, fit=False)
    page.tabs.setCurrentIndex(1)
    assert runner.wait_idle(10)
    shoot(window, "page_audit", language, found, fit=False)
    page.tabs.setCurrentIndex(0)
    add = page.operators.add()
    shoot(add, "operator_add", language, found)
    add.reject()
    own = page.operators.change_own()
    shoot(own, "operator_own", language, found)
    own.reject()

    lock = IdleLock(window, runner, minutes=10, on_lock=ctx.db.lock,
                    on_unlock=lambda k: ctx.db.unlock(make_engine(ctx.db.path), k),
                    sign_in=lambda parent: SignInDialog(
                        data_dir, ["王小红", "李娜"], FakeKeys().unlock, parent,
                        locking=True, operator="王小红"))
    lock.lock_now()
    _settle()
    window.grab().save(str(SHOTS / f"locked_window_{language}.png"))
    shoot(lock.dialog, "locked_dialog", language, found)
    lock.dialog.password.setText(PASSWORD)
    lock.dialog.sign_in()
    assert not lock.is_locked
    window.hide()
    runner.wait_idle(10)
    assert not found, "\n".join(found)
