"""Draws the Linli Desk icon: two neighbouring houses in the app's blue on a white tile.

Run from the repository root with any Python that has Pillow (a build-time tool only; the app
never draws its icon): ``python packaging/make_icon.py``. It writes ``resources/icons/``:
``linli.svg``, ``linli-<size>.png`` for every size below and ``linli.ico`` holding them all.
The outputs are committed, so a build needs neither this script nor Pillow.

One geometry (on a 256 grid) feeds both the SVG and the PNGs. Small sizes drop the tile's
outline and the windows: at 16 px a 1 px outline and 2 px windows only blur the two roofs,
which are what makes the mark recognisable.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

BLUE = "#2E86C1"
WHITE = "#FFFFFF"
SIZES = (16, 24, 32, 48, 64, 128, 256)
GRID = 256
# Drawn this many times larger, then reduced: smooth edges without an anti-aliasing renderer.
SUPERSAMPLE = 8

# The two houses share the middle of the tile; their roofs meet there like a row of houses.
TILE = (8, 8, 248, 248)
TILE_RADIUS = 48
TILE_OUTLINE = 10
HOUSES = (
    # roof (left eave, apex, right eave), body (x0, y0, x1, y1)
    {"roof": ((20, 128), (74, 52), (128, 128)), "body": (34, 124, 114, 220)},
    {"roof": ((128, 128), (182, 52), (236, 128)), "body": (142, 124, 222, 220)},
)
DOOR_WIDTH = 30
DOOR_TOP = 158
# Sizes up to 32 px: the houses fill the whole tile, every edge on the 16 px pixel grid
# (multiples of 16 here), so the 16 px icon has crisp eaves and 2 px doors.
SMALL_HOUSES = (
    {"roof": ((0, 128), (64, 48), (128, 128)), "body": (16, 128, 112, 240)},
    {"roof": ((128, 128), (192, 48), (256, 128)), "body": (144, 128, 240, 240)},
)
SMALL_DOOR_WIDTH = 32
SMALL_DOOR_TOP = 176
WINDOW = 18  # a small square window above each door, large sizes only


def _doors(houses=HOUSES, width=DOOR_WIDTH, top=DOOR_TOP):
    for house in houses:
        x0, _y0, x1, y1 = house["body"]
        mid = (x0 + x1) / 2
        yield (mid - width / 2, top, mid + width / 2, y1)


def _windows():
    for house in HOUSES:
        apex_x, apex_y = house["roof"][1]
        yield (apex_x - WINDOW / 2, apex_y + 34, apex_x + WINDOW / 2, apex_y + 34 + WINDOW)


def draw(size: int) -> Image.Image:
    big = size * SUPERSAMPLE
    k = big / GRID
    image = Image.new("RGBA", (big, big), (255, 255, 255, 0))
    pen = ImageDraw.Draw(image)

    def box(b):
        return [round(v * k) for v in b]

    detailed = size >= 48
    if detailed:
        houses, doors = HOUSES, _doors()
        pen.rounded_rectangle(box(TILE), radius=round(TILE_RADIUS * k), fill=WHITE,
                              outline=BLUE, width=round(TILE_OUTLINE * k))
    else:
        houses, doors = SMALL_HOUSES, _doors(SMALL_HOUSES, SMALL_DOOR_WIDTH, SMALL_DOOR_TOP)
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=round(TILE_RADIUS * k), fill=WHITE)
    for house in houses:
        pen.polygon([(x * k, y * k) for x, y in house["roof"]], fill=BLUE)
        # Pillow's rectangle includes its far edge; one pixel less keeps the grid exact.
        x0, y0, x1, y1 = box(house["body"])
        pen.rectangle((x0, y0, x1 - 1, y1 - 1), fill=BLUE)
    for door in doors:
        x0, y0, x1, y1 = box(door)
        pen.rectangle((x0, y0, x1 - 1, y1 - 1), fill=WHITE)
    if detailed:
        for window in _windows():
            x0, y0, x1, y1 = box(window)
            pen.rectangle((x0, y0, x1 - 1, y1 - 1), fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def svg() -> str:
    def rect(b, fill):
        x0, y0, x1, y1 = b
        return f'  <rect x="{x0:g}" y="{y0:g}" width="{x1 - x0:g}" height="{y1 - y0:g}" fill="{fill}"/>'

    x0, y0, x1, y1 = TILE
    half = TILE_OUTLINE / 2
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{GRID}" height="{GRID}" '
        f'viewBox="0 0 {GRID} {GRID}">',
        "  <title>Linli Desk</title>",
        f'  <rect x="{x0 + half:g}" y="{y0 + half:g}" width="{x1 - x0 - TILE_OUTLINE:g}" '
        f'height="{y1 - y0 - TILE_OUTLINE:g}" rx="{TILE_RADIUS - half:g}" fill="{WHITE}" '
        f'stroke="{BLUE}" stroke-width="{TILE_OUTLINE}"/>',
    ]
    for house in HOUSES:
        points = " ".join(f"{x:g},{y:g}" for x, y in house["roof"])
        lines.append(f'  <polygon points="{points}" fill="{BLUE}"/>')
        lines.append(rect(house["body"], BLUE))
    lines += [rect(door, WHITE) for door in _doors()]
    lines += [rect(window, WHITE) for window in _windows()]
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "linli.svg").write_text(svg(), encoding="utf-8")
    images = {size: draw(size) for size in SIZES}
    for size, image in images.items():
        image.save(out_dir / f"linli-{size}.png", optimize=True)
    # Each size is the one drawn for it, not a reduction of the largest (Pillow would
    # otherwise shrink 256 px for every entry, and the 16 px entry would be blurred).
    largest = images[max(SIZES)]
    largest.save(out_dir / "linli.ico", format="ICO", sizes=[(s, s) for s in SIZES],
                 append_images=[images[s] for s in SIZES if s != max(SIZES)])


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else root / "resources" / "icons")
