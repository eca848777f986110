"""The 100,000-row spreadsheet the import benchmark reads, written once from the standard dataset.

It looks like an office's own roster: a title row, a header row with the names offices use, one
full address column ("翠苑一区3幢2单元501室") instead of separate place columns, ID numbers and
phones as text, birth dates as date cells, code tables as Chinese words.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

HEADERS = ["序号", "姓名", "性别", "身份证号", "出生日期", "联系电话", "现住地址", "户号",
           "与户主关系", "民族", "政治面貌", "人员类别", "备注"]
SEXES = {"1": "男", "2": "女", "0": "未知"}
RELATIONSHIPS = {"02": "户主", "10": "配偶", "11": "夫", "12": "妻", "20": "子", "30": "女",
                 "50": "父母", "51": "父亲", "52": "母亲", "41": "孙子", "42": "孙女",
                 "28": "女婿", "38": "儿媳", "70": "兄弟姐妹", "97": "其他亲属", "99": "非亲属"}
POLITICAL = {"01": "中共党员", "02": "中共预备党员", "03": "共青团员", "13": "群众",
             "12": "无党派人士", "04": "民主党派"}
TAGS = {"party_member": "党员", "elderly": "老年人", "lives_alone": "独居老人",
        "disabled": "残疾人", "low_income": "低保户", "veteran": "退役军人",
        "child": "儿童", "new_employment": "新就业群体", "resident_representative": "居民代表",
        "hardship": "困难群体", "volunteer": "志愿者"}


def write_input(database: Path, target: Path, rows: int) -> Path:
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    conn = sqlite3.connect(database)
    tags: dict[str, list[str]] = {}
    for resident_id, code in conn.execute(
            "SELECT rt.resident_id, t.code FROM resident_tag rt JOIN tag t ON t.id = rt.tag_id "
            "WHERE rt.deleted = 0"):
        if code in TAGS:
            tags.setdefault(resident_id, []).append(TAGS[code])
    query = conn.execute(
        "SELECT r.id, r.name, r.sex, r.id_number, r.birth_date, r.phone, c.name, b.name, d.unit, "
        "d.room, h.number, r.relationship, r.political_status, r.notes "
        "FROM resident r JOIN household h ON h.id = r.household_id "
        "JOIN dwelling d ON d.id = h.dwelling_id JOIN building b ON b.id = d.building_id "
        "JOIN compound c ON c.id = b.compound_id WHERE r.deleted = 0 "
        "ORDER BY c.name, b.sort_key, d.unit, d.room LIMIT ?", (rows,))
    partial = target.with_suffix(".partial.xlsx")
    # openpyxl (a dependency already) in write-only mode: rows streamed, inline strings.
    book = Workbook(write_only=True)
    sheet = book.create_sheet("居民花名册")
    sheet.append(["翠苑街道社区居民花名册（2026年11月）"])
    sheet.append(HEADERS)

    def date_cell(iso: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=dt.date.fromisoformat(iso))
        cell.number_format = "yyyy-mm-dd"
        return cell

    for n, (rid, name, sex, id_number, birth, phone, compound, building, unit, room, number,
            relationship, political, notes) in enumerate(query, start=1):
        address = f"{compound}{building}{unit + '单元' if unit else ''}{room}室"
        sheet.append([n, name, SEXES.get(sex, ""), id_number, date_cell(birth) if birth else None,
                      phone, address, number, RELATIONSHIPS.get(relationship, ""), "汉族",
                      POLITICAL.get(political, "群众"), "、".join(tags.get(rid, ())),
                      notes or ""])
    book.save(partial)
    conn.close()
    partial.rename(target)
    return target
