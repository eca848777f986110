"""Drawing straight on the canvas: one line of text in a font with a per-character fallback
(a rare character in an owner's name still prints), shrunk to fit a width. The ballots are
drawn this way rather than as Platypus flowables: 1,000 ballots are 10,000 text lines, and a
wrapped Paragraph each would take longer than the whole print may."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.printing.fonts import covered, font_set


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` cut into (piece, font) runs: ``font`` where it has the glyph, else a fallback."""
    chars = covered(font)
    if all(ord(ch) in chars for ch in text):
        return [(text, font)]
    fonts = font_set()
    out: list[tuple[str, str]] = []
    for ch in text:
        wanted = font if ord(ch) in chars or ch.isspace() else (fonts.fallback_for(ch) or font)
        if out and out[-1][1] == wanted:
            out[-1] = (out[-1][0] + ch, wanted)
        else:
            out.append((ch, wanted))
    return out


def width(text: str, font: str, size: float) -> float:
    return sum(stringWidth(piece, f, size) for piece, f in runs(text, font))


def fitted_size(text: str, font: str, size: float, room: float, smallest: float = 6.0) -> float:
    """``size``, or smaller (not below ``smallest``) so that ``text`` fits ``room``."""
    wide = width(text, font, size)
    if wide <= room or wide == 0:
        return size
    return max(smallest, size * room / wide)


def draw(canvas, x: float, y: float, text: str, font: str, size: float,
         align: str = "left", room: float | None = None) -> float:
    """Draw one line with its baseline at ``y``; returns the width drawn. ``room``: shrink
    the size so it fits (an owner list of four co-owners)."""
    if room is not None:
        size = fitted_size(text, font, size, room)
    pieces = runs(text, font)
    wide = sum(stringWidth(piece, f, size) for piece, f in pieces)
    if align == "center":
        x -= wide / 2
    elif align == "right":
        x -= wide
    for piece, f in pieces:
        canvas.setFont(f, size)
        canvas.drawString(x, y, piece)
        x += stringWidth(piece, f, size)
    return wide
