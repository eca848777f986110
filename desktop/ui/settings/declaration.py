"""Settings in the window: the page (File ▸ Settings… opens the same form as a dialog, from
the shell)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.i18n import N_
from desktop.ui.features import FeatureUI, PageDeclaration


def settings_page(ctx, _runner):
    from desktop.ui.settings.page import SettingsPage

    return SettingsPage(ctx)


def focus_operator(page) -> None:
    """The cursor in the operator's name, its text selected: type to replace it."""
    page.form.operator.setFocus(Qt.FocusReason.OtherFocusReason)
    page.form.operator.selectAll()


FEATURE = FeatureUI("settings", pages=(PageDeclaration(
    "settings", N_("Settings"), settings_page,
    settings_saved_signal=lambda page: page.form.saved,
    asks_operator=focus_operator,
),))
