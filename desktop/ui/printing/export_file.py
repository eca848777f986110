"""A file a page exports (a workbook of results, the three lists, visits, cost shares): where
to write it, then writing it on the files lane in a read session of its own and saying
"Wrote …" in the status bar, or the problem beside the page's buttons. One place, so every
page words it the same and none writes on the UI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.files import with_suffix_added
from desktop.core.i18n import _
from desktop.ui.tasks import Failed, Lane, inline
from desktop.ui.widgets.status import tell


def workbook_target(parent: QWidget, path: str | Path | None, title: str,
                    suggested: str) -> Path | None:
    """``path`` with ".xlsx" added if it lacks it; without one, the one the user picks
    (None if they cancel)."""
    if not path:
        path, _filter = QFileDialog.getSaveFileName(parent, title, suggested,
                                                    _("Excel workbook (*.xlsx)"))
        if not path:
            return None
    return with_suffix_added(path, ".xlsx")


def write_file(tab, work, target: Path, title: str):
    """``work(session, target, task_ctx)`` on the files lane; "Wrote …" or the problem.
    ``tab`` is the page part asking (its ``_ctx``, ``_runner`` and ``message``); what came
    back (the work's result, or the failure) is left in ``tab.exported``."""
    db = tab._ctx.db

    def job(task_ctx):
        try:
            with db.reading() as session:
                return work(session, target, task_ctx)
        except OSError as exc:
            return Failed(_("Cannot write {path}: {reason}").format(
                path=target, reason=exc.strerror or exc))

    return tab._runner.run(inline(job), title=title, lane=Lane.FILES, parent=tab,
                           on_result=reported_on(tab, "exported", lambda _result: tell(
                               tab, _("Wrote {path}.").format(path=target))))


def reported_on(tab, attr: str, then):
    """The ``on_result`` of a page part's files-lane task: the result (or the failure) left in
    ``tab.<attr>`` for tests; a failure said in ``tab.message``, else the message cleared and
    ``then(result)``."""
    def done(result) -> None:
        setattr(tab, attr, result)
        if isinstance(result, Failed):
            tab.message.setText(result.message)
            return
        tab.message.clear()
        then(result)

    return done
