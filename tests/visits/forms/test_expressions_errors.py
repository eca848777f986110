"""Expressions that cannot be used are refused when parsed, with a message that says where
(character position) or which function, in the user's language."""

from __future__ import annotations

import pytest

from desktop.core import i18n
from desktop.visits.forms.expressions import ExpressionError, parse


@pytest.mark.parametrize("text, position, words", [
    ("${age} >", 8, "ends too early"),
    ("${age} > > 3", 9, "> was not expected"),
    ("(${a} + 1", 0, "bracket opened at character 1"),
    ("${a} = 'yes", 7, "quote opened at character 8"),
    ("${a b} = 1", 0, "${name}"),
    ("${} = 1", 0, "${name}"),
    ("${a} ＝ 'yes'", 5, "full-width character ＝"),
    ("selected(${a}，'x')", 13, "full-width character ，"),
    ("foo(${a})", 0, "no function called foo()"),
    ("selectd(${a}, 'x')", 0, "no function called selectd(); did you mean selected()?"),
    ("todya()", 0, "did you mean today()?"),
    ("if(${a} > 1, 2)", 0, "if() takes 3 arguments, not 2"),
    ("selected(${a})", 0, "selected() takes 2 arguments, not 1"),
    ("round()", 0, "round() takes 1 to 2 arguments, not 0"),
    ("min()", 0, "at least 1 argument"),
    ("position(${a})", 0, "position(..)"),
    ("indexed-repeat('a', ${r}, 1)", 0, "indexed-repeat(${name}, ${repeat}, 1)"),
    ("jr:choice-name(${a}, 'a')", 0, "in quotes"),
    ("/data/a = 1", 0, "paths"),
    ("${a}[1]", 4, "paths"),
    ("${a} | ${b}", 5, "paths"),
    (".. = 1", 0, "position(..)"),
    ("", 0, "empty"),
    ("1 2", 2, "2 was not expected"),
    ("${a} = 1 and", 12, "ends too early"),
    ("`rm -rf`", 0, "character `"),
])
def test_a_bad_expression_says_where(text, position, words):
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert caught.value.position == position
    assert words in caught.value.message
    assert str(caught.value) == caught.value.message


@pytest.mark.parametrize("text, function", [
    ("jr:itext(instance('seclass')/root/item[name = ${income}]/itext_id)", "jr:itext()"),
    ("instance('cities')/root/item[name=${city}]/label", "instance()"),
    ("pulldata('prices', 'price', 'name', ${item})", "pulldata()"),
    ("random()", "random()"),
    ("indexed-repeat(${a}, ${r1}, 1, ${r2}, 2)", "nested repeats"),
])
def test_what_linli_does_not_run_is_said_to_be_not_supported(text, function):
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert function in caught.value.message and "not supported" in caught.value.message


def test_python_is_never_run():
    for text in ("__import__('os').system('true')", "${a}.__class__", "eval('1')",
                 "lambda: 1", "[1, 2]"):
        with pytest.raises(ExpressionError):
            parse(text)


def test_the_message_is_in_the_users_language():
    i18n.set_language("zh_Hans")
    with pytest.raises(ExpressionError) as caught:
        parse("foo(1)")
    assert caught.value.message == i18n._(
        "At character {position}: there is no function called {function}()."
    ).format(position=1, function="foo")


def test_a_sibling_path_reads_as_a_reference():
    from desktop.visits.forms.expressions import DictScope, evaluate, references

    expr = parse("selected(../needs, 'other') and ../../age > 3")
    assert references(expr) == {"needs", "age"}
    assert evaluate(expr, DictScope({"needs": "other meals", "age": "5"})) is True
    for text in ("../a/b", "../", "../count(1)"):
        with pytest.raises(ExpressionError):
            parse(text)


def test_valid_odk_that_linli_does_not_run_is_marked_unsupported_not_wrong():
    for text in ("instance('x')/root/item", "/data/a = 1", "indexed-repeat(${a}, ${r}, 1, ${s}, 1)"):
        with pytest.raises(ExpressionError) as caught:
            parse(text)
        assert caught.value.unsupported
    for text in ("foo(1)", "${a} =", "if(1, 2)"):
        with pytest.raises(ExpressionError) as caught:
            parse(text)
        assert not caught.value.unsupported
