"""Survey forms (issue 14).

form_open_ms       a 200-question form (ten sections with skip logic, calculations and
                   constraints, and a repeat prefilled with a 10-member household): its
                   FormFill and FormFiller built and shown, events processed (median)
answer_to_next_ms  p95 of: the key that gives an answer (a digit; for a typed answer its last
                   key; a multi-select's digit) and the Enter that moves on where one is
                   needed → everything it reaches recomputed → the next question current,
                   focused and painted (same form, three passes through it)
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from run import benchmark, figure

SECTIONS, PER_SECTION, MEMBERS = 10, 19, 10  # 190 questions + 10 in the repeat = 200


def big_form():
    from desktop.visits.forms.model import (
        CALCULATE,
        INTEGER,
        PREFILL_HOUSEHOLD_MEMBERS,
        SELECT_MULTIPLE,
        SELECT_ONE,
        TEXT,
        YES_NO,
        YES_NO_LIST,
        Choice,
        ChoiceList,
        Form,
        Group,
        Question,
        plain,
    )

    lists = {YES_NO_LIST: ChoiceList(YES_NO_LIST, (Choice("yes", plain("是")),
                                                   Choice("no", plain("否")))),
             "level": ChoiceList("level", tuple(Choice(str(i), plain(f"等级{i}"))
                                                for i in range(1, 6)))}
    sections = []
    for s in range(SECTIONS):
        p = f"s{s}_"
        questions = [Question(f"{p}asked", YES_NO, plain(f"第{s + 1}部分：是否适用")),
                     Question(f"{p}total", CALCULATE, calculation=f"${{{p}q1}} + ${{{p}q2}}")]
        for q in range(1, PER_SECTION - 1):
            kind = (SELECT_ONE, INTEGER, SELECT_MULTIPLE, TEXT)[q % 4]
            questions.append(Question(
                f"{p}q{q}", kind, plain(f"第{s + 1}部分 问题{q}"),
                relevant=f"${{{p}asked}} = 'yes'" if q % 3 else f"${{{p}q{q - 1}}} != ''",
                constraint=". >= 0 and . < 1000" if kind == INTEGER else "",
                choice_list="level" if kind in (SELECT_ONE, SELECT_MULTIPLE) else ""))
        sections.append(Group(f"section{s}", plain(f"第{s + 1}部分"), tuple(questions)))
    members = Group("members", plain("家庭成员"), tuple(
        [Question("name", TEXT, plain("姓名"), read_only=True),
         Question("lives_here", YES_NO, plain("仍住在这里"))] +
        [Question(f"m{i}", SELECT_ONE if i % 2 else TEXT, plain(f"成员问题{i}"),
                  choice_list="level" if i % 2 else "",
                  relevant="${lives_here} = 'yes'") for i in range(8)]),
        repeat=True, prefill=PREFILL_HOUSEHOLD_MEMBERS)
    people = Question("people", CALCULATE, calculation="count(${members})")
    form = Form("bench", plain("基准问卷"), (*sections, members, people), lists)
    assert sum(1 for _p, q in form.questions() if q.type != CALCULATE) + SECTIONS + 1 >= 200
    household = [{"resident_id": f"r{i}", "name": f"居民{i}"} for i in range(MEMBERS)]
    return form, household


def _settle(app) -> None:
    for _ in range(3):
        app.processEvents()


@benchmark("forms", figures=("form_open_ms", "answer_to_next_ms"))
def bench_forms(args) -> list[dict]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.core.i18n import set_language
    from desktop.core.paths import resources_dir
    from desktop.ui.fonts import apply_fonts
    from desktop.ui.style import apply_style
    from desktop.ui.visits.filler import FormFiller
    from desktop.visits.forms.filling import FormFill

    app = QApplication.instance() or QApplication([])
    set_language("zh_Hans")
    apply_style(app)
    apply_fonts(app, "zh_Hans", resources_dir() / "fonts")
    form, household = big_form()

    opened = []
    for _ in range(max(args.repeat, 5) + 1):
        start = time.perf_counter()
        filler = FormFiller(FormFill(form, household_members=household))
        filler.resize(1000, 700)
        filler.show()
        _settle(app)
        opened.append((time.perf_counter() - start) * 1000)
        filler.close()
        filler.deleteLater()
        # processEvents() leaves deferred deletions alone: without this, every earlier
        # filler would still be alive in the later runs.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        _settle(app)
    opened = opened[1:]  # the first run also loads fonts and styles once per process

    filler = FormFiller(FormFill(form, household_members=household))
    filler.resize(1000, 700)
    filler.show()
    filler.activateWindow()
    while filler.preparing():  # hidden questions built while the volunteer walks up
        app.processEvents()
    steps = []
    for _round in range(3):
        filler.go_to(filler.order()[0])
        _settle(app)
        for _ in range(200):
            key = filler.current
            card = filler.cards[key]
            choices = getattr(card.input, "names", None)
            multiple = getattr(card.input, "multiple", False)
            if not choices:  # a typed answer: all but its last key before the clock starts
                QTest.keyClicks(QApplication.focusWidget(), "1")
                _settle(app)
            focused = QApplication.focusWidget()
            start = time.perf_counter()
            if choices:  # a digit answers (and for a single choice moves on by itself)
                QTest.keyClick(focused, str(1 + (len(steps) + _round) % 2))
            else:
                QTest.keyClick(focused, "2")
            if multiple or not choices:
                QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
            _settle(app)
            steps.append((time.perf_counter() - start) * 1000)
            if filler.current == key:
                break  # the last question
    steps.sort()
    p95 = steps[min(len(steps) - 1, int(0.95 * len(steps)))]
    return [figure("form_open_ms", statistics.median(opened), "ms", opened),
            figure("answer_to_next_ms", p95, "ms")]


FORMS = Path(__file__).resolve().parents[3] / "shared" / "external" / "forms"


@benchmark("form_import", figures=("form_import_ms",))
def bench_form_import(args) -> list[dict]:
    """form_import_ms: an XLSForm from its bytes to a stored form, as ``linli form import``
    does it after start-up — pyxform reads and builds it, it is mapped to our model, every
    expression is checked and the form is saved in one unit of work on a real SQLite file.
    Every real form is timed (median of --repeat runs each); the figure is the slowest one's
    median (the WHO verbal autopsy, 514 questions, in practice), and its samples."""
    import tempfile

    from desktop.core.paths import DataDir
    from desktop.storage.lifecycle import open_database
    from desktop.visits.forms.service import read_xlsform, save_form

    medians: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(DataDir(Path(tmp)).prepare(), device_name="bench")
        try:
            for path in sorted(FORMS.glob("*.xls*")):
                data = path.read_bytes()
                runs = []
                for _ in range(max(3, args.repeat)):
                    start = time.perf_counter()
                    result = read_xlsform(data, path.name)
                    if result.form is None:
                        break  # refused by pyxform: nothing to store
                    with db.unit_of_work("bench") as uow:
                        save_form(uow, result.form, source="xlsform", file_name=path.name)
                    runs.append((time.perf_counter() - start) * 1000)
                if runs:
                    medians[path.name] = runs
        finally:
            db.close()
    slowest = max(medians, key=lambda name: statistics.median(medians[name]))
    for name, runs in sorted(medians.items(), key=lambda kv: statistics.median(kv[1])):
        print(f"# form_import_ms {name}: {statistics.median(runs):.0f} ms", file=sys.stderr)
    return [figure("form_import_ms", statistics.median(medians[slowest]), "ms",
                   medians[slowest])]
