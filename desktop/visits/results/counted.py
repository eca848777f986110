"""Which visits the results count, and the form each one answered.

Per door of the campaign, the latest *completed* visit that no other visit replaces: a
correction replaces what it corrects (the earlier answers stay in the history, not in the
results), two laptops' completed visits at one door count once (the later), and a visit at a
door the campaign does not hold (``door_id`` NULL) counts nowhere — it waits for review.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _, current_language
from desktop.sync.exchange.export import raw_select
from desktop.visits.forms.model import Form, language_fallbacks, language_for
from desktop.visits.forms.service import load_version

# The latest is by time, then by id (UUIDv7), as ``doors.state`` has it: the timestamps are
# stored at one width, so the text "visited_at || id" orders exactly so, and SQLite gives the
# bare columns of a GROUP BY the values of the row holding its one max(). The answers are
# fetched after the grouping, so the grouping sorts ids, not 30 MB of answers.
_COUNTED = """
    WITH counted AS (
        SELECT v.id AS id, MAX(v.visited_at || v.id)
        FROM visit v {join}
        WHERE v.campaign_id = ? AND v.deleted = 0 AND v.door_id IS NOT NULL
          AND v.outcome = 'completed' {where}
          AND NOT EXISTS (SELECT 1 FROM visit r WHERE r.replaces_id = v.id AND r.deleted = 0)
        GROUP BY v.door_id)
    SELECT w.id, w.door_id, w.form_version_id, w.answers
    FROM counted JOIN visit w ON w.id = counted.id"""

# The decoder without ``json.loads``'s per-call checks (answers are read 50,000 at a time);
# text after the JSON is ignored, as it never occurs in what the app writes.
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


def counted_rows(session: Session, campaign_id: str, building_id: str | None = None
                 ) -> list[tuple]:
    """(visit id, door id, form version id, answers as JSON text) of the visits that count,
    one per door at most (optionally only one building's doors)."""
    join, where = (_IN_BUILDING_JOIN, _IN_BUILDING_WHERE) if building_id else ("", "")
    params = (campaign_id, building_id) if building_id else (campaign_id,)
    return raw_select(session.connection(), _COUNTED.format(join=join, where=where), params)


def answers_of(text: str | None) -> dict:
    """A visit's answers; unreadable ones count as none given, never as a crash."""
    try:
        answers = _decode(text.lstrip())[0] if text else {}
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
