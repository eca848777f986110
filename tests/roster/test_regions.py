"""Region codes: the shipped table, derived from the modood lists, and the lookups on it."""

from __future__ import annotations

import csv

import pytest

from desktop.roster import regions
from tests.conftest import SHARED_EXTERNAL


def test_lookup_of_province_city_and_county():
    assert regions.region_name("330000") == "浙江省"
    assert regions.region_name("330100") == "杭州市"
    assert regions.region_name("330106") == "西湖区"
    assert regions.is_known_region("110105")
    assert regions.region_name("999999") is None
    assert not regions.is_known_region("330103")  # 下城区, abolished in 2021


@pytest.mark.parametrize("code,full", [("330106", "浙江省杭州市西湖区"),
                                       ("110105", "北京市朝阳区"),  # no "市辖区" in addresses
                                       ("419001", "河南省济源市"),
                                       ("330100", "浙江省杭州市"),
                                       ("330000", "浙江省")])
def test_full_name_reads_like_an_address(code, full):
    assert regions.region_full_name(code) == full


def test_unknown_code_has_no_full_name():
    assert regions.region_full_name("330103") is None


def test_table_ships_with_its_license_and_origin():
    folder = regions.areas_file().parent
    assert (folder / "LICENSE.modood.txt").read_text(encoding="utf-8").strip()
    assert "modood" in (folder / "README.txt").read_text(encoding="utf-8")
    assert str(regions.areas_file()).startswith(str(folder))
    assert "shared" not in regions.areas_file().parts


@pytest.mark.skipif(not SHARED_EXTERNAL.is_dir(), reason="the original lists are not here")
def test_table_is_exactly_the_modood_lists_padded_and_merged():
    expected = {}
    for name, pad in (("provinces", "0000"), ("cities", "00"), ("areas", "")):
        with (SHARED_EXTERNAL / f"modood_{name}.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                expected.setdefault(row["code"] + pad, row["name"])
    with regions.areas_file().open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["code", "name"]
    shipped = {code: name for code, name in rows[1:]}
    assert len(shipped) == len(rows) - 1  # no code twice
    assert shipped == expected
    assert [r[0] for r in rows[1:]] == sorted(shipped)
