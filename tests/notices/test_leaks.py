"""No ID number and no resident's mobile reaches the paper, however it was typed (full-width,
grouped with spaces, hyphens or dots, right after letters), in whichever field of whichever
kind of notice; dates, amounts and the office's own numbers stay as they are."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time

import pytest

from desktop.core.masking import OfficeContacts, find_numbers
from desktop.notices.render import masked_items, render_notice
from desktop.notices.spec import NOTICE_KINDS, NoticeSpec
from tests.printing import pdftools
from tests.printing.leaks import assert_no_leaks, leaks

# How residents' numbers are really typed into notices.
HOSTILE = (
    "ID320923199710277573",  # an ID right after letters
    "１３７０００００００８",  # a full-width mobile
    "431021 19880828 6910",  # an ID in groups
    "110101-19900307-6018",
    "137.0000.0007",  # a mobile with dots
    "１１０１０１１９９００３０７００２Ｘ",  # a full-width ID ending in Ｘ
    "+86 139 0013 9000",
    "330106199003071234",
    "11010119900307002Xabc",  # X, then more letters
)
LANDLINE = "0571-88886666"  # the office's: stays
STAFF_PHONE = "13800138000"  # a staff member's mobile, entered in the settings: stays
OFFICE = OfficeContacts.of(["王小红"], [STAFF_PHONE])
KEPT = ("2026年11月22日", "2026-11-22", "700000元", LANDLINE, STAFF_PHONE)


def _spec(kind: str, text: str, **changes) -> NoticeSpec:
    """A notice with ``text`` in every field a user can type into."""
    body = (f"经审核，{text}。\n一、情况说明{text}\n（一）{text}\n1. {text}\n"
            f"序号|房号|备注\n1|3-2-501|{text}\n"
            f"2026年11月22日起，补助700000元（2026-11-22 发放）。联系人王小红 {STAFF_PHONE}，"
            f"办公室电话{LANDLINE}。")
    values = dict(kind=kind, title=f"关于{text}的公示", body=body,  # noqa: C408
                  issuing_body=f"翠苑一区社区居民委员会{text}", issued_on=dt.date(2026, 11, 22),
                  posted_from=dt.date(2026, 11, 22), posted_until=dt.date(2026, 11, 29),
                  objection=f"如有异议请联系{text}", contact_phone=LANDLINE,
                  attachments=(f"名单{text}", "附表"))
    values.update(changes)
    return NoticeSpec(**values)


def _printed(tmp_path, spec: NoticeSpec, name: str = "out.pdf") -> tuple[str, str]:
    path = pdftools.write(tmp_path, render_notice(spec, office=OFFICE), name)
    return pdftools.text(path), pdftools.info(path).get("Title", "")


@pytest.mark.parametrize("kind", NOTICE_KINDS)
def test_no_number_of_a_resident_is_printed_in_any_field(tmp_path, kind):
    text = "、".join(HOSTILE)
    printed, title = _printed(tmp_path, _spec(kind, text))
    assert_no_leaks(printed, allowed=[LANDLINE, STAFF_PHONE])
    assert_no_leaks(title)
    flat = re.sub(r"\s+", "", printed)
    for kept in KEPT:
        assert kept in flat, kept
    assert "137****0008" in flat and "137****0007" in flat and "139****9000" in flat
    assert "(withheld)" in flat


# The contact phone field takes only digits, spaces, + and -: other spellings cannot be typed.
_FIELD_CASES = [(field, number) for number in HOSTILE
                for field in ("title", "body", "issuing_body", "objection", "contact_phone",
                              "attachments", "table")
                if field != "contact_phone" or re.fullmatch(r"[0-9+\- ]+", number)]


@pytest.mark.parametrize(("field", "number"), _FIELD_CASES)
def test_each_field_is_masked(tmp_path, field, number):
    values = {"title": "关于补助的公示", "body": "经审核，现予公示。", "issuing_body": "翠苑社区",
              "objection": "", "contact_phone": LANDLINE, "attachments": ()}
    if field == "table":
        values["body"] = f"经审核：\n序号|备注\n1|{number}"
    elif field == "attachments":
        values["attachments"] = (number,)
    else:
        values[field] = number
    spec = _spec("disclosure", "", **values)
    printed, title = _printed(tmp_path, spec)
    # A phone typed as the notice's contact phone is the office's own and is printed as it is
    # (residents must reach the office); an ID number there is withheld all the same.
    own = [number] if field == "contact_phone" else []
    assert leaks(printed, allowed=[LANDLINE, STAFF_PHONE, *own]) == [], (field, number, printed)
    assert leaks(title) == []
    changed = [item.original for item in masked_items(spec, office=OFFICE)]
    is_id = len(leaks(number)[0]) in (15, 18)
    assert any(original in number for original in changed) == (is_id or not own), changed


def test_ids_are_withheld_with_masking_off(tmp_path):
    spec = _spec("notice", "、".join(HOSTILE), mask=False)
    printed, _title = _printed(tmp_path, spec)
    assert [n for n in leaks(printed) if len(n) in (15, 18)] == []
    assert "13700000007" in re.sub(r"\D", "", printed)  # masking off: phones in full
    assert {i.kind for i in masked_items(spec)} == {"id_number"}


def test_the_archive_keeps_a_pdf_without_leaks(db):
    from desktop.notices.archive import post_notice, printed_pdf, save_notice

    spec = _spec("disclosure", "、".join(HOSTILE))
    with db.unit_of_work("王小红") as uow:
        notice_id = save_notice(uow, spec)
        post_notice(uow, notice_id, render_notice(spec, office=OFFICE))
    with db.reading() as session:
        pdf = printed_pdf(session, notice_id)
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        assert_no_leaks(pdftools.text(pdftools.write(Path(folder), pdf)),
                        allowed=[LANDLINE, STAFF_PHONE])


@pytest.mark.parametrize("text", ["2026年11月22日", "2026-11-22", "2026.11.22", "700000元",
                                  "3120.5平方米", "94.4%", "8:00至17:00", "3-2-501",
                                  "2026-11-22 1234567", "第1、2、3幢", "1. 13 户"])
def test_dates_amounts_and_rooms_are_no_numbers(text):
    assert find_numbers(text) == []


def test_a_long_line_is_scanned_in_linear_time():
    spec = NoticeSpec("notice", "t", "1-" * 100_000 + "x" + "１ " * 100_000 + "1" * 200_000,
                      "翠苑社区", dt.date(2026, 11, 22))
    started = time.perf_counter()
    masked_items(dataclasses.replace(spec, body=spec.body + "\n" + "13800138000 " * 20_000),
                 ["张三明"])
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("header", ["住户", "户名", "产权人", "房主", "姓名", "联系人"])
def test_a_column_of_people_is_masked_by_its_header(header):
    spec = _spec("notice", "", body=f"名单如下：\n{header}|房号\n王明|3-2-501\n欧阳小明|3-2-502")
    shown = {(i.original, i.shown) for i in masked_items(spec)}
    assert shown == {("王明", "王*"), ("欧阳小明", "欧**明")}


def test_landlines_stay_in_text_and_are_masked_in_a_phone_column():
    """A notice's landlines are organisations' numbers (the office, the water company); in a
    list of people, the phone column is personal and masked whatever the number."""
    spec = _spec("notice", "", contact_phone="",
                 body="停水咨询：自来水公司 0571-85195119。\n住户|电话\n王明|0571-87654321")
    shown = {(i.original, i.shown) for i in masked_items(spec)}
    assert shown == {("王明", "王*"), ("0571-87654321", "0571-****4321")}
