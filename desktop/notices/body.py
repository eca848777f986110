"""The body of a notice as office staff type it: plain text, no markup to learn.

    一、停水时间                      a heading (一、二、… 十一、)
    （一）影响范围                    a sub-heading ((一) with ASCII brackets too)
    1. 3幢、5幢全天停水               a numbered item ("1." "1、" "1．")
    （1）请提前储水                   a sub-item
    姓名|房号|面积                    a table: lines holding tabs or "|" (the first is the header)
    张三明|3-2-501|89.5
    (blank line)                     a paragraph break; every other line is a paragraph too,
                                     as people press Enter at the end of each paragraph
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_NUM = "一二三四五六七八九十百零〇"
HEADING = re.compile(rf"^[{_CN_NUM}]+、")
SUBHEADING = re.compile(rf"^[（(][{_CN_NUM}]+[）)]")
ITEM = re.compile(r"^\d+\s*[.．、]")
SUBITEM = re.compile(r"^[（(]\d+[）)]")
_RULE_ROW = re.compile(r"^[\s|:：\-—=+]+$")  # |---|---| under a header typed Markdown-style

BLOCK_KINDS = ("heading", "subheading", "item", "subitem", "paragraph", "table")


@dataclass(frozen=True)
class Block:
    kind: str  # BLOCK_KINDS
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()  # a table: the header, then the rows

    @property
    def header(self) -> tuple[str, ...]:
        return self.rows[0] if self.rows else ()


def _is_table_line(line: str) -> bool:
    return "\t" in line or "|" in line or "｜" in line


def _cells(line: str) -> tuple[str, ...]:
    text = line.replace("｜", "|").strip()
    if "|" in text:
        text = text.strip("|")
        parts = text.split("|")
    else:
        parts = text.split("\t")
    return tuple(p.strip() for p in parts)


def line_kind(line: str) -> str:
    text = line.strip()
    if HEADING.match(text):
        return "heading"
    if SUBHEADING.match(text):
        return "subheading"
    if ITEM.match(text):
        return "item"
    if SUBITEM.match(text):
        return "subitem"
    return "paragraph"


def parse_body(text: str) -> list[Block]:
    """The blocks of ``text`` in order."""
    blocks: list[Block] = []
    table: list[tuple[str, ...]] = []

    def end_table() -> None:
        if len(table) == 1:  # one line with a tab is not a table
            blocks.append(Block("paragraph", " ".join(c for c in table[0] if c)))
            table.clear()
        if table:
            width = max(len(r) for r in table)
            rows = tuple(r + ("",) * (width - len(r)) for r in table)
            blocks.append(Block("table", rows=rows))
            table.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            end_table()
            continue
        if _is_table_line(line):
            if table and _RULE_ROW.match(line):
                continue
            table.append(_cells(line))
            continue
        end_table()
        text_line = line.strip()
        blocks.append(Block(line_kind(text_line), text_line))
    end_table()
    return blocks
