"""Lines re-wrapped for a phone's width, measured with the bundled font.

Chinese breaks between any two characters, except that closing punctuation (，。、）…) never
starts a line and opening punctuation (（《“…) never ends one; a run of Latin letters and
digits (a masked phone 138****5678, 3120.5, 2026-11-23) moves to the next line whole unless it
is longer than a line. Widths are the sum of the characters' advances in Pillow's basic layout
(the same on every PC), cached per size: a 5,000-character line wraps in a few milliseconds.
A character the bundled font lacks (䶮, 𠮷 in a name) is measured and drawn in the font the
printed notice falls back to (desktop.printing.fonts), so it shows where the PDF shows it.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import ImageFont

from desktop.core.paths import resources_dir

FONT_FILE = "wqy-microhei.ttc"
_NO_START = set("，。、；：？！）》」』】〉〕”’…—,.;:!?)]}%·～")
_NO_END = set("（《「『【〈〔“‘([{")
_WORD = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*.-_@%/+'")
# A number keeps the unit after it: 30日, 12户, 3120.5平方米 never break after the digits.
_UNITS = set("年月日号时分秒点户人元角岁个幢栋单室层平米万亿")
_ADVANCES: dict[tuple[int, str], float] = {}


_FACES: dict[str, str] = {}


@lru_cache(maxsize=32)
def font(size: int, path: str = "") -> ImageFont.FreeTypeFont:
    """The bundled CJK font (WenQuanYi Micro Hei, the first face of the collection), or the
    font file ``path``."""
    return ImageFont.truetype(path or str(resources_dir() / "fonts" / FONT_FILE), size, index=0,
                              layout_engine=ImageFont.Layout.BASIC)


def face(char: str) -> str:
    """The font file to draw ``char`` with: "" for the bundled font (nearly always)."""
    path = _FACES.get(char)
    if path is None:
        from desktop.printing.fonts import BUNDLED, covered, font_set

        fonts = font_set()
        path = ""
        if not char.isspace() and ord(char) not in covered(BUNDLED):
            name = fonts.fallback_for(char)
            if name and name != BUNDLED:
                from reportlab.pdfbase.pdfmetrics import getFont

                path = str(getFont(name).face.filename)
        _FACES[char] = path
    return path


def runs(text: str) -> list[tuple[str, str]]:
    """``text`` cut where the font changes: (font file or "", characters)."""
    out: list[tuple[str, str]] = []
    for char in text:
        path = face(char)
        if out and out[-1][0] == path:
            out[-1] = (path, out[-1][1] + char)
        else:
            out.append((path, char))
    return out


def advance(size: int, char: str) -> float:
    key = (size, char)
    width = _ADVANCES.get(key)
    if width is None:
        width = _ADVANCES[key] = font(size, face(char)).getlength(char)
    return width


def text_width(text: str, size: int) -> float:
    return sum(advance(size, ch) for ch in text)


def _break_before(text: str, start: int, end: int) -> int:
    """Where to break, at or before ``end`` (the first character that does not fit)."""
    j = end

    def joined(k: int) -> bool:  # no break between text[k - 1] and text[k]
        before, after = text[k - 1], text[k]
        if before in _WORD:
            return after in _WORD or (after in _UNITS and before.isdigit())
        # 2026年11月30日 stays whole: a unit between two numbers holds them together.
        return before in _UNITS and after.isdigit() and k >= 2 and text[k - 2].isdigit()

    if joined(j):  # inside a word: break before it
        k = j - 1
        while k > start and joined(k):
            k -= 1
        if k > start:
            j = k
    # Kinsoku: move a character down with the punctuation rather than start a line with it.
    for _ in range(2):
        if j - 1 > start and (text[j] in _NO_START or text[j - 1] in _NO_END):
            j -= 1
        else:
            break
    return j


def wrap(text: str, size: int, width: float, first_width: float | None = None) -> list[str]:
    """``text`` as lines no wider than ``width`` (``first_width`` for the first line)."""
    lines: list[str] = []
    i, n = 0, len(text)
    while i < n:
        limit = first_width if first_width is not None and not lines else width
        used, j = 0.0, i
        while j < n:
            w = advance(size, text[j])
            if used + w > limit and j > i:
                break
            used += w
            j += 1
        if j < n:
            j = _break_before(text, i, j)
        lines.append(text[i:j].rstrip())
        i = j
        while i < n and text[i] == " ":
            i += 1
    return lines or [""]
