"""A campaign's visits to .xlsx, as ODK and KoboToolbox users expect: one row per visit on the
first sheet (every attempt — not at home, refused, a visit a correction replaced — with the
visit that replaces it named), labels instead of codes (the outcome, each choice, in the
form's language matching the app's), and one sheet per repeat, each entry linked to its visit
(or its parent entry) by KoBo's key columns ``_index`` / ``_parent_index`` /
``_submission__uuid``.

Masked by default, by the rule of ``results.masks`` (names, phones, ID numbers and numbers in
free text masked; the address only down to the stairwell, so a masked name never sits beside
its flat; no household number). Every text cell is escaped against formula injection and
written as a string by the one xlsx writer (``desktop.spreadsheets.xlsx``); the file appears
at its target only when complete (the roster export's ``_replacing``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.core.i18n import _, current_language
from desktop.core.tasks import TaskContext
from desktop.roster.address import format_address
from desktop.roster.exporting.export import _replacing
from desktop.spreadsheets.xlsx import (
    DATE,
    INLINE,
    NUMBER,
    SHARED,
    XlsxColumn,
    XlsxWriter,
)
from desktop.sync.exchange.export import raw_select
from desktop.visits.doors.at_door import OUTCOME_LABELS
from desktop.visits.forms.filling.checking import other_label
from desktop.visits.forms.model import DATE as DATE_QUESTION
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
from desktop.visits.results import masks
from desktop.visits.results.counted import Forms, campaign_version, counted_visits

REPORT_EVERY = 2000
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class VisitsExport:
    path: Path
    visits: int  # rows of the first sheet
    sheets: tuple[str, ...]
    masked: bool


@dataclass
class _Table:
    """A sheet's answer columns: the questions of the form level it stands for, by name."""

    key: str  # "" for the visits sheet, else the repeat's name
    label: str
    parent: str | None  # the parent table's key (None for the visits sheet)
    questions: dict  # name → (Question, Form) shown as its header
    rows: list


def _visit_rows(session: Session, campaign_id: str) -> list[tuple]:
    # A door's attempts together, in walking order; visits at no door of the campaign last.
    return raw_select(session.connection(), """
        SELECT v.id, v.door_id, COALESCE(cd.household_id, v.household_id), v.visitor_name,
               v.visited_at, v.outcome, v.callback_at, v.answers, v.form_version_id,
               v.replaces_id, v.follow_up, v.follow_up_note, v.note, c.name, b.name, d.unit,
               d.room
        FROM visit v
        LEFT JOIN campaign_door cd ON cd.id = v.door_id
        LEFT JOIN dwelling d ON d.id = COALESCE(cd.dwelling_id, v.dwelling_id)
        LEFT JOIN building b ON b.id = d.building_id
        LEFT JOIN compound c ON c.id = b.compound_id
        WHERE v.campaign_id = ? AND v.deleted = 0
        ORDER BY cd.walk_order IS NULL, cd.walk_order, v.visited_at, v.id""", (campaign_id,))


def _member_names(session: Session, campaign_id: str) -> dict[str, tuple[str, ...]]:
    """household id → its members' names, longest first (masked wherever free text names
    them)."""
    names: dict[str, list[str]] = defaultdict(list)
    for household_id, name in raw_select(session.connection(), """
            SELECT r.household_id, r.name FROM resident r
            WHERE r.household_id IN (SELECT household_id FROM visit
                                     WHERE campaign_id = ? AND deleted = 0)""",
                                         (campaign_id,)):
        if name:
            names[household_id].append(name)
    return {h: tuple(sorted(set(n), key=len, reverse=True)) for h, n in names.items()}


def _add_questions(tables: dict[str, _Table], form: Form, forms: Forms) -> None:
    def walk(nodes, table: _Table):
        for node in nodes:
            if isinstance(node, Group):
                if node.repeat:
                    child = tables.get(node.name)
                    if child is None:
                        child = tables[node.name] = _Table(
                            node.name, forms.text(form, node.label) or node.name, table.key,
                            {}, [])
                    walk(node.children, child)
                else:
                    walk(node.children, table)
            elif node.answerable:
                table.questions.setdefault(node.name, (node, form))
    walk(form.children, tables[""])


class _Cells:
    """One visit's answers as the cells of each table, labels for codes, masked if asked."""

    def __init__(self, forms: Forms, masked: bool) -> None:
        self.forms, self.masked = forms, masked
        self._questions: dict[str | None, dict[str, Question]] = {}
        self.joiner = "、" if current_language().startswith("zh") else ", "

    def questions_of(self, version_id: str | None, form: Form | None) -> dict[str, Question]:
        found = self._questions.get(version_id)
        if found is None:
            found = self._questions[version_id] = (
                {q.name: q for _path, q in form.questions()} if form is not None else {})
        return found

    def value(self, question: Question, form: Form, entry: dict, names) -> str:
        raw = entry.get(question.name, "")
        value = raw if isinstance(raw, str) else str(raw)
        if not value:
            return ""
        if question.type in SELECTS:
            codes = value.split() if question.type == SELECT_MULTIPLE else [value]
            return self.joiner.join(self.choice(question, form, code) for code in codes)
        if self.masked:
            return masks.mask_answer(masks.kind_of(question), value, names)
        return value

    def choice(self, question: Question, form: Form, code: str) -> str:
        choice = form.choice_list(question.choice_list).choice(code)
        if choice is not None:
            return self.forms.text(form, choice.label) or code
        return other_label() if code == OTHER else code


def _fill(tables, table: _Table, entry: dict, form: Form, questions: dict, cells: _Cells,
          names, uuid: str, parent_index: int, parent_table: str, counters) -> list:
    """The answer cells of ``entry`` for ``table``; entries of its repeats go to theirs."""
    out = []
    for name, (shown, shown_form) in table.questions.items():
        question = questions.get(name)
        use_form = form if question is not None else shown_form
        value = cells.value(question or shown, use_form, entry, names)
        out.append(value)
        if (question or shown).or_other:
            other = entry.get(name + "_other", "")
            out.append(masks.mask_text(str(other), names) if cells.masked else str(other))
    for child in tables.values():
        if child.parent != table.key or child.key == table.key:
            continue
        for sub in entry.get(child.key) or ():
            if not isinstance(sub, dict):
                continue
            counters[child.key] += 1
            index = counters[child.key]
            child.rows.append([index, table.label, parent_index, uuid,
                               *_fill(tables, child, sub, form, questions, cells, names, uuid,
                                      index, child.label, counters)])
    return out


def _answer_columns(table: _Table, cells: _Cells) -> list[XlsxColumn]:
    out = []
    for name, (question, form) in table.questions.items():
        kind = {INTEGER: NUMBER, DECIMAL: NUMBER, DATE_QUESTION: DATE}.get(question.type, INLINE)
        if question.type in SELECTS:
            kind = SHARED
        out.append(XlsxColumn(cells.forms.text(form, question.label) or name, kind))
        if question.or_other:
            out.append(XlsxColumn(_("{question}: other").format(
                question=cells.forms.text(form, question.label) or name), INLINE))
    return out


def _typed(columns: list[XlsxColumn], rows: list[list], first: int) -> list[XlsxColumn]:
    """Number and date columns as numbers and dates where every value is one; a column with
    any other value stays text (nothing is dropped to make it fit)."""
    out = list(columns)
    for i in range(first, len(columns)):
        kind = columns[i].kind
        if kind not in (NUMBER, DATE):
            continue
        values = [row[i] for row in rows if row[i] not in ("", None)]
        if kind == NUMBER and all(_NUMBER.fullmatch(v) for v in values):
            for row in rows:
                if row[i] not in ("", None):
                    row[i] = row[i] if "." in row[i] else int(row[i])
            continue
        if kind == DATE and all(_is_date(v) for v in values):
            for row in rows:
                if row[i] not in ("", None):
                    row[i] = dt.date.fromisoformat(row[i])
            continue
        out[i] = XlsxColumn(columns[i].header, INLINE)
    return out


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _when(value) -> str:
    if value in (None, ""):
        return ""
    return str(value)[:16]  # "2026-12-02 09:00"


def export_visits(session: Session, campaign_id: str, path, *, masked: bool = True,
                  ctx: TaskContext | None = None) -> VisitsExport:
    """Write every visit of the campaign to ``path`` (.xlsx); see the module's docstring for
    what is masked."""
    ctx = ctx or TaskContext()
    target = Path(path)
    forms = Forms(session)
    base = forms.get(campaign_version(session, campaign_id))
    tables: dict[str, _Table] = {"": _Table("", _("Visits"), None, {}, [])}
    if base is not None:
        _add_questions(tables, base, forms)
    rows = _visit_rows(session, campaign_id)
    total = len(rows)
    ctx.report(0, total, _("Reading the visits…"))
    for version_id in {row[8] for row in rows if row[8]}:
        form = forms.get(version_id)
        if form is not None:
            _add_questions(tables, form, forms)  # questions only another version asked
    counted = {v.visit_id for v in counted_visits(session, campaign_id)}
    replaced_by: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row[9]:
            replaced_by[row[9]].append(row[0])
    names = _member_names(session, campaign_id) if masked else {}
    cells = _Cells(forms, masked)
    numbers = dict(raw_select(session.connection(),
                              "SELECT id, number FROM form_version WHERE id IN "
                              "(SELECT DISTINCT form_version_id FROM visit WHERE campaign_id = ?)",
                              (campaign_id,)))
    attempts: dict[str, int] = defaultdict(int)
    counters: dict[str, int] = defaultdict(int)
    yes, no = _("Yes"), _("No")
    main = tables[""]
    for index, (vid, door_id, household_id, visitor, at, outcome, callback, text, version_id,
                replaces_id, follow_up, follow_note, note, compound, building, unit,
                room) in enumerate(rows, start=1):
        if index % REPORT_EVERY == 0:
            ctx.report(index, total, _("Reading the visits…"))
        attempts[door_id or vid] += 1
        household_names = names.get(household_id, ()) if masked else ()
        answers = _answers(text)
        if masked and answers:
            household_names = _with_names(household_names, answers,
                                          cells.questions_of(version_id, forms.get(version_id)
                                                             or base))
        address = (compound or "") + (format_address(building, unit, "") if masked
                                      else format_address(building, unit, room))
        fixed = [index, vid, address, visitor or "", _when(at), attempts[door_id or vid],
                 _(OUTCOME_LABELS.get(outcome, outcome)), _when(callback),
                 yes if vid in counted else no, replaces_id or "",
                 " ".join(replaced_by.get(vid, ())), yes if follow_up else "",
                 masks.mask_text(follow_note or "", household_names) if masked else follow_note,
                 masks.mask_text(note or "", household_names) if masked else note,
                 numbers.get(version_id, "")]
        form = forms.get(version_id) or base
        if form is not None and answers:
            questions = cells.questions_of(version_id, form)
            fixed += _fill(tables, main, answers, form, questions, cells, household_names,
                           vid, index, main.label, counters)
        main.rows.append(fixed)
    ctx.report(total, total, _("Writing the spreadsheet…"))
    sheets = _write(target, tables, cells, ctx)
    return VisitsExport(target, total, sheets, masked)


def _with_names(names: tuple[str, ...], answers: dict, questions: dict[str, Question]
                ) -> tuple[str, ...]:
    """The household's names and those given in the answers (a member's name in a repeat),
    longest first: masked wherever the visit's free text writes them."""
    found = set(names)

    def walk(entry: dict) -> None:
        for key, value in entry.items():
            if isinstance(value, list):
                for sub in value:
                    if isinstance(sub, dict):
                        walk(sub)
            elif isinstance(value, str) and key in questions \
                    and masks.kind_of(questions[key]) == masks.NAME:
                found.add(value.strip())
    walk(answers)
    return tuple(sorted(found, key=len, reverse=True))


def _answers(text: str) -> dict:
    try:
        answers = json.loads(text) if text else {}
    except ValueError:
        return {}
    return answers if isinstance(answers, dict) else {}


def _main_columns() -> list[XlsxColumn]:
    return [XlsxColumn("_index", NUMBER), XlsxColumn("_uuid", INLINE, sample="0" * 36),
            XlsxColumn(_("Address"), INLINE), XlsxColumn(_("Visitor"), SHARED),
            XlsxColumn(_("Visited at"), INLINE, sample="2026-12-02 09:00"),
            XlsxColumn(_("Attempt"), NUMBER), XlsxColumn(_("Outcome"), SHARED),
            XlsxColumn(_("Come back at"), INLINE), XlsxColumn(_("Counts in results"), SHARED),
            XlsxColumn(_("Corrects visit"), INLINE), XlsxColumn(_("Replaced by visit"), INLINE),
            XlsxColumn(_("Follow-up"), SHARED), XlsxColumn(_("Follow-up note"), INLINE),
            XlsxColumn(_("Note"), INLINE), XlsxColumn(_("Form version"), NUMBER)]


# KoboToolbox's names for the columns that link a repeat's entry to its parent row.
_REPEAT_KEYS = (("_index", NUMBER, ""), ("_parent_table_name", SHARED, ""),
                ("_parent_index", NUMBER, ""), ("_submission__uuid", INLINE, "0" * 36))


def _write(target: Path, tables: dict[str, _Table], cells: _Cells, ctx: TaskContext
           ) -> tuple[str, ...]:
    main = tables[""]
    fixed = _main_columns()
    answer_columns = _answer_columns(main, cells)
    width = len(fixed) + len(answer_columns)
    for row in main.rows:  # a visit without answers (not at home…) has only the fixed cells
        row.extend([""] * (width - len(row)))
    main_columns = _typed(fixed + answer_columns, main.rows, len(fixed))
    with _replacing(target) as temporary:
        writer = XlsxWriter(temporary, main_columns)
        try:
            sheet = writer.add_sheet(main.label)
            for row in main.rows:
                writer.write_row(sheet, row)
            ctx.check()
            for table in tables.values():
                if table is main:
                    continue
                keys = [XlsxColumn(key, kind, sample=sample)
                        for key, kind, sample in _REPEAT_KEYS]
                columns = _typed(keys + _answer_columns(table, cells), table.rows, len(keys))
                sheet = writer.add_sheet(table.label, columns)
                for row in table.rows:
                    writer.write_row(sheet, row)
                ctx.check()
        except BaseException:
            writer.discard()
            raise
        writer.close()
    return tuple(s.name for s in writer.sheets)
