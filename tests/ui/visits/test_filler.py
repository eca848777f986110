"""The form filler driven like a volunteer at a door: keyboard only (one key per choice
question), skip logic showing and hiding questions, messages beside the question, repeats."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.visits.forms.filling import FormFill
from desktop.visits.forms.model import (
    DECIMAL,
    INTEGER,
    NOTE,
    PREFILL_HOUSEHOLD_MEMBERS,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    TIME,
    UNSUPPORTED,
    YES_NO,
    YES_NO_LIST,
    Choice,
    ChoiceList,
    Form,
    Group,
    Question,
    Text,
)
from tests.conftest import SHARED_EXTERNAL

ZH, EN = "简体中文 (zh-Hans)", "English (en)"


def t(zh: str, en: str) -> Text:
    return Text({ZH: zh, EN: en})


def _list(name: str, *pairs: tuple[str, str, str]) -> ChoiceList:
    return ChoiceList(name, tuple(Choice(n, t(zh, en)) for n, zh, en in pairs))


LISTS = (
    _list(YES_NO_LIST, ("yes", "是", "Yes"), ("no", "否", "No")),
    _list("living", ("alone", "独居", "Lives alone"), ("couple", "与配偶同住", "With spouse"),
          ("family", "与子女同住", "With children"), ("other", "其他", "Other")),
    _list("help", *[(f"h{i}", f"帮助{i}", f"Help {i}") for i in range(1, 11)]),
    _list("satisfaction", ("5", "非常满意", "Very satisfied"), ("4", "满意", "Satisfied"),
          ("3", "一般", "Neither"), ("2", "不满意", "Dissatisfied"),
          ("1", "非常不满意", "Very dissatisfied")),
    _list("follow", ("none", "不需要", "Not needed"), ("call", "电话回访", "A phone call"),
          ("visit", "上门回访", "Another visit")),
)


def ten_question_form() -> Form:
    """Ten questions, four of them choices, in two sections."""
    return Form("visit", t("入户走访记录表", "Home visit record"), (
        Group("basic", t("基本情况", "Basic information"), (
            Question("name", TEXT, t("受访人姓名", "Name of the person interviewed"),
                     required="yes"),
            Question("age", INTEGER, t("年龄", "Age"), constraint=". < 130",
                     constraint_message=t("年龄不应超过130岁", "Age must be under 130")),
            Question("living", SELECT_ONE, t("居住情况", "Living situation"),
                     choice_list="living"),
            Question("phone", TEXT, t("联系电话", "Phone number"),
                     hint=t("11位手机号", "An 11-digit mobile number")),
            Question("has_needs", YES_NO, t("是否需要帮助", "Does anyone need help?")),
        )),
        Group("needs", t("需求与反馈", "Needs and feedback"), (
            Question("help", SELECT_ONE, t("最需要的帮助", "The help most needed"),
                     choice_list="help", relevant="${has_needs} = 'yes'"),
            Question("area", DECIMAL, t("住房面积（平方米）", "Floor area (m²)")),
            Question("satisfaction", SELECT_ONE, t("对社区服务的满意度",
                                                   "Satisfaction with the community's services"),
                     choice_list="satisfaction"),
            Question("time", TIME, t("方便回访的时间", "A good time to call back")),
            Question("remarks", TEXT, t("备注", "Remarks")),
        )),
    ), {cl.name: cl for cl in LISTS}, languages=(ZH, EN), default_language=ZH)


def household_form() -> tuple[Form, list[dict]]:
    """A note, an unsupported question and a repeat with one entry per household member."""
    form = Form("f", t("问卷", "Form"), (
        Question("intro", NOTE, t("请逐一确认家庭成员", "Confirm each member of the household")),
        Question("where", UNSUPPORTED, t("位置", "Location"), source_type="geopoint",
                 unsupported_reason="Locations (geopoint) cannot be recorded in Linli."),
        Group("members", t("家庭成员", "Household members"), (
            Question("name", TEXT, t("姓名", "Name"), read_only=True),
            Question("lives_here", YES_NO, t("仍住在这里", "Still lives here"))),
            repeat=True, prefill=PREFILL_HOUSEHOLD_MEMBERS)),
        {cl.name: cl for cl in LISTS}, languages=(ZH, EN), default_language=ZH)
    members = [{"resident_id": "r1", "name": "张三明", "relationship": "户主"},
               {"resident_id": "r2", "name": "李小红", "relationship": "配偶"}]
    return form, members


@pytest.fixture
def make_filler(qtbot):
    from desktop.ui.visits.filler import FormFiller

    def make(form: Form, language: str = EN, **kwargs):
        widget = FormFiller(FormFill(form, language=language, **kwargs))
        qtbot.addWidget(widget)
        widget.resize(900, 500)
        widget.show()
        qtbot.waitExposed(widget)
        widget.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
        return widget

    return make


class Keyboard:
    """Presses keys on whatever has the focus, and counts them."""

    def __init__(self, qtbot) -> None:
        self.qtbot, self.count = qtbot, 0

    def press(self, key, text: str = "", modifier=Qt.KeyboardModifier.NoModifier) -> None:
        focused = QApplication.focusWidget()
        assert focused is not None, "nothing has the keyboard focus"
        self.qtbot.keyClick(focused, key, modifier)
        self.count += 1

    def type(self, text: str) -> None:
        for char in text:
            self.press(char)

    def answer(self, text: str) -> None:
        self.type(text)
        self.press(Qt.Key.Key_Return)


def test_ten_questions_by_keyboard_one_key_per_choice_question(qtbot, make_filler):
    filler = make_filler(ten_question_form())
    saved = []
    filler.answers_changed.connect(saved.append)
    keys = Keyboard(qtbot)
    keys.answer("Li Ming")  # name
    keys.answer("78")  # age
    keys.press("1")  # living: lives alone → on to the next question by itself
    keys.answer("13812345678")  # phone
    keys.press("1")  # has_needs: yes → "help" appears and comes next
    keys.press("0")  # help: the tenth choice
    keys.answer("56.5")  # area
    keys.press("2")  # satisfaction: satisfied
    keys.answer("14:30")  # time
    keys.type("ok")  # remarks: the last one
    text_keys = sum(len(s) + 1 for s in ("Li Ming", "78", "13812345678", "56.5", "14:30"))
    assert keys.count == text_keys + 2 + 4  # "ok", and ONE key for each choice question
    assert filler.fill.answers == {
        "name": "Li Ming", "age": "78", "living": "alone", "phone": "13812345678",
        "has_needs": "yes", "help": "h10", "area": "56.5", "satisfaction": "4",
        "time": "14:30", "remarks": "ok"}
    assert saved[-1] == filler.fill.answers  # saved on every change
    assert filler.fill.problems() == []
    # Shift+Enter goes back, Page Up to the start of the section, then of the form.
    keys.press(Qt.Key.Key_Return, modifier=Qt.KeyboardModifier.ShiftModifier)
    assert filler.current[1] == "time"
    keys.press(Qt.Key.Key_PageUp)
    assert filler.current[1] == "help"
    keys.press(Qt.Key.Key_PageUp)
    assert filler.current[1] == "name"
    keys.press(Qt.Key.Key_PageDown)
    assert filler.current[1] == "help"


def test_skip_logic_and_messages_beside_the_question(qtbot, make_filler):
    filler = make_filler(ten_question_form())
    help_card = filler.cards[((), "help")]
    assert not help_card.isVisible()
    filler.go_to(((), "has_needs"))
    qtbot.keyClick(QApplication.focusWidget(), "1")
    assert help_card.isVisible() and filler.current == ((), "help")
    filler.go_to(((), "has_needs"))
    qtbot.keyClick(QApplication.focusWidget(), "2")
    assert not help_card.isVisible() and filler.current == ((), "area")
    name = filler.cards[((), "name")]
    assert name.problem.isVisible() and name.problem.text() == "This question needs an answer."
    assert name.title.text().endswith("*")
    filler.go_to(((), "age"))
    qtbot.keyClicks(QApplication.focusWidget(), "140")
    age = filler.cards[((), "age")]
    assert age.problem.isVisible() and age.problem.text() == "Age must be under 130"
    filler.set_language(ZH)
    assert filler.cards[((), "age")].problem.text() == "年龄不应超过130岁"


def test_space_toggles_a_multi_select_and_digits_name_choices(qtbot, make_filler):
    form = Form("f", t("问卷", "Form"), (
        Question("needs", SELECT_MULTIPLE, t("需要", "Needs"), choice_list="living",
                 or_other=False),
        Question("next", TEXT, t("下一题", "Next"))),
        {cl.name: cl for cl in LISTS}, languages=(ZH, EN), default_language=ZH)
    filler = make_filler(form)
    keys = Keyboard(qtbot)
    keys.press("2")
    keys.press("4")
    assert filler.fill.answers == {"needs": "couple other"}
    assert filler.current[1] == "needs"  # several answers: Enter moves on, not a digit
    keys.press(Qt.Key.Key_Space)  # toggles the focused one (the last chosen, "other")
    assert filler.fill.answers == {"needs": "couple"}
    keys.press(Qt.Key.Key_Return)
    assert filler.current[1] == "next"


def test_repeats_prefilled_from_the_household_and_unsupported_questions(qtbot, make_filler):
    form, members = household_form()
    filler = make_filler(form, household_members=members)
    saved = []
    filler.answers_changed.connect(saved.append)
    assert not filler.cards[((), "where")].isEnabled()  # greyed, with its reason
    assert filler.order() == [((("members", 0),), "lives_here"),
                              ((("members", 1),), "lives_here")]
    assert filler.current == ((("members", 0),), "lives_here")
    keys = Keyboard(qtbot)
    keys.press("1")
    keys.press("2")
    assert [e["lives_here"] for e in saved[-1]["members"]] == ["yes", "no"]
    block = filler.repeats[((), "members")]
    from PySide6.QtWidgets import QCheckBox, QPushButton

    confirm = [b for b in block.findChildren(QCheckBox) if b.text() == "Confirmed"]
    qtbot.mouseClick(confirm[1], Qt.MouseButton.LeftButton)
    assert saved[-1]["members"][1]["_confirmed"] == "yes"
    add = next(b for b in block.findChildren(QPushButton) if b.text().startswith("Add"))
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert len(saved[-1]["members"]) == 3
    assert ((("members", 2),), "lives_here") in filler.order()
    remove = [b for b in block.findChildren(QPushButton)
              if b.text() == "Remove" and b.isVisible()]
    qtbot.mouseClick(remove[0], Qt.MouseButton.LeftButton)
    assert [e.get("name") for e in saved[-1]["members"]] == ["李小红", None]


def test_questions_appearing_together_leave_the_focus_where_the_person_types(qtbot, make_filler):
    form = Form("f", t("问卷", "Form"), (
        Group("about", t("情况", "About"), (
            Question("count", INTEGER, t("人数", "How many people")),
            *(Question(f"more{i}", TEXT, t(f"补充{i}", f"More {i}"), relevant="${count} > 1")
              for i in range(4)),
            Question("sure", YES_NO, t("确认", "Sure?")),
            *(Question(f"then{i}", TEXT, t(f"然后{i}", f"Then {i}"),
                       relevant="${sure} = 'yes'") for i in range(4)))),),
        {cl.name: cl for cl in LISTS}, languages=(ZH, EN), default_language=ZH)
    filler = make_filler(form)
    keys = Keyboard(qtbot)
    keys.type("12")  # "1" then "12": four questions appear while typing
    assert filler.cards[((), "more0")].isVisible()
    assert QApplication.focusWidget() is filler.cards[((), "count")].input
    assert filler.current == ((), "count") and filler.fill.answers == {"count": "12"}
    filler.go_to(((), "sure"))
    keys.press("1")  # four more appear; the first of them is next
    assert all(filler.cards[((), f"then{i}")].isVisible() for i in range(4))
    assert filler.current == ((), "then0")
    assert QApplication.focusWidget() is filler.cards[((), "then0")].input


def test_other_please_specify_by_keyboard(qtbot, make_filler):
    form = Form("f", t("问卷", "Form"), (
        Question("heating", SELECT_ONE, t("取暖方式", "Heating"), choice_list="follow",
                 or_other=True),
        Question("next", TEXT, t("下一题", "Next"))),
        {cl.name: cl for cl in LISTS}, languages=(ZH, EN), default_language=ZH)
    filler = make_filler(form)
    card = filler.cards[((), "heating")]
    assert [b.text() for b in card.input.buttons][-1] == "4  Other, please specify"
    keys = Keyboard(qtbot)
    keys.press("4")  # "other": its text box comes next, not the next question
    assert card.other.isVisible() and QApplication.focusWidget() is card.other
    keys.type("coal")  # digits typed here are text, not choices
    keys.type("12")
    keys.press(Qt.Key.Key_Return)
    assert filler.current == ((), "next")
    assert filler.fill.answers == {"heating": "other", "heating_other": "coal12"}


def test_needs_an_answer_is_said_once_the_person_moves_past(qtbot, make_filler):
    filler = make_filler(ten_question_form())
    name = filler.cards[((), "name")]
    assert filler.current == ((), "name") and not name.problem.isVisible()  # just opened
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Return)  # moved on without an answer
    assert name.problem.isVisible() and name.problem.text() == "This question needs an answer."
    filler.go_to(((), "remarks"))
    assert filler.show_all_problems() == [((), "name")]
    assert filler.current == ((), "name")


@pytest.mark.parametrize("path", [p for p in sorted((SHARED_EXTERNAL / "forms").glob("*.xlsx"))
                                  if p.stem != "onadata_enumerator_weekly"],  # refused
                         ids=lambda p: p.stem)
def test_each_real_form_shows_with_nothing_cut(qtbot, path):
    from desktop.ui.visits.filler import FormFiller
    from desktop.visits.forms.xlsform import import_xlsform
    from tests.ui.layout_check import layout_problems

    imported = import_xlsform(path.read_bytes(), path.name)
    assert imported.form is not None, [p.message for p in imported.problems]
    filler = FormFiller(FormFill(imported.form))
    qtbot.addWidget(filler)
    filler.resize(900, 500)
    filler.show()
    qtbot.waitExposed(filler)
    qtbot.waitUntil(lambda: not filler.preparing(), timeout=10_000)
    assert layout_problems(filler) == []
    shown = {key[1] for key in filler.cards}
    plan = filler.fill.plan
    asked = {q.name for _path, q in imported.form.questions()
             if (q.type not in ("calculate", "metadata") or q.label)
             and plan.key_for(q) and filler.fill.instances(q.name)}  # repeats start empty
    assert shown == asked  # every question has its place, unsupported ones greyed
