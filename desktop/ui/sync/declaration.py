"""Data sync in the window: its page, and File ▸ Export bundle… / Import bundle…, which open
the page's Export and Import tabs."""

from __future__ import annotations

from desktop.core.i18n import N_
from desktop.ui.features import FILE, Command, FeatureUI, PageDeclaration


def sync_page(ctx, runner):
    from desktop.ui.sync.page import SyncPage

    return SyncPage(ctx, runner)


def import_bundle(page, path=None):
    """The Import tab, reading ``path``, or asking for the file."""
    panel = page.show_tab("import")
    if path is not None:
        panel.open_file(path)
    else:
        panel.choose_file()
    return panel


FEATURE = FeatureUI(
    "sync",
    pages=(PageDeclaration("sync", N_("Data sync"), sync_page),),
    commands=(
        Command("export_bundle", N_("Export &bundle…"), FILE, "sync",
                lambda page: page.show_tab("export")),
        Command("import_bundle", N_("Import b&undle…"), FILE, "sync", import_bundle),
    ),
)
