"""The roster in the window: its page, its File commands (import, export, print, import
history) and its Add commands (people and places), each running on the roster page."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from desktop.core.i18n import N_
from desktop.ui.features import ADD, FILE, Command, FeatureUI, PageDeclaration


def roster_page(ctx, runner):
    from desktop.ui.roster.page import RosterPage

    return RosterPage(ctx, runner)


def _add(name: str):
    """An Add command: the roster's form for ``name``, for the place chosen on the page."""
    return lambda page: getattr(page.editing, name)()


FEATURE = FeatureUI(
    "roster",
    pages=(PageDeclaration(
        "roster", N_("Roster"), roster_page,
        on_status=lambda page, info: page.set_community_name(info.community_name),
        on_settings_saved=lambda page: page.apply_screen_mask(),  # masking may have changed
        default_find=True,  # Find from any page: search the roster
    ),),
    commands=(
        Command("import_roster", N_("&Import roster…"), FILE, "roster",
                lambda page: page.open_import(), keys=("Ctrl+I",)),
        Command("export_roster", N_("&Export roster…"), FILE, "roster",
                lambda page: page.open_export(), keys=("Ctrl+E",)),
        Command("print_roster", N_("&Print roster…"), FILE, "roster",
                lambda page: page.open_print(), keys=("Ctrl+P",),
                standard=QKeySequence.StandardKey.Print),
        Command("import_history", N_("Import &history…"), FILE, "roster",
                lambda page: page.open_import_history()),
        Command("new_resident", N_("New &resident…"), ADD, "roster", _add("new_resident"),
                group="people", keys=("Ctrl+N",)),
        Command("new_household", N_("New &household…"), ADD, "roster", _add("new_household"),
                group="people", keys=("Ctrl+Shift+N",)),
        Command("new_compound", N_("New &compound…"), ADD, "roster", _add("new_compound"),
                group="places"),
        Command("new_building", N_("New &building…"), ADD, "roster", _add("new_building"),
                group="places"),
        Command("create_dwellings", N_("Create &dwellings…"), ADD, "roster",
                _add("create_dwellings"), group="places"),
    ),
)
