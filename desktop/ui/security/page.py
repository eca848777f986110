"""The Security page: Operators (who can sign in, with which role) and the Audit log (who
opened, exported and printed what). A copy without sign-in (the demo) has neither, and the
page says so instead of showing empty tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.access import Permission
from desktop.core.i18n import _
from desktop.ui.security.operators_tab import OperatorsTab
from desktop.ui.widgets.page import TabbedPage


def audit_tab(ctx, runner) -> QWidget:
    from desktop.ui.security.audit_tab import AuditTab

    return AuditTab(ctx, runner)


class SecurityPage(TabbedPage):
    key = "security"

    def __init__(self, ctx, runner, parent: QWidget | None = None) -> None:
        super().__init__(_("Security"), _(
            "Who can sign in to this copy and with which role, and the audit log of who "
            "opened, exported and printed what."), parent)
        self._ctx, self._runner = ctx, runner
        self.unprotected = QLabel(_(
            "This copy is not protected by sign-in (demo): there are no operators and no "
            "audit log. A real office's data asks for a password at start."))
        self.unprotected.setObjectName("unprotectedNote")
        self.unprotected.setWordWrap(True)
        self.how_to_protect = QLabel(_(
            "An office's own folder is protected when Linli Desk first opens it: the first "
            "operator chooses a password and prints the recovery sheet. From the command line: "
            "linli protect --operator NAME."))
        self.how_to_protect.setWordWrap(True)
        self.body.insertWidget(0, self.unprotected)
        self.body.insertWidget(1, self.how_to_protect)
        if not self.protected:  # the notes at the top, not spread over the empty page
            self.body.insertStretch(2, 1)
        self.operators: OperatorsTab | None = None
        self.audit: QWidget | None = None
        self._build_tabs()

    @property
    def protected(self) -> bool:
        return self._ctx.db.actor.signed_in

    def _build_tabs(self) -> None:
        self.unprotected.setVisible(not self.protected)
        self.how_to_protect.setVisible(not self.protected)
        self.tabs.setVisible(self.protected)
        if not self.protected or self.operators is not None:
            return
        self.operators = OperatorsTab(self._ctx, self._runner, self)
        self.tabs.addTab(self.operators, _("Operators"))
        # The audit log is office staff's to read (a volunteer's entries reach the office in
        # their bundles).
        if self._ctx.db.actor.may(Permission.MANAGE_OPERATORS):
            self.audit = audit_tab(self._ctx, self._runner)
            self.tabs.addTab(self.audit, _("Audit log"))

    def activated(self) -> None:
        self._build_tabs()  # signed in since it was built (another operator after the lock)
        super().activated()
