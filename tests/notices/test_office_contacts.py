"""The office's own staff and phones are never masked on a notice, even when a resident has the
same name; residents' names and phones still are (the renderer, ``linli notice render`` and
the list of what will be masked agree). Field names in the command's errors are the labels the
user sees, in the user's language."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from sqlalchemy import select

from desktop.core.masking import OfficeContacts
from desktop.core.settings import Settings
from desktop.notices.render import masked_items, render_notice
from desktop.notices.spec import NoticeSpec
from tests.printing import pdftools

STAFF, STAFF_PHONE = "王小红", "13800138000"
RESIDENT, RESIDENT_PHONE = "张三明", "13912345678"


def _notice(**changes) -> NoticeSpec:
    values = dict(kind="notice", title="关于小区停水的通知",  # noqa: C408
                  body=(f"明日停水。联系人：{STAFF}，电话 {STAFF_PHONE}。\n"
                        f"居民{RESIDENT}（{RESIDENT_PHONE}）已报修。\n"
                        f"联系人|电话\n{STAFF}|{STAFF_PHONE}\n{RESIDENT}|{RESIDENT_PHONE}"),
                  issuing_body="翠苑一区社区居民委员会", issued_on=dt.date(2026, 11, 22))
    values.update(changes)
    return NoticeSpec(**values)


def _settings(tmp_path, **options) -> Settings:
    settings = Settings.load(tmp_path / "settings.json")
    for name, value in options.items():
        settings.set(name, value)
    settings.save()
    return Settings.load(tmp_path / "settings.json")  # as the app reads them next time


@pytest.mark.parametrize("options", [
    {"office_staff": [STAFF], "office_phones": [STAFF_PHONE]},
    {"operator": STAFF, "office_phones": ["138 0013 8000"]},  # the name given at setup
])
def test_staff_contact_printed_in_full_residents_masked(tmp_path, options):
    office = OfficeContacts.from_settings(_settings(tmp_path, **options))
    spec = _notice()
    names = [STAFF, RESIDENT, "李四"]  # a resident shares the staff member's name
    flat = re.sub(r"\s+", "", pdftools.text(pdftools.write(
        tmp_path, render_notice(spec, known_names=names, office=office))))
    assert f"联系人：{STAFF}，电话{STAFF_PHONE}" in flat
    assert flat.count(STAFF) == 2 and flat.count(STAFF_PHONE) == 2  # the text and the table
    assert "张*明" in flat and RESIDENT not in flat
    assert "139****5678" in flat and RESIDENT_PHONE not in flat
    shown = {(i.kind, i.original) for i in masked_items(spec, names, office)}
    assert shown == {("name", RESIDENT), ("phone", RESIDENT_PHONE)}


def test_without_the_settings_a_shared_name_is_masked(tmp_path):
    """Masking by name stays for residents: nothing says 王小红 is staff, so she is masked."""
    items = masked_items(_notice(), [STAFF, RESIDENT])
    assert ("name", STAFF) in {(i.kind, i.original) for i in items}


def test_settings_reject_a_bad_contact_list(tmp_path):
    from desktop.core.errors import SettingsError

    settings = Settings.load(tmp_path / "settings.json")
    with pytest.raises(SettingsError):
        settings.set("office_staff", "王小红")  # a list, not one string
    (tmp_path / "s2.json").write_text(json.dumps(
        {"version": 1, "options": {"office_phones": [1, 2], "office_staff": [STAFF]}}))
    again = Settings.load(tmp_path / "s2.json")
    assert again.get("office_phones") == () and again.get("office_staff") == [STAFF]


@pytest.fixture
def office_data(db, data_dir):
    """A data folder whose roster has a resident named like a staff member of its settings."""
    from desktop.roster.demo import generate_demo
    from desktop.roster.models import Resident

    generate_demo(db, residents=60)
    with db.reading() as session:
        names = sorted({n for n in session.execute(select(Resident.name)).scalars()
                        if len(n) == 3})
    staff, resident = names[0], names[1]
    settings = Settings.load(data_dir.settings_file)
    settings.set("office_staff", [staff])
    settings.set("office_phones", [STAFF_PHONE])
    settings.save()
    return data_dir, staff, resident


def test_the_command_keeps_the_office_contacts(tmp_path, office_data):
    from desktop.cli import main

    data_dir, staff, resident = office_data
    spec = tmp_path / "n.json"
    spec.write_text(json.dumps({
        "kind": "notice", "title": "停水通知", "issuing_body": "翠苑社区", "issued_on": "2026-11-22",
        "body": f"联系人：{staff}，电话{STAFF_PHONE}；{resident} {RESIDENT_PHONE}"}),
        encoding="utf-8")
    out = tmp_path / "n.pdf"
    assert main(["notice", "render", str(spec), "--out", str(out),
                 "--data-dir", str(data_dir.root)]) == 0
    flat = re.sub(r"\s+", "", pdftools.text(out))
    assert f"联系人：{staff}，电话{STAFF_PHONE}" in flat
    assert resident not in flat and RESIDENT_PHONE not in flat


@pytest.mark.parametrize(("data", "label", "key"), [
    ({"title": ""}, "标题", "title"),
    ({"body": " "}, "正文", "body"),
    ({"issuing_body": ""}, "落款单位", "issuing_body"),
    ({"paper": "B5"}, "纸张", "paper"),
    ({"kind": "memo"}, "文种", "kind"),
    ({"contact_phone": "call me"}, "联系电话", "contact_phone"),
    ({"posted_from": None}, "公示期", "posted_from"),
    ({"posted_from": "2026-11-30"}, "公示期", "posted_until"),
    ({"issued_on": "tomorrow"}, "日期", "issued_on"),
    ({"attachments": 5}, "附件", "attachments"),
])
def test_command_errors_name_fields_by_their_labels(tmp_path, capsys, data, label, key):
    from desktop.cli import main

    spec = {"kind": "disclosure", "title": "关于低保的公示", "body": "经审核。",
            "issuing_body": "翠苑社区", "issued_on": "2026-11-22", "posted_from": "2026-11-22",
            "posted_until": "2026-11-29", "contact_phone": "0571-88886666"}
    spec.update(data)
    path = tmp_path / "n.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    assert main(["--lang", "zh_Hans", "notice", "render", str(path), "--out",
                 str(tmp_path / "n.pdf"), "--data-dir", str(tmp_path / "empty")]) == 2
    error = capsys.readouterr().err
    assert label in error, error
    assert f"{key}:" not in error and f"{key}：" not in error, error
    assert not (tmp_path / "n.pdf").exists()
