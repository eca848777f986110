"""XLSForm appearances the filler honours: a rating scale on one line, and a phone-like
answer that takes digits only; the digit keys still choose on a scale laid out in a row."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.visits.forms.filling import FormFill
from desktop.visits.forms.model import (
    SELECT_ONE,
    TEXT,
    Choice,
    ChoiceList,
    Form,
    Question,
    plain,
)

LEVELS = ChoiceList("level", tuple(Choice(str(n), plain(label)) for n, label in enumerate(
    ("很不满意", "不满意", "一般", "满意", "很满意"), start=1)))


def _filler(qtbot, appearance: str):
    from desktop.ui.visits.filler import FormFiller

    form = Form("f", plain("测评"), children=(
        Question("clean", SELECT_ONE, plain("保洁"), choice_list="level",
                 appearance=appearance),
        Question("phone", TEXT, plain("电话"), appearance="numbers"),
    ), choices={"level": LEVELS})
    fill = FormFill(form)
    filler = FormFiller(fill)
    qtbot.addWidget(filler)
    filler.resize(900, 500)
    filler.show()
    qtbot.waitExposed(filler)
    return filler, fill


def _rows(filler) -> int:
    buttons = filler.cards[filler.order()[0]].input.buttons
    return len({button.mapTo(filler, button.rect().topLeft()).y() for button in buttons})


def test_a_likert_scale_is_one_line_and_a_plain_one_a_column(qtbot):
    likert, _fill = _filler(qtbot, "likert")
    plain_one, _fill2 = _filler(qtbot, "")
    assert _rows(likert) == 1
    assert _rows(plain_one) == 5


def test_a_digit_still_chooses_on_a_scale_in_a_row(qtbot):
    filler, fill = _filler(qtbot, "likert")
    key = filler.order()[0]
    filler.go_to(key)
    qtbot.keyClick(filler.cards[key].input.buttons[0], Qt.Key.Key_4)
    assert fill.answers["clean"] == "4"


def test_numbers_takes_only_what_a_phone_number_has(qtbot):
    filler, fill = _filler(qtbot, "")
    key = filler.order()[1]
    filler.go_to(key)
    qtbot.keyClicks(filler.cards[key].input, "138a-1234 x5678")
    assert fill.answers["phone"] == "138-1234 5678"
