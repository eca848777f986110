"""A notice as an image for a phone: laid out (layout.py) and drawn (draw.py) from the same
elements as the printed notice (desktop.notices.elements), masked the same way."""

from desktop.notices.phone.draw import ImageTooTall, notice_layout, render_notice_image

__all__ = ["ImageTooTall", "notice_layout", "render_notice_image"]
