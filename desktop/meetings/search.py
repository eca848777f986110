"""Search across meetings: their titles and notes, agenda items and discussions, decisions,
and the three lists' problems, remedies and who is responsible — in 简体 or 繁體 whichever was
written (both sides are read as simplified), or in pinyin (full, or the initials: "dt" finds
电梯) as the roster's search reads names.

Every text is read from SQLite on each search: a community's meetings are a few thousand rows,
and a search by a person at a desk is not a loop.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.roster.pinyin import usual_reading
from desktop.roster.simplified import to_simplified, to_simplified_lines
from desktop.sync.exchange.export import raw_select

# Where a hit was found.
KINDS = ("meeting", "agenda_item", "decision", "action_item")

_TEXTS = {
    "meeting": """SELECT m.id, m.id, NULL, m.title, m.title || ' ' || m.place || ' ' || m.notes,
                         m.starts_at FROM meeting m WHERE m.deleted = 0""",
    "agenda_item": """SELECT a.id, m.id, NULL, m.title, a.title || ' ' || a.discussion,
                             m.starts_at FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
                      WHERE a.deleted = 0 AND m.deleted = 0""",
    "decision": """SELECT d.id, m.id, NULL, m.title, d.text, m.starts_at FROM decision d
                   JOIN meeting m ON m.id = d.meeting_id
                   WHERE d.deleted = 0 AND m.deleted = 0""",
    "action_item": """SELECT i.id, i.origin_meeting_id, i.id, i.problem,
                             i.problem || ' ' || i.remedy || ' ' || i.responsible_unit || ' '
                             || i.responsible_person || ' ' || i.source, i.opened_on
                      FROM action_item i WHERE i.deleted = 0""",
}
_SNIPPET = 40  # characters around the match shown with a hit


@dataclass(frozen=True)
class SearchHit:
    kind: str  # KINDS
    row_id: str
    meeting_id: str | None  # the meeting to open (for an item: the one it was born in)
    action_id: str | None
    title: str  # the meeting's title, or the item's problem
    snippet: str  # the text around the match, as written
    when: str  # the meeting's date, or the day the item was opened (ISO)


def _pinyin(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of the Chinese characters and letters/digits of a text."""
    syllables = [usual_reading(char) for char in text]
    syllables = [s for s in syllables if s]
    return "".join(syllables), "".join(s[0] for s in syllables)


def _snippet(text: str, start: int, length: int) -> str:
    left = max(0, start - _SNIPPET // 2)
    right = min(len(text), start + length + _SNIPPET // 2)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def search_meetings(session: Session, text: str, limit: int = 200) -> list[SearchHit]:
    """Every meeting, agenda item, decision and action item whose words hold ``text``, the
    newest first; nothing for an empty search."""
    wanted = " ".join(text.split())
    if not wanted:
        return []
    query = to_simplified(wanted).lower()
    spelled = query.replace(" ", "") if query.isascii() and query.replace(" ", "").isalpha() \
        else ""
    connection = session.connection()
    rows = [(kind, *row) for kind, sql in _TEXTS.items()
            for row in raw_select(connection, sql)]
    simplified = to_simplified_lines([(row[5] or "").replace("\n", " ") for row in rows])
    hits: list[SearchHit] = []
    for (kind, row_id, meeting_id, action_id, title, words, when), plain in zip(rows,
                                                                              simplified):
        words = (words or "").replace("\n", " ")
        found = plain.lower().find(query)
        if found < 0 and spelled:
            full, initials = _pinyin(plain)
            if spelled not in full and spelled not in initials:
                continue
            found = 0
        elif found < 0:
            continue
        hits.append(SearchHit(kind, row_id, meeting_id, action_id, title or "",
                              _snippet(words, found, len(query)), str(when or "")[:10]))
    hits.sort(key=lambda h: h.when, reverse=True)
    return hits[:limit]
