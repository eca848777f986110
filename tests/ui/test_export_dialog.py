"""The roster's Export… dialog: chosen residents, columns and masking, run on the files lane,
read back with openpyxl; opened from the File menu too."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from desktop.roster.exporting.columns import column_label
from tests.ui.roster_pages import open_roster_page


@pytest.fixture
def demo_ctx(ctx, community):
    from desktop.roster.demo import generate_demo

    generate_demo(ctx.db, residents=300)
    return ctx


@pytest.fixture
def page(qtbot, demo_ctx, runner):
    return open_roster_page(qtbot, demo_ctx, runner)


def _export(qtbot, dialog, runner) -> None:
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        dialog.export_button.click()
    assert runner.wait_idle(30)


def test_exports_the_filter_unmasked_to_xlsx(qtbot, page, runner, tmp_path):
    dialog = page.open_export()
    assert dialog.filtered_radio.isChecked()
    assert str(page.residents.rowCount()) in dialog.filtered_radio.text()
    dialog.mask.setChecked(False)
    dialog.set_columns({"name", "id_number", "phone"})
    target = tmp_path / "all.xlsx"
    dialog.path_edit.setText(str(target))
    _export(qtbot, dialog, runner)
    assert dialog.summary.rows == page.residents.rowCount()
    ws = openpyxl.load_workbook(target).active
    assert [c.value for c in ws[1]] == [column_label(k) for k in ("name", "id_number", "phone")]
    assert ws.freeze_panes == "A2"
    names = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert names == [row.name for row in page.residents.rows(range(page.residents.rowCount()))]
    assert all(isinstance(r[1], str) for r in ws.iter_rows(min_row=2, values_only=True) if r[1])


def test_exports_the_selection_masked_in_chosen_order(qtbot, page, runner, tmp_path):
    ids = page.residents.ids[:3]
    page.resident_table.select_ids(ids)
    dialog = page.open_export()
    assert dialog.selected_radio.isChecked() and "3" in dialog.selected_radio.text()
    dialog.set_columns({"name", "phone"})
    dialog.columns.setCurrentRow(next(i for i in range(dialog.columns.count())
                                      if dialog.columns.item(i).text() == column_label("phone")))
    for _ in range(dialog.columns.count()):
        dialog.move_current(-1)
    assert dialog.chosen_columns() == ("phone", "name")
    target = tmp_path / "sel.xlsx"
    dialog.path_edit.setText(str(target))
    _export(qtbot, dialog, runner)
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0] == (column_label("phone"), column_label("name"))
    assert len(rows) == 4
    assert all("*" in name for _phone, name in rows[1:] if len(name) > 1)


def test_csv_choice_switches_the_suffix_and_encoding(qtbot, page, runner, tmp_path):
    dialog = page.open_export()
    dialog.path_edit.setText(str(tmp_path / "list.xlsx"))
    assert not dialog.encoding_combo.isEnabled()
    dialog.set_format("csv")
    assert dialog.path_edit.text().endswith("list.csv")
    assert dialog.encoding_combo.isEnabled() and not dialog.per_compound.isEnabled()
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("gbk"))
    _export(qtbot, dialog, runner)
    data = Path(tmp_path / "list.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert column_label("name") in data.decode("gb18030")


def test_no_columns_is_refused(qtbot, page, runner, tmp_path):
    dialog = page.open_export()
    dialog.set_columns(set())
    dialog.path_edit.setText(str(tmp_path / "x.xlsx"))
    dialog.export_button.click()
    assert dialog.message.text()
    assert dialog.task is None and not (tmp_path / "x.xlsx").exists()
    dialog.reject()


def test_error_is_shown_and_the_dialog_stays(qtbot, page, runner, shown_errors, tmp_path):
    dialog = page.open_export()
    dialog.path_edit.setText(str(tmp_path / "missing" / "x.xlsx"))
    dialog.export_button.click()
    assert runner.wait_idle(30)
    assert shown_errors and "does not exist" in shown_errors[-1][0]
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    dialog.reject()


def test_file_menu_opens_it_and_the_status_bar_confirms(qtbot, window, runner, tmp_path):
    from desktop.roster.demo import generate_demo

    generate_demo(window.ctx.db, residents=50)
    window.actions_.export_roster.trigger()
    page = window.page("roster")
    qtbot.waitUntil(lambda: page.counts is not None, timeout=30000)
    dialog = page.export_dialog
    assert dialog.isVisible()
    target = tmp_path / "menu.xlsx"
    dialog.path_edit.setText(str(target))
    _export(qtbot, dialog, runner)
    assert target.exists()
    assert str(target) in window.statusBar().currentMessage()


def test_context_menu_offers_export(page):
    texts = [a.text() for a in page.resident_menu().actions()]
    assert any("Export" in t for t in texts)


def test_screenshot_zh_hans(qtbot, demo_ctx, runner, tmp_path):
    from PySide6.QtWidgets import QApplication

    from desktop.core.i18n import set_language
    from desktop.core.paths import resources_dir
    from desktop.roster.views import ResidentFilter, SortSpec
    from desktop.ui.fonts import apply_fonts
    from desktop.ui.roster.export_dialog import ExportDialog

    set_language("zh_Hans")
    apply_fonts(QApplication.instance(), "zh_Hans", resources_dir() / "fonts")
    dialog = ExportDialog(demo_ctx, runner, selected_ids=["a", "b"], shown_ids=["a"] * 1234,
                          resident_filter=ResidentFilter(), sort=SortSpec())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.adjustSize()
    qtbot.wait(50)
    out = Path("/tmp/shots")
    out.mkdir(exist_ok=True)
    assert dialog.grab().save(str(out / "export_dialog.png"))
    hint = dialog.mask.sizeHint().width()
    assert dialog.mask.width() >= hint  # the longest line is not clipped
    assert dialog.columns.item(0).checkState() == Qt.CheckState.Checked
