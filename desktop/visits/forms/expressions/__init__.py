"""The XLSForm expression language (relevant, constraint, calculation, choice_filter…),
parsed and evaluated by our own code, never by Python's ``eval``.

    expr = parse("${age} >= 18 and selected(${needs}, 'meals')")   # cached; ExpressionError
    references(expr)            # frozenset({"age", "needs"})
    evaluate(expr, scope)       # str | float | bool | list

Modules: ``tokens`` (lexer), ``parser`` (→ ``tree``), ``values`` (type rules), ``functions``,
``evaluation`` (the tree compiled to closures), ``scope`` (what the filler provides).
"""

from __future__ import annotations

from functools import lru_cache

from desktop.core.i18n import _
from desktop.visits.forms.expressions import tree as _tree
from desktop.visits.forms.expressions.errors import ExpressionError
from desktop.visits.forms.expressions.evaluation import compile_node
from desktop.visits.forms.expressions.functions import FUNCTIONS, UNSUPPORTED
from desktop.visits.forms.expressions.parser import choice_question, parse_tree
from desktop.visits.forms.expressions.scope import DictScope, Scope
from desktop.visits.forms.expressions.tokens import tokenize
from desktop.visits.forms.expressions.tree import Expr
from desktop.visits.forms.expressions.values import (
    as_answer,
    as_number,
    as_text,
    truthy,
)

__all__ = [
    "FUNCTIONS",
    "UNSUPPORTED",
    "DictScope",
    "Expr",
    "ExpressionError",
    "Scope",
    "as_answer",
    "as_number",
    "as_text",
    "evaluate",
    "parse",
    "references",
    "truthy",
]


def parse(text: str) -> Expr:
    """The expression in ``text``, parsed once (cached by text). Raises ExpressionError,
    whose message names the position or the function."""
    return _parse(text)


@lru_cache(maxsize=8192)
def _parse(text: str) -> Expr:
    root = parse_tree(tokenize(text))
    refs, fields, functions = set(), set(), set()
    for node in _tree.walk(root):
        if isinstance(node, _tree.Ref):
            refs.add(node.name)
        elif isinstance(node, _tree.Field):
            fields.add(node.name)
        elif isinstance(node, _tree.Call):
            functions.add(node.name)
            if node.name == "jr:choice-name":
                refs.add(choice_question(node.args[1]))
    _check_parents(root, text)
    return Expr(text, root, frozenset(refs), frozenset(fields), frozenset(functions),
                compile_node(root))


def _check_parents(node, text: str, allowed: bool = False) -> None:
    """".." means something only as position(..)'s argument."""
    if isinstance(node, _tree.Parent) and not allowed:
        raise _parent_error(text)
    if isinstance(node, _tree.Call):
        for arg in node.args:
            _check_parents(arg, text, node.name == "position")
    elif isinstance(node, _tree.Binary):
        _check_parents(node.left, text)
        _check_parents(node.right, text)
    elif isinstance(node, _tree.Negate):
        _check_parents(node.operand, text)


def _parent_error(text: str) -> ExpressionError:
    where = text.find("..")
    return ExpressionError(_(
        "At character {position}: '..' is only supported as position(..)."
    ).format(position=where + 1), where if where >= 0 else None)


def references(expr: Expr) -> frozenset[str]:
    """The ${name}s the expression uses."""
    return expr.refs


def evaluate(expr: Expr, scope: Scope) -> object:
    """The expression's value in ``scope``: str, float, bool or list (a nodeset)."""
    return expr.run(scope)
