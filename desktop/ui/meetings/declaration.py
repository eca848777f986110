"""The meetings feature in the window: its page (meetings and the three lists)."""

from __future__ import annotations

from desktop.core.i18n import N_
from desktop.ui.features import FeatureUI, PageDeclaration


def meetings_page(ctx, runner):
    from desktop.ui.meetings.page import MeetingsPage

    return MeetingsPage(ctx, runner)


FEATURE = FeatureUI("meetings",
                     pages=(PageDeclaration("meetings", N_("Meetings"), meetings_page),))
