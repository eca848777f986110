"""Which visits the results count, and the form each one answered.

Per door of the campaign, the latest *completed* visit that no other visit replaces: a
correction replaces what it corrects (the earlier answers stay in the history, not in the
results), two laptops' completed visits at one door count once (the later), and a visit at a
door the campaign does not hold (``door_id`` NULL) counts nowhere — it waits for review.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from operator import itemgetter

import orjson
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _, current_language
from desktop.sync.exchange.export import raw_select
from desktop.visits.forms.model import Form, language_fallbacks, language_for
from desktop.visits.forms.service import load_version

# The latest is by time, then by id (UUIDv7), as ``doors.state`` has it: the timestamps are
# stored at one width, so the text "visited_at || id" orders exactly so. SQLite only filters
# (one pass over the campaign's completed visits); the latest per door is picked in Python
# (a sort of nearly sorted keys and a dict), which costs less than SQLite grouping them and
# reading each winner's answers again by its id.
_COMPLETED = """
    SELECT v.id, v.door_id, v.form_version_id, {answers}, v.visited_at || v.id
    FROM visit v {join}
    WHERE v.campaign_id = ? AND v.deleted = 0 AND v.door_id IS NOT NULL
      AND v.outcome = 'completed' {where}
      AND NOT EXISTS (SELECT 1 FROM visit r WHERE r.replaces_id = v.id AND r.deleted = 0)"""
_AS_TEXT, _AS_BYTES = "v.answers", "CAST(v.answers AS BLOB)"

# orjson reads 50,000 visits' answers in a third of the standard decoder's time. What it
# refuses (text after the JSON, NaN, a lone surrogate) goes to the standard decoder, without
# ``json.loads``'s per-call checks, as before: the same answers either way.
_loads = orjson.loads
_decode = json.JSONDecoder().raw_decode

_IN_BUILDING_JOIN = ("JOIN campaign_door cd ON cd.id = v.door_id "
                     "JOIN dwelling d ON d.id = cd.dwelling_id")
_IN_BUILDING_WHERE = "AND d.building_id = ?"


@dataclass(frozen=True)
class CountedVisit:
    visit_id: str
    door_id: str
    form_version_id: str | None
    answers: dict


def _latest_rows(session: Session, campaign_id: str, building_id: str | None,
                 answers: str) -> list[tuple]:
    """(visit id, door id, form version id, answers) of the visits that count, in no order."""
    join, where = (_IN_BUILDING_JOIN, _IN_BUILDING_WHERE) if building_id else ("", "")
    params = (campaign_id, building_id) if building_id else (campaign_id,)
    rows = raw_select(session.connection(),
                      _COMPLETED.format(answers=answers, join=join, where=where), params)
    rows.sort(key=itemgetter(4))  # oldest first: the dict below keeps each door's latest
    return list(map(itemgetter(0, 1, 2, 3), dict(zip(map(itemgetter(1), rows), rows)).values()))


def counted_rows(session: Session, campaign_id: str, building_id: str | None = None
                 ) -> list[tuple]:
    """(visit id, door id, form version id, answers as JSON text) of the visits that count,
    one per door at most (optionally only one building's doors), by door id."""
    rows = _latest_rows(session, campaign_id, building_id, _AS_TEXT)
    rows.sort(key=itemgetter(1))
    return rows


def counted_answers(session: Session, campaign_id: str, building_id: str | None = None
                    ) -> list[tuple]:
    """As ``counted_rows``, the answers as the stored UTF-8 bytes (read by ``answers_of``
    without making a text of each first)."""
    rows = _latest_rows(session, campaign_id, building_id, _AS_BYTES)
    rows.sort(key=itemgetter(1))  # the order sums of numbers are made in, as before
    return rows


def answers_of(text: str | bytes | None) -> dict:
    """A visit's answers; unreadable ones count as none given, never as a crash."""
    if not text:
        return {}
    try:
        answers = _loads(text)
    except ValueError:  # orjson's error too: what it refuses, the standard decoder tries
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        try:
            answers = _decode(text.lstrip())[0]
        except ValueError:
            return {}
    return answers if isinstance(answers, dict) else {}


def counted_visits(session: Session, campaign_id: str, building_id: str | None = None
                   ) -> list[CountedVisit]:
    """The visits that count, with their answers read."""
    return [CountedVisit(visit_id, door_id, version_id, answers_of(text))
            for visit_id, door_id, version_id, text
            in counted_rows(session, campaign_id, building_id)]


class Forms:
    """The form of each version, loaded once (a tally of 50,000 visits reads a version once),
    with the language to show it in: the form's language matching the app's."""

    def __init__(self, session: Session, language: str | None = None) -> None:
        self.session = session
        self.app_language = language or current_language()
        self._forms: dict[str | None, Form | None] = {}
        self._languages: dict[int, tuple] = {}  # id of a loaded form → where its texts are

    def get(self, version_id: str | None) -> Form | None:
        if version_id not in self._forms:
            try:
                self._forms[version_id] = (load_version(self.session, version_id)
                                           if version_id else None)
            except ValidationError:
                self._forms[version_id] = None  # a version this copy lacks: no labels
        return self._forms[version_id]

    def text(self, form: Form, text) -> str:
        where = self._languages.get(id(form))
        if where is None:  # asked for every label: the language is found once per form
            where = self._languages[id(form)] = (language_for(form, self.app_language),
                                                 language_fallbacks(form))
        return text.get(*where)


def campaign_version(session: Session, campaign_id: str) -> str | None:
    rows = raw_select(session.connection(),
                      "SELECT form_version_id FROM campaign WHERE id = ? AND deleted = 0",
                      (campaign_id,))
    if not rows:
        raise ValidationError(_("This campaign no longer exists."), field="campaign")
    return rows[0][0]
