"""The resident dialog's numbers while masking on screen is on: each masked field (ID number,
phones, birth date) is covered by a read-only stand-in showing the masked value, with a
"Show" button beside it. The real fields stay underneath, hidden, holding the real values,
so saving never writes a masked value back; "Show" (one deliberate click) uncovers them all
for this resident and this session."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.core.i18n import _
from desktop.roster.screen_mask import ScreenMask

FIELDS = ("id_number", "birth_date", "phone", "phone2")


class MaskedField(QWidget):
    show_requested = Signal()

    def __init__(self, field: QWidget, masked: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{field.objectName()}Masked")
        self.field = field
        self.stand_in = QLineEdit(masked)
        self.stand_in.setReadOnly(True)
        self.stand_in.setAccessibleName(_("Masked on screen"))
        self.stand_in.setToolTip(_("Masked on screen. Click Show to see the full value."))
        self.show_button = QPushButton(_("Show"))
        self.show_button.setToolTip(_("Show this resident's ID and phone numbers in full"))
        self.show_button.clicked.connect(self.show_requested)
        self._captions: list[QLabel] = []
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        self._row.addWidget(self.stand_in, 1)
        self._row.addWidget(self.show_button)

    def cover(self, grid: QGridLayout) -> None:
        """Take the field's place in ``grid`` and hold the field, hidden, inside. The field's
        caption (Alt+I) then leads to Show, not to a hidden field."""
        grid.replaceWidget(self.field, self)
        self._row.insertWidget(0, self.field, 1)
        self.field.setVisible(False)
        self._captions = [item.widget() for item in map(grid.itemAt, range(grid.count()))
                          if isinstance(item.widget(), QLabel)
                          and item.widget().buddy() is self.field]
        for caption in self._captions:
            caption.setBuddy(self.show_button)

    @property
    def masked(self) -> bool:
        return self.stand_in.isVisible() or not self.field.isVisibleTo(self)

    def uncover(self) -> None:
        self.stand_in.setVisible(False)
        self.show_button.setVisible(False)
        self.field.setVisible(True)
        for caption in self._captions:
            caption.setBuddy(self.field)


class MaskedFields:
    """Covers ``fields`` (name -> widget, each in one of ``grids``) of ``resident_id``."""

    def __init__(self, mask: ScreenMask, resident_id: str | None,
                 fields: dict[str, QWidget], grids: dict[str, QGridLayout]) -> None:
        self.mask = mask
        self.resident_id = resident_id
        self.covers: dict[str, MaskedField] = {}
        if resident_id is None or not mask.masks(resident_id):
            return
        for name in FIELDS:
            field = fields.get(name)
            value = field.text() if field is not None else ""
            masked = mask.text(resident_id, name, value)
            if not value or masked == value:
                continue
            cover = MaskedField(field, masked)
            cover.cover(grids[name])
            cover.show_requested.connect(self.uncover)
            self.covers[name] = cover

    def uncover(self) -> None:
        if self.resident_id is not None:
            self.mask.show([self.resident_id])
        # What the mask now shows in full is uncovered; a volunteer's ID stays covered.
        shown = [cover for name, cover in self.covers.items()
                 if self.mask.text(self.resident_id, name, cover.field.text())
                 == cover.field.text()]
        for cover in shown:
            cover.uncover()
        first = next(iter(shown), None)
        if first is not None:
            first.field.setFocus()
