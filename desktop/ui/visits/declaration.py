"""The home visits feature in the window: its page (survey forms today) and its commands."""

from __future__ import annotations

from desktop.core.i18n import N_
from desktop.ui.features import ADD, FILE, Command, FeatureUI, PageDeclaration


def visits_page(ctx, runner):
    from desktop.ui.visits.page import VisitsPage

    return VisitsPage(ctx, runner)


FEATURE = FeatureUI(
    "visits",
    pages=(PageDeclaration("visits", N_("Home visits"), visits_page),),
    commands=(
        Command("import_form", N_("Import survey &form (XLSForm)…"), FILE, "visits",
                lambda page: page.forms.import_xlsform(), group="forms"),
        Command("new_form", N_("New survey &form…"), ADD, "visits",
                lambda page: page.open_builder(), group="forms"),
    ),
)
