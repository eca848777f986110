"""The Import wizard's last two pages: the policy with the dry run's counts, and the result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import N_, _, format_number
from desktop.ui.roster.importing.pages import heading, new_place_count
from desktop.ui.widgets.labels import message_label

POLICY_TEXTS = (
    ("add", N_("Add new residents only"),
     N_("Every row becomes a new resident; a row whose ID number is already on the roster is "
        "an error.")),
    ("update", N_("Update residents that match, add the rest"),
     N_("A row matching a resident by ID number (else by name and address) fills in the "
        "fields the file gives; empty cells never clear anything.")),
    ("skip", N_("Skip residents that match, add the rest"),
     N_("Residents already on the roster are left as they are.")),
)


class CountsBox(QGroupBox):
    """A titled column of counts: a label and a right-aligned number per row."""

    def __init__(self, title: str, rows: Sequence[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        grid = QGridLayout(self)
        self.values: dict[str, QLabel] = {}
        for row, (key, text) in enumerate(rows):
            value = QLabel("—")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(QLabel(text), row, 0)
            grid.addWidget(value, row, 1)
            self.values[key] = value
        # Numbers beside their labels, not across a wide window from them.
        grid.setHorizontalSpacing(32)
        grid.setColumnStretch(2, 1)

    def set_counts(self, counts: Mapping[str, int]) -> None:
        for key, count in counts.items():
            self.values[key].setText(format_number(count))


class PolicyPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QGroupBox(_("Residents already on the roster"))
        grid = QVBoxLayout(box)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for key, label, explanation in POLICY_TEXTS:
            radio = QRadioButton(_(label))
            note = QLabel(_(explanation))
            note.setWordWrap(True)
            note.setIndent(24)
            note.setObjectName("hint")
            self.group.addButton(radio)
            self.radios[key] = radio
            grid.addWidget(radio)
            grid.addWidget(note)
        self.radios["update"].setChecked(True)
        self.counts = CountsBox(_("What the import will do"), (
            ("create", _("New residents")), ("update", _("Residents updated")),
            ("unchanged", _("Residents unchanged")), ("skip", _("Rows skipped")),
            ("errors", _("Rows with errors (not imported)")),
            ("places", _("New compounds, buildings and dwellings")),
            ("households", _("New households"))))
        self.summary_labels = self.counts.values
        self.save_errors = QPushButton(_("Save rows with errors…"))
        self.message = message_label()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_errors)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Choose how to import")))
        layout.addWidget(box)
        layout.addWidget(self.counts)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)

    @property
    def policy(self) -> str:
        return next(key for key, radio in self.radios.items() if radio.isChecked())

    def set_policy(self, policy: str) -> None:
        self.radios[policy].setChecked(True)

    def show_plan(self, plan) -> None:
        values = {key: plan.count(key) for key in ("create", "update", "unchanged", "skip")}
        values["errors"] = plan.errors
        values["places"] = new_place_count(plan)
        values["households"] = plan.new_places.households
        self.counts.set_counts(values)
        self.save_errors.setEnabled(plan.errors > 0)


class ResultPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = heading(_("Import finished"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts = CountsBox(_("What the import did"), (
            ("created", _("New residents")), ("updated", _("Residents updated")),
            ("unchanged", _("Residents unchanged")), ("skipped", _("Rows skipped")),
            ("errors", _("Rows with errors (not imported)")),
            ("compounds", _("New compounds")), ("buildings", _("New buildings")),
            ("dwellings", _("New dwellings")), ("households", _("New households"))))
        self.undo_button = QPushButton(_("Undo this import"))
        self.save_errors = QPushButton(_("Save rows with errors…"))
        self.history_button = QPushButton(_("Import history…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.save_errors)
        buttons.addWidget(self.history_button)
        buttons.addStretch(1)
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.counts)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def show_result(self, result, file_name: str) -> None:
        self.summary.setText(_("From {file}").format(file=file_name))
        self.counts.set_counts({
            "created": result.created, "updated": result.updated,
            "unchanged": result.unchanged, "skipped": result.skipped, "errors": result.errors,
            "compounds": result.new_compounds, "buildings": result.new_buildings,
            "dwellings": result.new_dwellings, "households": result.new_households})
        self.counts.setVisible(True)
        self.save_errors.setVisible(result.errors > 0)
        self.undo_button.setEnabled(True)
