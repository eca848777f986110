"""The pages of the main window, in navigation order; keys are those of ``desktop.cli.PAGES``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.context import AppContext
from desktop.core.i18n import N_, _
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.page import Page


@dataclass(frozen=True)
class PageSpec:
    key: str
    label: str  # the navigation label, marked with N_ and translated when shown
    build: Callable[[AppContext, TaskRunner], Page]

    @property
    def nav_label(self) -> str:
        return _(self.label)


def _roster(ctx: AppContext, runner: TaskRunner) -> Page:
    from desktop.ui.roster.page import RosterPage

    return RosterPage(ctx, runner)


def _coming_soon(name: str) -> Callable[[AppContext, TaskRunner], Page]:
    def build(_ctx: AppContext, _runner: TaskRunner) -> Page:
        from desktop.ui.shell import coming_soon

        return getattr(coming_soon, f"{name}_page")()

    return build


def _notices(ctx: AppContext, runner: TaskRunner) -> Page:
    from desktop.ui.notices.page import NoticesPage

    return NoticesPage(ctx, runner)


def _sync(ctx: AppContext, runner: TaskRunner) -> Page:
    from desktop.ui.sync.page import SyncPage

    return SyncPage(ctx, runner)


def _settings(ctx: AppContext, _runner: TaskRunner) -> Page:
    from desktop.ui.settings.page import SettingsPage

    return SettingsPage(ctx)


PAGE_SPECS: tuple[PageSpec, ...] = (
    PageSpec("roster", N_("Roster"), _roster),
    PageSpec("visits", N_("Home visits"), _coming_soon("visits")),
    PageSpec("meetings", N_("Meetings"), _coming_soon("meetings")),
    PageSpec("notices", N_("Notices"), _notices),
    PageSpec("sync", N_("Data sync"), _sync),
    PageSpec("settings", N_("Settings"), _settings),
)
PAGE_KEYS: tuple[str, ...] = tuple(spec.key for spec in PAGE_SPECS)
