"""Pinyin spellings of names: surnames with several readings get every one."""

from __future__ import annotations

import pytest

from desktop.roster.pinyin import initials_of, marked_spelling, syllable_spellings


def _initials(name: str) -> set[str]:
    return {initials_of(s) for s in syllable_spellings(name)}


def test_an_ordinary_name_has_one_spelling():
    assert syllable_spellings("张三") == [("zhang", "san")]
    assert _initials("王小明") == {"wxm"}


@pytest.mark.parametrize("surname, readings", [
    ("曾", {"zeng", "ceng"}), ("单", {"shan", "dan"}), ("解", {"xie", "jie"}),
    ("仇", {"qiu", "chou"}), ("区", {"ou", "qu"}), ("查", {"zha", "cha"}),
    ("朴", {"piao", "pu"}), ("乐", {"yue", "le"}), ("盖", {"ge", "gai"}),
    ("覃", {"qin", "tan"}), ("翟", {"zhai", "di"}),
])
def test_every_reading_of_a_surname(surname, readings):
    firsts = {s[0] for s in syllable_spellings(surname + "明")}
    assert readings <= firsts


def test_the_surname_reading_comes_first():
    # pypinyin reads 曾 as "ceng" (曾经); as a surname it is "zeng".
    assert syllable_spellings("曾小明")[0] == ("zeng", "xiao", "ming")


def test_two_character_surnames():
    assert ("yu", "chi", "gong") in syllable_spellings("尉迟恭")
    assert _initials("欧阳娜娜") == {"oynn"}


def test_the_given_name_takes_its_usual_reading_only():
    # 乐 in a given name is not multiplied: only the surname has several readings.
    assert len(syllable_spellings("王乐乐")) == 1


def test_no_archaic_readings_for_common_surnames():
    # pypinyin's heteronyms would read 王 as "yu" and 叶 as "xie".
    assert syllable_spellings("王伟") == [("wang", "wei")]
    assert syllable_spellings("叶红") == [("ye", "hong")]


def test_marked_spelling_capitalises_syllable_starts():
    assert marked_spelling(("zhang", "san")) == "ZhangSan"


def test_latin_letters_spell_themselves_and_punctuation_nothing():
    assert syllable_spellings("A张")[0] == ("a", "zhang")
    assert initials_of(syllable_spellings("买买提·艾力")[0]) == "mmtal"
    assert syllable_spellings("") == []
