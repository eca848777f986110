"""The first-run setup dialog, with a message under each field that needs attention."""

from __future__ import annotations

import logging
import platform
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.errors import LinliError, ValidationError
from desktop.core.i18n import _
from desktop.roster.community import SetupAnswers
from desktop.setup.service import (
    SetupDone,
    SetupProblems,
    check_bundle_answers,
    set_up_community,
    set_up_from_bundle,
)
from desktop.ui.errors import show_error, show_warning

log = logging.getLogger(__name__)

FIELDS = ("community_name", "issuing_body", "device_name", "operator")


class SetupDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupDialog")
        self.setWindowTitle(_("Welcome to Linli Desk"))
        self.setMinimumWidth(560)
        self._ctx = ctx
        self.community_id: str | None = None
        self._wrong_passphrase = False

        intro = QLabel(_(
            "Before you start, tell Linli Desk which community this office serves and who is "
            "working on this computer. You can change these later."
        ))
        intro.setWordWrap(True)
        heading = QLabel(_("Set up your community"))
        heading.setObjectName("dialogTitle")

        self.edits: dict[str, QLineEdit] = {}
        self.problems: dict[str, QLabel] = {}
        # A grid rather than a form layout: each label lines up with its field, and the
        # message appears right under the field it concerns.
        form = QGridLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(4)
        form.setColumnStretch(1, 1)
        labels = {
            "community_name": _("&Community:"),
            "issuing_body": _("&Issuing body:"),
            "device_name": _("Computer &name:"),
            "operator": _("&Your name:"),
        }
        hints = {
            "community_name": _("e.g. 翠苑一区社区"),
            "issuing_body": _("e.g. 翠苑一区社区居民委员会 — printed at the foot of notices"),
            "device_name": _("e.g. 社区办公室1"),
            "operator": _("e.g. 王小红"),
        }
        defaults = {
            "device_name": ctx.db.identity.name or platform.node(),
            # Signed in (the folder was just protected), the name is the operator's own.
            "operator": ctx.db.actor.name if ctx.db.actor.signed_in
            else ctx.settings.get("operator"),
        }
        for row, name in enumerate(FIELDS):
            edit = QLineEdit(defaults.get(name, ""))
            edit.setObjectName(name)
            edit.setMaxLength(100)
            edit.setPlaceholderText(hints[name])
            edit.textEdited.connect(lambda _text, n=name: self._clear_problem(n))
            problem = QLabel()
            problem.setObjectName("fieldProblem")
            problem.setWordWrap(True)
            problem.setVisible(False)
            label = QLabel(labels[name])
            label.setBuddy(edit)
            form.addWidget(label, 2 * row, 0)
            form.addWidget(edit, 2 * row, 1)
            form.addWidget(problem, 2 * row + 1, 1)
            form.setRowMinimumHeight(2 * row + 1, 6)
            self.edits[name], self.problems[name] = edit, problem
        self.edits["operator"].setReadOnly(ctx.db.actor.signed_in)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Start"))
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Quit"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # A volunteer's laptop starts from the office's data rather than a community of its own.
        self.bundle_button = self.buttons.addButton(
            _("Start from the office's &bundle…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.bundle_button.setToolTip(_(
            "On a laptop that helps the office: fill in this computer's name and your name, then "
            "choose the bundle file the office gave you. The community comes from it."))
        self.bundle_button.clicked.connect(self.choose_bundle)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        # Tab order follows the form top to bottom, then Start, then Quit.
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        order = [self.edits[n] for n in FIELDS] + [self.ok_button, cancel]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        self.edits["community_name"].setFocus(Qt.FocusReason.OtherFocusReason)

    def answers(self) -> SetupAnswers:
        return SetupAnswers(**{name: self.edits[name].text() for name in FIELDS})

    def show_problems(self, problems: dict[str, str]) -> None:
        for name in FIELDS:
            message = problems.get(name, "")
            self.problems[name].setText(message)
            self.problems[name].setVisible(bool(message))
        for name in FIELDS:
            if name in problems:
                self.edits[name].setFocus(Qt.FocusReason.OtherFocusReason)
                self.edits[name].selectAll()
                break

    def _clear_problem(self, name: str) -> None:
        self.problems[name].setVisible(False)

    def accept(self) -> None:
        done = self._attempt(lambda: set_up_community(self._ctx.db, self._ctx.settings,
                                                      self.answers()))
        if done is not None:
            self._finish(done)

    def _attempt(self, work):
        """Run a setup step; a problem goes under its field, anything else in an error box."""
        try:
            return work()
        except SetupProblems as exc:
            self.show_problems(exc.problems)
        except ValidationError as exc:
            self.show_problems({exc.field or "community_name": exc.message})
        except LinliError as exc:
            show_error(self, exc.message, exc.details)
        return None

    def _finish(self, done: SetupDone) -> None:
        self.community_id = done.community.id
        if done.settings_problem is not None:
            # The community is saved; only the remembered name is lost. Say so, carry on.
            show_error(self, done.settings_problem.message, done.settings_problem.details)
        log.info("first-run setup saved")
        super().accept()

    # -- starting from the office's bundle ------------------------------------------------------

    def choose_bundle(self) -> None:
        """The names first (a refusal after the file, passphrase and trust questions would send
        the volunteer through all three again), then the file, the passphrase and the trust;
        a mistyped passphrase asks for the passphrase again, not for the file."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from desktop.sync.bundle.container import SUFFIX
        from desktop.sync.transfer import inspect_bundle

        if not self._attempt(lambda: check_bundle_answers(self._ctx.db, self.answers()) or True):
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, _("The office's bundle"), "", _("Bundles (*{suffix})").format(suffix=SUFFIX))
        if not path:
            return
        header = self._attempt(lambda: inspect_bundle(Path(path)))
        if header is None:
            return
        passphrase = self._ask_passphrase(_("The passphrase the office told you:"))
        if passphrase is None:
            return
        answer = QMessageBox.question(self, _("Trust this device?"), _(
            "The bundle was made by {sender}, fingerprint {fingerprint}. Trust it if the office "
            "shows the same fingerprint.").format(sender=header.sender_name,
                                                   fingerprint=header.signer_fingerprint))
        if answer != QMessageBox.StandardButton.Yes:
            self.say_not_trusted()
            return
        while not self.start_from_bundle(Path(path), passphrase, retry=True):
            if not self._wrong_passphrase:
                return
            passphrase = self._ask_passphrase(_("That passphrase is not correct. The passphrase "
                                                "the office told you:"))
            if passphrase is None:
                return

    def _ask_passphrase(self, label: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        passphrase, ok = QInputDialog.getText(self, _("Passphrase"), label,
                                              QLineEdit.EchoMode.Password)
        return passphrase if ok else None

    def say_not_trusted(self) -> None:
        show_warning(self, _(
            "Nothing was imported: the bundle is only used once you trust the device that made "
            "it. Compare the fingerprint with the one the office's screen shows (Data sync ▸ "
            "Devices), then choose the bundle again, or ask the office for a new bundle."))

    def start_from_bundle(self, path: Path, passphrase: str, retry: bool = False) -> bool:
        """Name this device, import the office's bundle (its signer trusted), and finish.
        With ``retry`` a wrong passphrase is not shown: the caller asks for it again."""
        from desktop.sync.bundle.errors import WrongPassphrase

        self._wrong_passphrase = False
        try:
            done = set_up_from_bundle(self._ctx.db, self._ctx.settings, self.answers(), path,
                                      passphrase)
        except WrongPassphrase as exc:
            self._wrong_passphrase = True
            if not retry:
                show_error(self, exc.message, exc.details)
            return False
        except SetupProblems as exc:
            self.show_problems(exc.problems)
            return False
        except LinliError as exc:
            show_error(self, exc.message, exc.details)
            return False
        self._finish(done)
        return True
