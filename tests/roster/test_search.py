"""The search index: names, pinyin, traditional input, phone, ID number, address, household."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.roster.models import Resident
from desktop.roster.search import SearchIndex
from tests.roster.test_search_data import roster  # noqa: F401  (the shared fixture)


@pytest.fixture(scope="module")
def index(roster):  # noqa: F811
    db, _made = roster
    with db.reading() as session:
        return SearchIndex.build(session)


@pytest.fixture(scope="module")
def everyone(roster):  # noqa: F811
    db, _made = roster
    with db.reading() as session:
        return session.execute(
            select(Resident.id, Resident.name, Resident.phone, Resident.phone2,
                   Resident.id_number).where(Resident.deleted.is_(False))
        ).all()


def test_empty_text_is_no_search(index):
    assert index.match("") is None
    assert index.match("   ") is None


def test_pinyin_initials_and_full_pinyin_find_zhang_san(roster, index):
    _db, made = roster
    for text in ("zs", "ZS", "zhangsan", "zhangs", "zhang", "san", "Zhang San"):
        assert made.zhang_san in index.match(text), text
    assert made.zhang_san not in index.match("hangsan")  # not from the middle of a syllable
    assert made.zhang_san not in index.match("zx")


def test_every_reading_of_a_surname_finds_it(roster, index):
    _db, made = roster
    for text in ("zxm", "cxm", "zengxiaoming", "cengxiaoming", "xm"):
        assert made.zeng in index.match(text), text
    assert made.yuchi in index.match("ycg")
    assert made.yuchi in index.match("yuchigong")


def test_traditional_and_simplified_find_each_other(roster, index):
    _db, made = roster
    assert made.shan in index.match("单雄信")  # stored as 單雄信
    assert made.shan in index.match("單")
    assert made.zhang_san in index.match("張三")  # stored as 张三
    assert made.shan in index.match("sxx")


def test_name_fragments_match_like_a_scan(index, everyone):
    for fragment in ("张", "伟", "秀英", "王秀英"):
        expected = {r.id for r in everyone if fragment in r.name}
        assert expected, fragment
        assert index.match(fragment) == expected, fragment


def test_initials_match_like_a_scan(index, everyone):
    from desktop.roster.pinyin import initials_of, syllable_spellings

    for letters in ("w", "zs", "wxm", "lj"):
        expected = {r.id for r in everyone
                    if any(letters in initials_of(s) for s in syllable_spellings(r.name))}
        assert index.match(letters) >= expected, letters


def test_phone_fragments(roster, index, everyone):
    _db, made = roster
    assert made.zhang_san in index.match("1234")
    assert made.zhang_san in index.match("5678")
    assert made.zhang_san in index.match("138 1234 5678")
    some = next(r for r in everyone if r.phone2)
    fragment = some.phone2[3:9]
    expected = {r.id for r in everyone if fragment in r.phone or fragment in r.phone2
                or fragment in r.id_number}
    assert some.id in index.match(fragment)
    assert {i for i in index.match(fragment) if i in expected} == expected


def test_short_digits_do_not_scan_phones(roster, index):
    _db, made = roster
    assert made.zhang_san not in index.match("138")


def test_id_number_suffix_with_x_in_either_case(roster, index):
    _db, made = roster
    suffix = made.x_id_number[-6:]
    assert suffix.endswith("X")
    for text in (suffix, suffix.lower(), made.x_id_number[-4:].lower(), made.x_id_number):
        assert made.zhang_san in index.match(text), text


def test_address_shorthand(roster, index):
    _db, made = roster
    for text in ("3-2-501", "3栋2单元501", "3幢2单元501室", "3-501", "3号楼2单元501"):
        found = index.match(text)
        assert made.zhang_san in found and made.zeng in found, text
        assert made.shan not in found, text  # 3-1-101
    assert made.shan in index.match("3-1-101")
    assert made.shan in index.match("3-1")
    assert made.zhang_san not in index.match("3-1")


def test_household_number(roster, index):
    _db, made = roster
    assert made.zhang_san in index.match("990001")
    assert made.shan not in index.match("990001")


def test_words_must_all_match(roster, index):
    _db, made = roster
    assert index.match("张 3-2-501") >= {made.zhang_san}
    assert made.zeng not in index.match("张 3-2-501")
    assert index.match("zs 990002") == set()


def test_update_sees_edits_new_residents_and_tombstones(tmp_path):
    from desktop.core.paths import DataDir
    from desktop.roster.demo import generate_demo
    from desktop.storage.lifecycle import open_database

    db = open_database(DataDir(tmp_path / "d").prepare(), device_name="t")
    try:
        generate_demo(db, residents=200, seed=3)
        with db.reading() as session:
            index = SearchIndex.build(session)
            someone = session.execute(select(Resident.id, Resident.name).limit(1)).one()
        assert index.match("欧阳锋") == set()
        with db.unit_of_work("t") as uow:
            row = uow.session.get(Resident, someone.id)
            row.name = "欧阳锋"
            row.phone = "19911112222"
            newcomer = Resident(name="黄药师", birth_date=dt.date(1960, 1, 1))
            uow.session.add(newcomer)
        with db.reading() as session:
            index.update(session, [someone.id, newcomer.id])
        assert index.match("欧阳锋") == {someone.id}
        assert index.match("oyf") == {someone.id}
        assert index.match("11112222") == {someone.id}
        assert someone.id not in index.match(someone.name)
        assert index.match("黄药师") == {newcomer.id}
        with db.unit_of_work("t") as uow:
            uow.session.get(Resident, newcomer.id).deleted = True
        with db.reading() as session:
            index.update(session, [newcomer.id])
        assert index.match("黄药师") == set()
        assert newcomer.id not in (index.match("hys") or set())
    finally:
        db.close()


def test_a_big_overlay_is_folded_into_a_rebuild(tmp_path, monkeypatch):
    from desktop.core.paths import DataDir
    from desktop.roster import search
    from desktop.roster.demo import generate_demo
    from desktop.storage.lifecycle import open_database

    db = open_database(DataDir(tmp_path / "d").prepare(), device_name="t")
    try:
        generate_demo(db, residents=100, seed=3)
        with db.reading() as session:
            index = SearchIndex.build(session)
            ids = list(session.execute(select(Resident.id)).scalars())
            monkeypatch.setattr(search, "OVERLAY_LIMIT", 10)
            index.update(session, ids[:50])
        assert index._snapshot.replaced == frozenset()
        assert len(index) == 100
    finally:
        db.close()


def test_households_are_found_through_their_residents(roster, index):  # noqa: F811
    _db, made = roster
    assert made.household in index.match_households("zs")
    assert index.match_households("单雄信") == {made.other_household}
    assert index.match_households("") is None


def test_full_width_input_from_a_chinese_input_method(roster, index):  # noqa: F811
    _db, made = roster
    assert made.zhang_san in index.match("５６７８")
    assert made.zhang_san in index.match("ｚｓ")
    assert made.zhang_san in index.match("３－２－５０１")


def test_residents_without_a_household_have_no_household_number(tmp_path):
    from desktop.core.paths import DataDir
    from desktop.storage.lifecycle import open_database

    db = open_database(DataDir(tmp_path / "d").prepare(), device_name="t")
    try:
        with db.unit_of_work("t") as uow:
            uow.session.add(Resident(name="黄药师"))
        with db.reading() as session:
            index = SearchIndex.build(session)
        assert index.match("0") == set()
        assert len(index.match("hys")) == 1
    finally:
        db.close()
