"""Very long cells: header detection stays linear in a cell's length (the instruction pattern
多个.*用.*分隔 once backtracked cubically and stalled a 45 KB CSV for minutes)."""

from __future__ import annotations

import time

from desktop.roster.importing.headers import detect_header
from desktop.spreadsheets.sources import SourceSheet


def _sheet(cell: str) -> SourceSheet:
    rows = [[cell, cell, cell]] * 5 + [["姓名", "身份证号", "民族"], ["王明", "", "汉"]]
    return SourceSheet("花名册", [list(r) for r in rows], list(range(1, len(rows) + 1)))


def _seconds(cell: str, repeat: int) -> float:
    sheet = _sheet(cell)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeat):
            layout = detect_header(sheet)
        best = min(best, time.perf_counter() - start)
    assert layout.headers == ["姓名", "身份证号", "民族"]
    return best / repeat


def test_header_detection_is_linear_in_the_length_of_a_cell():
    # "多个用多个用…" with no 分隔: every 多个 and every 用 are candidates for the old pattern.
    short = "多个用" * 20
    long = "多个用" * 600  # 30 times longer: cubic backtracking takes 27,000 times as long
    ratio = _seconds(long, 1) / _seconds(short, 30)
    assert ratio < 15, ratio  # linear, and long cells judged by their start: about 1


def test_bracket_runs_in_a_long_cell_do_not_stall_the_header_match():
    short = "（" * 60
    long = "（" * 3000  # 50 times longer: the brackets pattern was quadratic
    ratio = _seconds(long, 1) / _seconds(short, 30)
    assert ratio < 15, ratio


def test_a_long_instruction_cell_is_still_an_instruction():
    sheet = SourceSheet("花名册", [["姓名", "联系电话"],
                                 ["必填", "多个电话用;分隔" + "。" * 10_000],
                                 ["王明", "13800138000"]], [1, 2, 3])
    layout = detect_header(sheet)
    assert (layout.header_index, layout.data_start) == (0, 2)


def test_a_huge_cell_in_any_column_is_reported_briefly():
    from desktop.roster.importing.rows import read_rows

    huge = "1（多个用" * 50_000  # 250,000 characters
    columns = ["姓名", "身份证号", "联系电话", "民族", "出生日期", "现住地址", "人员类别", "备注"]
    mapping = ["name", "id_number", "phone", "ethnicity", "birth_date", "address", "tags",
               "notes"]
    rows = [["王明", huge, huge, huge, huge, huge, huge, huge]]
    read = read_rows(rows, [2], 0, columns, mapping)

    problems = {p.column: p for p in read.problems}
    assert set(problems) == set(columns[1:])
    assert all(len(p.message) < 200 for p in problems.values())
    assert problems["身份证号"].code == problems["现住地址"].code == "too_long"
    assert problems["人员类别"].code == "too_long"
    assert read.error_positions == [0]


def _wide_seconds(columns: int) -> float:
    rows = [[f"值{r}-{c}" for c in range(columns)] for r in range(29)]
    sheet = SourceSheet("花名册", [*rows, ["姓名", "民族"], ["王明", "回"]], list(range(1, 32)))
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        layout = detect_header(sheet)
        best = min(best, time.perf_counter() - start)
    assert layout.header_index == 29
    return best


def test_header_detection_looks_at_the_first_columns_of_a_very_wide_sheet():
    # 30 rows of 20,000 distinct values took 7 s: each was matched against every alias.
    ratio = _wide_seconds(20_000) / _wide_seconds(2_000)
    assert ratio < 4, ratio  # without the cap: 10
