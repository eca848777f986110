"""A rendered PDF (a walk list, a results report, minutes, a sign-in sheet) previewed, then
printed or saved; and the task that renders one off the UI thread and shows it.

Printing and saving go through ``print_audited`` and ``save_audited`` (the roster's print
dialog uses them too): the operator's role is checked first (a volunteer may not print or save
an unmasked list, ``desktop.security.outputs``), and each printout or saved file leaves one
audit row; a PDF saved is a plaintext file, so the session's first one is followed by the
one-time warning (``warn_plaintext_once``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.core.access import UNSIGNED
from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.security.audit import Action, record
from desktop.security.outputs import check, detail
from desktop.ui.printing.export_file import reported_on, warn_plaintext_once
from desktop.ui.printing.preview import PdfPreview
from desktop.ui.printing.printing import ask_printer, print_pdf, save_pdf
from desktop.ui.tasks import Lane, TaskRunner, inline
from desktop.ui.widgets.labels import message_label


def record_later(runner: TaskRunner, db, action: Action, subject: str = "",
                 **details) -> None:
    """One audit row, written on the database lane (never a unit of work on the UI thread).
    No database (the recovery sheet, printed before one is open): nothing to record in."""
    if db is None:
        return
    runner.run(inline(lambda _task_ctx: record(db, action, subject, **details)),
               lane=Lane.DATABASE, progress=False)


def _record_later(runner: TaskRunner, db, action: Action, path: Path | None,
                  masked: bool) -> None:
    record_later(runner, db, action, path.name if path else "", **detail(path, masked=masked))


def print_audited(db, runner: TaskRunner, pdf: bytes, parent: QWidget | None, *,
                  masked: bool = True, choose=ask_printer,
                  on_printed: Callable[[int], object] | None = None,
                  on_failed: Callable[[str], object] | None = None,
                  on_cancelled: Callable[[], object] | None = None) -> bool:
    """``print_pdf`` for ``db``'s operator: refused (NotPermitted) before the print dialog
    when the role may not print it; one audit row once it printed."""
    check(getattr(db, "actor", UNSIGNED), masked=masked)

    def printed(pages: int) -> None:
        _record_later(runner, db, Action.PRINT, None, masked)
        if on_printed is not None:
            on_printed(pages)

    return print_pdf(pdf, parent, runner, choose=choose, on_printed=printed,
                     on_failed=on_failed, on_cancelled=on_cancelled)


def save_audited(db, runner: TaskRunner, pdf: bytes, parent: QWidget | None, *,
                 masked: bool = True, suggested_name: str = "",
                 ask_path=None) -> Path | None:
    """``save_pdf`` for ``db``'s operator: refused before the file chooser when the role may
    not save it; one audit row and the plaintext warning once saved."""
    check(getattr(db, "actor", UNSIGNED), masked=masked)
    path = save_pdf(pdf, parent, suggested_name=suggested_name, ask_path=ask_path)
    if path is not None:
        _record_later(runner, db, Action.PRINT, path, masked)
        # Over the page behind a preview dialog: the warning outlives the preview.
        behind = parent.parentWidget() if isinstance(parent, QDialog) else None
        warn_plaintext_once(behind or parent, db)
    return path


class PdfDialog(QDialog):
    def __init__(self, pdf: bytes, title: str, runner: TaskRunner,
                 parent: QWidget | None = None, *, db=None, masked: bool = True) -> None:
        super().__init__(parent)
        self.pdf, self._runner, self.title = pdf, runner, title
        self._db, self.masked = db, masked
        self.choose_printer = ask_printer  # tests print to a file without the dialog
        self.ask_pdf_path = None
        self.saved_path = None
        self.setWindowTitle(title)
        self.preview = PdfPreview()
        self.preview.set_pdf(pdf)
        self.message = message_label()
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setDefault(True)
        self.save_button = QPushButton(_("Save as PDF…"))
        close = QPushButton(_("Close"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.print_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(bottom)
        self.print_button.clicked.connect(self.print_)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        self.resize(760, 480)

    def print_(self) -> None:
        try:
            print_audited(self._db, self._runner, self.pdf, self, masked=self.masked,
                          choose=self.choose_printer, on_failed=self.message.setText)
        except LinliError as exc:
            self.message.setText(exc.message)

    def save(self) -> None:
        try:
            self.saved_path = save_audited(self._db, self._runner, self.pdf, self,
                                           masked=self.masked, suggested_name=self.title,
                                           ask_path=self.ask_pdf_path)
        except LinliError as exc:
            self.message.setText(exc.message)


def make_pdf(tab, render, title: str, working: str, *, masked: bool = True):
    """Render a PDF on the files lane — ``render(session, task_ctx) -> bytes`` in a read
    session of its own — and preview it in a ``PdfDialog`` titled ``title``. ``tab`` is the
    page part asking (its ``_ctx``, ``_runner``, ``message`` and ``_open(dialog)``); what was
    made (the bytes, or the failure) is left in ``tab.made``. ``masked`` False: names and
    numbers in full, which a volunteer is refused before anything is read (said in
    ``tab.message``; None returned)."""
    db = tab._ctx.db
    try:
        check(db.actor, masked=masked)
    except LinliError as exc:
        tab.message.setText(exc.message)
        return None

    def work(task_ctx) -> bytes:
        with db.reading() as session:
            return render(session, task_ctx)

    return tab._runner.run(inline(work), title=working, lane=Lane.FILES, parent=tab,
                           on_result=reported_on(tab, "made", lambda pdf: tab._open(
                               PdfDialog(pdf, title, tab._runner, tab, db=db,
                                         masked=masked))))
