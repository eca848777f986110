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
import re
from collections import defaultdict
from dataclasses import dataclass, field
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
    safe_sheet_name,
)
from desktop.sync.exchange.export import raw_select
from desktop.visits.doors.at_door import OUTCOME_LABELS
from desktop.visits.forms.model import DATE as DATE_QUESTION
from desktop.visits.forms.model import (
    DECIMAL,
    INTEGER,
    SELECTS,
    Form,
    Group,
)
from desktop.visits.results import masks
from desktop.visits.results.counted import (
    Forms,
    answers_of,
    campaign_version,
    counted_rows,
)
from desktop.visits.results.export_cells import VersionCells

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
    or_other: set = field(default_factory=set)  # questions with an "other" text column


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


def _sheet_name(tables: dict[str, _Table], label: str) -> str:
    """The sheet's name as the writer will make it (valid, unique), so ``_parent_table_name``
    names the sheet that is really there."""
    return safe_sheet_name(label, {t.label.casefold() for t in tables.values()})


def _add_questions(tables: dict[str, _Table], form: Form, forms: Forms) -> None:
    def walk(nodes, table: _Table):
        for node in nodes:
            if isinstance(node, Group):
                if node.repeat:
                    child = tables.get(node.name)
                    if child is None:
                        child = tables[node.name] = _Table(
                            node.name, _sheet_name(tables, forms.text(form, node.label)
                                                   or node.name), table.key, {}, [])
                    walk(node.children, child)
                else:
                    walk(node.children, table)
            elif node.answerable and node.name not in table.questions:
                table.questions[node.name] = (node, form)
                if node.or_other:
                    table.or_other.add(node.name)
    walk(form.children, tables[""])


def _fill(tables, table: _Table, entry: dict, plan: VersionCells, base: VersionCells,
          names, uuid: str, parent_index: int, counters) -> list:
    """The answer cells of ``entry`` for ``table``; entries of its repeats go to theirs."""
    out = []
    for name in table.questions:
        cells = plan if name in plan.questions else base
        out.append(cells.value(name, entry, names))
        if name in table.or_other:
            out.append(cells.other_text(name, entry, names))
    for child in tables.values():
        if child.parent != table.key or child.key == table.key:
            continue
        for sub in entry.get(child.key) or ():
            if not isinstance(sub, dict):
                continue
            counters[child.key] += 1
            index = counters[child.key]
            child.rows.append([index, table.label, parent_index, uuid,
                               *_fill(tables, child, sub, plan, base, names, uuid, index,
                                      counters)])
    return out


def _answer_columns(table: _Table, forms: Forms) -> list[XlsxColumn]:
    out = []
    for name, (question, form) in table.questions.items():
        kind = {INTEGER: NUMBER, DECIMAL: NUMBER, DATE_QUESTION: DATE}.get(question.type, INLINE)
        if question.type in SELECTS:
            kind = SHARED
        out.append(XlsxColumn(forms.text(form, question.label) or name, kind))
        if name in table.or_other:
            out.append(XlsxColumn(_("{question}: other").format(
                question=forms.text(form, question.label) or name), INLINE))
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
    counted = {row[0] for row in counted_rows(session, campaign_id)}
    outcome_labels = {o: _(label) for o, label in OUTCOME_LABELS.items()}
    replaced_by: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row[9]:
            replaced_by[row[9]].append(row[0])
    names = _member_names(session, campaign_id) if masked else {}
    joiner = "、" if current_language().startswith("zh") else ", "
    plans: dict[str | None, VersionCells | None] = {}

    def plan_of(version_id: str | None) -> VersionCells | None:
        if version_id not in plans:
            form = forms.get(version_id) or base
            plans[version_id] = (VersionCells(form, forms, masked, joiner)
                                 if form is not None else None)
        return plans[version_id]

    base_plan = plan_of(campaign_version(session, campaign_id))
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
        answers = answers_of(text)
        plan = plan_of(version_id) if answers else None
        household_names = names.get(household_id, ()) if masked else ()
        if masked and plan is not None:
            given = plan.names_in(answers)
            if given:  # the names given at the door are masked in its free text too
                household_names = tuple(sorted({*household_names, *given}, key=len,
                                               reverse=True))
        address = (compound or "") + (format_address(building, unit, "") if masked
                                      else format_address(building, unit, room))
        fixed = [index, vid, address, visitor or "", _when(at), attempts[door_id or vid],
                 outcome_labels.get(outcome, outcome), _when(callback),
                 yes if vid in counted else no, replaces_id or "",
                 " ".join(replaced_by.get(vid, ())), yes if follow_up else "",
                 masks.mask_text(follow_note or "", household_names) if masked else follow_note,
                 masks.mask_text(note or "", household_names) if masked else note,
                 numbers.get(version_id, "")]
        if plan is not None:
            fixed += _fill(tables, main, answers, plan, base_plan or plan, household_names,
                           vid, index, counters)
        main.rows.append(fixed)
    ctx.report(total, total, _("Writing the spreadsheet…"))
    sheets = _write(target, tables, forms, ctx)
    return VisitsExport(target, total, sheets, masked)


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


def _write(target: Path, tables: dict[str, _Table], forms: Forms, ctx: TaskContext
           ) -> tuple[str, ...]:
    main = tables[""]
    fixed = _main_columns()
    answer_columns = _answer_columns(main, forms)
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
                columns = _typed(keys + _answer_columns(table, forms), table.rows, len(keys))
                sheet = writer.add_sheet(table.label, columns)
                for row in table.rows:
                    writer.write_row(sheet, row)
                ctx.check()
        except BaseException:
            writer.discard()
            raise
        writer.close()
    return tuple(s.name for s in writer.sheets)
