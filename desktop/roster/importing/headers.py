"""Finding the header row: office rosters open with titles and dates, templates follow the header
with a row of instructions, and tables group columns under merged headers ("联系方式" over
"手机"/"固话")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.i18n import _
from desktop.roster.importing.mapping import exact_field, field_for_header
from desktop.spreadsheets.sources import ImportFileError, SourceSheet

MIN_HEADER_MATCHES = 2

# Cues that a cell tells how to fill a column rather than holding a value (cortana-grid's
# templates: "必填，18位身份证号", "YYYYMMDD", "1=是，0=否", "多个电话用;分隔", "如汉族、回族等").
_INSTRUCTION = re.compile(
    r"必填|选填|可选|非必填|如[：:]|^如|例[：:]|例如|示例|格式|填写|请输入|请选择|下拉|"
    r"YYYY|yyyy|\d\s*=\s*[是否]|^注[：:]|^说明[：:]|自动(关联|生成|计算)"
)
# A header or an instruction is short: a cell is judged by its first characters, so a huge cell
# (a 60 MB note) costs no more than a short one.
_MAX_CELL_TEXT = 200
# Likewise a row is judged by its first columns: no roster has a thousand, and a sheet 200,000
# columns wide would otherwise take minutes to look at.
_MAX_COLUMNS = 1000
# "男/女", "常住人口/流动人口": a list of choices
_CHOICES = re.compile(r"^[^/\d\s]{1,8}(/[^/\d\s]{1,8})+$")


@dataclass(frozen=True)
class SkippedRow:
    index: int  # index into sheet.rows
    row_number: int  # as the user sees it
    reason: str  # "title" | "instruction" | "blank" | "group_header"


@dataclass(frozen=True)
class HeaderLayout:
    header_index: int  # the lower row when headers span two rows
    data_start: int  # index of the first data row
    headers: list[str]  # one per column (len = widest row)
    skipped: list[SkippedRow]  # rows above the header, instruction/blank rows below it


def detect_header(sheet: SourceSheet, max_scan: int = 30) -> HeaderLayout:
    rows = sheet.rows
    header = _best_scoring_row(rows[:max_scan])
    if header is None:
        raise ImportFileError(
            _(
                'No header row found in "{sheet}": the first row should name the columns, '
                "e.g. 姓名, 身份证号."
            ).format(sheet=sheet.name)
        )
    if _continues_into_next_row(sheet, header):
        header += 1
    width = max(map(len, rows), default=0)
    headers = _header_texts(sheet, header, width)

    skipped = [
        SkippedRow(i, sheet.row_numbers[i], _reason_above(sheet, i, header))
        for i in range(header)
    ]
    data_start = header + 1
    while data_start < len(rows):
        row = rows[data_start]
        if _is_blank(row):
            reason = "blank"
        elif _is_instruction(row):
            reason = "instruction"
        else:
            break
        skipped.append(SkippedRow(data_start, sheet.row_numbers[data_start], reason))
        data_start += 1
    return HeaderLayout(header, data_start, headers, skipped)


def _best_scoring_row(rows: list[list[object]]) -> int | None:
    best, best_score = None, MIN_HEADER_MATCHES - 1
    for index, row in enumerate(rows):
        if _is_instruction(row):
            continue  # instructions quote field names ("必填，18位身份证号")
        score = sum(1 for text in map(_text, row[:_MAX_COLUMNS])
                    if text and field_for_header(text))
        if score > best_score:  # strictly better: the first row wins a tie
            best, best_score = index, score
    return best


def _continues_into_next_row(sheet: SourceSheet, header: int) -> bool:
    """Whether the header found is the upper of two header rows.

    Either a cell merged down into the next row ("序号" over two rows), or a group header merged
    across columns ("联系方式") with sub-headers below it.
    """
    rows = sheet.rows
    if header + 1 >= len(rows):
        return False
    below = rows[header + 1]
    if _is_blank(below) or _is_instruction(below):
        return False
    for r0, c0, r1, c1 in sheet.merged:
        if r0 != header:
            continue
        if r1 > header:
            return True
        if c1 > c0 and any(_text(v) for v in below[c0:c1 + 1]):
            return True
    return False


def _header_texts(sheet: SourceSheet, header: int, width: int) -> list[str]:
    row = sheet.rows[header]
    texts = [_text(row[c]) if c < len(row) else "" for c in range(width)]
    # An empty header cell under a cell merged down from above ("序号" spanning two rows)
    # takes that cell's text.
    for r0, c0, r1, c1 in sheet.merged:
        if r0 < header <= r1:
            top = sheet.rows[r0]
            for c in range(c0, min(c1 + 1, width)):
                if not texts[c] and c0 < len(top):
                    texts[c] = _text(top[c0])
    # Without merge information (CSV, HTML flattened by a system) a row of group headers right
    # above still names the columns whose header cell is empty.
    if header > 0 and not sheet.merged:
        above = sheet.rows[header - 1]
        if sum(1 for v in above if _text(v)) >= 2:
            for c in range(min(width, len(above))):
                if not texts[c]:
                    texts[c] = _text(above[c])
    return texts


def _reason_above(sheet: SourceSheet, index: int, header: int) -> str:
    row = sheet.rows[index]
    if _is_blank(row):
        return "blank"
    if index == header - 1 and (
        sum(1 for v in row if _text(v)) >= 2
        # "序号" merged down into the header row
        or any(r0 <= index < r1 for r0, _c0, r1, _c1 in sheet.merged)
    ):
        return "group_header"
    return "title"  # a merged title across the table, a date line, a unit name


def _is_instruction(row: list[object]) -> bool:
    texts = [t for t in (_text(v) for v in row[:_MAX_COLUMNS]) if t]
    if not texts:
        return False
    return sum(1 for t in texts if _is_instruction_text(t)) * 2 >= len(texts)


def _is_instruction_text(text: str) -> bool:
    if exact_field(text):
        return False  # a header with a note: "身份证号（必填）"
    return bool(_INSTRUCTION.search(text) or _CHOICES.match(text) or _says_separate(text))


def _says_separate(text: str) -> bool:
    """"多个电话用;分隔": 多个, then 用, then 分隔, each searched once from where the last was
    found (a regular expression ``多个.*用.*分隔`` backtracks cubically on long cells)."""
    start = text.find("多个")
    if start < 0:
        return False
    middle = text.find("用", start + 2)
    return middle >= 0 and text.find("分隔", middle + 1) >= 0


def _is_blank(row: list[object]) -> bool:
    return not any(_text(v) for v in row[:_MAX_COLUMNS]) and not any(
        v is not None and str(v).strip() for v in row[_MAX_COLUMNS:])


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a numeric header cell (2024.0) as the user sees it
    return " ".join(str(value)[:_MAX_CELL_TEXT].split())
