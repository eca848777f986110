"""Columns to fields: guessed from real headers, and remembered once the user confirmed them."""

from __future__ import annotations

import json

import pytest

from desktop.core import i18n
from desktop.core.i18n import LANGUAGES
from desktop.core.paths import DataDir
from desktop.roster.importing.fields import FIELD_BY_KEY, header_key
from desktop.roster.importing.headers import detect_header
from desktop.roster.importing.mapping import (
    MAX_REMEMBERED,
    MappingMemory,
    field_aliases,
    map_columns,
)
from desktop.spreadsheets.sources import open_source, read_sheet
from tests.roster.importing.samples import (
    HC_TEMPLATE,
    PERSON_EXPORT,
    PERSON_TEMPLATE,
    needs_external,
)


def mapping_of(path, sheet=None):
    layout = detect_header(read_sheet(open_source(path), sheet))
    return dict(zip(layout.headers, map_columns(layout.headers), strict=True))


@needs_external
def test_cortana_person_template():
    mapping = mapping_of(PERSON_TEMPLATE, "Person")
    assert {header: mapping[header] for header in (
        "姓名", "身份证号", "联系电话", "门牌地址", "现住小区/建筑", "户编号", "重点类别",
        "民族", "政治面貌", "与其他人员关系", "户籍地址", "所属网格",
    )} == {
        "姓名": "name", "身份证号": "id_number", "联系电话": "phone", "门牌地址": "address",
        "现住小区/建筑": "compound", "户编号": "household_number", "重点类别": "tags",
        "民族": "ethnicity", "政治面貌": "political_status", "与其他人员关系": "relationship",
        "户籍地址": "hukou_address", "所属网格": "ignore",
    }
    # contains 小区, but 现住小区/建筑 holds the compound field already
    assert mapping["户籍小区/建筑"] is None
    assert mapping["婚姻状况"] is None


@needs_external
def test_cortana_person_export():
    assert mapping_of(PERSON_EXPORT) == {
        "姓名": "name", "性别": "sex", "身份证号": "id_number", "现住地址": "address",
        "所属建筑": "compound", "所属网格": "ignore", "更新时间": "ignore",
    }


@needs_external
def test_microcommunity_owners():
    mapping = mapping_of(HC_TEMPLATE, "业主信息")
    assert mapping["业主名称"] == "name"
    assert mapping["手机号"] == "phone"
    assert mapping["身份证号"] == "id_number"
    assert mapping["年龄"] == "ignore"


def test_contained_aliases_and_second_phone():
    assert map_columns(["序号", "编号", "姓名", "身份证号码(18位)", "联系电话1", "电话2", "电话3"]) == [
        "ignore", "ignore", "name", "id_number", "phone", "phone2", None,
    ]
    assert map_columns(["联系电话2", "手机号码", "家庭电话"]) == ["phone2", "phone", None]


def test_traditional_and_spaced_headers():
    assert map_columns(["姓  名", "身份證號碼", "聯繫電話", "", None]) == [
        "name", "id_number", "phone", None, None
    ]


def test_single_character_aliases_match_whole_headers_only():
    assert map_columns(["室", "室外车位数"]) == ["room", None]


@pytest.mark.parametrize("language", LANGUAGES)
def test_labels_of_every_language_map_back(language):
    # What our own export writes as headers in that UI language.
    aliases = field_aliases()
    i18n.set_language(language)
    for field in FIELD_BY_KEY.values():
        if field.kind != "ignore":
            assert aliases[header_key(i18n._(field.label))] == field.key, field.key


def test_english_labels():
    assert map_columns(["Name", "ID number", "Date of birth", "Household no."]) == [
        "name", "id_number", "birth_date", "household_number"
    ]


def test_memory_round_trip(tmp_path):
    memory = MappingMemory(DataDir(tmp_path).import_mappings)
    headers = ["姓名", "证件", "手机"]
    assert memory.recall(headers) is None
    memory.remember(headers, ["name", "id_number", None])
    assert (tmp_path / "import-mappings.json").is_file()
    again = MappingMemory(tmp_path / "import-mappings.json")
    assert again.recall(headers) == ["name", "id_number", None]
    assert again.recall(["姓名 ", "證件", "手机"]) == ["name", "id_number", None]  # same set
    assert again.recall(["姓名", "证件"]) is None
    again.remember(headers, ["name", "id_number", "phone"])  # the latest choice wins
    assert memory.recall(headers) == ["name", "id_number", "phone"]
    assert not list(tmp_path.glob("*.tmp"))


def test_memory_keeps_the_latest_50(tmp_path):
    memory = MappingMemory(tmp_path / "m.json")
    for n in range(MAX_REMEMBERED + 5):
        memory.remember([f"列{n}"], [None])
    assert memory.recall(["列0"]) is None
    assert memory.recall(["列5"]) == [None]
    assert memory.recall([f"列{MAX_REMEMBERED + 4}"]) == [None]
    stored = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert len(stored["entries"]) == MAX_REMEMBERED


@pytest.mark.parametrize("content", [
    b"{not json", b"\xff\xfe\x00", b"[]", b'{"entries": 5}',
    b'{"entries": [{"headers": ["a"], "mapping": ["no_such_field"]}, 7]}',
])
def test_memory_damaged_file_counts_as_empty(tmp_path, content):
    path = tmp_path / "m.json"
    path.write_bytes(content)
    memory = MappingMemory(path)
    assert memory.recall(["a"]) is None
    memory.remember(["a"], ["name"])
    assert memory.recall(["a"]) == ["name"]


def test_memory_write_failure_is_not_fatal(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    memory = MappingMemory(blocker / "m.json")  # its folder is a file
    memory.remember(["a"], ["name"])
    assert memory.recall(["a"]) is None
