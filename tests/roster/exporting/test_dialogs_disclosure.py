"""The Export… and Print… dialogs say what masking does and follow the same disclosure rule as
the command line: with masking on by default and the birth date ticked, the file holds the
year only; the left-out columns cannot be ticked; a staff-only printout prints ID numbers."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest

from desktop.core.tasks import TaskContext
from desktop.roster.exporting.columns import DEFAULT_COLUMNS
from desktop.roster.exporting.disclosure import masking_rule
from desktop.roster.models import Resident
from tests.printing import pdftools
from tests.ui.conftest import community, ctx, runner, shown_errors  # noqa: F401 (fixtures)

from .conftest import living

_ID = re.compile(r"(?<!\d)\d{17}[\dX](?!\d)")


@pytest.fixture
def demo_ctx(ctx, community):  # noqa: F811
    from desktop.roster.demo import generate_demo

    generate_demo(ctx.db, residents=60)
    return ctx


def _ids(db) -> list[str]:
    return [p.id for p in living(db) if p.id_number and p.birth_date][:10]


def _disabled(checklist, key) -> bool:
    from PySide6.QtCore import Qt

    from desktop.ui.widgets.checklist import KEY_ROLE

    item = next(i for i in checklist.entries() if i.data(KEY_ROLE) == key)
    return not (item.flags() & Qt.ItemFlag.ItemIsEnabled)


def test_export_dialog_defaults_write_the_year(qtbot, demo_ctx, runner, tmp_path):  # noqa: F811
    from desktop.roster.views import ResidentFilter, SortSpec
    from desktop.ui.roster.export_dialog import ExportDialog

    ids = _ids(demo_ctx.db)
    dialog = ExportDialog(demo_ctx, runner, selected_ids=ids, shown_ids=ids,
                          resident_filter=ResidentFilter(), sort=SortSpec())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.mask.isChecked() and "birth_date" in dialog.chosen_columns()
    assert dialog.mask_rule.isVisible() and dialog.mask_rule.text() == masking_rule()
    assert "only the year" in dialog.mask_rule.text()
    assert _disabled(dialog.columns, "notes") and _disabled(dialog.columns, "hukou_address")
    dialog.mask.setChecked(False)
    assert not dialog.mask_rule.isVisible() and not _disabled(dialog.columns, "notes")
    dialog.set_columns({"notes"})
    dialog.mask.setChecked(True)  # the only column chosen is one a masked export leaves out
    dialog.path_edit.setText(str(tmp_path / "notes.xlsx"))
    assert dialog.start() is None and dialog.message.text() == "Choose at least one column."
    dialog.set_columns(DEFAULT_COLUMNS)
    target = tmp_path / "dialog.xlsx"
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        dialog.export_button.click()
    assert runner.wait_idle(30)
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows[0]) == len(DEFAULT_COLUMNS) and "Year of birth" in rows[0]
    with demo_ctx.db.reading() as session:
        born = {r.id_number[-4:]: r.birth_date for r in session.query(Resident).filter(
            Resident.id.in_(ids))}
    id_col = rows[0].index("ID number")
    for row in rows[1:]:
        assert not any(isinstance(v, (dt.date, dt.datetime)) for v in row)
        day = born[row[id_col][-4:]]
        text = " ".join(str(v) for v in row if v is not None)
        assert day.isoformat() not in text and day.strftime("%Y%m%d") not in text


def test_print_dialog_masked_and_full(qtbot, demo_ctx, runner, tmp_path):  # noqa: F811
    from desktop.ui.roster.print_dialog import RosterPrintDialog

    ids = _ids(demo_ctx.db)
    dialog = RosterPrintDialog(demo_ctx, runner, selected_ids=ids, shown_ids=ids)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.full_data.isChecked()
    assert dialog.mask_rule.isVisible() and "only the year" in dialog.mask_rule.text()
    for key in ("id_number", "hukou_address", "notes"):
        assert _disabled(dialog.columns, key)
    dialog.set_columns({"notes"})
    assert dialog._work() == "Choose at least one column."
    dialog.set_columns({"name", "id_number", "birth_date", "notes"})
    masked = dialog._work()(TaskContext())
    text = pdftools.text(pdftools.write(tmp_path, masked, "masked.pdf"))
    assert "Year of birth" in text and not _ID.search(text)
    assert not re.search(r"(19|20)\d\d-\d\d-\d\d", text)

    dialog.full_data.setChecked(True)
    assert not dialog.mask_rule.isVisible() and not _disabled(dialog.columns, "id_number")
    assert "ID numbers" in dialog.full_data.toolTip()
    full = dialog._work()(TaskContext())
    text = pdftools.text(pdftools.write(tmp_path, full, "full.pdf"))
    assert _ID.search(text) and "Internal use only — keep confidential" in text
    runner.wait_idle(10)
