"""Notices in the window: one page (templates, editor, preview and print)."""

from __future__ import annotations

from desktop.core.i18n import N_
from desktop.ui.features import FeatureUI, PageDeclaration


def notices_page(ctx, runner):
    from desktop.ui.notices.page import NoticesPage

    return NoticesPage(ctx, runner)


FEATURE = FeatureUI("notices", pages=(PageDeclaration("notices", N_("Notices"), notices_page),))
