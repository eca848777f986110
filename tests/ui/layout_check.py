"""What a user sees cut off: text a widget cannot show in full, and widgets off the window.

``layout_problems(window)`` walks every visible widget of a top-level window and describes:

- a label, button, check box or radio button narrower than its text needs (Qt then cuts or
  elides the text: "Fem…", "Clear filt");
- a tab whose text the tab bar elided, or a tab pushed out of sight behind scroll arrows;
- a table/tree header section, or a cell in view, narrower than its text (the view elides
  it);
- a widget that lies (partly) outside its parents, i.e. off the window's edge;
- a widget that paints its own text (a bar chart) and says it shortened some
  (``elided_labels()``).

Content inside a scroll area may extend beyond the area's viewport: it can be scrolled to, so
only the scroll area itself is held to the window's edge. Deterministic: sizes come from the
widgets' own size hints and font metrics, never from pixels on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)

SLACK = 1  # pixels of rounding forgiven
MAX_ROWS = 30  # visible rows checked per view


def _name(widget: QWidget) -> str:
    text = ""
    for attribute in ("text", "title"):
        getter = getattr(widget, attribute, None)
        if callable(getter):
            try:
                text = getter()
            except TypeError:
                continue
            if isinstance(text, str):
                break
    name = widget.objectName() or type(widget).__name__
    return f"{type(widget).__name__}({name!s}, {text[:40]!r})"


def _outside(widget: QWidget, window: QWidget) -> str | None:
    """Whether ``widget`` sticks out of its ancestors (and so off the window). Inside a scroll
    area, content may extend past the viewport along an axis the area scrolls."""
    own = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    if own.isEmpty():
        return None
    left, top, right, bottom = own.left(), own.top(), own.right(), own.bottom()
    free_x = free_y = False
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.mapTo(window, parent.rect().topLeft()) if parent is not window \
            else parent.rect().topLeft()
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            free_x = free_x or grand.horizontalScrollBarPolicy() != off
            free_y = free_y or grand.verticalScrollBarPolicy() != off
        room = QRect(area, parent.size()).adjusted(-SLACK, -SLACK, SLACK, SLACK)
        if not free_x and (left < room.left() or right > room.right()) \
                or not free_y and (top < room.top() or bottom > room.bottom()):
            return f"{_name(widget)} at {own.getRect()} lies outside {_name(parent)}"
        if parent is window:
            break
        parent = grand
    return None


def _text_cut(widget: QWidget) -> str | None:
    if hasattr(widget, "full_text") and widget.toolTip() == widget.full_text():
        return None  # elides on purpose (a long path in the status bar), whole text as its tip
    if isinstance(widget, QLabel):
        if not widget.text() or widget.pixmap() is not None and not widget.pixmap().isNull():
            return None
        if widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if need > widget.height() + SLACK:
                return f"{_name(widget)} needs {need} px high, has {widget.height()}"
            return None
        need = widget.sizeHint().width()
    elif isinstance(widget, QAbstractButton):
        if not widget.text():
            return None
        need = widget.sizeHint().width()
    else:
        return None
    if need > widget.width() + SLACK:
        return f"{_name(widget)} needs {need} px wide, has {widget.width()}"
    return None


def _tabs_cut(bar: QTabBar) -> list[str]:
    problems = []
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        rect = bar.tabRect(i)
        if rect.right() > bar.width() + SLACK or rect.left() < -SLACK:
            problems.append(f"tab {bar.tabText(i)!r} is out of sight in {_name(bar)}")
        # Qt narrows a tab below its size hint only to elide its text.
        if bar.tabSizeHint(i).width() > rect.width() + SLACK:
            problems.append(f"tab {bar.tabText(i)!r} is cut: {rect.width()} px for its text")
    return problems


def _header_cut(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None or not header.isVisible():
        return []
    problems = []
    for logical in range(header.count()):
        if header.isSectionHidden(logical):
            continue
        text = model.headerData(logical, header.orientation())
        if not isinstance(text, str) or not text:
            continue
        need, size = header.sectionSizeHint(logical), header.sectionSize(logical)
        if need > size + SLACK and not (header.stretchLastSection()
                                        and header.visualIndex(logical) == _last(header)):
            problems.append(f"header {text!r} is cut: {size} px, needs {need}")
    return problems


def _last(header: QHeaderView) -> int:
    visible = [header.visualIndex(i) for i in range(header.count())
               if not header.isSectionHidden(i)]
    return max(visible, default=-1)


def _cells_cut(view: QAbstractItemView) -> list[str]:
    """Cells narrower than the delegate's size hint: the view elides their text."""
    model = view.model()
    if model is None:
        return []
    problems = []
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    grid = 1 if isinstance(view, QTableView) and view.showGrid() else 0
    root = view.rootIndex()
    for column in range(model.columnCount(root)):
        if header.isSectionHidden(column):
            continue
        for row in range(min(model.rowCount(root), MAX_ROWS)):
            index = model.index(row, column, root)
            if not view.visualRect(index).intersects(view.viewport().rect()):
                continue  # scrolled out of view: fitted when it is scrolled to
            text = model.data(index)
            if not isinstance(text, str) or not text:
                continue
            width = view.visualRect(index).width() if isinstance(view, QTreeView) \
                else header.sectionSize(column)
            need = view.sizeHintForIndex(index)
            rect = view.visualRect(index)
            height = rect.height()
            if rect.right() > view.viewport().width() + SLACK \
                    and not view.horizontalScrollBar().isVisible():
                problems.append(f"cell {text!r} of {_name(view)} runs past the view's edge "
                                "and cannot be scrolled to")
                break
            if need.width() + grid > width + SLACK or need.height() > height + SLACK:
                problems.append(f"cell {text!r} of {_name(view)} is cut: {width}×{height} px, "
                                f"needs {need.width() + grid}×{need.height()}")
                break  # one per column is enough to know
    return problems


def layout_problems(window: QWidget) -> list[str]:
    problems: list[str] = []
    sticking_out: set[int] = set()
    for widget in window.findChildren(QWidget):  # parents come before their children
        if not widget.isVisible() or widget.window() is not window:
            continue
        parent = widget.parentWidget()
        if parent is not None and id(parent) in sticking_out:
            sticking_out.add(id(widget))  # said once, for the outermost widget
        else:
            found = _outside(widget, window)
            if found:
                sticking_out.add(id(widget))
                problems.append(found)
        found = _text_cut(widget)
        if found:
            problems.append(found)
        if isinstance(widget, QTabBar):
            problems += _tabs_cut(widget)
        if isinstance(widget, QHeaderView):
            problems += _header_cut(widget)
        if isinstance(widget, (QTableView, QTreeView)):
            problems += _cells_cut(widget)
        painted = getattr(widget, "elided_labels", None)  # a widget that paints its own text
        if callable(painted) and painted():
            problems.append(f"{_name(widget)} draws {painted()[:3]} shortened")
    return problems
