"""The recovery sheet: one printed page with the recovery code, for the office's safe.

It is printed once, when a folder is protected: with the code a forgotten password can be
replaced (``linli unlock --recovery``, or "Use the recovery code…" when signing in). The
sheet names the community, the data folder and the date, so an office with several
computers knows which sheet opens which copy; it holds no resident's data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desktop.core.i18n import _
from desktop.printing.document import PageSpec, build_pdf
from desktop.printing.fonts import font_set
from desktop.printing.text import para, style


def grouped_code(code: str) -> str:
    """``ABCD EFGH …``: read and typed four characters at a time."""
    plain = "".join(ch for ch in code if ch.isalnum()).upper()
    return " ".join(plain[i:i + 4] for i in range(0, len(plain), 4))


def recovery_sheet_pdf(code: str, folder: Path, db=None, *,
                       today: dt.date | None = None) -> bytes:
    """The sheet's PDF. ``db``: the open database, for the community's name (if set up)."""
    community = ""
    if db is not None:
        from desktop.roster.community import current_community

        with db.reading() as session:
            found = current_community(session)
        community = found.name if found is not None else ""
    fonts = font_set()
    title = style("title", fonts.title, 20, align=TA_CENTER, space_after=8 * mm)
    body = style("body", fonts.body, 11.5, leading=18, space_after=3 * mm)
    code_style = style("code", fonts.plain, 22, leading=30, align=TA_CENTER,
                       space_before=6 * mm, space_after=6 * mm)
    day = (today or dt.date.today()).isoformat()
    story = [
        para(_("Linli Desk recovery code"), title),
        para(_("Community: {name}").format(name=community or _("(not set up yet)")), body),
        para(_("Data folder: {path}").format(path=folder), body),
        para(_("Protected on: {date}").format(date=day), body),
        para(grouped_code(code), code_style),
        para(_("With this code a forgotten password can be replaced: at sign-in choose "
               "\"Use the recovery code…\", or run linli unlock --recovery."), body),
        para(_("Keep this sheet locked away in the office, never with the computer. Whoever "
               "holds it and the computer can read every resident's data."), body),
        para(_("If both the passwords and this code are lost, the data cannot be read by "
               "anyone, including the makers of Linli Desk."), body),
        Spacer(1, 4 * mm),
        para(_("Kept by: ________________    Date: ____________"), body),
    ]
    return build_pdf(story, PageSpec(page_numbers=False), _("Linli Desk recovery code"))
