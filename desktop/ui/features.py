"""What a feature tells the window about itself: its pages with their navigation entries, and
its commands in the File and Add menus with their shortcuts.

The shell builds the navigation, the page stack and the menus by reading these declarations
(``declared_features()``, in navigation order) and never names a feature's page or command: a
new feature is a folder with a ``declaration.py`` named in ``desktop.core.features.FEATURES``.
A command runs on a page of its feature: the window shows that page first, then calls
``run(page, *args)``.

Texts are marked with ``N_`` where declared and translated when the window shows them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.core.features import FEATURES
from desktop.core.i18n import _

if TYPE_CHECKING:
    from PySide6.QtGui import QKeySequence

    from desktop.context import AppContext
    from desktop.ui.shell.status_info import StatusInfo
    from desktop.ui.tasks import TaskRunner
    from desktop.ui.widgets.page import Page

# The menus a feature's commands go into.
FILE = "file"
ADD = "add"


@dataclass(frozen=True)
class PageDeclaration:
    key: str  # the page's key: --page, the View menu's Ctrl+number and MainWindow.page(key)
    label: str  # the navigation entry, marked with N_
    # Builds the page when first shown (import the page's module inside: a fast start).
    build: Callable[[AppContext, TaskRunner], Page]
    # Told what the status bar shows (the community's name…), when built and on each change.
    on_status: Callable[[Page, StatusInfo], None] | None = None
    # Called after Settings were saved, from the dialog or the Settings page.
    on_settings_saved: Callable[[Page], None] | None = None
    # The page's own "Settings were saved (restart needed: bool)" signal, if it edits them.
    settings_saved_signal: Callable[[Page], Any] | None = None
    # Edit ▸ Find on a page without a search box goes to the first page declaring this.
    default_find: bool = False
    # The status bar's "set your name" link: this page is shown, then asked to take the name.
    asks_operator: Callable[[Page], None] | None = None

    @property
    def nav_label(self) -> str:
        return _(self.label)


@dataclass(frozen=True)
class Command:
    name: str  # the action's name: MainWindow.actions_.<name>, MainWindow.run_command(name)
    text: str  # the menu entry, marked with N_ ("&" before the access key)
    menu: str  # FILE or ADD
    page: str  # the page it runs on, shown first
    run: Callable[..., Any]  # run(page, *args): opens the page's dialog, its form…
    # Commands of one group sit together; a separator parts groups (and features).
    group: str = ""
    keys: tuple[str, ...] = ()  # shortcuts ("Ctrl+I"), or the fallback of ``standard``
    standard: QKeySequence.StandardKey | None = None  # the platform's key, where it has one

    @property
    def menu_text(self) -> str:
        return _(self.text)


@dataclass(frozen=True)
class FeatureUI:
    key: str
    pages: tuple[PageDeclaration, ...] = ()
    commands: tuple[Command, ...] = ()


def declared_features() -> tuple[FeatureUI, ...]:
    """Every feature's declaration, in navigation order: the order of the app's one list of
    features (``desktop.core.features.FEATURES``; a test checks ``desktop.pages.PAGES``
    agrees). Declarations import no page: pages load when first shown."""
    return tuple(importlib.import_module(feature.ui).FEATURE
                 for feature in FEATURES if feature.ui is not None)


def declared_pages(features: tuple[FeatureUI, ...]) -> tuple[PageDeclaration, ...]:
    pages = tuple(page for feature in features for page in feature.pages)
    _check_unique("page", [page.key for page in pages])
    return pages


def declared_commands(features: tuple[FeatureUI, ...]) -> tuple[tuple[str, Command], ...]:
    """(feature key, command) for every command, in declaration order."""
    commands = tuple((feature.key, command) for feature in features
                     for command in feature.commands)
    _check_unique("command", [command.name for _key, command in commands])
    keys = {page.key for page in declared_pages(features)}
    strays = sorted(command.name for _key, command in commands if command.page not in keys)
    if strays:
        raise ValueError(f"commands on a page nobody declares: {', '.join(strays)}")
    return commands


def _check_unique(what: str, names: list[str]) -> None:
    # A programming error in a declaration: fail at once, not with one page hiding another.
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ValueError(f"{what} declared twice: {', '.join(twice)}")
