"""The builder's edits on the form model: what a social worker does with the buttons."""

from __future__ import annotations

from desktop.visits.forms import editing
from desktop.visits.forms.model import (
    INTEGER,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    Choice,
    ChoiceList,
    Form,
    Group,
    Question,
    plain,
)

ZH = "简体中文 (zh-Hans)"


def _form() -> Form:
    return Form("f", plain("表"), children=(
        Question("a", TEXT), Group("sec", children=(Question("b", TEXT), Question("c", TEXT))),
    ))


def _order(form: Form) -> list[str]:
    return [node.name for _path, node in form.walk()]


def test_add_move_duplicate_and_remove_keep_the_rest_in_place():
    form = editing.insert_after(_form(), "b", Question("new", INTEGER))
    assert _order(form) == ["a", "sec", "b", "new", "c"]
    form = editing.move(form, "new", -1)
    assert _order(form) == ["a", "sec", "new", "b", "c"]
    assert _order(editing.move(form, "new", -1)) == _order(form)  # first stays first
    form, copy = editing.duplicate(form, "b")
    assert copy == "b_2" and _order(form) == ["a", "sec", "new", "b", "b_2", "c"]
    assert _order(editing.remove(form, "sec")) == ["a"]
    assert _order(editing.insert_after(form, None, Question("z", TEXT)))[-1] == "z"


def test_free_names_are_valid_xlsform_names():
    form = _form()
    assert editing.free_name(form, "a") == "a_2"
    assert editing.free_name(form, "家里几口人") == "q"
    assert editing.free_name(form, "3 rooms") == "q_3_rooms"


def test_choices_from_a_pasted_column_keep_known_answers_and_drop_blanks_and_repeats():
    first = editing.choices_from_text("同意\n不同意\n\n弃权\n同意\n", ZH, list_name="vote")
    assert [(c.name, c.label.get(ZH)) for c in first.choices] == [
        ("1", "同意"), ("2", "不同意"), ("3", "弃权")]
    # Pasting again with one answer renamed keeps the others' names (answers stay valid).
    second = editing.choices_from_text("同意\n反对\n弃权", ZH, first)
    assert [(c.name, c.label.get(ZH)) for c in second.choices] == [
        ("1", "同意"), ("4", "反对"), ("3", "弃权")]


def test_a_condition_from_the_menus_reads_back_and_matches_the_question_type():
    one = Question("help", SELECT_ONE, choice_list="yn")
    many = Question("needs", SELECT_MULTIPLE, choice_list="n")
    count = Question("people", INTEGER)
    assert editing.condition(one, editing.IS, "yes") == "${help} = 'yes'"
    assert editing.condition(many, editing.IS_NOT, "meals") == "not(selected(${needs}, 'meals'))"
    assert editing.condition(count, editing.IS, "3") == "${people} = 3"
    for text in ("${help} = 'yes'", "not(selected(${needs}, 'meals'))", "${people} != 3"):
        name, op, value = editing.read_condition(text)
        question = {"help": one, "needs": many, "people": count}[name]
        assert editing.condition(question, op, value).replace(" ", "") == text.replace(" ", "")
    # Anything the menus cannot show is left to the text box.
    assert editing.read_condition("${people} > 3 and ${help} = 'yes'") is None


def test_choices_text_lists_labels_in_the_editing_language():
    choices = ChoiceList("yn", (Choice("yes", plain("是", ZH)), Choice("no", plain("否", ZH))))
    assert editing.choices_text(choices, ZH) == "是\n否"
