"""Fast ballot entry at the office, keyboard first: type the ballot code (or the address) and
Enter; when several dwellings match, pick one from a short list; then 1, 2 or 3 for 同意 /
反对 / 弃权 (or the buttons), with a proxy's name if the ballot was signed by one. The cursor
goes back to the code for the next ballot.

The widget only asks and shows: ``find_wanted(text)`` and ``cast(elector, opinion, proxy,
cast_on)`` are answered by the vote view, which reads and writes through the window's one
write path."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _, format_date
from desktop.ui.votes.names import OPINION_KEYS, area_str, opinion_label
from desktop.ui.widgets.flow import FlowLayout
from desktop.ui.widgets.labels import message_label

ROW_ROLE = Qt.ItemDataRole.UserRole
KEYS = {Qt.Key.Key_1: "agree", Qt.Key.Key_2: "against", Qt.Key.Key_3: "abstain"}

STYLE = """
#ballotCode { font-size: 14pt; padding: 3px 6px; }
#ballotFound { font-size: 13pt; font-weight: bold; }
#success { font-size: 13pt; color: #1a7f37; }
#opinionPad:focus { border: 2px solid palette(highlight); border-radius: 6px; }
#opinionPad QPushButton { font-size: 13pt; padding: 4px 14px; }
"""


def elector_text(row) -> str:
    """"3幢2单元501 · 张三、李四 · 98.50 m² · already voted: Against"."""
    area = _("no area") if row.area is None else _("{area} m²").format(
        area=area_str(row.area))
    parts = [row.address, row.owners or _("no owner recorded"), area]
    if getattr(row, "opinion", None):
        parts.append(_("already voted: {opinion}").format(opinion=opinion_label(row.opinion)))
    if getattr(row, "excluded", False):
        parts.append(_("excluded from the count"))
    return " · ".join(parts)


class OpinionPad(QFrame):
    """Takes the keys 1, 2, 3 once a dwelling is found; Esc goes back to the code."""

    chosen = Signal(str)
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opinionPad")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Opinion: press 1 to agree, 2 against, 3 to abstain"))
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 4, 4, 4)
        for number, opinion in enumerate(OPINION_KEYS, start=1):
            button = QPushButton(_("{key} {opinion}").format(key=number,
                                                            opinion=opinion_label(opinion)))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys are the way in
            button.clicked.connect(lambda _c=False, o=opinion: self.chosen.emit(o))
            self.buttons[opinion] = button
            row.addWidget(button)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        opinion = KEYS.get(Qt.Key(event.key()))
        if opinion is not None and self.isEnabled():
            self.chosen.emit(opinion)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class MatchList(QListWidget):
    """The dwellings a text found, to pick with the arrows and Enter; Esc goes back to the
    text to type it better."""

    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class BallotEntry(QWidget):
    find_wanted = Signal(str)  # the text typed: a ballot code or an address
    cast = Signal(object, str, str, object)  # elector row, opinion, proxy name, cast_on date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.elector = None
        self.code = QLineEdit()
        self.code.setObjectName("ballotCode")
        self.code.setPlaceholderText(_("Ballot code or address, then Enter"))
        self.code.setAccessibleName(_("Ballot code or address"))
        self.code.setClearButtonEnabled(True)
        self.code.returnPressed.connect(self._find)
        self.find_button = QPushButton(_("&Find"))
        self.find_button.clicked.connect(self._find)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.code, 1)
        top.addWidget(self.find_button)

        self.matches = MatchList()
        self.matches.setAccessibleName(_("Dwellings found"))
        self.matches.setMaximumHeight(120)
        self.matches.itemActivated.connect(self._picked)
        self.matches.escaped.connect(self._back_to_text)
        self.matches.hide()

        # One line says where the entry stands: what to type, the dwelling found, or the
        # ballot just recorded (so it is read where the eyes already are).
        self.found = QLabel()
        self.found.setObjectName("ballotFound")
        self.found.setWordWrap(True)
        self.last_recorded = ""
        self.pad = OpinionPad()
        self.pad.chosen.connect(self._chosen)
        self.pad.escaped.connect(self.restart)
        self.proxy = QLineEdit()
        self.proxy.setPlaceholderText(_("Proxy's name, if a proxy signed"))
        self.proxy.setAccessibleName(_("Proxy's name"))
        self.proxy.returnPressed.connect(lambda: self.pad.setFocus())
        self.cast_on = QDateEdit(QDate.currentDate())
        self.cast_on.setCalendarPopup(True)
        self.cast_on.setDisplayFormat("yyyy-MM-dd")
        self.cast_on.setAccessibleName(_("Signed on"))
        self.cast_on.setToolTip(_("The date the owner signed the ballot"))
        proxy_label = QLabel(_("&Proxy"))
        proxy_label.setBuddy(self.proxy)
        date_label = QLabel(_("Signed &on"))
        date_label.setBuddy(self.cast_on)
        extras = QWidget()
        flow = FlowLayout(extras)
        for widget in (proxy_label, self.proxy, date_label, self.cast_on):
            flow.addWidget(widget)
        self.message = message_label()
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.matches)
        layout.addWidget(self.found)
        layout.addWidget(self.pad)
        layout.addWidget(extras)
        self._set_found(None)

    # -- the flow ----------------------------------------------------------------------------

    def _find(self) -> None:
        text = self.code.text().strip()
        self.clear_problem()
        if not text:
            self.code.setFocus()
            return
        self.find_wanted.emit(text)

    def show_matches(self, rows) -> None:
        """What the text found: none (say so), one (ready for 1/2/3) or several (a list)."""
        rows = list(rows)
        self.matches.clear()
        self.matches.hide()
        if not rows:
            self._set_found(None)
            self.show_problem(_(
                "No dwelling of this vote has the code or address {text}. Check the code "
                "printed on the ballot.").format(text=self.code.text().strip()))
            self.code.selectAll()
            self.code.setFocus()
            return
        if len(rows) == 1:
            self.choose(rows[0])
            return
        self._set_found(None)
        for row in rows:
            item = QListWidgetItem(f"{row.code}  {elector_text(row)}")
            item.setData(ROW_ROLE, row)
            self.matches.addItem(item)
        self.matches.show()
        self.matches.setCurrentRow(0)
        self.matches.setFocus()

    def _back_to_text(self) -> None:
        self.matches.hide()
        self.code.selectAll()
        self.code.setFocus()

    def _picked(self, item: QListWidgetItem) -> None:
        self.matches.hide()
        self.choose(item.data(ROW_ROLE))

    def choose(self, row) -> None:
        self._set_found(row)
        self.pad.setFocus()

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def clear_problem(self) -> None:
        self.show_problem("")

    def _set_found(self, row) -> None:
        self.elector = row
        self.pad.setEnabled(row is not None)
        if row is None and self.last_recorded:
            self.found.setText(self.last_recorded)
            self.found.setObjectName("success")
        elif row is None:
            self.found.setText(_("Type a ballot code or an address and press Enter; then "
                                 "1 to agree, 2 against, 3 to abstain."))
            self.found.setObjectName("note")
        else:
            self.found.setText(_("{code}: {dwelling} — press 1, 2 or 3").format(
                code=row.code, dwelling=elector_text(row)))
            self.found.setObjectName("ballotFound")
        self.found.style().unpolish(self.found)
        self.found.style().polish(self.found)

    def _chosen(self, opinion: str) -> None:
        if self.elector is None:
            return
        d = self.cast_on.date()
        self.cast.emit(self.elector, opinion, self.proxy.text().strip(),
                       dt.date(d.year(), d.month(), d.day()))

    def recorded(self, row, opinion: str, late: bool = False) -> None:
        """The ballot is in: say so and get ready for the next."""
        text = _("Recorded {code} {address}: {opinion}.").format(
            code=row.code, address=row.address, opinion=opinion_label(opinion))
        if getattr(row, "opinion", None):
            text += " " + _("It replaces the earlier ballot ({opinion}), which stays in the "
                            "history.").format(opinion=opinion_label(row.opinion))
        if late:
            text += " " + _("It came after the period closed and is marked late.")
        self.last_recorded = text
        self.restart()

    @property
    def done(self) -> str:
        """What the last ballot recorded here was ("" before the first)."""
        return self.last_recorded

    def forget(self) -> None:
        """Another vote is shown: nothing recorded here yet."""
        self.last_recorded = ""
        self.clear_problem()
        self.restart(focus=False)  # the office may be going down the list of votes

    def restart(self, focus: bool = True) -> None:
        self.matches.hide()
        self.proxy.clear()
        self._set_found(None)
        self.code.clear()
        if focus:
            self.code.setFocus()

    def set_period(self, closes_on: dt.date | None) -> None:
        """The date a ballot is signed on starts at today; its tip says when the period ends."""
        self.cast_on.setDate(QDate.currentDate())
        if closes_on is not None:
            self.cast_on.setToolTip(_("The date the owner signed the ballot; ballots signed "
                                      "after {date} are marked late.").format(
                date=format_date(closes_on)))
