"""Fixtures for window tests: a real database with a community, the context, a task runner
whose error messages are collected instead of shown, and the main window."""

from __future__ import annotations

import pytest

from desktop.context import AppContext
from desktop.core.settings import Settings
from desktop.roster.community import SetupAnswers, save_setup


@pytest.fixture
def ctx(data_dir, db):
    return AppContext(data_dir, Settings.load(data_dir.settings_file), db)


@pytest.fixture
def community(ctx):
    answers = SetupAnswers("翠苑一区社区", "翠苑一区社区居民委员会", "社区办公室1", "王小红")
    with ctx.db.unit_of_work("王小红") as uow:
        community_id = save_setup(uow, answers)
    ctx.settings.set("operator", "王小红")
    ctx.settings.save()
    return community_id


class ErrorLog(list):
    """Stands in for the error dialog: (message, details) of every error shown."""

    def __call__(self, _parent, message: str, details: str = "") -> None:
        self.append((message, details))


@pytest.fixture
def shown_errors():
    return ErrorLog()


@pytest.fixture
def runner(qapp, shown_errors):
    from desktop.ui.tasks import TaskRunner

    task_runner = TaskRunner(present_error=shown_errors)
    yield task_runner
    task_runner.shutdown()


@pytest.fixture
def window(qtbot, ctx, community, runner):
    from desktop.ui.shell.main_window import MainWindow

    main = MainWindow(ctx, runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    runner.wait_idle(10)


@pytest.fixture
def notices_page(qtbot, ctx, community, runner):
    """The notices page of an office with a community, shown and loaded."""
    from desktop.ui.notices.page import NoticesPage

    widget = NoticesPage(ctx, runner)
    qtbot.addWidget(widget)
    widget.resize(1180, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activated()
    assert runner.wait_idle(30)
    return widget
