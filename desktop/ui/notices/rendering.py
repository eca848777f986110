"""Rendering notices for the page, off the UI thread: results and problems as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.i18n import _


@dataclass
class Rendered:
    generation: int
    pdf: bytes = b""
    masked: list = field(default_factory=list)
    unprintable: set = field(default_factory=set)
    problem: str = ""


class CoreRenderer:
    """The core's notice rendering (desktop.notices.render, desktop.printing.fonts)."""

    def render(self, spec, names, task_ctx, office=None) -> bytes:
        from desktop.notices.render import render_notice

        return render_notice(spec, known_names=names, office=office, ctx=task_ctx)

    def masked(self, spec, names, office=None) -> list:
        """What printing changes: with masking off, only the ID numbers left out."""
        from desktop.notices.render import masked_items

        return list(masked_items(spec, names, office))

    def unprintable(self, text: str) -> set[str]:
        from desktop.printing import fonts

        return set(fonts.unprintable(text))


def spec_text(spec) -> str:
    return "\n".join([spec.title, spec.body, spec.issuing_body, spec.objection,
                      spec.contact_phone, *spec.attachments])


def masked_text(item) -> str:
    if getattr(item, "shown", ""):
        return _("{original} → {shown}").format(original=item.original, shown=item.shown)
    return _("{original} — left out").format(original=item.original)
