"""The PDF preview and printing: a real multi-page PDF shown, navigated and zoomed, printed to a
PDF file through a QPrinter (no dialog) and saved as a file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.core.paths import resources_dir

TITLE = "关于翠苑一区停车位分配的公示"


def make_pdf(title: str = TITLE, pages: int = 3, size=None) -> bytes:
    """A small PDF made with reportlab and the bundled CJK font (the core is not needed)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(resources_dir() / "fonts" / "wqy-microhei.ttc"),
                                       subfontIndex=0))
    out = io.BytesIO()
    page_size = size or A4
    c = canvas.Canvas(out, pagesize=page_size)
    for n in range(1, pages + 1):
        c.setFont("WQY", 22)
        c.drawCentredString(page_size[0] / 2, page_size[1] - 120, title)
        c.setFont("WQY", 16)
        c.drawString(80, page_size[1] - 200, f"第{n}页 page {n}")
        c.showPage()
    c.save()
    return out.getvalue()


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdfinfo(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout


def pages_of(path: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", pdfinfo(path), re.MULTILINE).group(1))


def dark_fraction_of_title(path: Path) -> float:
    """How much of the top band of page 1 is ink, read back with QtPdf (white, not black: the
    page was filled white before the transparent render was painted)."""
    from PySide6.QtCore import QSize

    from desktop.ui.printing.printing import LoadedPdf

    loaded = LoadedPdf(path.read_bytes())
    image = loaded.document.render(0, QSize(595, 842))
    loaded.close()
    dark = total = 0
    for y in range(100, 140):
        for x in range(0, 595, 2):
            total += 1
            dark += image.pixelColor(x, y).lightness() < 128
    corner = image.pixelColor(5, 5)
    assert corner.lightness() > 240 and corner.alpha() == 255
    return dark / total


@pytest.fixture
def preview(qtbot):
    from desktop.ui.printing.preview import PdfPreview

    widget = PdfPreview()
    qtbot.addWidget(widget)
    widget.resize(600, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_preview_loads_pages_and_navigates(qtbot, preview):
    assert preview.set_pdf(make_pdf(pages=3))
    assert preview.page_count == 3
    assert preview.page_count_label.text().endswith("3")
    assert not preview.previous_button.isEnabled()
    preview.next_page()
    qtbot.waitUntil(lambda: preview.current_page == 1)
    assert preview.page_box.value() == 2
    preview.go_to_page(2)
    qtbot.waitUntil(lambda: preview.current_page == 2)
    assert not preview.next_button.isEnabled()
    preview.page_box.setValue(1)
    qtbot.waitUntil(lambda: preview.current_page == 0)

    preview.set_zoom(1.0)
    preview.zoom_in()
    assert preview.zoom == pytest.approx(1.25)
    preview.zoom_out()
    preview.zoom_out()
    assert preview.zoom == pytest.approx(0.8)
    preview.fit_width()
    assert preview.zoom_label.text()

    # A new document (a live preview) keeps the page the user is on when it has it.
    preview.go_to_page(1)
    qtbot.waitUntil(lambda: preview.current_page == 1)
    preview.set_pdf(make_pdf(pages=2))
    assert preview.page_count == 2
    assert preview.current_page == 1


def test_preview_of_garbage_says_so(preview):
    assert not preview.set_pdf(b"not a pdf")
    assert preview.status_label.text()
    assert not preview.next_button.isEnabled()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_print_to_pdf_file(qapp, runner, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from desktop.ui.printing.printing import print_pdf, print_to_printer

    # Print to file (PDF), the whole document: the very pages, text searchable.
    target = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    assert print_to_printer(make_pdf(pages=2), printer) == 2
    assert TITLE in pdftotext(target)

    # The painting path a real printer takes: page images on white pages, A4, not blank.
    painted = tmp_path / "painted.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(painted))
    assert print_to_printer(make_pdf(pages=2), printer, raster=True) == 2
    assert pages_of(painted) == 2
    assert "595 x 842" in pdfinfo(painted)  # A4 in points
    assert dark_fraction_of_title(painted) > 0.002

    # Through the dialog's stand-in, with a page range.
    chosen = tmp_path / "range.pdf"

    def choose(printer, page_count, _parent):
        assert page_count == 3
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(chosen))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)
        return True

    printed = []
    assert print_pdf(make_pdf(pages=3), None, runner, choose=choose, on_printed=printed.append)
    assert runner.wait_idle(30)
    assert printed == [2] and pages_of(chosen) == 2
    assert not print_pdf(make_pdf(), None, runner, choose=lambda *_a: False)


def test_cancel_between_pages_stops_the_print_job(qapp, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from desktop.core.errors import Cancelled
    from desktop.core.tasks import TaskContext
    from desktop.ui.printing.printing import print_to_printer

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "stopped.pdf"
    printer.setOutputFileName(str(target))
    task = TaskContext()
    reports = []

    def report(done, total, message=""):
        reports.append(message)
        if done == 1:
            task.cancel()  # Cancel pressed while the second page was on its way

    task.report = report
    with pytest.raises(Cancelled):
        print_to_printer(make_pdf(pages=4), printer, raster=True, ctx=task)
    assert reports == ["Printing page 1 of 4…", "Printing page 2 of 4…"]
    assert not target.exists()  # no half printout left behind


def test_save_pdf_writes_the_exact_bytes(tmp_path):
    from desktop.ui.printing.printing import save_pdf

    pdf = make_pdf()
    path = save_pdf(pdf, None, suggested_name=TITLE, ask_path=lambda _p, s: tmp_path / "x")
    assert path == tmp_path / "x.pdf"
    assert path.read_bytes() == pdf
    assert save_pdf(pdf, None, ask_path=lambda _p, _s: None) is None
