"""The fields a roster import fills, and the column headers offices use for each.

Headers are compared after ``header_key``: traditional characters made simplified, spaces and
notes in brackets removed ("身份證號碼（必填）" → "身份证号码"), so the aliases below are written
once, in simplified Chinese (plus the English labels our own export writes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.i18n import N_
from desktop.roster.importing.cleaning import CONTROLS
from desktop.roster.simplified import to_simplified


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str  # N_() marked; translate with _() where shown
    aliases: tuple[str, ...]  # header keys (see header_key) that mean this field
    kind: str  # "resident", "place" or "ignore"


FIELDS: tuple[ImportField, ...] = (
    ImportField("name", N_("Name"), (
        "姓名", "名字", "居民姓名", "人员姓名", "业主名称", "业主姓名", "name"), "resident"),
    ImportField("id_number", N_("ID number"), (
        "身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "身份证", "证件号码",
        "证件号", "身份证件号码", "idnumber"), "resident"),
    ImportField("sex", N_("Sex"), ("性别", "sex"), "resident"),
    ImportField("birth_date", N_("Date of birth"), (
        "出生日期", "出生年月", "出生年月日", "生日", "dateofbirth"), "resident"),
    ImportField("phone", N_("Phone"), (
        "联系电话", "手机号码", "手机号", "手机", "电话", "电话号码", "联系方式", "移动电话",
        "联络电话", "phone"), "resident"),
    ImportField("phone2", N_("Second phone"), (
        "备用电话", "其他电话", "固定电话", "固话", "座机", "家庭电话", "住宅电话", "联系电话2", "secondphone"), "resident"),
    ImportField("relationship", N_("Relationship"), (
        "与户主关系", "与户主的关系", "家庭关系", "关系", "与其他人员关系", "relationship"),
        "resident"),
    ImportField("residence_status", N_("Residence"), (
        "人员类型", "居住类型", "居住状态", "人口类型", "居住情况", "residence"), "resident"),
    ImportField("ethnicity", N_("Ethnic group"), ("民族", "ethnicgroup"), "resident"),
    ImportField("political_status", N_("Political status"), (
        "政治面貌", "politicalstatus"), "resident"),
    ImportField("hukou_address", N_("Registered (hukou) address"), (
        "户籍地址", "户籍详细地址", "户籍地", "户口所在地", "户籍所在地", "hukouaddress",
        "registeredaddress"),
        "resident"),
    ImportField("work_unit", N_("Work unit"), (
        "工作单位", "单位", "工作单位及职务", "workunit"), "resident"),
    ImportField("tags", N_("Tags"), (
        "人员类别", "重点类别", "人员标签", "标签", "特殊人群", "人群类别", "tags"), "resident"),
    ImportField("notes", N_("Notes"), ("备注", "说明", "notes"), "resident"),
    # Where the resident lives: a full address, or its parts in separate columns.
    ImportField("address", N_("Address"), (
        "现住地址", "门牌地址", "住址", "地址", "现住详细门牌", "居住地址", "家庭住址",
        "房屋地址", "现居住地址", "现住址", "详细地址", "address"), "place"),
    ImportField("compound", N_("Compound"), (
        "小区", "小区名称", "所属小区", "现住小区", "现住小区/建筑", "所属建筑",
        "小区/建筑名称", "compound"), "place"),
    ImportField("building", N_("Building"), (
        "楼栋", "幢", "栋", "楼号", "楼栋号", "幢号", "楼幢", "楼栋编号", "building"), "place"),
    ImportField("unit", N_("Unit"), ("单元", "单元号", "单元编号", "unit"), "place"),
    ImportField("room", N_("Room"), ("房号", "室", "房间号", "门牌号", "户室号", "room"),
                "place"),
    ImportField("household_number", N_("Household no."), (
        "户号", "户编号", "户籍编号", "householdno"), "place"),
    # Columns offices keep that the roster derives or does not hold: recognised, not imported,
    # so they are not reported as unknown.
    ImportField("ignore", N_("(not imported)"), (
        "序号", "编号", "年龄", "更新时间", "所属网格", "网格", "age", "status", "状态"),
        "ignore"),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}
IMPORTED_KEYS = tuple(f.key for f in FIELDS if f.kind != "ignore")
# What a row needs to become a resident.
REQUIRED_KEYS = ("name",)

_MAX_HEADER = 200
_NOTES = re.compile(r"[（(\[【<《][^）)\]】>》]*[）)\]】>》]")
_DROP = str.maketrans("", "", " \t\r\n\u3000\xa0*★☆※:：_.")


def header_key(text: object) -> str:
    """A header as compared with aliases: simplified, lower-case, no spaces, no bracketed notes."""
    if text is None:
        return ""
    # Headers are short; a long cell is compared by its start (the brackets pattern would take
    # quadratic time on a long run of opening brackets).
    value = str(text)[:_MAX_HEADER]
    value = CONTROLS.sub("", _NOTES.sub("", value)).translate(_DROP).lower()
    return to_simplified(value)
