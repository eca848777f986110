"""``PdfPreview``: a PDF shown in the app — every page in a scrolling column, zoom in and out,
fit to width, and page n of N with previous and next.

The document is loaded from bytes; the ``QBuffer`` it reads from lives as long as the document
(QPdfDocument reads pages lazily from its device)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.ui.widgets.flow import flow_row

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.2, 5.0


class PdfPreview(QWidget):
    """A PDF viewer with its own small tool bar. ``set_pdf(bytes)`` shows a new document and
    keeps the page the user was on when the new one has it (a live preview does not jump)."""

    loaded = Signal(int)  # page count, after each set_pdf

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf_bytes = b""
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self._data: QByteArray | None = None

        self.view = QPdfView()
        self.view.setObjectName("pdfView")
        self.view.setAccessibleName(_("Print preview"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.view.setMinimumSize(200, 200)

        def tool(text: str, tip: str, slot) -> QToolButton:
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            return button

        self.previous_button = tool("◀", _("Previous page"), self.previous_page)
        self.next_button = tool("▶", _("Next page"), self.next_page)
        self.page_box = QSpinBox()
        self.page_box.setAccessibleName(_("Page"))
        self.page_box.setMinimum(1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(lambda value: self.go_to_page(value - 1))
        self.page_count_label = QLabel()
        self.zoom_out_button = tool("−", _("Zoom out"), self.zoom_out)
        self.zoom_in_button = tool("+", _("Zoom in"), self.zoom_in)
        self.fit_button = tool(_("Fit width"), _("Fit the page to the width"), self.fit_width)
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("0000%"))
        self.status_label = QLabel()
        self.status_label.setObjectName("formError")

        # Pages and zoom are two groups that wrap onto two lines in a narrow preview.
        pages = QHBoxLayout()
        zoom = QHBoxLayout()
        for group, widgets in ((pages, (self.previous_button, self.page_box,
                                        self.page_count_label, self.next_button)),
                               (zoom, (self.zoom_out_button, self.zoom_label,
                                       self.zoom_in_button, self.fit_button))):
            group.setContentsMargins(0, 0, 0, 0)
            group.setSpacing(4)
            for widget in widgets:
                group.addWidget(widget)
        bar_widget = flow_row(QWidget(), QWidget(), self.status_label, spacing=12)
        bar = bar_widget.layout()
        bar.itemAt(0).widget().setLayout(pages)
        bar.itemAt(1).widget().setLayout(zoom)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(bar_widget)
        layout.addWidget(self.view, 1)

        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.view.zoomFactorChanged.connect(lambda _factor: self._show_zoom())
        self.view.zoomModeChanged.connect(lambda _mode: self._show_zoom())
        self._update_controls()

    # -- the document ----------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        """Zero-based."""
        return self.view.pageNavigator().currentPage()

    def set_pdf(self, pdf: bytes) -> bool:
        """Show ``pdf``; False (and a message in the bar) if QtPdf cannot read it."""
        keep_page = self.current_page if self.page_count else 0
        self.document.close()
        self.pdf_bytes = bytes(pdf)
        data = QByteArray(self.pdf_bytes)
        buffer = QBuffer(self)
        buffer.setData(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        # The previous buffer can go now: the document no longer reads from it.
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
        self._buffer, self._data = buffer, data
        ok = self.document.status() == QPdfDocument.Status.Ready
        self.status_label.setText("" if ok else _("This PDF cannot be shown."))
        if ok and self.page_count:
            self.go_to_page(min(keep_page, self.page_count - 1))
        self._update_controls()
        self.loaded.emit(self.page_count)
        return ok

    def clear(self) -> None:
        self.document.close()
        self.pdf_bytes = b""
        self.status_label.clear()
        self._update_controls()

    def show_message(self, text: str) -> None:
        """A short note in the bar (a failed render, "Updating…")."""
        self.status_label.setText(text)

    # -- navigation ------------------------------------------------------------------------

    def go_to_page(self, page: int) -> None:
        if not 0 <= page < self.page_count:
            return
        navigator = self.view.pageNavigator()
        if page != navigator.currentPage():
            navigator.jump(page, QPointF(), navigator.currentZoom())
        self._update_controls()

    def next_page(self) -> None:
        self.go_to_page(self.current_page + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page - 1)

    def _page_changed(self, _page: int) -> None:
        self._update_controls()

    # -- zoom ------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self.view.zoomFactor()

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(MIN_ZOOM, min(MAX_ZOOM, factor)))
        self._show_zoom()

    def _effective_zoom(self) -> float:
        """The zoom the user sees: in fit-to-width mode, the view's width over the page's."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or not self.page_count:
            return self.view.zoomFactor()
        points = self.document.pagePointSize(max(0, self.current_page))
        if points.width() <= 0:
            return 1.0
        pixels = points.width() * self.logicalDpiX() / 72.0
        usable = self.view.viewport().width() - 2 * self.view.documentMargins().left()
        return max(MIN_ZOOM, usable / pixels) if pixels else 1.0

    def zoom_in(self) -> None:
        self.set_zoom(self._effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._effective_zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_zoom()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{round(self._effective_zoom() * 100)}%")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_zoom()  # fit to width: the zoom follows the width

    def _update_controls(self) -> None:
        count = self.page_count
        page = self.current_page
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(max(1, count))
        self.page_box.setValue(page + 1 if count else 1)
        self.page_box.blockSignals(False)
        self.page_count_label.setText(_("of {count}").format(count=count))
        self.page_box.setEnabled(count > 1)
        self.previous_button.setEnabled(count > 0 and page > 0)
        self.next_button.setEnabled(count > 0 and page < count - 1)
        for button in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            button.setEnabled(count > 0)
        self._show_zoom()
