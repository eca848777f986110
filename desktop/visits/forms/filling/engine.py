"""Filling one form: the answers, and after each change only what depends on it recomputed.

``FormFill`` keeps the answers as plain data and, per question instance, what a volunteer
sees: visible, required, read-only, the value the logic sees, the problem to show, the choices
left by a choice_filter and the "other, please specify" text. As in ODK, a question that is
not relevant is empty for everything that refers to it, and hiding a group hides everything
in it. Qt-free: the widget (``desktop/ui/visits/filler``) only shows what this says changed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from desktop.visits.forms import expressions
from desktop.visits.forms.filling import checking
from desktop.visits.forms.filling.plan import ALWAYS, LABEL_REFERENCE, Def, Plan
from desktop.visits.forms.filling.scope import ChoiceScope, InstanceScope
from desktop.visits.forms.filling.state import (
    Change,
    Entry,
    GroupState,
    Key,
    QuestionState,
)
from desktop.visits.forms.filling.store import CONFIRMED, Store, member_entry
from desktop.visits.forms.model import (
    CALCULATE,
    NOTE,
    OTHER,
    PREFILL_HOUSEHOLD_MEMBERS,
    SELECT_MULTIPLE,
    YES_NO,
    YES_NO_LIST,
    Choice,
    Form,
    Question,
    language_fallbacks,
    plain,
)

MAX_ENTRIES = 500  # a repeat_count beyond this is a mistake in the form, not a household


def _evaluate(expr, scope) -> object:
    try:
        return expressions.evaluate(expr, scope)
    except Exception:  # noqa: BLE001 - a form's logic must never crash the filler at a door
        return ""


class FormFill:
    def __init__(self, form: Form, answers: Mapping[str, Any] | None = None, *,
                 language: str | None = None, household_members: Sequence[Mapping] = (),
                 today: dt.date | None = None) -> None:
        self.form = form
        self.plan = Plan(form)
        self.language = language or form.default_language or None
        self.fallbacks = language_fallbacks(form)
        self.today = today or dt.date.today()
        self._store = Store(answers)
        self._fresh = answers is None  # defaults apply to a new fill only (as in ODK)
        self._states: dict[Key, QuestionState | GroupState] = {}
        self._counts: dict[Key, int] = {}  # repeats with a repeat_count
        self._prefill(household_members)
        self._recompute_all()

    # -- reading ----------------------------------------------------------------------------

    @property
    def answers(self) -> dict[str, Any]:
        """The answers to save: what is visible (hidden ones are empty, as ODK submits them),
        calculations included, a repeat as a list of entries."""
        return self._answers_of((), None)

    def state(self, name_or_key: str | Key, entry: Entry | int | None = None):
        key = self._key(name_or_key, entry)
        return self._states.get(key)

    def question(self, name: str) -> Question | None:
        return self.plan.question(name)

    def entry_count(self, repeat: str, parent: Entry = ()) -> int:
        return self._entry_count(parent, repeat)

    def entry_data(self, repeat: str, index: int, parent: Entry = ()) -> dict[str, Any]:
        """A repeat entry as stored (a prefilled one carries its resident and confirmation)."""
        entries = self._store.entries(parent, repeat)
        return dict(entries[index]) if 0 <= index < len(entries) else {}

    def problems(self) -> list[tuple[Key, str]]:
        return [(key, state.problem) for key, state in self._states.items()
                if isinstance(state, QuestionState) and state.visible and state.problem]

    def text(self, text) -> str:
        """A label, hint or message in the form's current language."""
        return text.get(self.language, self.fallbacks)

    def instances(self, name: str) -> list[Entry]:
        return self._instances(self.plan.defs[name])

    # -- changing ---------------------------------------------------------------------------

    def set_answer(self, path_or_name: str | Key, value: str,
                   entry: Entry | int | None = None) -> Change:
        key = self._key(path_or_name, entry)
        entry_path, name = key
        base = name[:-len("_other")] if name.endswith("_other") else ""
        d = self.plan.defs.get(name)
        if d is None and base in self.plan.defs:  # the "please specify" text of an or_other
            self._store.set(entry_path, name, value)
            return self._recompute([base], entry_path)
        if d is None or d.is_group or d.node.type in (CALCULATE, NOTE):
            return Change()
        self._store.set(entry_path, name, value)
        return self._recompute([name], entry_path)

    def add_entry(self, repeat: str, parent: Entry = (),
                  data: Mapping[str, str] | None = None) -> Change:
        index = self._store.add(parent, repeat, data)
        self._defaults(parent + ((repeat, index),), repeat)
        return self._restructure(parent, repeat)

    def remove_entry(self, repeat: str, index: int, parent: Entry = ()) -> Change:
        if not self._store.remove(parent, repeat, index):
            return Change()
        return self._restructure(parent, repeat)

    def confirm_entry(self, repeat: str, index: int, confirmed: bool = True,
                      parent: Entry = ()) -> Change:
        self._store.set(parent + ((repeat, index),), CONFIRMED, "yes" if confirmed else "")
        return Change()  # kept with the entry's answers; no question's state depends on it

    def set_language(self, language: str | None) -> Change:
        self.language = language or self.form.default_language or None
        return self._recompute_all()

    # -- the Scope the expressions see -----------------------------------------------------

    def value(self, key: Key) -> str:
        state = self._states.get(key)
        return state.value if isinstance(state, QuestionState) else ""

    def lookup(self, entry: Entry, name: str) -> object:
        d = self.plan.defs.get(name)
        if d is None:
            return self._store.get(entry, name)  # an or_other's text, a prefilled field
        depth, common = len(d.repeats), 0
        while common < min(depth, len(entry)) and entry[common][0] == d.repeats[common]:
            common += 1
        if common == depth:
            if d.is_repeat:  # count(${members}): one item per entry
                return [""] * self._entry_count(entry[:depth], name)
            return self.value((entry[:depth], name))
        entries = [entry[:common]]
        for repeat in d.repeats[common:]:
            entries = [e + ((repeat, i),) for e in entries
                       for i in range(self._entry_count(e, repeat))]
        if d.is_repeat:
            return [""] * sum(self._entry_count(e, name) for e in entries)
        return [self.value((e, name)) for e in entries]

    def indexed(self, entry: Entry, name: str, repeat: str, index: int) -> object:
        d = self.plan.defs.get(name)
        if d is None or repeat not in d.repeats:
            return ""
        mine = dict(entry)
        path = tuple((r, index - 1 if r == repeat else mine.get(r, 0)) for r in d.repeats)
        return self.value((path, name))

    def choice_label(self, question: str, value: str) -> str:
        q = self.plan.question(question)
        if q is None:
            return ""
        choice = self.form.choice_list(self._list_name(q)).choice(value)
        return self.text(choice.label) if choice is not None else ""

    # -- computing --------------------------------------------------------------------------

    def _key(self, name_or_key: str | Key, entry: Entry | int | None) -> Key:
        if isinstance(name_or_key, tuple):
            return name_or_key
        name = name_or_key.rstrip("/").rsplit("/", 1)[-1]
        if isinstance(entry, int):
            d = self.plan.defs.get(name) or self.plan.defs.get(name[:-len("_other")])
            repeats = d.repeats if d is not None else ()
            entry = tuple((r, entry) for r in repeats[-1:])
        return (tuple(entry or ()), name)

    def _entry_count(self, parent: Entry, repeat: str) -> int:
        counted = self._counts.get((parent, repeat))
        if counted is not None:
            return counted
        return len(self._store.entries(parent, repeat))

    def _instances(self, d: Def) -> list[Entry]:
        entries: list[Entry] = [()]
        for repeat in d.repeats:
            entries = [e + ((repeat, i),) for e in entries
                       for i in range(self._entry_count(e, repeat))]
        return entries

    def _recompute_all(self) -> Change:
        old = self._states
        self._states = {}
        self._pass(self.plan.order, None, [], [])
        changed = tuple(k for k, s in self._states.items() if old.get(k) != s)
        gone = tuple(k for k in old if k not in self._states)
        repeats = tuple(k for k, s in self._states.items()
                        if isinstance(s, GroupState) and self.plan.defs[k[1]].is_repeat)
        return Change(changed + gone, repeats)

    def _restructure(self, parent: Entry, repeat: str) -> Change:
        change = self._recompute_all()
        return Change(change.states, tuple(dict.fromkeys(((parent, repeat), *change.repeats))))

    def _recompute(self, names: Iterable[str], entry: Entry) -> Change:
        changed: list[Key] = []
        restructured: list[Key] = []
        self._pass(self.plan.closure(frozenset(names)), entry, changed, restructured)
        if restructured:  # a repeat_count changed: its entries are new instances
            change = self._recompute_all()
            return Change(tuple(dict.fromkeys(changed + list(change.states))),
                          tuple(dict.fromkeys(restructured)))
        return Change(tuple(changed), ())

    def _pass(self, names: Iterable[str], entry: Entry | None, changed: list[Key],
              restructured: list[Key]) -> None:
        defs = self.plan.defs
        for name in names:
            d = defs[name]
            for e in self._instances(d):
                if entry is not None and not d.cross_entry and not _related(e, entry):
                    continue  # another entry of the same repeat: untouched by this change
                key = (e, name)
                new = self._group(d, e) if d.is_group else self._question(d, e)
                if self._states.get(key) != new:
                    old = self._states.get(key)
                    self._states[key] = new
                    changed.append(key)
                    if isinstance(new, GroupState) and old is not None \
                            and old.entries != new.entries:
                        restructured.append(key)

    def _parent_visible(self, d: Def, e: Entry) -> bool:
        if d.parent is None:
            return True
        parent = self.plan.defs[d.parent]
        state = self._states.get((e[:len(parent.repeats)], d.parent))
        return state is not None and state.visible

    def _relevant(self, d: Def, e: Entry) -> bool:
        if not self._parent_visible(d, e):
            return False
        expr = d.exprs.get("relevant")
        return expr is None or expressions.truthy(_evaluate(expr, InstanceScope(self, e, d.name)))

    def _group(self, d: Def, e: Entry) -> GroupState:
        visible = self._relevant(d, e)
        if not d.is_repeat:
            return GroupState((e, d.name), visible)
        count_text = d.node.repeat_count.strip()
        if count_text:
            expr = d.exprs.get("repeat_count")
            raw = _evaluate(expr, InstanceScope(self, e, d.name)) if expr else count_text
            number = expressions.as_number(raw)
            count = 0 if math.isnan(number) else max(0, min(MAX_ENTRIES, int(number)))
            self._counts[(e, d.name)] = count
            for index in self._store.ensure(e, d.name, count):
                self._defaults(e + ((d.name, index),), d.name)
        return GroupState((e, d.name), visible, self._entry_count(e, d.name))

    def _question(self, d: Def, e: Entry) -> QuestionState:
        q: Question = d.node
        key = (e, d.name)
        visible = self._relevant(d, e)
        read_only = q.read_only or q.type in (CALCULATE, NOTE) or "calculation" in d.exprs
        scope = InstanceScope(self, e, d.name)
        choices = self._choices(d, e) if q.is_select else ()
        if not visible:
            return QuestionState(key, False, read_only=read_only, choices=choices)
        if "calculation" in d.exprs:
            value = expressions.as_answer(_evaluate(d.exprs["calculation"], scope))
        else:
            value = self._store.get(e, d.name)
            if q.choice_filter and value:
                value = _keep_offered(value, choices, q.type == SELECT_MULTIPLE)
        required = False
        if q.answerable:
            text = q.required.strip().lower()
            required = text in ALWAYS or ("required" in d.exprs and expressions.truthy(
                _evaluate(d.exprs["required"], scope)))
        problem = checking.problem(self, d, scope, value, required) if q.answerable else ""
        other = q.or_other and OTHER in value.split()
        label, hint = self.text(q.label), self.text(q.hint)
        if d.shows_values:
            label, hint = self._with_values(label, e), self._with_values(hint, e)
        return QuestionState(key, True, required, read_only, value, problem, choices, other,
                             self._store.get(e, d.name + "_other") if other else "",
                             label, hint, bool(problem) and value == "")

    def _with_values(self, text: str, entry: Entry) -> str:
        def value(match) -> str:
            found = self.lookup(entry, match.group(1))
            if isinstance(found, list):
                return " ".join(expressions.as_text(v) for v in found)
            return expressions.as_text(found)

        return LABEL_REFERENCE.sub(value, text) if text else text

    def _list_name(self, q: Question) -> str:
        return YES_NO_LIST if q.type == YES_NO and not q.choice_list else q.choice_list

    def _choices(self, d: Def, e: Entry) -> tuple[Choice, ...]:
        q: Question = d.node
        choices = self.form.choice_list(self._list_name(q)).choices
        expr = d.exprs.get("choice_filter")
        if expr is not None:
            choices = tuple(c for c in choices if expressions.truthy(
                _evaluate(expr, ChoiceScope(self, e, d.name, c))))
        if q.or_other and not any(c.name == OTHER for c in choices):
            choices = (*choices, Choice(OTHER, plain(checking.other_label())))
        return tuple(choices)

    def _prefill(self, members: Sequence[Mapping]) -> None:
        for d in self.plan.defs.values():
            if not d.is_repeat or d.node.prefill != PREFILL_HOUSEHOLD_MEMBERS or d.repeats:
                continue
            if d.name in self._store.data:
                continue  # resumed: its entries are there (none, if all were removed)
            names = [c for c in self.plan.children.get(d.name, ())]
            for member in members:
                index = self._store.add((), d.name, member_entry(member, names))
                self._defaults(((d.name, index),), d.name)
        if self._fresh:
            self._defaults((), None)

    def _defaults(self, entry: Entry, repeat: str | None) -> None:
        """Defaults for the questions of a new fill (``repeat`` None) or a new entry."""
        names = self.plan.descendants(repeat) if repeat else list(self.plan.defs)
        depth = len(entry)
        for name in names:
            d = self.plan.defs[name]
            if d.is_group or len(d.repeats) != depth or not d.node.default:
                continue
            if self._store.get(entry, name) == "":
                self._store.set(entry, name, checking.default_value(self, d, entry))

    def _answers_of(self, entry: Entry, group: str | None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        data = self._store.entry(entry) or {}
        for key in (k for k in data if k.startswith("_")):
            out[key] = data[key]  # the resident a prefilled entry is about, its confirmation
        for name in self.plan.children.get(group, ()):
            d = self.plan.defs[name]
            if d.is_repeat:
                count = self._entry_count(entry, name)
                out[name] = [self._answers_of(entry + ((name, i),), name) for i in range(count)]
            elif d.is_group:
                out.update(self._answers_of(entry, name))
            else:
                state = self._states.get((entry, name))
                if isinstance(state, QuestionState) and state.value:
                    out[name] = state.value
                    if state.other and state.other_text:
                        out[name + "_other"] = state.other_text
        return out


def _related(a: Entry, b: Entry) -> bool:
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def _keep_offered(value: str, choices: tuple[Choice, ...], multiple: bool) -> str:
    """A cascade's answer no longer offered (the region changed) counts as unanswered."""
    offered = {c.name for c in choices}
    if multiple:
        return " ".join(v for v in value.split() if v in offered)
    return value if value in offered else ""
