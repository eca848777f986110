"""How one form version's answers become spreadsheet cells: each choice's label and each
question's way of masking, worked out once per version (an export of 50,000 visits asks the
same questions 50,000 times)."""

from __future__ import annotations

from desktop.visits.forms.filling.checking import other_label
from desktop.visits.forms.model import OTHER, SELECT_MULTIPLE, Form
from desktop.visits.results import masks
from desktop.visits.results.answer_counts import repeat_children
from desktop.visits.results.counted import Forms


class VersionCells:
    def __init__(self, form: Form, forms: Forms, masked: bool, joiner: str) -> None:
        self.masked, self.joiner = masked, joiner
        self.questions = {q.name: q for _path, q in form.questions()}
        self.kinds = {name: masks.kind_of(q) for name, q in self.questions.items()}
        self.labels = {
            name: {c.name: forms.text(form, c.label) or c.name
                   for c in form.choice_list(q.choice_list).choices}
            for name, q in self.questions.items() if q.is_select}
        self.multiple = {name for name, q in self.questions.items()
                         if q.type == SELECT_MULTIPLE}
        self.or_other = {name for name, q in self.questions.items() if q.or_other}
        self._name_keys = [name for name, kind in self.kinds.items() if kind == masks.NAME]
        self._repeats = repeat_children(form)

    def value(self, name: str, entry: dict, names: tuple[str, ...]) -> str:
        raw = entry.get(name)
        if not raw:
            return ""
        if not isinstance(raw, str):
            raw = str(raw)
        labels = self.labels.get(name)
        if labels is not None:
            if name in self.multiple:
                return self.joiner.join(labels.get(code) or _other(code)
                                        for code in raw.split())
            return labels.get(raw) or _other(raw)
        if self.masked:
            return masks.mask_answer(self.kinds.get(name, masks.FREE), raw, names)
        return raw

    def other_text(self, name: str, entry: dict, names: tuple[str, ...]) -> str:
        text = entry.get(name + "_other", "")
        text = text if isinstance(text, str) else str(text)
        return masks.mask_text(text, names) if self.masked else text

    def names_in(self, answers: dict) -> list[str]:
        """The names given in the answers (a member's name in a repeat)."""
        found: list[str] = []

        def walk(level: str, entry: dict) -> None:
            for key in self._name_keys:
                value = entry.get(key)
                if isinstance(value, str) and value.strip():
                    found.append(value.strip())
            for repeat in self._repeats.get(level, ()):
                for sub in entry.get(repeat) or ():
                    if isinstance(sub, dict):
                        walk(repeat, sub)
        if self._name_keys:
            walk("", answers)
        return found


def _other(code: str) -> str:
    return other_label() if code == OTHER else code
