"""The syntax tree of a parsed expression: small immutable nodes, and ``Expr``, what ``parse``
returns (the tree, the text, what it refers to and the compiled evaluator)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Number:
    value: float


@dataclass(frozen=True, slots=True)
class String:
    value: str


@dataclass(frozen=True, slots=True)
class Ref:
    """``${name}``: a question (or a repeat, for count()) by name."""
    name: str


@dataclass(frozen=True, slots=True)
class Current:
    """``.``: the question's own value."""


@dataclass(frozen=True, slots=True)
class Parent:
    """``..``: only meaningful inside position(..)."""


@dataclass(frozen=True, slots=True)
class Field:
    """A bare name: in a choice_filter, a column of the choice being filtered ("region")."""
    name: str


@dataclass(frozen=True, slots=True)
class Negate:
    operand: Node


@dataclass(frozen=True, slots=True)
class Binary:
    op: str  # "or" "and" "=" "!=" "<" "<=" ">" ">=" "+" "-" "*" "div" "mod"
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Node, ...]


Node = Number | String | Ref | Current | Parent | Field | Negate | Binary | Call


def walk(node: Node):
    """Every node of the tree, depth first."""
    yield node
    if isinstance(node, Negate):
        yield from walk(node.operand)
    elif isinstance(node, Binary):
        yield from walk(node.left)
        yield from walk(node.right)
    elif isinstance(node, Call):
        for arg in node.args:
            yield from walk(arg)


@dataclass(frozen=True, eq=False)
class Expr:
    """A parsed expression. Compare and hash by identity: ``parse`` caches by text."""

    text: str
    root: Node
    refs: frozenset[str]  # the ${name}s it uses (including jr:choice-name's quoted one)
    fields: frozenset[str]  # bare names (choice columns in a choice_filter)
    functions: frozenset[str]
    run: Callable[[object], object] = field(repr=False)
