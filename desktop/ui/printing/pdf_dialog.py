"""A rendered PDF (a walk list, a results report, minutes, a sign-in sheet) previewed, then
printed or saved; and the task that renders one off the UI thread and shows it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.ui.printing.export_file import reported_on
from desktop.ui.printing.preview import PdfPreview
from desktop.ui.printing.printing import ask_printer, print_pdf, save_pdf
from desktop.ui.tasks import Lane, TaskRunner, inline
from desktop.ui.widgets.labels import message_label


class PdfDialog(QDialog):
    def __init__(self, pdf: bytes, title: str, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf, self._runner, self.title = pdf, runner, title
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
            print_pdf(self.pdf, self, self._runner, choose=self.choose_printer,
                      on_failed=self.message.setText)
        except LinliError as exc:
            self.message.setText(exc.message)

    def save(self) -> None:
        try:
            self.saved_path = save_pdf(self.pdf, self, suggested_name=self.title,
                                       ask_path=self.ask_pdf_path)
        except LinliError as exc:
            self.message.setText(exc.message)


def make_pdf(tab, render, title: str, working: str):
    """Render a PDF on the files lane — ``render(session, task_ctx) -> bytes`` in a read
    session of its own — and preview it in a ``PdfDialog`` titled ``title``. ``tab`` is the
    page part asking (its ``_ctx``, ``_runner``, ``message`` and ``_open(dialog)``); what was
    made (the bytes, or the failure) is left in ``tab.made``."""
    db = tab._ctx.db

    def work(task_ctx) -> bytes:
        with db.reading() as session:
            return render(session, task_ctx)

    return tab._runner.run(inline(work), title=working, lane=Lane.FILES, parent=tab,
                           on_result=reported_on(tab, "made", lambda pdf: tab._open(
                               PdfDialog(pdf, title, tab._runner, tab))))
