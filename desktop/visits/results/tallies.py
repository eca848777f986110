"""Results per question of a campaign's counted visits (``counted``), one cross-tab of two
questions, and the follow-up list.

Choice questions give each choice's count and its share of those who answered (for a
select_multiple, of the respondents: shares add up to more than 100 %); numbers give count,
mean, lowest and highest; other questions how many answered. A question inside a repeat counts
per entry (each household member is a respondent). Labels are in the form's language matching
the app's; each visit is read with the form version it answered, so a choice a later version
dropped still has its label.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.roster.address import format_address
from desktop.sync.exchange.export import raw_select
from desktop.visits.forms.filling.checking import other_label
from desktop.visits.forms.model import (
    DECIMAL,
    INTEGER,
    OTHER,
    SELECT_MULTIPLE,
    SELECTS,
    Form,
    Group,
    Question,
)
from desktop.visits.results.answer_counts import AnswerCounts
from desktop.visits.results.counted import (
    Forms,
    answers_of,
    campaign_version,
    counted_answers,
    counted_visits,
)

NUMBERS = frozenset({INTEGER, DECIMAL})


@dataclass(frozen=True)
class ChoiceCount:
    name: str
    label: str
    count: int
    percent: float  # of those who answered (0–100)


@dataclass(frozen=True)
class QuestionTally:
    name: str
    label: str
    type: str  # forms.model question type
    repeat: str  # the repeat it is in ("" at the top): then counted per entry
    asked: int  # visits (entries) that had the question
    answered: int
    choices: tuple[ChoiceCount, ...] = ()
    mean: float | None = None
    minimum: float | None = None
    maximum: float | None = None

    @property
    def is_select(self) -> bool:
        return self.type in SELECTS


@dataclass(frozen=True)
class CrossTab:
    row_question: str
    row_label: str
    column_question: str
    column_label: str
    rows: tuple[str, ...]  # choice labels
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[row][column]
    row_totals: tuple[int, ...]
    column_totals: tuple[int, ...]
    total: int  # visits that answered both


@dataclass(frozen=True)
class FollowUp:
    visit_id: str
    door_id: str
    household_id: str | None
    address: str  # "翠苑一区3幢2单元501"
    visitor: str
    visited_at: dt.datetime
    note: str
    outcome: str


def _questions(form: Form) -> list[tuple[tuple[str, ...], Question]]:
    """The answerable questions with the repeats they sit in (outermost first)."""
    out: list[tuple[tuple[str, ...], Question]] = []

    def walk(nodes, repeats):
        for node in nodes:
            if isinstance(node, Group):
                walk(node.children, (*repeats, node.name) if node.repeat else repeats)
            elif node.answerable:
                out.append((repeats, node))
    walk(form.children, ())
    return out


class _Tally:
    def __init__(self, question: Question, repeats: tuple[str, ...], form: Form) -> None:
        # The form the question is shown from (the campaign's version where it has it).
        self.question, self.repeats, self.form = question, repeats, form
        self.asked = self.answered = 0
        self.counts: Counter[str] = Counter()
        self.labels: dict[str, str] = {}
        self.numbers = 0  # how many numbers, their sum, the lowest and highest
        self.total = 0.0
        self.low: float | None = None
        self.high: float | None = None

    def add(self, values: list[str], form: Form, forms: Forms) -> None:
        self.add_counts([(v, 1) for v in values], len(values), form, forms)

    def add_counts(self, answers: list[tuple[str, int]], asked: int, form: Form,
                   forms: Forms) -> None:
        """Distinct answers with how many gave each, of ``asked`` who had the question."""
        self.asked += asked
        q = self.question
        for value, count in answers:
            value = value.strip()
            if not value:
                continue
            if q.type in NUMBERS:
                try:
                    number = float(value)
                except ValueError:
                    continue  # not a number: not counted as one
                self.numbers += count
                self.total += number * count
                self.low = number if self.low is None else min(self.low, number)
                self.high = number if self.high is None else max(self.high, number)
            elif q.is_select:
                names = value.split() if q.type == SELECT_MULTIPLE else [value]
                for name in dict.fromkeys(names):
                    self.counts[name] += count
                    if name not in self.labels:
                        self.labels[name] = _choice_label(form, forms, q, name)
            self.answered += count

    def result(self, forms: Forms) -> QuestionTally:
        q, form = self.question, self.form
        label = forms.text(form, q.label) or q.name
        repeat = self.repeats[-1] if self.repeats else ""
        if q.is_select:
            listed = [c.name for c in form.choice_list(q.choice_list).choices]
            if q.or_other and OTHER not in listed:
                listed.append(OTHER)
            names = [*listed, *(n for n in self.counts if n not in listed)]
            choices = tuple(
                ChoiceCount(n, self.labels.get(n) or _choice_label(form, forms, q, n),
                            self.counts[n], _percent(self.counts[n], self.answered))
                for n in names)
            return QuestionTally(q.name, label, q.type, repeat, self.asked, self.answered,
                                 choices)
        if q.type in NUMBERS:
            return QuestionTally(q.name, label, q.type, repeat, self.asked, self.answered,
                                 mean=self.total / self.numbers if self.numbers else None,
                                 minimum=self.low, maximum=self.high)
        return QuestionTally(q.name, label, q.type, repeat, self.asked, self.answered)


def _percent(count: int, of: int) -> float:
    return round(100.0 * count / of, 1) if of else 0.0


def _choice_label(form: Form, forms: Forms, question: Question, name: str) -> str:
    choice = form.choice_list(question.choice_list).choice(name)
    if choice is not None:
        return forms.text(form, choice.label) or name
    return other_label() if name == OTHER and question.or_other else name


def _tallies(session: Session, campaign_id: str, building_id: str | None, forms: Forms
             ) -> list[_Tally]:
    base = forms.get(campaign_version(session, campaign_id))
    tallies: dict[str, _Tally] = {}
    if base is not None:
        for repeats, q in _questions(base):
            tallies.setdefault(q.name, _Tally(q, repeats, base))
    counts: dict[str | None, AnswerCounts] = {}
    for _visit, _door, version_id, text in counted_answers(session, campaign_id, building_id):
        counted = counts.get(version_id)
        if counted is None:
            counted = counts[version_id] = AnswerCounts(forms.get(version_id) or base)
        counted.add(answers_of(text))
    for version_id, counted in counts.items():
        form = forms.get(version_id) or base
        if form is None:
            continue  # neither this version nor the campaign's is here: nothing to name
        by_level = {level: counted.answers_by_name(level) for level in ("", *counted.entries)}
        for repeats, q in _questions(form):
            level = repeats[-1] if repeats else ""
            tally = tallies.setdefault(q.name, _Tally(q, repeats, form))
            tally.add_counts(by_level.get(level, {}).get(q.name, []), counted.asked(level),
                             form, forms)
    return list(tallies.values())


def question_tallies(session: Session, campaign_id: str, building_id: str | None = None,
                     language: str | None = None) -> list[QuestionTally]:
    """Every answerable question of the campaign's form, in the form's order (then any only an
    earlier version asked), with its counts over the counted visits."""
    forms = Forms(session, language)
    return [t.result(forms) for t in _tallies(session, campaign_id, building_id, forms)]


def cross_tab(session: Session, campaign_id: str, row_question: str, column_question: str,
              building_id: str | None = None, language: str | None = None) -> CrossTab:
    """How the answers of two choice questions (outside repeats) go together: each cell the
    visits that gave both answers (a select_multiple counts in each choice it names)."""
    forms = Forms(session, language)
    base = forms.get(campaign_version(session, campaign_id))
    wanted = {}
    for field_name, name in (("row_question", row_question),
                             ("column_question", column_question)):
        found = next(((r, q) for r, q in _questions(base) if q.name == name),
                     None) if base is not None else None
        if found is None or found[0] or not found[1].is_select:
            raise ValidationError(_("{name} is not a choice question of this campaign's form "
                                    "(outside repeats).").format(name=name), field=field_name)
        wanted[field_name] = found[1]
    row_q, col_q = wanted["row_question"], wanted["column_question"]
    row_tally, col_tally = _Tally(row_q, (), base), _Tally(col_q, (), base)
    pairs: Counter[tuple[str, str]] = Counter()
    total = 0
    for visit in counted_visits(session, campaign_id, building_id):
        row_value = str(visit.answers.get(row_q.name, "") or "").split()
        col_value = str(visit.answers.get(col_q.name, "") or "").split()
        if not row_value or not col_value:
            continue
        form = forms.get(visit.form_version_id) or base
        row_tally.add([" ".join(row_value)], form, forms)
        col_tally.add([" ".join(col_value)], form, forms)
        total += 1
        for r in dict.fromkeys(row_value if row_q.type == SELECT_MULTIPLE else row_value[:1]):
            for c in dict.fromkeys(col_value if col_q.type == SELECT_MULTIPLE
                                   else col_value[:1]):
                pairs[(r, c)] += 1
    rows = row_tally.result(forms).choices
    columns = col_tally.result(forms).choices
    counts = tuple(tuple(pairs[(r.name, c.name)] for c in columns) for r in rows)
    return CrossTab(row_q.name, forms.text(base, row_q.label) or row_q.name, col_q.name,
                    forms.text(base, col_q.label) or col_q.name,
                    tuple(r.label for r in rows), tuple(c.label for c in columns), counts,
                    tuple(r.count for r in rows), tuple(c.count for c in columns), total)


def follow_ups(session: Session, campaign_id: str) -> list[FollowUp]:
    """Per door, the latest visit flagged for follow-up that no correction replaced; the
    latest first."""
    campaign_version(session, campaign_id)  # a clear error for a campaign that is gone
    rows = raw_select(session.connection(), """
        SELECT v.id, v.door_id, cd.household_id, c.name, b.name, d.unit, d.room,
               v.visitor_name, v.visited_at, v.follow_up_note, v.outcome
        FROM visit v
        JOIN campaign_door cd ON cd.id = v.door_id
        LEFT JOIN dwelling d ON d.id = cd.dwelling_id
        LEFT JOIN building b ON b.id = d.building_id
        LEFT JOIN compound c ON c.id = b.compound_id
        WHERE v.campaign_id = ? AND v.deleted = 0 AND v.follow_up = 1
          AND NOT EXISTS (SELECT 1 FROM visit r WHERE r.replaces_id = v.id AND r.deleted = 0)
        ORDER BY v.door_id, v.visited_at, v.id""", (campaign_id,))
    latest = {row[1]: row for row in rows}
    out = [FollowUp(vid, door_id, household_id,
                    (compound or "") + format_address(building, unit, room), visitor or "",
                    at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(at),
                    note or "", outcome)
           for (vid, door_id, household_id, compound, building, unit, room, visitor, at, note,
                outcome) in latest.values()]
    out.sort(key=lambda f: (f.visited_at, f.visit_id), reverse=True)
    return out
