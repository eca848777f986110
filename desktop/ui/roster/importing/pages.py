"""The Import wizard's pages as plain widgets; the wizard (``wizard.py``) runs the work and
moves between them. Every page has a ``message`` label for problems found on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import N_, _, format_number, ngettext
from desktop.roster.importing.fields import FIELDS
from desktop.roster.importing.headers import HeaderLayout
from desktop.roster.importing.values import cell_text
from desktop.spreadsheets.sources import SourceFile, SourceSheet
from desktop.ui.roster.importing.preview_model import PreviewModel
from desktop.ui.widgets.file_row import file_row
from desktop.ui.widgets.labels import message_label

FORMAT_NAMES = {"xlsx": N_("Excel workbook (.xlsx)"), "xls": N_("Excel 97–2003 workbook (.xls)"),
                "csv": N_("CSV text"), "html": N_("Web page saved as a workbook (HTML)")}
SKIP_REASONS = {"title": N_("title"), "instruction": N_("instructions"), "blank": N_("blank"),
                "group_header": N_("group header")}
NOT_IMPORTED = "ignore"
SAMPLES = 3


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("wizardHeading")
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.2)
    label.setFont(font)
    return label


class FilePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_("An .xlsx, .xls or .csv file"))
        path_row, self.browse = file_row(self.path_edit)
        self.format_label = QLabel("—")
        self.encoding_combo = QComboBox()
        self.encoding_combo.addItem(_("Detected"), None)
        self.encoding_combo.addItem(_("UTF-8"), "utf-8")
        self.encoding_combo.addItem(_("GBK (older systems)"), "gbk")
        self.encoding_combo.setToolTip(_("If the names in a .csv file look garbled, choose the "
                                         "other encoding."))
        self.sheet_combo = QComboBox()
        self.sheet_combo.setEnabled(False)
        form = QFormLayout()
        form.addRow(_("File"), path_row)
        form.addRow(_("Format"), self.format_label)
        form.addRow(_("Text encoding"), self.encoding_combo)
        form.addRow(_("Sheet"), self.sheet_combo)
        hint = QLabel(_("Residents are read from the sheet's rows. The header row is found "
                        "automatically: title rows above it and instruction rows below it are "
                        "skipped."))
        hint.setWordWrap(True)
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Choose the file to import")))
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def show_source(self, source: SourceFile, sheet: SourceSheet) -> None:
        text = _(FORMAT_NAMES.get(source.format, source.format))
        if source.encoding:
            text = _("{format}, encoding {encoding}").format(format=text,
                                                            encoding=source.encoding.upper())
        self.format_label.setText(text)
        self.encoding_combo.setEnabled(source.format in ("csv", "html"))
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for name in source.sheets:
            self.sheet_combo.addItem(name, name)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(sheet.name)))
        self.sheet_combo.setEnabled(len(source.sheets) > 1)
        self.sheet_combo.blockSignals(False)

    def clear_source(self) -> None:
        self.format_label.setText("—")
        self.sheet_combo.clear()
        self.sheet_combo.setEnabled(False)


class ColumnsPage(QWidget):
    HEADER, FIELD, SAMPLE = 0, 1, 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_label = QLabel()
        self.layout_label.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Column in the file"), _("Imported as"),
                                              _("First values")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.HEADER, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.FIELD, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.SAMPLE, QHeaderView.ResizeMode.Stretch)
        self.combos: list[QComboBox] = []
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Match the columns to the roster's fields")))
        layout.addWidget(self.layout_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def show_columns(self, sheet: SourceSheet, layout: HeaderLayout,
                     mapping: list[str | None]) -> None:
        self.layout_label.setText(describe_layout(sheet, layout))
        self.combos = []
        self.table.setRowCount(len(layout.headers))
        samples = [row for row in sheet.rows[layout.data_start:]
                   if any(cell_text(v) for v in row)][:SAMPLES]
        for col, header in enumerate(layout.headers):
            item = QTableWidgetItem(header or _("Column {number}").format(number=col + 1))
            self.table.setItem(col, self.HEADER, item)
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.addItem(_("(not imported)"), None)
            for f in FIELDS:
                if f.key != NOT_IMPORTED:
                    combo.addItem(_(f.label), f.key)
            key = mapping[col] if col < len(mapping) else None
            combo.setCurrentIndex(max(0, combo.findData(key)) if key != NOT_IMPORTED else 0)
            self.table.setCellWidget(col, self.FIELD, combo)
            self.combos.append(combo)
            values = [cell_text(row[col]) for row in samples if col < len(row)]
            self.table.setItem(col, self.SAMPLE,
                               QTableWidgetItem(" · ".join(v for v in values if v)))
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        wide = self.fontMetrics().horizontalAdvance("0") * 16
        header.resizeSection(self.HEADER, max(header.sectionSize(self.HEADER) + 16, wide))
        combo_width = max((c.sizeHint().width() for c in self.combos), default=0)
        header.resizeSection(self.FIELD, max(combo_width + 8, wide))

    def mapping(self) -> list[str | None]:
        return [combo.currentData() for combo in self.combos]

    def set_field(self, header: str, key: str | None) -> None:
        """Choose ``key`` (None: not imported) for the column headed ``header``."""
        for col in range(self.table.rowCount()):
            if self.table.item(col, self.HEADER).text() == header:
                combo = self.combos[col]
                combo.setCurrentIndex(max(0, combo.findData(key)))
                return
        raise KeyError(header)

    def field_of(self, header: str) -> str | None:
        for col in range(self.table.rowCount()):
            if self.table.item(col, self.HEADER).text() == header:
                return self.combos[col].currentData()
        raise KeyError(header)


def describe_layout(sheet: SourceSheet, layout: HeaderLayout) -> str:
    number = sheet.row_numbers[layout.header_index]
    text = _("Header on row {row}.").format(row=number)
    skipped = [s for s in layout.skipped if s.reason != "blank"]
    if skipped:
        parts = ", ".join(
            _("row {row} ({reason})").format(row=s.row_number, reason=_(SKIP_REASONS.get(
                s.reason, s.reason))) for s in skipped[:6])
        if len(skipped) > 6:
            parts += ", …"
        text += " " + _("Skipped: {rows}.").format(rows=parts)
    return text


class PreviewPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PreviewModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.horizontalHeader().setDefaultSectionSize(120)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setDefaultSectionSize(
            self.view.fontMetrics().height() + 8)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Widths from the first rows only: a 100,000-row file must not be measured in full.
        self.view.horizontalHeader().setResizeContentsPrecision(200)
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.only_problems = QCheckBox(_("Show only rows with problems"))
        self.only_problems.toggled.connect(self._filter_toggled)
        hint = QLabel(_("Double-click a cell to correct it; the rows are checked again. Rows "
                        "that still have errors are not imported."))
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.counts_label, 1)
        top.addWidget(self.only_problems)
        self.places_label = QLabel()
        self.places_label.setWordWrap(True)
        self.create_places = QCheckBox()
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Check the rows")))
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.places_label)
        layout.addWidget(self.create_places)
        layout.addWidget(self.message)

    def show_rows(self, sheet, read, plan, problems=None) -> None:
        keep = self.view.verticalScrollBar().value()
        new_columns = self.model.read is None or self.model.read.columns != read.columns
        self.view.scrollToTop()  # see _filter_toggled
        self.model.set_data(sheet, read, plan, problems)
        if new_columns:
            self.fit_columns()
        self.view.verticalScrollBar().setValue(keep)
        ready, errors, warnings = self.model.counts()
        # Three counts, each with its own plural form (one sentence would say "1 warnings").
        parts = (ngettext("{count} row ready", "{count} rows ready", ready),
                 ngettext("{count} with errors", "{count} with errors", errors),
                 ngettext("{count} warning", "{count} warnings", warnings))
        counts = (ready, errors, warnings)
        self.counts_label.setText(_("{ready}, {errors}, {warnings}.").format(
            **{key: part.format(count=format_number(n))
               for key, part, n in zip(("ready", "errors", "warnings"), parts, counts,
                                       strict=True)}))
        count = new_place_count(plan)
        self.places_label.setVisible(count > 0)
        self.create_places.setVisible(count > 0)
        if count:
            self.places_label.setText(describe_new_places(plan))
            self.create_places.setText(_("Create the missing compounds, buildings and "
                                         "dwellings ({count})").format(
                                             count=format_number(count)))


    def _filter_toggled(self, only: bool) -> None:
        # From the top: resetting a long model while scrolled far down costs seconds in Qt.
        self.view.scrollToTop()
        self.model.set_only_problems(only)

    def fit_columns(self) -> None:
        """Each file column as wide as its first values, within bounds; Problems takes the
        rest."""
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        low, high = metrics.horizontalAdvance("0") * 6, metrics.horizontalAdvance("0") * 30
        for col in range(self.model.problems_column):
            header.resizeSection(col, min(max(header.sectionSize(col) + 12, low), high))


def new_place_count(plan) -> int:
    if plan is None:
        return 0
    new = plan.new_places
    return len(new.compounds) + len(new.buildings) + len(new.dwellings)


def describe_new_places(plan) -> str:
    new = plan.new_places
    text = _("The roster does not have {compounds} compounds, {buildings} buildings and "
             "{dwellings} dwellings these rows live in.").format(
        compounds=format_number(len(new.compounds)), buildings=format_number(len(new.buildings)),
        dwellings=format_number(len(new.dwellings)))
    if new.compounds:
        names = sorted(new.compounds.values())
        shown = "、".join(names[:8]) + ("…" if len(names) > 8 else "")
        text += " " + _("New compounds: {names}.").format(names=shown)
    return text
