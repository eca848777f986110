"""The owner register tab: per compound and building, the dwellings, owners (distinct persons),
total exclusive area, gaps (no owner, no area) and the developer's units; the gap dwellings in
walking order, each opening its "Owners and areas" dialog; owners likely recorded twice; and
importing the property company's owners' list.

Reads go through the register's services (``reads``); every write through the window's one
write path. The votes page holds this tab: ``OwnerRegisterTab(ctx, runner, parent)``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _, ngettext
from desktop.roster.owners.register import Counts, GapDwelling, RegisterSummary
from desktop.ui.operations import Operations
from desktop.ui.roster.owners import reads
from desktop.ui.roster.owners.dwelling_dialog import DwellingOwnersDialog
from desktop.ui.widgets.flow import FlowLayout

TABLES = {"dwelling", "dwelling_owner", "resident", "building", "compound"}
_NUMBERS = range(1, 7)
_SHOWN_ADDRESSES = 3  # a person owning twenty flats is named with three of them


def gap_text(gap: GapDwelling) -> str:
    problems = [text for flag, text in ((gap.no_owner, _("no owner")),
                                        (gap.no_area, _("no exclusive area"))) if flag]
    return _("{address}: {problems}").format(address=gap.compound + gap.address,
                                             problems=_("; ").join(problems))


class OwnerRegisterTab(QWidget):
    def __init__(self, ctx, runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ownerRegisterTab")
        self._ctx, self._runner = ctx, runner
        self.summary: RegisterSummary | None = None
        self.dialog: DwellingOwnersDialog | None = None
        self.last_import = None

        self.totals = QLabel()
        self.totals.setObjectName("registerTotals")
        self.totals.setWordWrap(True)
        buttons = QWidget()
        flow = FlowLayout(buttons)
        self.open_button = QPushButton(_("&Owners and areas…"))
        self.import_button = QPushButton(_("&Import owners' list…"))
        self.open_button.clicked.connect(lambda: self.open_gap())
        self.import_button.clicked.connect(lambda: self.choose_import())
        flow.addWidget(self.open_button)
        flow.addWidget(self.import_button)

        self.tree = QTreeWidget()
        self.tree.setObjectName("registerTree")
        self.tree.setHeaderLabels([_("Compound / building"), _("Dwellings"), _("Owners"),
                                   _("Exclusive area (m²)"), _("No owner"), _("No area"),
                                   _("Developer-held")])
        self.tree.setAccessibleName(_("Owner register by building"))
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        # Names as long as they are (the tree scrolls sideways): on the Owners' votes page
        # the tab has about 660 px at 910×512, and a stretched column was cut to "Co…".
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in _NUMBERS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_a: self._fill_gaps())

        self.gaps_label = QLabel()
        self.gaps_label.setWordWrap(True)
        self.gaps = QListWidget()
        self.gaps.setObjectName("gaps")
        self.gaps.setAccessibleName(_("Dwellings with gaps"))
        self.gaps.setWordWrap(True)  # a long compound name wraps rather than scrolls away
        self.gaps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.gaps.itemActivated.connect(lambda item: self.open_gap(item))
        self.gaps_label.setBuddy(self.gaps)
        self.same_label = QLabel(_("Likely the same person:"))
        self.same = QListWidget()
        self.same.setObjectName("samePerson")
        self.same.setWordWrap(True)
        self.same.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.gaps_label)
        column.addWidget(self.gaps, 2)
        column.addWidget(self.same_label)
        column.addWidget(self.same, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 300])  # the figures need the room; the lists wrap
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals)
        layout.addWidget(buttons)
        layout.addWidget(splitter, 1)

    # -- reading ---------------------------------------------------------------------------

    def refresh(self, changes=None) -> None:
        if changes is None or changes.tables & TABLES:
            self.load()

    def load(self) -> None:
        chosen = self._current_scope()
        self.summary = summary = reads.summary(self._ctx.db)
        t = summary.totals
        self.totals.setText(_(
            "Dwellings: {dwellings} · owners: {owners} · exclusive area: {area} m² · "
            "with gaps: {gaps}").format(
            dwellings=t.dwellings, owners=t.owners, area=f"{t.exclusive_area:,.2f}",
            gaps=t.gaps) if t.dwellings else _(
            "No dwellings yet: add places on the roster page, or import an owners' list."))
        self.tree.clear()
        current = None
        for compound in summary.compounds:
            top = self._row(self.tree, compound.name, compound.counts, ("compound",
                                                                       compound.compound_id))
            for building in compound.buildings:
                item = self._row(top, building.name, building.counts,
                                 ("building", building.building_id))
                if chosen == ("building", building.building_id):
                    current = item
            top.setExpanded(len(summary.compounds) == 1)
            if chosen == ("compound", compound.compound_id):
                current = top
        self.tree.setCurrentItem(current)
        self._fill_gaps()
        self.same.clear()
        for person in summary.same_person:
            what = (_("same ID number") if person.kind == "id_number" else _("same phone"))
            addresses = "、".join(person.addresses[:_SHOWN_ADDRESSES])
            more = len(person.addresses) - _SHOWN_ADDRESSES
            if more > 0:
                addresses = ngettext("{addresses} and {count} more",
                                     "{addresses} and {count} more", more).format(
                    addresses=addresses, count=more)
            self.same.addItem(_("{names} ({what}): {addresses}").format(
                names="、".join(person.names), what=what, addresses=addresses))
        self.same_label.setVisible(bool(summary.same_person))
        self.same.setVisible(bool(summary.same_person))

    def _row(self, parent, name: str, counts: Counts, key) -> QTreeWidgetItem:
        values = [name, str(counts.dwellings), str(counts.owners),
                  f"{counts.exclusive_area:,.2f}", str(counts.no_owner), str(counts.no_area),
                  str(counts.developer_held)]
        item = QTreeWidgetItem(parent, values)
        item.setData(0, Qt.ItemDataRole.UserRole, key)
        for column in _NUMBERS:
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight
                                  | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _current_scope(self):
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def shown_gaps(self) -> list[GapDwelling]:
        if self.summary is None:
            return []
        scope = self._current_scope()
        gaps = list(self.summary.gaps)
        if scope is None:
            return gaps
        if scope[0] == "building":
            return [g for g in gaps if g.building_id == scope[1]]
        buildings = {b.building_id for c in self.summary.compounds if c.compound_id == scope[1]
                     for b in c.buildings}
        return [g for g in gaps if g.building_id in buildings]

    def _fill_gaps(self) -> None:
        gaps = self.shown_gaps()
        self.gaps.clear()
        for gap in gaps:
            item = QListWidgetItem(gap_text(gap))
            item.setData(Qt.ItemDataRole.UserRole, gap.dwelling_id)
            self.gaps.addItem(item)
        self.gaps_label.setText(ngettext(
            "&{count} dwelling with gaps (walking order):",
            "&{count} dwellings with gaps (walking order):", len(gaps)).format(
            count=len(gaps)) if gaps else _("No gaps: every dwelling has an owner and an area."))
        self.gaps.setVisible(bool(gaps))
        self.open_button.setEnabled(bool(gaps))
        if gaps:
            self.gaps.setCurrentRow(0)

    # -- acting ----------------------------------------------------------------------------

    def open_gap(self, item: QListWidgetItem | None = None) -> DwellingOwnersDialog | None:
        item = item or self.gaps.currentItem()
        if item is None:
            return None
        return self.open_dwelling(item.data(Qt.ItemDataRole.UserRole))

    def open_dwelling(self, dwelling_id: str) -> DwellingOwnersDialog:
        dialog = DwellingOwnersDialog(self._ctx, self._runner, dwelling_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import owners' list"), "",
            _("Spreadsheets (*.xlsx *.xls *.csv)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path):
        """Import an owners' list (one write, undone from the roster's import history)."""
        from desktop.roster.owners.import_rows import read_owner_rows
        from desktop.roster.owners.importing import apply_owner_import

        ctx = self._ctx

        def work(task_ctx):
            rows = read_owner_rows(path, ctx=task_ctx)
            result = apply_owner_import(ctx.db, rows, operator=ctx.operator,
                                        file_name=path.name, ctx=task_ctx)
            return result, None  # places, owners and areas: let every page look again

        return Operations.of(self._runner).run(
            work, title=_("Importing {file}…").format(file=path.name), parent=self,
            on_done=lambda result, _changes: self._imported(result))

    def _imported(self, outcome) -> None:
        from desktop.ui.roster.owners.import_report import show_import_report

        self.last_import = outcome
        show_import_report(self, *outcome)
