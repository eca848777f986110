"""The home visits feature in the window: one page, saying what it will do (not built yet)."""

from __future__ import annotations

from desktop.core.i18n import N_, _
from desktop.ui.features import FeatureUI, PageDeclaration


def visits_page(_ctx, _runner):
    from desktop.ui.widgets.coming_soon import ComingSoonPage

    return ComingSoonPage(
        "visits", _("Home visits"),
        _("Door-to-door visits to households, planned in rounds and recorded on the spot."),
        [
            _("Plan a round of visits over chosen buildings and share it among staff and "
              "volunteers."),
            _("Record each visit: completed, not at home, refused, vacant, or visit again."),
            _("Survey forms with skip logic, and owners' votes counted by floor area and by "
              "head count."),
        ],
    )


FEATURE = FeatureUI("visits", pages=(PageDeclaration("visits", N_("Home visits"), visits_page),))
