"""The office's contacts in the window: entered in Settings, left out of the notices page's
"will be masked" list and printed in full in its preview; ID numbers are listed even with
masking off (they are left out all the same)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from tests.ui.conftest import (  # noqa: F401 - fixtures
    community,
    ctx,
    notices_page,
    runner,
    shown_errors,
)

pytestmark = pytest.mark.usefixtures("qapp")

STAFF, STAFF_PHONE = "王小红", "13800138000"


def test_settings_form_saves_the_office_contacts(qtbot, ctx, data_dir):  # noqa: F811
    from desktop.ui.settings.form import SettingsForm

    form = SettingsForm(ctx)
    qtbot.addWidget(form)
    form.office_staff.setText("王小红、 李明,赵六")
    form.office_phones.setText("0571-88886666，138 0013 8000")
    assert form.save()
    saved = json.loads(data_dir.settings_file.read_text(encoding="utf-8"))["options"]
    assert saved["office_staff"] == ["王小红", "李明", "赵六"]
    assert saved["office_phones"] == ["0571-88886666", "138 0013 8000"]
    again = SettingsForm(ctx)
    qtbot.addWidget(again)
    assert again.office_staff.text() == "王小红、李明、赵六"


@pytest.fixture
def page(notices_page):  # noqa: F811
    return notices_page


def _listed(page) -> list[str]:
    return [page.masked_list.item(i).text() for i in range(page.masked_list.count())]


def _show(qtbot, page, runner, body: str) -> None:
    page.form.kind.setCurrentIndex(page.form.kind.findData("notice"))
    page.form.title.setText("关于小区停水的通知")
    page.form.body.setPlainText(body)
    page.schedule_preview(now=True)
    assert runner.wait_idle(30)
    qtbot.waitUntil(lambda: page.preview.page_count > 0, timeout=20000)


def test_the_list_and_the_preview_keep_the_staff_contact(qtbot, page, ctx, runner):  # noqa: F811
    ctx.settings.set("office_phones", [STAFF_PHONE])  # the operator 王小红 is staff already
    page.known_names = frozenset({STAFF, "张三明"})
    _show(qtbot, page, runner, f"联系人：{STAFF}，电话{STAFF_PHONE}。张三明 13912345678 已报修。")
    listed = _listed(page)
    assert any("张三明" in t for t in listed) and any("13912345678" in t for t in listed)
    assert not any(STAFF in t or STAFF_PHONE in t for t in listed), listed
    text = subprocess.run(["pdftotext", "-", "-"], input=page.preview.pdf_bytes,
                          capture_output=True, check=True).stdout.decode()
    flat = re.sub(r"\s+", "", text)
    assert f"联系人：{STAFF}，电话{STAFF_PHONE}" in flat and "张*明" in flat


def test_ids_are_listed_with_masking_off(qtbot, page, runner):  # noqa: F811
    page.form.mask.setChecked(False)
    _show(qtbot, page, runner, "身份证 110101-19900307-6018")
    assert page.masked_list.isVisible()
    assert any("110101-19900307-6018" in t for t in _listed(page))


def test_the_preview_shows_no_resident_number(qtbot, page, runner, tmp_path):  # noqa: F811
    from tests.printing import pdftools
    from tests.printing.leaks import assert_no_leaks

    _show(qtbot, page, runner, "报名：ID320923199710277573、１３７０００００００８、"
                               "431021 19880828 6910、137.0000.0007")
    page.form.issuing_body.setText("翠苑社区 110101-19900307-6018")
    page.schedule_preview(now=True)
    assert runner.wait_idle(30)
    qtbot.waitUntil(lambda: b"%PDF" in page.preview.pdf_bytes[:8], timeout=20000)
    assert_no_leaks(pdftools.text(pdftools.write(tmp_path, page.preview.pdf_bytes)))
    page.resize(910, 512)
    page.form.mask.setChecked(False)
    page.schedule_preview(now=True)
    assert runner.wait_idle(30)
    qtbot.waitUntil(lambda: "ID" in page.masked_title.text(), timeout=20000)
    page.grab().save(str(tmp_path / "notices-mask-off.png"))
    assert page.masked_title.width() <= page.width()
