"""First-run setup: refuses empty answers with a message under the field; saves valid ones."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.roster.community import current_community
from desktop.ui.shell.status_info import load_status


def make_dialog(qtbot, ctx):
    from desktop.ui.setup.dialog import SetupDialog

    dialog = SetupDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_empty_names_are_refused_with_a_message_under_each_field(qtbot, ctx):
    dialog = make_dialog(qtbot, ctx)
    for edit in dialog.edits.values():
        edit.clear()
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    for field in ("community_name", "device_name", "operator"):
        assert dialog.problems[field].isVisible(), field
        assert dialog.problems[field].text()
    assert "community" in dialog.problems["community_name"].text().lower()
    assert not dialog.problems["issuing_body"].isVisible()  # optional: the name is used
    assert dialog.focusWidget() is dialog.edits["community_name"]
    with ctx.db.reading() as session:
        assert current_community(session) is None


def test_typing_clears_the_message(qtbot, ctx):
    dialog = make_dialog(qtbot, ctx)
    dialog.edits["community_name"].clear()
    dialog.accept()
    assert dialog.problems["community_name"].isVisible()
    qtbot.keyClicks(dialog.edits["community_name"], "Cuiyuan")
    assert not dialog.problems["community_name"].isVisible()


def test_whitespace_only_is_refused(qtbot, ctx):
    dialog = make_dialog(qtbot, ctx)
    dialog.edits["community_name"].setText("   ")
    dialog.edits["device_name"].setText("pc1")
    dialog.edits["operator"].setText("Wang")
    dialog.accept()
    assert dialog.problems["community_name"].isVisible()
    assert not dialog.problems["operator"].isVisible()


def test_a_valid_setup_is_saved_in_the_database_and_settings(qtbot, ctx, data_dir):
    dialog = make_dialog(qtbot, ctx)
    dialog.edits["community_name"].setText("翠苑一区社区")
    dialog.edits["issuing_body"].setText("翠苑一区社区居民委员会")
    dialog.edits["device_name"].setText("社区办公室1")
    dialog.edits["operator"].setText("王小红")
    qtbot.keyClick(dialog.edits["operator"], Qt.Key.Key_Return)  # Enter = Start
    assert dialog.result() == QDialog.DialogCode.Accepted
    with ctx.db.reading() as session:
        community = current_community(session)
    assert community is not None and community.id == dialog.community_id
    assert community.name == "翠苑一区社区"
    assert community.issuing_body == "翠苑一区社区居民委员会"
    saved = json.loads(data_dir.settings_file.read_text(encoding="utf-8"))
    assert saved["options"]["operator"] == "王小红"
    info = load_status(ctx)
    assert info.device_name == "社区办公室1" and info.operator == "王小红"


def test_escape_cancels(qtbot, ctx):
    dialog = make_dialog(qtbot, ctx)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    with ctx.db.reading() as session:
        assert current_community(session) is None


def test_tab_order_follows_the_form(qtbot, ctx):
    from desktop.ui.setup.dialog import FIELDS

    dialog = make_dialog(qtbot, ctx)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.edits[FIELDS[0]])
    visited = [dialog.focusWidget()]
    for _ in range(len(FIELDS) + 1):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        visited.append(dialog.focusWidget())
    assert visited == [dialog.edits[name] for name in FIELDS] + [
        dialog.ok_button, dialog.buttons.button(dialog.buttons.StandardButton.Cancel)]


def test_a_laptop_starts_from_the_office_bundle_without_a_community_of_its_own(qtbot, ctx,
                                                                                tmp_path):
    from sqlalchemy import func, select

    from desktop.core.paths import DataDir
    from desktop.roster.demo import generate_demo
    from desktop.roster.models import Building, Community, Resident
    from desktop.storage.lifecycle import open_database
    from desktop.sync.transfer import ExportRequest, export_bundle

    office = open_database(DataDir(tmp_path / "office").prepare(), device_name="社区办公室")
    generate_demo(office, residents=200)
    with office.reading() as session:
        building = session.execute(select(Building.id).limit(1)).scalar()
        office_community = current_community(session)
    bundle = export_bundle(office, ExportRequest(tmp_path / "for-laptop.linli", "冬季入户走访口令2026",
                                                 scope={"buildings": [building]})).path
    office.close()

    dialog = make_dialog(qtbot, ctx)
    dialog.edits["community_name"].clear()  # not needed: it comes from the bundle
    dialog.edits["device_name"].setText("志愿者笔记本")
    dialog.edits["operator"].setText("李志愿者")
    assert dialog.start_from_bundle(bundle, "冬季入户走访口令2026")
    assert dialog.result() == QDialog.DialogCode.Accepted
    with ctx.db.reading() as session:
        assert session.execute(select(func.count()).select_from(Community)).scalar() == 1
        assert current_community(session).id == office_community.id
        assert session.execute(select(func.count()).select_from(Resident)).scalar() > 0
    assert ctx.db.refresh_identity().name == "志愿者笔记本"
    assert load_status(ctx).has_community


def test_a_wrong_passphrase_leaves_the_setup_open_and_the_database_empty(qtbot, ctx, tmp_path,
                                                                         monkeypatch):
    from desktop.core.paths import DataDir
    from desktop.roster.demo import generate_demo
    from desktop.storage.lifecycle import open_database
    from desktop.sync.transfer import ExportRequest, export_bundle
    from desktop.ui.setup import dialog as setup_dialog

    office = open_database(DataDir(tmp_path / "office").prepare(), device_name="office")
    generate_demo(office, residents=20)
    bundle = export_bundle(office, ExportRequest(tmp_path / "b.linli", "right-passphrase")).path
    office.close()
    shown = []
    monkeypatch.setattr(setup_dialog, "show_error", lambda _p, message, *a, **k:
                        shown.append(message))
    dialog = make_dialog(qtbot, ctx)
    dialog.edits["device_name"].setText("志愿者笔记本")
    dialog.edits["operator"].setText("李志愿者")
    assert not dialog.start_from_bundle(bundle, "wrong-passphrase")
    assert dialog.isVisible() and "passphrase" in shown[0]
    with ctx.db.reading() as session:
        assert current_community(session) is None
    assert ctx.db.refresh_identity().name == "test-pc"  # the device's name as it was


def office_bundle(tmp_path, passphrase="right-passphrase"):
    from desktop.core.paths import DataDir
    from desktop.roster.demo import generate_demo
    from desktop.storage.lifecycle import open_database
    from desktop.sync.transfer import ExportRequest, export_bundle

    office = open_database(DataDir(tmp_path / "office").prepare(), device_name="office")
    try:
        generate_demo(office, residents=20)
        return export_bundle(office, ExportRequest(tmp_path / "b.linli", passphrase)).path
    finally:
        office.close()


class Asked(list):
    """Stands in for the file, passphrase and trust dialogs, and records what was asked."""


def answer_the_bundle_dialogs(monkeypatch, path, trust, passphrases=("right-passphrase",)):
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

    asked = Asked()
    typed = list(passphrases)

    def file(*_a, **_k):
        asked.append("file")
        return str(path), ""

    def text(*_a, **_k):
        asked.append("passphrase")
        return (typed.pop(0), True) if typed else ("", False)

    def question(*_a, **_k):
        asked.append("trust")
        return QMessageBox.StandardButton.Yes if trust else QMessageBox.StandardButton.No

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(file))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(text))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_the_names_are_checked_before_the_bundle_is_asked_for(qtbot, ctx, tmp_path, monkeypatch):
    asked = answer_the_bundle_dialogs(monkeypatch, tmp_path / "b.linli", trust=True)
    dialog = make_dialog(qtbot, ctx)
    dialog.edits["device_name"].setText("志愿者笔记本")
    dialog.edits["operator"].clear()
    dialog.choose_bundle()
    assert asked == []  # not the file, the passphrase nor the trust question
    assert dialog.problems["operator"].isVisible()
    assert not dialog.problems["community_name"].isVisible()  # it comes from the bundle


def test_not_trusting_the_bundle_says_what_happens(qtbot, ctx, tmp_path, monkeypatch):
    from desktop.ui.setup import dialog as setup_dialog

    bundle = office_bundle(tmp_path)
    asked = answer_the_bundle_dialogs(monkeypatch, bundle, trust=False)
    warned = []
    monkeypatch.setattr(setup_dialog, "show_warning", lambda _p, message, *a, **k:
                        warned.append(message))
    dialog = make_dialog(qtbot, ctx)
    dialog.edits["device_name"].setText("志愿者笔记本")
    dialog.edits["operator"].setText("李志愿者")
    dialog.choose_bundle()
    assert asked == ["file", "passphrase", "trust"]
    assert len(warned) == 1 and "Nothing was imported" in warned[0]
    assert "fingerprint" in warned[0]  # and how to go on
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    with ctx.db.reading() as session:
        assert current_community(session) is None


def test_trusting_the_bundle_finishes_the_setup(qtbot, ctx, tmp_path, monkeypatch):
    bundle = office_bundle(tmp_path)
    answer_the_bundle_dialogs(monkeypatch, bundle, trust=True)
    dialog = make_dialog(qtbot, ctx)
    dialog.edits["device_name"].setText("志愿者笔记本")
    dialog.edits["operator"].setText("李志愿者")
    dialog.choose_bundle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert load_status(ctx).has_community


def test_a_mistyped_passphrase_asks_only_for_the_passphrase_again(qtbot, ctx, tmp_path,
                                                                  monkeypatch):
    bundle = office_bundle(tmp_path)
    asked = answer_the_bundle_dialogs(monkeypatch, bundle, trust=True,
                                      passphrases=("right-passphrasf", "right-passphrase"))
    dialog = make_dialog(qtbot, ctx)
    dialog.edits["device_name"].setText("志愿者笔记本")
    dialog.edits["operator"].setText("李志愿者")
    dialog.choose_bundle()
    assert asked == ["file", "passphrase", "trust", "passphrase"]
    assert dialog.result() == QDialog.DialogCode.Accepted
