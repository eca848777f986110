"""The Import wizard driven as a user would: a real workbook, the mapping page, the preview with
its problem cells, the policy and dry run, the import, Cancel (nothing written) and undo."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from desktop.roster.id_number import check_char
from desktop.roster.models import Resident
from tests.conftest import SHARED_EXTERNAL

SHOTS = Path("/tmp/shots")


def valid_id(first17: str) -> str:
    return first17 + check_char(first17)


ID_A = valid_id("33010619900307123")
ID_B = valid_id("33010619851120002")
ID_C = valid_id("33010620010101101")
BAD_ID = ID_C[:-1] + ("0" if ID_C[-1] != "0" else "1")  # wrong check character


def make_workbook(path: Path, extra_rows: int = 0) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "居民"
    sheet.append(["翠苑一区社区居民花名册"])
    sheet.append(["姓名", "身份证号", "联系电话", "现住地址"])
    sheet.append(["张三", ID_A, "13800001234", "翠苑一区1幢1单元101"])
    sheet.append(["李四", ID_B, 13900005678, "翠苑一区1幢1单元102"])  # phone stored as number
    sheet.append(["王五", BAD_ID, "13700009999", "翠苑一区2幢1单元201"])
    for i in range(extra_rows):
        sheet.append([f"居民{i}", None, None, f"翠苑一区3幢1单元{100 + i % 50}"])
    book.save(path)
    return path


@pytest.fixture
def wizard(qtbot, ctx, community, runner):
    from desktop.ui.roster.importing.wizard import ImportWizard

    dialog = ImportWizard(ctx, runner)
    qtbot.addWidget(dialog)
    dialog.resize(980, 640)
    dialog.show()
    return dialog


def step(wizard, runner, expected_page: int) -> None:
    wizard.next_button.click()
    assert runner.wait_idle(60)
    messages = [p.message.text() for p in (wizard.file_page, wizard.columns_page,
                                            wizard.preview_page, wizard.policy_page)]
    assert wizard.current == expected_page, messages


def to_preview(wizard, runner, path: Path) -> None:
    from desktop.ui.roster.importing.wizard import COLUMNS, PREVIEW

    wizard.file_page.path_edit.setText(str(path))
    step(wizard, runner, COLUMNS)
    step(wizard, runner, PREVIEW)


def names_in_db(ctx) -> set[str]:
    with ctx.db.reading() as session:
        return set(session.execute(select(Resident.name).where(
            Resident.deleted.is_(False))).scalars())


def test_imports_end_to_end_and_undoes(qtbot, wizard, ctx, runner, tmp_path):
    from desktop.ui.roster.importing.preview_model import SEVERITY_ROLE
    from desktop.ui.roster.importing.wizard import COLUMNS, POLICY, PREVIEW, RESULT

    path = make_workbook(tmp_path / "花名册.xlsx")
    wizard.file_page.path_edit.setText(str(path))
    step(wizard, runner, COLUMNS)
    assert "Excel" in wizard.file_page.format_label.text()
    assert wizard.file_page.sheet_combo.currentText() == "居民"
    columns = wizard.columns_page
    assert columns.field_of("身份证号") == "id_number"
    assert columns.field_of("姓名") == "name"
    assert columns.field_of("联系电话") == "phone"
    assert columns.field_of("现住地址") == "address"
    assert "Header on row 2" in columns.layout_label.text()
    assert "row 1 (title)" in columns.layout_label.text()
    assert ID_A in columns.table.item(1, 2).text()

    # A mapping without a name is refused on the page.
    columns.set_field("姓名", None)
    step(wizard, runner, COLUMNS)
    assert "Name" in columns.message.text()
    columns.set_field("姓名", "name")

    step(wizard, runner, PREVIEW)
    preview = wizard.preview_page
    model = preview.model
    assert model.rowCount() == 3
    assert model.headerData(2, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Vertical) \
        == "5"
    bad = model.index(2, 1)
    assert model.data(bad, SEVERITY_ROLE) == "error"
    assert model.data(bad, 3)  # tooltip: the message
    assert model.data(model.index(0, 1), SEVERITY_ROLE) is None
    assert model.data(model.index(1, 2), SEVERITY_ROLE) == "warning"  # phone stored as number
    assert "2 rows ready, 1 with errors" in preview.counts_label.text()
    preview.only_problems.setChecked(True)
    assert model.rowCount() == 2
    preview.only_problems.setChecked(False)

    # New places must be confirmed.
    assert preview.create_places.isVisible()
    step(wizard, runner, PREVIEW)
    assert "Create the missing" in preview.message.text()
    preview.create_places.setChecked(True)
    step(wizard, runner, POLICY)
    policy = wizard.policy_page
    assert policy.policy == "update"
    assert policy.summary_labels["create"].text() == "2"
    assert policy.summary_labels["errors"].text() == "1"

    # The errors workbook, with a reason column.
    errors_path = tmp_path / "errors.xlsx"
    wizard.save_errors(errors_path)
    assert runner.wait_idle(30)
    rows = list(openpyxl.load_workbook(errors_path).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("姓名", "身份证号", "联系电话", "现住地址")
    assert rows[1][0] == "王五" and rows[1][1] == BAD_ID and rows[1][4]

    policy.set_policy("add")
    assert runner.wait_idle(30)
    assert policy.summary_labels["create"].text() == "2"

    with qtbot.waitSignal(wizard.imported, timeout=60000):
        wizard.next_button.click()
    assert runner.wait_idle(30)
    assert wizard.current == RESULT
    assert wizard.result.created == 2 and wizard.result.errors == 1
    assert {"张三", "李四"} <= names_in_db(ctx) and "王五" not in names_in_db(ctx)
    assert wizard.result_page.save_errors.isVisibleTo(wizard)
    assert wizard.close_button.text() == "Close"
    counts = {key: label.text() for key, label in wizard.result_page.counts.values.items()}
    assert counts == {"created": "2", "updated": "0", "unchanged": "0", "skipped": "0",
                      "errors": "1", "compounds": "1", "buildings": "1", "dwellings": "2",
                      "households": "2"}

    with qtbot.waitSignal(wizard.undone, timeout=60000):
        wizard.result_page.undo_button.click()
    assert runner.wait_idle(30)
    assert not ({"张三", "李四"} & names_in_db(ctx))
    assert not wizard.result_page.undo_button.isEnabled()
    assert not wizard.result_page.counts.isVisibleTo(wizard)  # the counts were undone
    assert "records it added were removed" in wizard.result_page.summary.text()


def test_fixing_a_cell_in_the_preview_checks_again(qtbot, wizard, ctx, runner, tmp_path):
    from desktop.ui.roster.importing.preview_model import SEVERITY_ROLE

    to_preview(wizard, runner, make_workbook(tmp_path / "fix.xlsx"))
    model = wizard.preview_page.model
    bad = model.index(2, 1)
    assert model.data(bad, SEVERITY_ROLE) == "error"
    assert model.setData(bad, ID_C)
    assert runner.wait_idle(30)
    assert model.data(model.index(2, 1), SEVERITY_ROLE) is None
    assert "3 rows ready, 0 with errors" in wizard.preview_page.counts_label.text()
    assert wizard.sheet.rows[wizard.read.source_index[2]][1] == ID_C


def test_cancel_mid_import_writes_nothing(qtbot, wizard, ctx, runner, tmp_path):
    from desktop.ui.roster.importing.wizard import POLICY

    path = make_workbook(tmp_path / "big.xlsx", extra_rows=12000)
    to_preview(wizard, runner, path)
    wizard.preview_page.create_places.setChecked(True)
    step(wizard, runner, POLICY)
    before = ctx.data_dir.database.read_bytes()
    task = wizard.next_button.click() or wizard.task
    task.progressed.connect(lambda *_args: task.cancel())  # the first chunk written: Cancel
    assert runner.wait_idle(60)
    assert task.state.value == "cancelled"
    assert wizard.current == POLICY
    assert "cancelled" in wizard.policy_page.message.text()
    assert names_in_db(ctx) == set()
    assert ctx.data_dir.database.read_bytes() == before


def test_unreadable_file_is_said_on_the_page(qtbot, wizard, runner, shown_errors, tmp_path):
    from desktop.ui.roster.importing.wizard import FILE

    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    wizard.file_page.path_edit.setText(str(broken))
    step(wizard, runner, FILE)
    assert "broken.xlsx" in wizard.file_page.message.text()
    assert not shown_errors
    wizard.file_page.path_edit.setText(str(tmp_path / "missing.csv"))
    step(wizard, runner, FILE)
    assert "missing.csv" in wizard.file_page.message.text()


def test_gbk_csv_with_encoding_override(qtbot, wizard, ctx, runner, tmp_path):
    from desktop.ui.roster.importing.wizard import COLUMNS

    path = tmp_path / "gbk.csv"
    path.write_bytes(f"姓名,身份证号,联系电话\r\n张三,{ID_A},13800001234\r\n".encode("gbk"))
    wizard.file_page.path_edit.setText(str(path))
    step(wizard, runner, COLUMNS)
    assert "GB" in wizard.file_page.format_label.text().upper()
    assert wizard.columns_page.field_of("姓名") == "name"
    wizard.go_back()
    wizard.file_page.encoding_combo.setCurrentIndex(
        wizard.file_page.encoding_combo.findData("gbk"))
    step(wizard, runner, COLUMNS)
    assert wizard.columns_page.field_of("身份证号") == "id_number"


def test_mapping_is_remembered_per_header_set(qtbot, ctx, community, runner, tmp_path):
    from desktop.ui.roster.importing.wizard import COLUMNS, PREVIEW, ImportWizard

    path = make_workbook(tmp_path / "m.xlsx")
    first = ImportWizard(ctx, runner)
    qtbot.addWidget(first)
    first.file_page.path_edit.setText(str(path))
    step(first, runner, COLUMNS)
    first.columns_page.set_field("联系电话", "phone2")
    step(first, runner, PREVIEW)
    second = ImportWizard(ctx, runner)
    qtbot.addWidget(second)
    second.file_page.path_edit.setText(str(path))
    step(second, runner, COLUMNS)
    assert second.columns_page.field_of("联系电话") == "phone2"


@pytest.mark.skipif(not SHARED_EXTERNAL.is_dir(), reason="shared/external is not here")
def test_cortana_export_sample(qtbot, wizard, ctx, runner):
    from desktop.ui.roster.importing.wizard import POLICY, RESULT

    to_preview(wizard, runner, SHARED_EXTERNAL / "cortana-grid_person_export_sample.xlsx")
    assert wizard.columns_page.field_of("身份证号") == "id_number"
    assert wizard.columns_page.field_of("所属网格") is None
    if wizard.preview_page.create_places.isVisible():
        wizard.preview_page.create_places.setChecked(True)
    step(wizard, runner, POLICY)
    with qtbot.waitSignal(wizard.imported, timeout=60000):
        wizard.next_button.click()
    assert runner.wait_idle(30)
    assert wizard.current == RESULT
    assert wizard.result.created + wizard.result.errors == 1


def test_file_menu_imports_and_the_roster_reloads(qtbot, window, runner, tmp_path):
    from desktop.ui.roster.importing.wizard import POLICY

    assert window.actions_.import_roster.shortcut().toString() == "Ctrl+I"
    window.actions_.import_roster.trigger()
    page = window.page("roster")
    wizard = page.import_wizard
    assert wizard.isVisible()
    to_preview(wizard, runner, make_workbook(tmp_path / "menu.xlsx"))
    wizard.preview_page.create_places.setChecked(True)
    step(wizard, runner, POLICY)
    with qtbot.waitSignal(wizard.imported, timeout=60000):
        wizard.next_button.click()
    qtbot.waitUntil(lambda: not runner.active and page.residents.rowCount() == 2,
                    timeout=30000)
    assert "menu.xlsx" in window.statusBar().currentMessage()

    window.actions_.import_history.trigger()
    history = page.import_history_dialog
    qtbot.waitUntil(lambda: not runner.active and history.table.rowCount() == 1,
                    timeout=30000)
    assert history.undo_button.isEnabled()
    history.undo_button.click()
    # Not runner.wait_idle alone: it can return between the history's reload and the roster
    # page's reloads that the undo starts.
    qtbot.waitUntil(lambda: not runner.active and page.residents.rowCount() == 0,
                    timeout=30000)
    assert history.table.item(0, 5).text()  # undone at
    assert not history.undo_button.isEnabled()
    history.reject()
    wizard.reject()


def test_screenshots_zh_hans(qtbot, ctx, community, runner, tmp_path):
    from PySide6.QtWidgets import QApplication

    from desktop.core.i18n import set_language
    from desktop.core.paths import resources_dir
    from desktop.ui.fonts import apply_fonts
    from desktop.ui.roster.importing.wizard import COLUMNS, POLICY, ImportWizard

    set_language("zh_Hans")
    apply_fonts(QApplication.instance(), "zh_Hans", resources_dir() / "fonts")
    wizard = ImportWizard(ctx, runner)
    qtbot.addWidget(wizard)
    wizard.resize(980, 640)
    wizard.show()
    SHOTS.mkdir(exist_ok=True)
    wizard.file_page.path_edit.setText(str(make_workbook(tmp_path / "花名册.xlsx")))
    step(wizard, runner, COLUMNS)
    wizard.go_back()
    qtbot.wait(50)
    assert wizard.grab().save(str(SHOTS / "import_file.png"))
    step(wizard, runner, COLUMNS)
    qtbot.wait(50)
    assert wizard.grab().save(str(SHOTS / "import_mapping.png"))
    combo = wizard.columns_page.combos[0]
    assert combo.width() >= combo.sizeHint().width() - 2  # the field names are not clipped
    wizard.next_button.click()
    assert runner.wait_idle(60)
    qtbot.wait(50)
    assert wizard.grab().save(str(SHOTS / "import_preview.png"))
    wizard.preview_page.create_places.setChecked(True)
    step(wizard, runner, POLICY)
    qtbot.wait(50)
    assert wizard.grab().save(str(SHOTS / "import_summary.png"))
    with qtbot.waitSignal(wizard.imported, timeout=60000):
        wizard.next_button.click()
    assert runner.wait_idle(30)
    qtbot.wait(50)
    assert wizard.grab().save(str(SHOTS / "import_result.png"))


def test_preview_of_100000_rows_is_lazy(qtbot):
    import time

    from PySide6.QtWidgets import QTableView

    from desktop.roster.importing.rows import Problem, ReadRows
    from desktop.spreadsheets.sources import SourceSheet
    from desktop.ui.roster.importing.preview_model import SEVERITY_ROLE, PreviewModel

    count = 100_000
    sheet = SourceSheet("big", [["姓名", "电话"]] + [[f"居民{i}", f"138{i:08d}"]
                                                   for i in range(count)],
                        list(range(1, count + 2)))
    read = ReadRows(["姓名", "电话"], ["name", "phone"], list(range(1, count + 1)),
                    list(range(2, count + 2)))
    read.problems_by_row = {pos: [Problem(pos + 2, "电话", "phone", "error", "bad", "bad")]
                            for pos in range(0, count, 1000)}

    class Counting(PreviewModel):
        calls = 0

        def data(self, index, role=0):
            Counting.calls += 1
            return super().data(index, role)

    model = Counting()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 500)
    view.show()
    start = time.perf_counter()
    model.set_data(sheet, read, None)
    view.scrollToBottom()
    view.viewport().repaint()
    assert time.perf_counter() - start < 1.0
    assert model.rowCount() == count and Counting.calls < 20_000
    assert model.data(model.index(count - 1000, 1), SEVERITY_ROLE) == "error"
    assert model.counts() == (count - 100, 100, 0)
    model.set_only_problems(True)
    assert model.rowCount() == 100
