"""Settings in the window: the page (File ▸ Settings… opens the same form as a dialog, from
the shell)."""

from __future__ import annotations

from desktop.core.i18n import N_
from desktop.ui.shell.features import FeatureUI, PageDeclaration


def settings_page(ctx, _runner):
    from desktop.ui.settings.page import SettingsPage

    return SettingsPage(ctx)


SETTINGS = FeatureUI("settings", pages=(PageDeclaration(
    "settings", N_("Settings"), settings_page,
    settings_saved_signal=lambda page: page.form.saved,
),))
