"""A notice as PNG images for a phone: the phone layout drawn by Pillow.

The text is black on white in the bundled font, so the image looks the same from every PC.
The PNG is saved in grey levels quantised to a 16-colour palette (4 bits a pixel): the
antialiased edges of text need no more, and a one-screen notice stays far under 300 KB for a
chat. No timestamp or other metadata is written: the same notice gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Collection

from PIL import Image, ImageDraw

from desktop.core.i18n import _
from desktop.core.masking import OfficeContacts
from desktop.notices.elements import notice_elements
from desktop.notices.masker import Masker, apply_masking
from desktop.notices.phone.layout import (
    SCREEN_HEIGHT,
    WIDTH,
    PhoneLayout,
    PhonePage,
    phone_layout,
)
from desktop.notices.phone.wrap import font, runs, text_width
from desktop.notices.spec import NoticeSpec

# Above this an image is refused: viewers, the clipboard and chat apps give up on taller ones
# (JPEG, which a chat may convert it to, stops at 65,535 px).
MAX_HEIGHT = 60_000
LEVELS = 16


class ImageTooTall(ValueError):
    """The notice is too long for one image; the message says what to do."""


def _palette() -> list[int]:
    greys = [round(k * 255 / (LEVELS - 1)) for k in range(LEVELS)]
    return [v for g in greys for v in (g, g, g)]


def draw_page(page: PhonePage, width: int) -> Image.Image:
    image = Image.new("L", (width, page.height), 255)
    pen = ImageDraw.Draw(image)
    for item in page.items:
        if item.fill is not None:
            pen.rounded_rectangle((item.x, item.y, item.x + item.width, item.y + item.height),
                                  radius=item.line_height // 4, fill=item.fill,
                                  outline=item.edge, width=2)
        elif item.kind == "rule":
            pen.line((item.x, item.y, item.x + item.width, item.y), fill=item.ink, width=2)
        if not item.lines:
            continue
        # The text sits in the middle of its line box: ascender + descender = the em here.
        offset = (item.line_height - item.size) // 2
        stroke = 1 if item.bold else 0
        for line in item.lines:
            x = float(line.x)
            for path, text in runs(line.text):  # one run unless a character needs a fallback
                pen.text((x, line.y + offset), text, font=font(item.size, path), fill=item.ink,
                         stroke_width=stroke, stroke_fill=item.ink)
                x += text_width(text, item.size)
    return image


def png_bytes(image: Image.Image) -> bytes:
    """The image as a small PNG: 16 grey levels in a 4-bit palette, no metadata."""
    quantised = image.point(lambda v: round(v * (LEVELS - 1) / 255)).convert("P")
    quantised.putpalette(_palette())
    out = io.BytesIO()
    # zlib level 6: level 9 saves 6% more and takes ten times as long.
    quantised.save(out, "PNG", compress_level=6, bits=4)
    return out.getvalue()


def draw_layout(layout: PhoneLayout) -> list[bytes]:
    for page in layout.pages:
        if page.height > MAX_HEIGHT:
            raise ImageTooTall(_("The notice is too long for one image ({height} pixels high); "
                                 "save it as screen-sized pages instead.").format(
                                     height=page.height))
    return [png_bytes(draw_page(page, layout.width)) for page in layout.pages]


def notice_layout(spec: NoticeSpec, *, known_names: Collection[str] = (),
                  office: OfficeContacts | None = None, community: str = "",
                  pages: bool = False, today: dt.date | None = None) -> PhoneLayout:
    """The phone layout of ``spec``, masked exactly as the printed notice."""
    masked = apply_masking(spec, Masker(spec, known_names, office))
    return phone_layout(notice_elements(spec, masked), WIDTH,
                        page_height=SCREEN_HEIGHT if pages else None,
                        community=community, today=today)


def render_notice_image(spec: NoticeSpec, *, known_names: Collection[str] = (),
                        office: OfficeContacts | None = None, community: str = "",
                        pages: bool = False, today: dt.date | None = None) -> list[bytes]:
    """The notice as PNG bytes for a phone: one long image, or one per screen with ``pages``.

    Raises ``ImageTooTall`` (a ValueError with a translated message) when one image would be
    taller than MAX_HEIGHT: ``pages=True`` always works.
    """
    return draw_layout(notice_layout(spec, known_names=known_names, office=office,
                                     community=community, pages=pages, today=today))
