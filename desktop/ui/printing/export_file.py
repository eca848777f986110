"""A file a page exports (a workbook of results, the three lists, visits, cost shares): where
to write it, then writing it on the files lane in a read session of its own and saying
"Wrote …" in the status bar, or the problem beside the page's buttons. One place, so every
page words it the same and none writes on the UI thread.

Every export is a spreadsheet of people: a volunteer is refused before anything is read
(``desktop.security.outputs``), and a file written leaves one audit row. The first plaintext
file of a session (a workbook, a CSV, a PDF saved) is followed by a one-time warning that it is
not encrypted (``warn_plaintext_once``, also used by the PDF dialogs)."""

from __future__ import annotations

import weakref
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from shiboken6 import isValid

from desktop.core.files import with_suffix_added
from desktop.core.i18n import _
from desktop.security.audit import Action
from desktop.security.outputs import file_out
from desktop.ui.tasks import Failed, Lane, inline
from desktop.ui.widgets.status import tell

# The databases whose session has been warned already (one window, one database; a test's
# new database is warned anew, and a closed one is forgotten).
_warned: weakref.WeakSet = weakref.WeakSet()


class _NoDatabase:
    """Stands for "no database open" (the recovery sheet saved before one is)."""


_NO_DATABASE = _NoDatabase()
_open_boxes: list[QMessageBox] = []


def plaintext_warning() -> str:
    return _("This file is not encrypted: anyone who opens it can read it. Keep it safe, and "
             "delete it when you no longer need it.")


class _ClosesWith(QObject):
    """Closes ``box`` when the window it watches is hidden or closed."""

    def __init__(self, box: QMessageBox) -> None:
        super().__init__(box)
        self._box = box

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Hide, QEvent.Type.Close) and isValid(self._box):
            self._box.close()
        return False


def warn_plaintext_once(parent: QWidget | None, db) -> QMessageBox | None:
    """After the session's first plaintext file (xlsx, CSV, PDF): a warning, shown once. Not
    modal: the file is already written, and the work may go on."""
    key = db if db is not None else _NO_DATABASE
    if key in _warned:
        return None
    _warned.add(key)
    box = QMessageBox(QMessageBox.Icon.Warning, _("Linli Desk"), plaintext_warning(),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("plaintextWarning")
    if parent is not None:
        # Gone with the window it was shown over (a page closed, the window closed).
        parent.window().installEventFilter(_ClosesWith(box))
    box.setWindowModality(Qt.WindowModality.NonModal)
    # Shown beside the work, not in its way: the keyboard stays where the user was.
    box.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_boxes.append(box)
    box.finished.connect(lambda _result: _open_boxes.remove(box) if box in _open_boxes
                         else None)
    box.show()
    return box


def rows_of(result) -> int | None:
    """The rows a feature's export reports it wrote (``rows``, ``visits`` or ``items``)."""
    for name in ("rows", "visits", "items"):
        value = getattr(result, name, None)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


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


def write_file(tab, work, target: Path, title: str, *, masked: bool = False):
    """``work(session, target, task_ctx)`` on the files lane; "Wrote …" or the problem.
    ``tab`` is the page part asking (its ``_ctx``, ``_runner`` and ``message``); what came
    back (the work's result, or the failure) is left in ``tab.exported``. ``masked``: whether
    names and numbers in the file are masked (recorded in the audit log); the office's
    workbooks (results, cost shares, the three lists) are not."""
    db = tab._ctx.db

    def job(task_ctx):
        try:
            with file_out(db, Action.EXPORT, target, spreadsheet=True, masked=masked) as out:
                with db.reading() as session:
                    result = work(session, target, task_ctx)
                out.rows = rows_of(result)
            return result
        except OSError as exc:
            return Failed(_("Cannot write {path}: {reason}").format(
                path=target, reason=exc.strerror or exc))

    def written(_result) -> None:
        tell(tab, _("Wrote {path}.").format(path=target))
        warn_plaintext_once(tab, db)

    return tab._runner.run(inline(job), title=title, lane=Lane.FILES, parent=tab,
                           on_result=reported_on(tab, "exported", written))


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
