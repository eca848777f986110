"""The owners' votes feature in the window: its page (the votes and the owner register)."""

from __future__ import annotations

from desktop.core.i18n import N_
from desktop.ui.features import FeatureUI, PageDeclaration


def votes_page(ctx, runner):
    from desktop.ui.votes.page import VotesPage

    return VotesPage(ctx, runner)


FEATURE = FeatureUI("votes",
                    pages=(PageDeclaration("votes", N_("Owners' votes"), votes_page),))
