"""The 公示公告 page driven as a user would: type → the preview re-renders, save a draft, post and
print (to a PDF file, no dialog) → listed under Posted now with its hash, the expiring filter,
withdraw, the printed PDF shown again; and a screenshot in Simplified Chinese."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from pathlib import Path

import pytest

SHOTS = Path("/tmp/shots")
TITLE = "关于2026年低保复核结果的公示"
BODY = ("经社区审核，现将2026年低保复核结果公示如下：\n"
        "一、复核对象\n"
        "（一）张三明，翠苑一区3幢1单元502，联系电话13812345678。\n"
        "1. 家庭人口3人\n"
        "姓名\t住址\t结果\n张三明\t3幢502\t继续享受\n")


@pytest.fixture
def page(notices_page):
    return notices_page


def fill(page, title=TITLE, body=BODY, phone="0571-88886666") -> None:
    form = page.form
    form.kind.setCurrentIndex(form.kind.findData("disclosure"))
    form.title.setText(title)
    form.body.setPlainText(body)
    form.contact_phone.setText(phone)
    form.objection.setPlainText("如有异议，请于公示期内向社区居委会反映。")


def pdf_printer_to(path: Path):
    from PySide6.QtPrintSupport import QPrinter

    def choose(printer, _count, _parent):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True

    return choose


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_defaults_come_from_the_community(page):
    assert page.form.issuing_body.text() == "翠苑一区社区居民委员会"
    assert page.form.mask.isChecked()
    assert page.form.kind.currentData() == "disclosure"
    assert page.form.posted_from.isEnabled()
    page.form.kind.setCurrentIndex(page.form.kind.findData("notice"))
    assert not page.form.posted_from.isEnabled()
    assert page.form.values()["posted_until"] is None


def test_typing_rerenders_the_preview(qtbot, page, runner):
    fill(page)
    qtbot.waitUntil(lambda: page.preview.page_count > 0, timeout=20000)
    first = page.preview.pdf_bytes
    page.form.title.setText(TITLE + "（第二稿）")
    qtbot.waitUntil(lambda: page.preview.pdf_bytes not in (b"", first), timeout=20000)
    assert runner.wait_idle(30)
    text = page.preview.document.getAllText(0).text()
    assert "第二稿" in text


def test_stale_previews_are_dropped(qtbot, page, runner):
    fill(page)
    page.render_preview()
    stale = page.generation
    page.form.title.setText("新标题")  # a newer generation: the first result is ignored
    assert page.generation > stale
    assert runner.wait_idle(30)
    qtbot.waitUntil(lambda: page.rendered is not None
                    and page.rendered.generation == page.generation, timeout=20000)


def test_masked_names_are_listed(qtbot, page, ctx):
    page.known_names = frozenset({"张三明"})
    fill(page)
    page.schedule_preview(now=True)
    qtbot.waitUntil(lambda: page.masked_list.count() > 0, timeout=20000)
    texts = [page.masked_list.item(i).text() for i in range(page.masked_list.count())]
    assert any("张三明" in t and "张*明" in t for t in texts), texts


def test_missing_fields_are_shown_inline(page, runner, shown_errors):
    page.form.title.clear()
    page.form.body.clear()
    assert page.save_draft() is None
    assert page.message.text()
    assert not shown_errors


def test_save_post_expiring_withdraw(qtbot, page, runner, tmp_path, shown_errors):
    fill(page)
    page.save_draft()
    assert runner.wait_idle(30)
    assert page.notice_id is not None
    assert page.shown_status(page.notice_id) == "Draft"
    page.set_filter("draft")
    assert page.notice_id in page.shown_ids()
    page.set_filter("posted")
    assert page.notice_id not in page.shown_ids()

    printed = tmp_path / "printed.pdf"
    page.choose_printer = pdf_printer_to(printed)
    with qtbot.waitSignal(page.posted, timeout=30000) as posted:
        page.post_and_print()
    record = posted.args[0]
    assert runner.wait_idle(30)
    assert TITLE in pdftotext(printed)
    assert hashlib.sha256(printed.read_bytes()).hexdigest() == record.sha256
    page.set_filter("posted")
    assert page.shown_ids() == [record.notice_id]
    assert page.shown_status(record.notice_id) == "Posted"
    row = page.row_for(record.notice_id)
    assert row.sha256 == record.sha256
    assert page.printed_button.isEnabled()

    # The period ends in a week: not expiring yet; two days before the end it is.
    page.set_filter("expiring")
    assert page.shown_ids() == []
    page.today = lambda: dt.date.today() + dt.timedelta(days=5)
    page.load_list()
    assert runner.wait_idle(30)
    page.set_filter("expiring")
    assert page.shown_ids() == [record.notice_id]
    page.today = dt.date.today

    # The archive gives back the exact bytes printed.
    page.show_printed()
    assert runner.wait_idle(30)
    dialog = page.printed_dialog
    assert dialog.pdf == printed.read_bytes()
    assert record.sha256 in dialog.info.text()
    dialog.close()

    page.confirm = lambda _title, _text: True
    page.withdraw()
    assert runner.wait_idle(30)
    page.set_filter("withdrawn")
    assert page.shown_ids() == [record.notice_id]
    assert not page.post_button.isEnabled()
    assert page.form.title.isReadOnly()
    assert not shown_errors


def test_cancelled_print_posts_nothing(qtbot, page, runner):
    fill(page)
    page.choose_printer = lambda *_args: False
    page.post_and_print()
    assert runner.wait_idle(30)
    assert page.notice_id is None
    assert page.message.text()


def test_save_as_pdf(page, runner, tmp_path):
    fill(page)
    page.ask_pdf_path = lambda _parent, suggested: tmp_path / suggested.name
    page.save_as_pdf()
    assert runner.wait_idle(30)
    assert page.saved_path.exists()
    assert page.saved_path.read_bytes().startswith(b"%PDF-")


def test_window_opens_the_notices_page(window):
    from desktop.ui.notices.page import NoticesPage

    page = window.show_page("notices")
    assert isinstance(page, NoticesPage)


def test_screenshot_zh_hans(qtbot, ctx, community, runner):
    from PySide6.QtWidgets import QApplication

    from desktop.core.i18n import set_language
    from desktop.core.paths import resources_dir
    from desktop.ui.fonts import apply_fonts
    from desktop.ui.notices.page import NoticesPage

    set_language("zh_Hans")
    try:
        apply_fonts(QApplication.instance(), "zh_Hans", resources_dir() / "fonts")
        page = NoticesPage(ctx, runner)
        qtbot.addWidget(page)
        page.resize(1000, 720)
        page.show()
        page.activated()
        assert runner.wait_idle(30)
        page.known_names = frozenset({"张三明"})
        fill(page)
        page.save_draft()
        assert runner.wait_idle(30)
        page.schedule_preview(now=True)
        qtbot.waitUntil(lambda: page.preview.page_count > 0, timeout=20000)
        assert runner.wait_idle(30)
        qtbot.wait(100)
        SHOTS.mkdir(exist_ok=True)
        assert page.grab().save(str(SHOTS / "notices_page.png"))
    finally:
        set_language("en")


def test_switching_notices_asks_before_dropping_edits(qtbot, page, runner):
    fill(page, title="第一份")
    page.save_draft()
    assert runner.wait_idle(30)
    first = page.notice_id
    asked = []
    page.confirm = lambda _title, _text: asked.append(1) or False
    page.new_notice()  # nothing unsaved: no question
    assert not asked and page.notice_id is None
    fill(page, title="第二份")
    page.new_notice()  # unsaved, and the user keeps them
    assert asked and page.form.title.text() == "第二份"
    page.notice_list.setCurrentItem(page.notice_list.topLevelItem(0))
    assert page.notice_id is None and page.form.title.text() == "第二份"
    page.confirm = lambda _title, _text: True
    page.notice_list.setCurrentItem(page.notice_list.topLevelItem(0))
    assert runner.wait_idle(30)
    assert page.notice_id == first and page.form.title.text() == "第一份"
    assert not page.dirty


def test_unprintable_characters_are_warned(qtbot, page):
    fill(page, body=BODY + "\U000f0001")
    page.schedule_preview(now=True)
    qtbot.waitUntil(lambda: page.warning.isVisible(), timeout=20000)
    assert "\U000f0001" in page.warning.text()



def test_the_page_loads_its_list_once_after_its_own_save(window, runner, monkeypatch):
    """Its command reloads the list (selecting the notice); the window's broadcast of the same
    change that follows must not load it again. A change from elsewhere still reloads it."""
    page = window.show_page("notices")
    assert runner.wait_idle(30)
    loads = []
    original = page.load_list
    monkeypatch.setattr(page, "load_list", lambda *a, **k: (loads.append(a), original(*a, **k)))
    fill(page)
    page.save_draft()
    assert runner.wait_idle(30)
    assert len(loads) == 1 and page.notice_id in page.shown_ids()
    page.refresh(None)  # e.g. a bundle imported: everything may have changed
    assert runner.wait_idle(30)
    assert len(loads) == 2
