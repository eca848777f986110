"""Printing a PDF through the system print dialog, and saving it as a file.

QtPdf renders each page to an image; the image is painted onto a page filled white first
(``QPdfDocument.render`` returns a transparent background, which some drivers print as black).
Pages are rendered at the printer's resolution, capped at ``MAX_DPI`` so an A3 page at a
1200 dpi "high resolution" printer does not need a quarter of a gigabyte.

The dialog is kept apart from the painting: ``print_to_printer`` works on any ``QPrinter``
(tests print to a PDF file), ``ask_printer`` is the dialog and ``print_pdf`` joins the two:
the dialog on the UI thread, then the painting as a task off it, with progress and Cancel
(QPainter may paint on a QPrinter from another thread; a 200-page 花名册 takes a while).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.errors import Cancelled, LinliError
from desktop.core.files import safe_file_name, with_suffix_added, write_bytes_atomically
from desktop.core.i18n import _, ngettext
from desktop.core.tasks import TaskContext
from desktop.ui.tasks import Failed, Lane, TaskRunner, inline

log = logging.getLogger(__name__)

MAX_DPI = 300
PrinterChooser = Callable[[QPrinter, int, "QWidget | None"], bool]


class PrintError(LinliError):
    pass


class LoadedPdf:
    """A QPdfDocument over bytes, with the buffer it reads from kept alive alongside."""

    def __init__(self, pdf: bytes) -> None:
        self.data = QByteArray(bytes(pdf))
        self.buffer = QBuffer()
        self.buffer.setData(self.data)
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self.buffer)
        if self.document.status() != QPdfDocument.Status.Ready or not self.document.pageCount():
            raise PrintError(_("This PDF cannot be read for printing."))

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def close(self) -> None:
        self.document.close()
        self.buffer.close()


def match_page_size(printer: QPrinter, document: QPdfDocument) -> None:
    """Set the printer's paper to the PDF's first page (A4 or A3, portrait or landscape), with
    no margins: the PDF carries its own."""
    points = document.pagePointSize(0)
    landscape = points.width() > points.height()
    portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (QPageLayout.Orientation.Landscape if landscape
                   else QPageLayout.Orientation.Portrait)
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)


def page_numbers(printer: QPrinter, page_count: int) -> list[int]:
    """Zero-based pages to print: the range chosen in the dialog, or all."""
    first, last = printer.fromPage(), printer.toPage()
    if printer.printRange() != QPrinter.PrintRange.PageRange or first <= 0:
        first, last = 1, page_count
    last = min(last or page_count, page_count)
    return list(range(first - 1, last))


def print_to_printer(pdf: bytes, printer: QPrinter, *, match_paper: bool = True,
                     raster: bool = False, ctx: TaskContext | None = None) -> int:
    """Print the pages of ``pdf`` on ``printer``; the number of pages printed (all copies).

    "Print to file (PDF)" of the whole document, one copy, writes ``pdf`` itself: the same
    vector pages with searchable text, not page images. Everything else (a real printer, a page
    range, copies, or ``raster``) paints page images, reporting each page to ``ctx``; Cancel
    between pages aborts the print job."""
    ctx = ctx or TaskContext()
    loaded = LoadedPdf(pdf)
    if (not raster and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
            and printer.outputFileName()
            and page_numbers(printer, loaded.page_count) == list(range(loaded.page_count))
            and printer.copyCount() <= 1):
        count = loaded.page_count
        loaded.close()
        write_bytes_atomically(Path(printer.outputFileName()), pdf)
        return count
    try:
        document = loaded.document
        if match_paper:
            match_page_size(printer, document)
        pages = page_numbers(printer, loaded.page_count)
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        if printer.collateCopies() or copies == 1:
            sequence = [p for _copy in range(copies) for p in pages]
        else:
            sequence = [p for p in pages for _copy in range(copies)]
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(_("The printer could not be started."))
        try:
            dpi = min(printer.resolution(), MAX_DPI)
            options = QPdfDocumentRenderOptions()
            for n, page in enumerate(sequence):
                ctx.check()
                ctx.report(n, len(sequence), _("Printing page {page} of {count}…").format(
                    page=n + 1, count=len(sequence)))
                if n and not printer.newPage():
                    raise PrintError(ngettext("The printer stopped after {count} page.",
                                              "The printer stopped after {count} pages.",
                                              n).format(count=n))
                target = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
                target.moveTo(0, 0)
                points = document.pagePointSize(page)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image = document.render(page, size, options)
                painter.fillRect(target, QColor(Qt.GlobalColor.white))
                painter.drawImage(target, image)
        except Cancelled:
            _abandon(printer, painter)
            raise
        finally:
            if painter.isActive():
                painter.end()
        return len(sequence)
    finally:
        loaded.close()


def _abandon(printer: QPrinter, painter: QPainter) -> None:
    """Cancel pressed: a printer's spooler drops the job; a PDF file cannot be aborted, so the
    half-written file is removed rather than left looking like a finished printout."""
    aborted = printer.abort()
    painter.end()
    if not aborted and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat \
            and printer.outputFileName():
        Path(printer.outputFileName()).unlink(missing_ok=True)


def ask_printer(printer: QPrinter, page_count: int, parent: QWidget | None) -> bool:
    """The system print dialog (printer, pages, copies); True if the user chose Print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    dialog.setMinMax(1, max(1, page_count))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def print_pdf(pdf: bytes, parent: QWidget | None, runner: TaskRunner, *,
              choose: PrinterChooser = ask_printer, printer: QPrinter | None = None,
              on_printed: Callable[[int], object] | None = None,
              on_failed: Callable[[str], object] | None = None,
              on_cancelled: Callable[[], object] | None = None) -> bool:
    """The print dialog, then the printing as a task on ``runner``; False if the user closed
    the dialog. Otherwise one of the callbacks follows on the UI thread: ``on_printed`` with
    the number of pages, ``on_failed`` with a message, or ``on_cancelled``.
    Raises PrintError (a message for the user) when the PDF cannot be read at all."""
    loaded = LoadedPdf(pdf)
    count = loaded.page_count
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    match_page_size(printer, loaded.document)
    loaded.close()
    if not choose(printer, count, parent):
        return False

    def work(task_ctx: TaskContext) -> int:
        return print_to_printer(pdf, printer, match_paper=False, ctx=task_ctx)

    def done(result) -> None:
        if isinstance(result, Failed):
            if on_failed is not None:
                on_failed(result.message)
        elif on_printed is not None:
            on_printed(result)

    runner.run(inline(work), title=_("Printing"), lane=Lane.FILES, parent=parent,
               on_result=done, on_cancelled=on_cancelled, progress=True)
    return True


def default_pdf_folder() -> Path:
    folder = Path.home() / "Documents"
    return folder if folder.is_dir() else Path.home()


def pdf_file_name(title: str) -> str:
    return safe_file_name(title, _("Document {date}").format(date=dt.date.today().isoformat()))


def save_pdf(pdf: bytes, parent: QWidget | None = None, *, suggested_name: str = "",
             ask_path: Callable[[QWidget | None, Path], Path | None] | None = None
             ) -> Path | None:
    """Save as PDF: the file chooser, then an atomic write; the path, or None if cancelled."""
    suggested = default_pdf_folder() / f"{pdf_file_name(suggested_name)}.pdf"
    path = (ask_path or _ask_pdf_path)(parent, suggested)
    if path is None:
        return None
    path = with_suffix_added(path, ".pdf")
    write_bytes_atomically(path, pdf)
    return path


def _ask_pdf_path(parent: QWidget | None, suggested: Path) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save as PDF"), str(suggested),
                                                _("PDF document (*.pdf)"))
    return Path(path) if path else None
