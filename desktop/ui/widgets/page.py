"""The frame every page shares: a clear header (title and one line saying what it is for)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.storage.changes import ChangeSet

# Text lines longer than this are hard to read; cards with prose stay at most this wide.
CARD_WIDTH = 900
# A page lower than this (a laptop at 150 %: about 910×512 points for the whole window) gives
# the subtitle's line to the content: the title still says where the user is.
SUBTITLE_MIN_HEIGHT = 480


class Page(QWidget):
    """A page of the main window. Subclasses fill ``self.body`` (a vertical layout)."""

    key = ""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{self.key}" if self.key else "page")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        header = QFrame()
        header.setObjectName("pageHeader")
        head = QVBoxLayout(header)
        head.setContentsMargins(28, 20, 28, 14)
        head.setSpacing(4)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("pageTitle")
        self.subtitle_label = QLabel(subtitle)
        self.subtitle_label.setObjectName("pageSubtitle")
        self.subtitle_label.setWordWrap(True)
        self._subtitle_fits = True
        self.subtitle_label.setVisible(bool(subtitle))
        head.addWidget(self.title_label)
        head.addWidget(self.subtitle_label)
        outer.addWidget(header)

        content = QWidget()
        content.setObjectName("pageContent")
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(28, 20, 28, 20)
        self.body.setSpacing(14)
        scroll = QScrollArea()
        scroll.setObjectName("pageScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        self._outer = outer

    def add_footer(self, *widgets: QWidget, stretch_last: bool = True) -> QFrame:
        """A bar under the scrolling content that stays in view (Save buttons and the like)."""
        footer = QFrame()
        footer.setObjectName("pageFooter")
        row = QHBoxLayout(footer)
        row.setContentsMargins(28, 10, 28, 10)
        row.setSpacing(12)
        for i, widget in enumerate(widgets):
            row.addWidget(widget, 1 if stretch_last and i == len(widgets) - 1 else 0)
        self._outer.addWidget(footer)
        return footer

    @property
    def title(self) -> str:
        return self.title_label.text()

    def set_subtitle(self, text: str) -> None:
        self.subtitle_label.setText(text)
        self.subtitle_label.setVisible(bool(text) and self._subtitle_fits)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fits = event.size().height() >= SUBTITLE_MIN_HEIGHT
        if fits != self._subtitle_fits:
            self._subtitle_fits = fits
            self.subtitle_label.setVisible(fits and bool(self.subtitle_label.text()))

    def activated(self) -> None:
        """Called each time the page is shown; load what it needs here, not in ``__init__``."""

    def refresh(self, changes: ChangeSet | None = None) -> None:
        """Something changed in the database (``None``: anything may have); reload if affected."""


class TabbedPage(Page):
    """A page of tabs (``self.tabs``; the subclass adds them). Each tab is a widget with
    ``load()``, called the first time it is shown while the page is, and
    ``refresh(changes)``, passed on after any write once it has loaded (it reloads only when
    a table it shows changed): a tab never looked at reads nothing."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, subtitle, parent)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._load_current)
        self.body.addWidget(self.tabs, 1)
        self.body.setContentsMargins(16, 12, 16, 12)
        self._active = False
        self._loaded: set[int] = set()

    def _load_current(self, *_args) -> None:
        tab = self.tabs.currentWidget()
        if self._active and tab is not None and id(tab) not in self._loaded:
            self._loaded.add(id(tab))
            tab.load()

    def activated(self) -> None:
        self._active = True
        self._load_current()

    def refresh(self, changes: ChangeSet | None = None) -> None:
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if id(tab) in self._loaded:
                tab.refresh(changes)
