"""Checking what a user typed before anything is written: one rule, one wording, for every
service (votes, ballots, meetings), so a field refused on one page is refused the same way on
another and the message names the field."""

from __future__ import annotations

from desktop.core.errors import ValidationError
from desktop.core.i18n import _


def checked_text(value, field: str, limit: int | None, label: str,
                 required: bool = False) -> str:
    """``value`` stripped ("" for None); a ``ValidationError`` on ``field``, naming ``label``,
    when it is not text, is blank but ``required``, or longer than ``limit`` characters."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(_("{label}: give text.").format(label=label), field=field)
    value = value.strip()
    if required and not value:
        raise ValidationError(_("{label} is missing.").format(label=label), field=field)
    if limit is not None and len(value) > limit:
        raise ValidationError(_("{label} is too long: at most {limit} characters.").format(
            label=label, limit=limit), field=field)
    return value
