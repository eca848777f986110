"""Coded columns (民族, 性别, 与户主关系, 政治面貌, 人员类型, 人员类别): a word the importer does
not know is left blank and reported, never replaced by a default code; GB 3304's short forms
(回, 满, 蒙古 …) are known."""

from __future__ import annotations

import pytest

from desktop.roster.importing.values import code_value
from tests.roster.importing.samples import write_csv
from tests.roster.importing.test_import_flow import (  # noqa: F401  (office is a fixture)
    import_file,
    office,
    residents,
)

SHORT_FORMS = {
    "汉": "01", "蒙古": "02", "回": "03", "藏": "04", "维吾尔": "05", "苗": "06", "彝": "07",
    "壮": "08", "布依": "09", "朝鲜": "10", "满": "11", "侗": "12", "瑶": "13", "白": "14",
    "土家": "15", "哈尼": "16", "哈萨克": "17", "傣": "18", "黎": "19", "傈僳": "20", "佤": "21",
    "畲": "22", "水": "25", "纳西": "27", "土": "30", "羌": "33", "京": "49", "怒": "42",
    "回族": "03", "满族": "11", "维吾尔族": "05",
}


@pytest.mark.parametrize(("word", "code"), SHORT_FORMS.items())
def test_gb3304_short_forms_are_recognised(word, code):
    assert code_value("ethnicity", word) == (code, None)


def test_an_unknown_or_missing_code_is_stored_blank_never_as_a_default(office, tmp_path):
    path = write_csv(tmp_path / "花名册.csv", [
        ["姓名", "民族", "性别", "与户主关系", "人员类型"],
        ["王明", "回", "男", "户主", "常住"],
        ["李华", "火星族", "外星", "邻居的猫", "漂流"],
        ["赵云", "", "", "", ""],
    ], "utf-8")
    _prepared, plan, result = import_file(office, path)

    assert result.created == 3 and result.errors == 0
    found = residents(office)
    wang, li, zhao = found["王明"], found["李华"], found["赵云"]
    assert (wang.ethnicity, wang.sex, wang.relationship, wang.residence_status) == (
        "03", "1", "02", "permanent")
    # Unknown words: blank ("0" is the standard's own code for an unknown sex), and reported.
    assert (li.ethnicity, li.sex, li.relationship, li.residence_status) == ("", "0", "", "")
    assert (zhao.ethnicity, zhao.sex, zhao.relationship, zhao.residence_status) == (
        "", "0", "", "")
    # The file has no 政治面貌 column: nobody became 群众 by default.
    assert {r.political_status for r in found.values()} == {""}
    unknown = {(p.row, p.column) for p in plan.problems if p.code == "unknown_code"}
    assert unknown == {(3, "民族"), (3, "性别"), (3, "与户主关系"), (3, "人员类型")}


def test_an_unknown_political_status_is_blank_and_reported(office, tmp_path):
    path = write_csv(tmp_path / "花名册.csv", [
        ["姓名", "政治面貌"], ["王明", "党员"], ["李华", "外星联盟"], ["赵云", ""]], "utf-8")
    _prepared, plan, _result = import_file(office, path)
    found = residents(office)
    assert [found[n].political_status for n in ("王明", "李华", "赵云")] == ["01", "", ""]
    assert [(p.row, p.column) for p in plan.problems if p.code == "unknown_code"] == [
        (3, "政治面貌")]
