"""The meetings feature in the window: one page, saying what it will do (not built yet)."""

from __future__ import annotations

from desktop.core.i18n import N_, _
from desktop.ui.features import FeatureUI, PageDeclaration


def meetings_page(_ctx, _runner):
    from desktop.ui.widgets.coming_soon import ComingSoonPage

    return ComingSoonPage(
        "meetings", _("Meeting minutes"),
        _("Joint meetings with the owners' committee and the property company, and residents' "
          "consultation meetings."),
        [
            _("Agenda, attendance and decisions with their votes; printed sign-in sheets and "
              "minutes."),
            _("The three lists — problem, who is responsible, remedy, deadline — followed from "
              "meeting to meeting until each item is closed."),
            _("Overdue items stand out, and open ones carry over to the next meeting."),
        ],
    )


FEATURE = FeatureUI("meetings",
                     pages=(PageDeclaration("meetings", N_("Meetings"), meetings_page),))
