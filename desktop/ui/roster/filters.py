"""The search box and filters above the roster table; they only describe, the page queries.

``text_edited`` fires on every keystroke (the page debounces it); ``changed`` fires when a chip,
the age range, sex, residence status or the moved-out toggle changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _, ngettext
from desktop.roster import codes
from desktop.roster.views import PlaceScope, ResidentFilter
from desktop.ui.roster.columns import translated_tag
from desktop.ui.widgets.flow import flow_row

# The groups an office filters by every day: one chip each; other tags are under "More tags".
CHIP_TAGS = ("elderly", "child", "new_employment", "party_member", "resident_representative",
             "disabled", "low_income", "lives_alone")
ANY = -1
CHIP_STYLE = """
QToolButton#chip { border: 1px solid palette(mid); border-radius: 11px; padding: 2px 10px;
                   background: palette(base); }
QToolButton#chip:checked { background: palette(highlight); color: palette(highlighted-text);
                           border-color: palette(highlight); }
QToolButton#chip:focus { border: 2px solid palette(highlight); }
QToolButton#moreTags { padding: 2px 18px 2px 10px; }
QToolButton#moreTags::menu-indicator { subcontrol-origin: padding;
                                       subcontrol-position: right center; right: 5px; }
"""


def _age_spin(accessible: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(ANY, 120)
    spin.setValue(ANY)
    spin.setSpecialValueText(_("any"))
    spin.setAccessibleName(accessible)
    spin.setKeyboardTracking(False)
    return spin


class FilterBar(QWidget):
    text_edited = Signal(str)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(CHIP_STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)

        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("rosterSearch")
        self.search.setPlaceholderText(_("Name, pinyin, phone, ID number, 3-2-501…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search the roster"))
        self.search.textChanged.connect(self.text_edited)
        top.addWidget(self.search, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        top.addWidget(self.count_label)
        outer.addLayout(top)

        # Chips and filters flow as one text does: they wrap onto more lines in a narrow
        # window rather than fall off its edge, and share a line where there is room.
        self.filter_flow = flow_row()
        chips = self.filter_flow.layout()
        self.chips: dict[str, QToolButton] = {}
        self._tag_ids: dict[str, str] = {}  # code (or tag id for user tags) -> tag id
        for code in CHIP_TAGS:
            chip = QToolButton()
            chip.setObjectName("chip")
            chip.setCheckable(True)
            chip.setText(_(codes.BUILTIN_TAGS[code]))
            chip.setVisible(False)  # until the tag is known to exist
            chip.toggled.connect(self.changed)
            chips.addWidget(chip)
            self.chips[code] = chip
        self.more = QToolButton()
        self.more.setObjectName("moreTags")
        self.more.setText(_("More tags"))
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self.more)
        self.more.setMenu(self.more_menu)
        self.more_actions: dict[str, QAction] = {}
        chips.addWidget(self.more)
        row = chips
        ages = QWidget()  # "Age [from] – [to]" stays on one line
        age_row = QHBoxLayout(ages)
        age_row.setContentsMargins(0, 0, 10, 0)
        age_row.setSpacing(6)
        age_row.addWidget(QLabel(_("Age")))
        self.age_min = _age_spin(_("Lowest age"))
        self.age_max = _age_spin(_("Highest age"))
        age_row.addWidget(self.age_min)
        age_row.addWidget(QLabel("–"))
        age_row.addWidget(self.age_max)
        row.addWidget(ages)
        self.sex = QComboBox()
        self.sex.setAccessibleName(_("Sex"))
        self.sex.addItem(_("Any sex"), None)
        for key in ("1", "2"):
            self.sex.addItem(_(codes.SEXES[key]), key)
        row.addWidget(self.sex)
        self.residence = QComboBox()
        self.residence.setAccessibleName(_("Residence"))
        self.residence.addItem(_("Any residence"), None)
        for key, label in codes.RESIDENCE_STATUSES.items():
            self.residence.addItem(_(label), key)
        row.addWidget(self.residence)
        self.inactive = QCheckBox(_("Show moved-out and deceased"))
        row.addWidget(self.inactive)
        self.clear_button = QToolButton()
        self.clear_button.setText(_("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        row.addWidget(self.clear_button)
        outer.addWidget(self.filter_flow)

        for spin in (self.age_min, self.age_max):
            spin.valueChanged.connect(self.changed)
        self.sex.currentIndexChanged.connect(self.changed)
        self.residence.currentIndexChanged.connect(self.changed)
        self.inactive.toggled.connect(self.changed)

    # -- tags ------------------------------------------------------------------------------

    def set_tags(self, tags: list[tuple[str, str | None, str]]) -> None:
        """(id, code, name) of every tag: chips for the everyday groups, a menu for the rest."""
        checked = self.checked_tag_ids()
        self._tag_ids.clear()
        self.more_menu.clear()
        self.more_actions.clear()
        for tag_id, code, name in tags:
            if code in self.chips:
                self._tag_ids[code] = tag_id
                self.chips[code].setVisible(True)
                continue
            action = QAction(translated_tag(code) if code else name, self.more_menu)
            action.setCheckable(True)
            action.setChecked(tag_id in checked)
            action.setData(tag_id)
            action.toggled.connect(self._more_toggled)
            self.more_menu.addAction(action)
            self.more_actions[tag_id] = action
        self.more.setVisible(bool(self.more_actions))
        self._update_more_text()

    def _more_toggled(self, _checked: bool) -> None:
        self._update_more_text()
        self.changed.emit()

    def _update_more_text(self) -> None:
        n = sum(a.isChecked() for a in self.more_actions.values())
        self.more.setText(_("More tags ({count})").format(count=n) if n else _("More tags"))

    def checked_tag_ids(self) -> frozenset[str]:
        ids = {self._tag_ids[code] for code, chip in self.chips.items()
               if chip.isChecked() and code in self._tag_ids}
        ids |= {tag_id for tag_id, a in self.more_actions.items() if a.isChecked()}
        return frozenset(ids)

    def check_tag(self, code: str, on: bool = True) -> None:
        self.chips[code].setChecked(on)

    # -- the filter ------------------------------------------------------------------------

    def resident_filter(self, scope: PlaceScope) -> ResidentFilter:
        sex = self.sex.currentData()
        status = self.residence.currentData()
        return ResidentFilter(
            text=self.search.text().strip(),
            scope=scope,
            tag_ids=self.checked_tag_ids(),
            age_min=None if self.age_min.value() == ANY else self.age_min.value(),
            age_max=None if self.age_max.value() == ANY else self.age_max.value(),
            sex=sex,
            residence_statuses=frozenset({status}) if status else frozenset(),
            include_inactive=self.inactive.isChecked(),
        )

    def set_age_range(self, low: int | None, high: int | None) -> None:
        self.age_min.setValue(ANY if low is None else low)
        self.age_max.setValue(ANY if high is None else high)

    def clear_filters(self) -> None:
        widgets = [*self.chips.values(), self.age_min, self.age_max, self.sex, self.residence,
                   self.inactive, *self.more_actions.values()]
        for w in widgets:
            w.blockSignals(True)
        try:
            for chip in self.chips.values():
                chip.setChecked(False)
            for action in self.more_actions.values():
                action.setChecked(False)
            self.set_age_range(None, None)
            self.sex.setCurrentIndex(0)
            self.residence.setCurrentIndex(0)
            self.inactive.setChecked(False)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._update_more_text()
        self.changed.emit()

    def filter_widgets(self) -> list[QWidget]:
        """In tab order, after the search box."""
        return [*self.chips.values(), self.more, self.age_min, self.age_max, self.sex,
                self.residence, self.inactive, self.clear_button]

    def show_resident_filters(self, on: bool) -> None:
        """Tags, age, sex and residence narrow residents only; households follow the tree
        and the search box."""
        self.filter_flow.setVisible(on)

    def show_count(self, shown: int, households: bool = False) -> None:
        text = (ngettext("{count} household", "{count} households", shown) if households
                else ngettext("{count} resident", "{count} residents", shown))
        self.count_label.setText(text.format(count=f"{shown:,}"))
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
