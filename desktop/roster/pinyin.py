"""Pinyin spellings of personal names, for search: initials ("zs") and full pinyin ("zhangsan").

pypinyin reads characters as words, and surnames are often read differently (曾 is "zeng" as a
surname, "ceng" in 曾经; 单 "shan", 解 "xie", 仇 "qiu", 区 "ou" …). A user may type either, so
a name gets every reading of its surname: the usual one plus those in a table of surnames read
in more than one way (two-character surnames such as 尉迟 "yuchi" included). The
given name takes each character's usual reading: its heteronyms are mostly archaic and would
multiply the spellings of nearly every name.

Readings are cached per character (a roster uses a few thousand distinct characters), so
spelling 200,000 names costs dictionary look-ups, not pypinyin calls.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

# Surname readings pypinyin does not put first, or misses; every reading listed is kept.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "曾": ("zeng", "ceng"),
    "单": ("shan", "dan"),
    "解": ("xie", "jie"),
    "仇": ("qiu", "chou"),
    "区": ("ou", "qu"),
    "查": ("zha", "cha"),
    "朴": ("piao", "pu"),
    "乐": ("yue", "le"),
    "盖": ("ge", "gai"),
    "覃": ("qin", "tan"),
    "翟": ("zhai", "di"),
    "缪": ("miao", "mou"),
    "员": ("yun", "yuan"),
    "召": ("shao", "zhao"),
    "折": ("she", "zhe"),
    "种": ("chong", "zhong"),
    "秘": ("bi", "mi"),
    "繁": ("po", "fan"),
    "万": ("wan", "mo"),
    "长": ("chang", "zhang"),
    "尉": ("wei", "yu"),
    "句": ("gou", "ju"),
    "牟": ("mou", "mu"),
}

# Two-character surnames whose reading differs from their characters' usual ones.
COMPOUND_SURNAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "尉迟": (("yu", "chi"), ("wei", "chi")),
    "万俟": (("mo", "qi"), ("wan", "si")),
    "长孙": (("zhang", "sun"), ("chang", "sun")),
    "单于": (("chan", "yu"), ("shan", "yu")),
    "澹台": (("tan", "tai"),),
    "欧阳": (("ou", "yang"),),
    "令狐": (("ling", "hu"),),
    "皇甫": (("huang", "fu"),),
    "上官": (("shang", "guan"),),
    "司马": (("si", "ma"),),
    "诸葛": (("zhu", "ge"),),
    "东方": (("dong", "fang"),),
    "夏侯": (("xia", "hou"),),
    "公孙": (("gong", "sun"),),
    "慕容": (("mu", "rong"),),
    "宇文": (("yu", "wen"),),
}

# A name with more spellings than this is odd data; the first ones cover how it is read.
MAX_SPELLINGS = 8


@lru_cache(maxsize=None)
def usual_reading(char: str) -> str:
    """The everyday reading of one character, lowercase without tone; "" for non-Chinese."""
    if not "\u3400" <= char <= "\u9fff":
        # Latin letters and digits in a name spell themselves; punctuation (·) spells nothing.
        return char.lower() if char.isascii() and char.isalnum() else ""
    # Imported on first use: loading pypinyin's dictionaries is not start-up work.
    from pypinyin import lazy_pinyin

    readings = lazy_pinyin(char, errors="ignore")
    return readings[0] if readings else ""


@lru_cache(maxsize=None)
def surname_readings(char: str) -> tuple[str, ...]:
    """Every reading of a one-character surname: the table's, else the usual one.

    pypinyin's heteronyms are not used here: for a third of the hundred commonest surnames
    they add readings no one uses for a name (王 "yu", 叶 "xie", 陆 "liu", 方 "pang"), and
    typing "y" would find every 王.
    """
    readings = list(SURNAME_READINGS.get(char, ()))
    usual = usual_reading(char)
    if usual and usual not in readings:
        readings.append(usual)
    return tuple(readings) or ("",)


def syllable_spellings(name: str) -> list[tuple[str, ...]]:
    """The possible syllable sequences of a (simplified) name, most usual first.

    >>> syllable_spellings("曾小明")[:2]
    [('zeng', 'xiao', 'ming'), ('ceng', 'xiao', 'ming')]
    """
    name = name.strip()
    if not name:
        return []
    compound = COMPOUND_SURNAMES.get(name[:2])
    if compound:
        surnames: list[tuple[str, ...]] = list(compound)
        rest = name[2:]
    else:
        surnames = [(reading,) for reading in surname_readings(name[0])]
        rest = name[1:]
    given = tuple(usual_reading(char) for char in rest)
    spellings = [tuple(s for s in (*surname, *given) if s) for surname in surnames]
    return list(dict.fromkeys(itertools.islice(spellings, MAX_SPELLINGS)))


def initials_of(syllables: tuple[str, ...]) -> str:
    """"zs" for ("zhang", "san")."""
    return "".join(s[0] for s in syllables if s)


def marked_spelling(syllables: tuple[str, ...]) -> str:
    """Full pinyin with each syllable's first letter in capitals: "ZhangSan".

    A search for full pinyin must start where a syllable starts ("san" finds 张三, "ngsa"
    does not); the capital marks those places while the letters still read straight through.
    """
    return "".join(s[:1].upper() + s[1:] for s in syllables if s)
