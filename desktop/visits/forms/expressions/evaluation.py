"""Evaluation: the tree is compiled once into nested closures, so evaluating after each
answer is a few Python calls per node, with no tree walking, dispatch tables or allocation
beyond the values themselves (the filler recomputes every relevant/constraint/calculation on
every answer)."""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Callable

from desktop.visits.forms.expressions import tree as t
from desktop.visits.forms.expressions.functions import FUNCTIONS, VALUES
from desktop.visits.forms.expressions.parser import choice_question
from desktop.visits.forms.expressions.values import (
    as_number,
    as_text,
    divide,
    equal,
    modulo,
    not_equal,
    relation,
    truthy,
)

Run = Callable[[object], object]

_ARITHMETIC = {"+": operator.add, "-": operator.sub, "*": operator.mul,
               "div": divide, "mod": modulo}
_COMPARISONS = {"=": equal, "!=": not_equal, **{op: relation(op) for op in ("<", "<=", ">", ">=")}}


def compile_node(node: t.Node) -> Run:
    kind = node.__class__
    if kind is t.Number or kind is t.String:
        value = node.value
        return lambda scope: value
    if kind is t.Ref:
        name = node.name
        return lambda scope: scope.lookup(name)
    if kind is t.Current:
        return lambda scope: scope.current()
    if kind is t.Field:
        name = node.name
        return lambda scope: _field(scope, name)
    if kind is t.Parent:
        return lambda scope: ""
    if kind is t.Negate:
        operand = compile_node(node.operand)
        return lambda scope: -as_number(operand(scope))
    if kind is t.Binary:
        return _binary(node)
    return _call(node)


def _field(scope, name: str):
    # Only a choice_filter's scope knows bare names (the columns of the choice it filters).
    lookup = getattr(scope, "field", None)
    return lookup(name) if lookup is not None else ""


def _binary(node: t.Binary) -> Run:
    left, right, op = compile_node(node.left), compile_node(node.right), node.op
    if op == "and":
        return lambda scope: truthy(left(scope)) and truthy(right(scope))
    if op == "or":
        return lambda scope: truthy(left(scope)) or truthy(right(scope))
    if op in _COMPARISONS:
        compare = _COMPARISONS[op]
        return lambda scope: compare(left(scope), right(scope))
    arithmetic = _ARITHMETIC[op]

    def run(scope):
        return arithmetic(as_number(left(scope)), as_number(right(scope)))
    return run


def _call(node: t.Call) -> Run:
    name, args = node.name, node.args
    special = _SPECIAL.get(name)
    if special is not None:
        return special(args, [compile_node(arg) for arg in args])
    function = FUNCTIONS[name]
    assert function.mode == VALUES, name
    impl = function.impl
    compiled = [compile_node(arg) for arg in args]
    if not compiled:
        return lambda scope: impl()
    if len(compiled) == 1:
        (a,) = compiled
        return lambda scope: impl(a(scope))
    if len(compiled) == 2:
        a, b = compiled
        return lambda scope: impl(a(scope), b(scope))
    return lambda scope: impl(*[arg(scope) for arg in compiled])


# -- functions that need the scope or must not evaluate every argument ---------------------

def _if(args, compiled) -> Run:
    test, then, otherwise = compiled
    return lambda scope: then(scope) if truthy(test(scope)) else otherwise(scope)


def _coalesce(args, compiled) -> Run:
    first, second = compiled

    def run(scope):
        value = first(scope)
        return value if as_text(value) != "" else second(scope)
    return run


def _string(args, compiled) -> Run:
    if not compiled:
        return lambda scope: as_text(scope.current())
    (a,) = compiled
    return lambda scope: as_text(a(scope))


def _string_length(args, compiled) -> Run:
    if not compiled:
        return lambda scope: float(len(as_text(scope.current())))
    (a,) = compiled
    return lambda scope: float(len(as_text(a(scope))))


def _position(args, compiled) -> Run:
    return lambda scope: float(scope.position())


def _indexed_repeat(args, compiled) -> Run:
    name, repeat, index = args[0].name, args[1].name, compiled[2]

    def run(scope):
        number = as_number(index(scope))
        if not math.isfinite(number):
            return ""
        return scope.indexed(name, repeat, int(number))
    return run


def _choice_name(args, compiled) -> Run:
    value, question = compiled[0], choice_question(args[1])
    return lambda scope: scope.choice_label(question, as_text(value(scope)))


def _today(args, compiled) -> Run:
    return lambda scope: scope.today().isoformat()


def _now(args, compiled) -> Run:
    def run(scope):
        clock = dt.datetime.now()
        return dt.datetime.combine(scope.today(), clock.time()).isoformat(timespec="seconds")
    return run


_SPECIAL = {"if": _if, "coalesce": _coalesce, "string": _string,
            "string-length": _string_length, "position": _position,
            "indexed-repeat": _indexed_repeat, "jr:choice-name": _choice_name,
            "today": _today, "now": _now}
assert all(f.mode == VALUES or n in _SPECIAL for n, f in FUNCTIONS.items())
