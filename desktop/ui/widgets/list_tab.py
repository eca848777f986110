"""A page's tab of things in a list (votes, meetings, campaigns): a row of buttons on top, the
list on the left (or a line saying there is nothing yet), the chosen one's views beside it.

The list reloads after a write only when a table it shows changed (``TABLES``), keeps the
chosen row chosen, and the tab asks only for the height that must show at once: the list and
the views scroll on their own. A subclass reads its rows (``read_rows``), says how each is
listed (``list_item``) and shows the chosen one (``_show_current``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.ui.operations import Operations
from desktop.ui.widgets.flow import FlowLayout
from desktop.ui.widgets.id_list import IdList
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.splitter import SharingSplitter
from desktop.ui.widgets.status import tell
from desktop.ui.widgets.wrapping import WrappingDelegate


class ListTab(QWidget):
    """A subclass defines ``read_rows() -> list`` (through its read service),
    ``list_item(row) -> (lines, id, tooltip)`` and ``_show_current()`` (the chosen row's views,
    or none); it may narrow what is listed with ``shown_rows()``."""

    # The tables the tab's views are made of: a write touching one reloads the tab.
    TABLES: frozenset[str] | set[str] = frozenset()

    def __init__(self, ctx, runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.rows = []
        self.dialog = None
        self.message = None  # the label that says a problem; set by the subclass

    # -- building it -----------------------------------------------------------------------

    def _files_button(self, fill_menu: Callable[[object, QMenu], None]) -> QPushButton:
        """Print and export, its menu filled as it opens (what it offers depends on the
        chosen row)."""
        self.files_button = QPushButton(_("&Print and export"))
        self.files_menu = QMenu(self.files_button)
        self.files_button.setMenu(self.files_menu)
        self.files_menu.aboutToShow.connect(lambda: fill_menu(self, self.files_menu))
        return self.files_button

    def _button_row(self, *buttons: QPushButton) -> QWidget:
        """The buttons in rows that wrap on a narrow window (``self.buttons``)."""
        self.buttons = QWidget()
        flow = FlowLayout(self.buttons)
        for button in buttons:
            flow.addWidget(button)
        return self.buttons

    def _list_column(self, name: str, empty: str, *above: QWidget) -> QWidget:
        """``self.list`` (read as ``name`` by screen readers) under ``above``, with the line
        ``empty`` in its place while it has no rows."""
        self.list = IdList()
        self.list.setAccessibleName(name)
        self.list.setItemDelegate(WrappingDelegate(self.list))  # wrapped, never cut short
        self.list.setSpacing(3)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(lambda *_args: self._show_current())
        self.empty = QLabel(empty)
        self.empty.setWordWrap(True)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (*above, self.empty):
            column.addWidget(widget)
        column.addWidget(self.list, 1)
        return left

    def _with_message(self, views: QWidget) -> QWidget:
        """``views`` over ``self.message``, where a problem is said."""
        self.message = message_label()
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(views, 1)
        column.addWidget(self.message)
        return right

    def _lay_out(self, left: QWidget, right: QWidget, share: float, least: int,
                 most: int) -> None:
        """The buttons over the list and the views, the list taking ``share`` of the width
        (at least ``least`` and at most ``most`` pixels when the window is narrow)."""
        self.splitter = SharingSplitter.between([left, right], share, least, most)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.buttons)
        layout.addWidget(self.splitter, 1)

    # The page scrolls when its content asks for more height than the window has; the list
    # and the views scroll on their own, so ask only for what must show at once (the box
    # layout's default would ask for every view's preferred height).
    def heightForWidth(self, width: int) -> int:
        return (self.buttons.heightForWidth(width) + self.layout().spacing()
                + self.splitter.minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(hint.width()))

    # -- the list --------------------------------------------------------------------------

    def refresh(self, changes=None) -> None:
        if changes is None or changes.tables & self.TABLES:
            self.load()

    def load(self, select: str | None = None) -> None:
        chosen = select or self.current_id()
        try:
            self.rows = self.read_rows()
        except LinliError as exc:
            self.rows = []
            self.message.setText(exc.message)
        self._fill_list(chosen)
        self._show_current()

    def shown_rows(self) -> list:
        return self.rows

    def _fill_list(self, chosen: str | None) -> None:
        shown = self.shown_rows()
        self.list.fill([self.list_item(row) for row in shown], chosen)
        self.empty.setVisible(not shown)
        self.list.setVisible(bool(shown))

    def current_id(self) -> str | None:
        return self.list.current_id()

    def select(self, row_id: str) -> None:
        self.list.select_id(row_id)

    # -- commands ----------------------------------------------------------------------------

    def _open(self, dialog):
        self.dialog = dialog
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    def _write(self, work, label: str, done_text: str, then=None):
        """``work(uow)`` through the window's one write path; ``then(result)`` and
        ``done_text`` in the status bar once done, a refusal in ``self.message``."""
        def done(result, _changes) -> None:
            if then is not None:
                then(result)
            tell(self, done_text)

        self.message.clear()
        return Operations.of(self._runner).write(
            self._ctx, work, label=label, parent=self, progress=False, on_done=done,
            on_refused=lambda error: self.message.setText(error.message))
