"""Splitting an XLSForm expression into tokens.

Our own small lexer rather than pyxform's: we need exact positions for messages and a few
user-friendly refusals (full-width punctuation typed with a Chinese input method), and the
rules are short. Curly quotes (‘…’, “…”) are read as quotes, as pyxform cleans them on import.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from desktop.core.i18n import _
from desktop.visits.forms.expressions.errors import ExpressionError

NUMBER, STRING, REF, NAME, OP, END = "number", "string", "ref", "name", "op", "end"


class Token(NamedTuple):
    kind: str
    text: str  # for STRING the text between the quotes, for REF the name inside ${…}
    position: int


# XML name characters (what XLSForm allows in a question name), minus the full-width and CJK
# punctuation blocks: a "＝" or "（" typed in Chinese input mode is an error to point at, not
# part of a name.
_START = r"A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff" \
         r"\u200c\u200d\u2070-\u218f\u2c00-\u2fef\u3040-\ud7ff\uf900-\ufdcf\ufdf0-\ufefe"
_CHAR = _START + r"\-.0-9\u00b7\u0300-\u036f\u203f\u2040"
_NCNAME = f"[{_START}][{_CHAR}]*"
NAME_RE = re.compile(f"{_NCNAME}(?::{_NCNAME})?")
_NCNAME_RE = re.compile(_NCNAME)
_NUMBER_RE = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_SPACE_RE = re.compile(r"\s+")
_QUOTES = {"'": "'", '"': '"', "‘": "’", "’": "’", "“": "”", "”": "”"}
_TWO = ("!=", "<=", ">=", "..", "//")
_ONE = frozenset("=<>+-*()[],/|@.")
_FULL_WIDTH = {"＝": "=", "（": "(", "）": ")", "，": ",", "＜": "<", "＞": ">", "＋": "+",
               "－": "-", "＊": "*", "！": "!", "｛": "{", "｝": "}", "＄": "$", "。": ".",
               "．": ".", "　": " ", "’": "'", "‘": "'"}


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i = _SPACE_RE.match(text, i).end()
            continue
        if c.isdigit() or (c == "." and i + 1 < n and text[i + 1].isdigit()):
            m = _NUMBER_RE.match(text, i)
            tokens.append(Token(NUMBER, m.group(), i))
            i = m.end()
        elif c in _QUOTES:
            end = text.find(_QUOTES[c], i + 1)
            if c in "‘“" and end < 0:  # a pair typed as ‘…' or “…"
                end = text.find("'" if c == "‘" else '"', i + 1)
            if end < 0:
                raise ExpressionError(_(
                    "A quote opened at character {position} is never closed."
                ).format(position=i + 1), i)
            tokens.append(Token(STRING, text[i + 1:end], i))
            i = end + 1
        elif c == "$":
            m = _NCNAME_RE.match(text, i + 2) if text.startswith("${", i) else None
            if m is None or not text.startswith("}", m.end()):
                raise ExpressionError(_(
                    "At character {position}: a reference is written {example}, with the "
                    "question's name between the braces."
                ).format(position=i + 1, example="${name}"), i)
            tokens.append(Token(REF, m.group(), i))
            i = m.end() + 1
        elif text.startswith(_TWO, i):
            tokens.append(Token(OP, text[i:i + 2], i))
            i += 2
        elif c in _ONE:
            tokens.append(Token(OP, c, i))
            i += 1
        else:
            m = NAME_RE.match(text, i)
            if m is None:
                raise _bad_character(text, i)
            tokens.append(Token(NAME, m.group(), i))
            i = m.end()
    tokens.append(Token(END, "", n))
    return tokens


def _bad_character(text: str, i: int) -> ExpressionError:
    c = text[i]
    if c in _FULL_WIDTH:
        return ExpressionError(_(
            "At character {position}: the full-width character {character} was typed in "
            "Chinese input mode; type {ascii} instead."
        ).format(position=i + 1, character=c, ascii=_FULL_WIDTH[c]), i)
    return ExpressionError(_(
        "At character {position}: the character {character} cannot be used here."
    ).format(position=i + 1, character=c), i)
