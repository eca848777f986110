"""Cell values as offices write them → the roster's values: codes from words, dates from text.

A spreadsheet holds "男", "汉族", "中共党员", "户主", "2015/3/7" or a real date cell; the roster
stores codes (GB/T 4761, GB 3304, GB/T 4762) and dates. The words are looked up in every shipped
language's label for each code (so a file exported in 繁體 or English reads back), plus the
short and colloquial forms offices use ("汉", "党员", "儿子", "妻子", "本人").

Each converter returns ``(value, problem)`` where problem is None or ``(severity, code,
message)``: converters run once per cell of a 100,000-row import, so they build no objects on
the common path.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from desktop.core.i18n import _, translations_in_every_language
from desktop.roster import codes
from desktop.roster.simplified import to_simplified

ERROR = "error"
WARNING = "warning"

# Words offices write that are not a label of the code tables.
_RELATIONSHIP_WORDS = {
    "本人": "02", "户主本人": "02", "妻子": "12", "丈夫": "11", "儿子": "20", "长子": "20",
    "次子": "20", "三子": "20", "女儿": "30", "长女": "30", "次女": "30", "三女": "30",
    "养子": "27", "继子": "27", "养女": "37", "继女": "37", "儿媳妇": "38", "媳妇": "38",
    "孙女婿": "97", "孙媳妇": "97", "外孙": "43", "祖父": "60", "祖母": "60", "外祖父": "60",
    "外祖母": "60", "爷爷": "60", "奶奶": "60", "外公": "60", "外婆": "60", "父": "51",
    "母": "52", "哥哥": "71", "弟弟": "73", "兄": "71", "弟": "73", "姐": "75", "妹": "77",
    "租户": "99", "租客": "99", "保姆": "99", "其他": "97", "其它": "97", "亲属": "97",
    "非亲属": "99", "朋友": "99", "同事": "99",
}
_POLITICAL_WORDS = {
    "党员": "01", "共产党员": "01", "中国共产党党员": "01", "预备党员": "02", "团员": "03",
    "中国共产主义青年团团员": "03", "无党派": "12", "民革": "04", "民盟": "04", "民建": "04",
    "民进": "04", "农工党": "04", "致公党": "04", "九三学社": "04", "台盟": "04",
}
_RESIDENCE_WORDS = {
    "常住": "permanent", "常住人口": "permanent", "户籍人口": "permanent", "户籍": "permanent",
    "本地": "permanent", "暂住": "temporary", "暂住人口": "temporary", "流动": "floating",
    "流动人口": "floating", "外来人口": "floating", "人户分离": "separated", "空挂户": "registered_only",
    "空挂": "registered_only",
}
_SEX_WORDS = {"男": "1", "女": "2", "m": "1", "f": "2", "male": "1", "female": "2", "1": "1",
              "2": "2", "男性": "1", "女性": "2", "未知": "0"}
# Written in the 民族 column for GB 3304's last two codes.
_ETHNICITY_WORDS = {"其他民族": "97", "未识别民族": "97", "外国血统": "98", "外籍加入中国籍": "98"}
_TAG_WORDS = {
    "党员": "party_member", "中共党员": "party_member", "在册党员": "party_member",
    "在职党员": "party_member", "居民代表": "resident_representative", "老年人": "elderly",
    "老人": "elderly", "高龄老人": "elderly", "儿童": "child", "未成年人": "child",
    "新就业群体": "new_employment", "外卖骑手": "new_employment", "快递员": "new_employment",
    "网约车司机": "new_employment", "独居老人": "lives_alone", "空巢老人": "lives_alone",
    "残疾人": "disabled", "残疾": "disabled", "低保": "low_income", "低保户": "low_income",
    "低保对象": "low_income", "困难群体": "hardship", "困难户": "hardship", "困难家庭": "hardship",
    "退役军人": "veteran", "复员军人": "veteran", "志愿者": "volunteer",
}
TAG_SEPARATORS = re.compile(r"[,，、;；/|\n]+")


def _key(text: str) -> str:
    return to_simplified("".join(text.split()).lower())


def _lookup_table(table: dict[str, str], words: dict[str, str]) -> dict[str, str]:
    """Every way a code may be written → the code: the code itself, its label in each language
    (and the label without 族 / 人员, as offices shorten them), and the extra words."""
    lookup: dict[str, str] = {}
    for code, label in table.items():
        lookup[code.lower()] = code
        for text in translations_in_every_language(label):
            key = _key(text)
            lookup.setdefault(key, code)
            for suffix in ("族", "人口"):
                # "回族" → "回", "蒙古族" → "蒙古": GB 3304's short forms are often one character.
                if key.endswith(suffix) and len(key) > len(suffix):
                    lookup.setdefault(key[: -len(suffix)], code)
    for word, code in words.items():
        lookup.setdefault(_key(word), code)
    return lookup


@cache
def lookups() -> dict[str, dict[str, str]]:
    return {
        "sex": _lookup_table(codes.SEXES, _SEX_WORDS),
        "relationship": _lookup_table(codes.RELATIONSHIPS, _RELATIONSHIP_WORDS),
        "ethnicity": _lookup_table(codes.ETHNICITIES, _ETHNICITY_WORDS),
        "political_status": _lookup_table(codes.POLITICAL_STATUSES, _POLITICAL_WORDS),
        "residence_status": _lookup_table(codes.RESIDENCE_STATUSES, _RESIDENCE_WORDS),
        "tags": _lookup_table(codes.BUILTIN_TAGS, _TAG_WORDS),
    }


def cell_text(value: object) -> str:
    """A cell as text: a whole number without ".0", a date as ISO, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def shown(text: str, limit: int = 40) -> str:
    """A cell's text as quoted in a message: a huge cell must not make a huge message."""
    return text if len(text) <= limit else text[:limit] + "…"


# No code word or date is longer; a longer cell is not looked up (a 60 MB cell would be made
# simplified and lower-case just to be missed).
_MAX_WORD = 40


def code_value(field: str, value: object) -> tuple[str, tuple | None]:
    """A code-table cell ("男", "汉族", "户主", "02") → its code; an unknown word is a warning and
    the field is left blank, never given a default (the word is not lost: the report lists it)."""
    text = cell_text(value)
    if not text:
        return "", None
    table = lookups()[field]
    code = table.get(text) or (table.get(_key(text)) if len(text) <= _MAX_WORD else None)
    if code is None and field == "relationship":
        code = table.get(_key(text).removeprefix("户主的").removeprefix("户主之"))
    if code is not None:
        return code, None
    return "", (WARNING, "unknown_code", _(
        "“{value}” is not a value this column knows; it was left empty."
    ).format(value=shown(text)))


def tag_values(value: object) -> tuple[list[str], list[str]]:
    """A tags cell ("党员、独居老人") → (built-in tag codes, other names to become user tags)."""
    text = cell_text(value)
    if not text:
        return [], []
    table = lookups()["tags"]
    builtin: list[str] = []
    other: list[str] = []
    for part in TAG_SEPARATORS.split(text):
        part = part.strip()
        if not part:
            continue
        # "党员 独居老人" separates with a space, but "Party member" is one tag: a part is split
        # at spaces only when every piece is a known tag.
        pieces = part.split()
        codes_of = [table.get(_key(piece)) for piece in pieces]
        if table.get(_key(part)) is None and len(pieces) > 1 and all(codes_of):
            words = pieces
        else:
            words = [part]
        for word in words:
            code = table.get(_key(word))
            if code is not None:
                if code not in builtin:
                    builtin.append(code)
            elif word not in other:
                other.append(word)
    return builtin, other


_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DATE_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def date_value(value: object) -> tuple[dt.date | None, tuple | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # a serial day number of a cell whose format was lost
            return _EXCEL_EPOCH + dt.timedelta(days=int(value)), None
        text = cell_text(value)
    else:
        text = cell_text(value)
    text = text[:_MAX_WORD + 1].translate(_FULL_WIDTH_DIGITS)
    match = _DATE_TEXT.fullmatch(text) or _DATE_DIGITS.fullmatch(text)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups())), None
        except ValueError:
            pass
        return None, (ERROR, "impossible_date", _(
            "{value} is not a real date.").format(value=shown(text)))
    return None, (ERROR, "unreadable_date", _(
        "{value} is not a date (write it as 1990-03-07 or 19900307).").format(
            value=shown(text)))


_FULL_WIDTH_DIGITS = str.maketrans({chr(0xFF10 + d): str(d) for d in range(10)})
_HAS_FULL_WIDTH = re.compile("[\uff10-\uff19\uff38\uff58]").search


def has_full_width(text: str) -> bool:
    return _HAS_FULL_WIDTH(text) is not None
