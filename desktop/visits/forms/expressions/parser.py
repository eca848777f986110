"""From tokens to the syntax tree: XPath 1.0 precedence (or < and < = != < < <= > >= <
+ - < * div mod < unary minus), the XLSForm ``${name}`` reference, and the checks that can
be made without answers (unknown functions, argument counts, unsupported paths).
"""

from __future__ import annotations

import difflib

from desktop.core.i18n import _, ngettext
from desktop.visits.forms.expressions import tree as t
from desktop.visits.forms.expressions.errors import ExpressionError
from desktop.visits.forms.expressions.functions import FUNCTIONS, UNSUPPORTED
from desktop.visits.forms.expressions.tokens import (
    END,
    NAME,
    NUMBER,
    OP,
    REF,
    STRING,
    Token,
)

_LEVELS = (("or",), ("and",), ("=", "!="), ("<", "<=", ">", ">="), ("+", "-"),
           ("*", "div", "mod"))
_WORD_OPERATORS = frozenset({"or", "and", "div", "mod"})


def parse_tree(tokens: list[Token]) -> t.Node:
    parser = _Parser(tokens)
    if tokens[0].kind == END:
        raise ExpressionError(_("The expression is empty."), 0)
    node = parser.expression()
    if parser.peek().kind != END:
        raise parser.unexpected()
    return node


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def operator(self, level: tuple[str, ...]) -> str | None:
        token = self.peek()
        if token.kind == OP and token.text in level:
            return token.text
        if token.kind == NAME and token.text in _WORD_OPERATORS and token.text in level:
            return token.text
        return None

    def expression(self, level: int = 0) -> t.Node:
        if level == len(_LEVELS):
            return self.unary()
        node = self.expression(level + 1)
        while (op := self.operator(_LEVELS[level])) is not None:
            self.take()
            node = t.Binary(op, node, self.expression(level + 1))
        return node

    def unary(self) -> t.Node:
        if self.peek().kind == OP and self.peek().text == "-":
            self.take()
            operand = self.unary()
            if isinstance(operand, t.Number):
                return t.Number(-operand.value)
            return t.Negate(operand)
        node = self.primary()
        token = self.peek()
        if token.kind == OP and token.text in ("/", "//", "[", "|"):
            raise self.unsupported_path(token)
        return node

    def primary(self) -> t.Node:
        token = self.take()
        if token.kind == NUMBER:
            return t.Number(float(token.text))
        if token.kind == STRING:
            return t.String(token.text)
        if token.kind == REF:
            return t.Ref(token.text)
        if token.kind == OP and token.text == "(":
            node = self.expression()
            self.expect(")", token)
            return node
        if token.kind == OP and token.text == ".":
            return t.Current()
        if token.kind == OP and token.text == "..":
            return self.relative(token)
        if token.kind == OP and token.text in ("/", "//", "@"):
            raise self.unsupported_path(token)
        if token.kind == NAME:
            if self.peek().kind == OP and self.peek().text == "(":
                return self.call(token)
            if token.text in _WORD_OPERATORS:
                self.i -= 1
                raise self.unexpected()
            return t.Field(token.text)
        self.i -= 1
        raise self.unexpected()

    def relative(self, token: Token) -> t.Node:
        """``..`` alone (for position(..)), or ``../name`` (``../../name``): a question next
        to this one, which is what ${name} means (pyxform writes or_other's relevance so)."""
        if not (self.peek().kind == OP and self.peek().text == "/"):
            return t.Parent()
        while self.peek().kind == OP and self.peek().text == "/":
            self.take()
            step = self.take()
            if step.kind == NAME and not (self.peek().kind == OP and self.peek().text == "("):
                return t.Ref(step.text)
            if not (step.kind == OP and step.text == ".."):
                break
        raise self.unsupported_path(token)

    def call(self, name: Token) -> t.Node:
        check_name(name)  # before the arguments: jr:itext(instance(…)) names jr:itext
        opening = self.take()
        args: list[t.Node] = []
        if not (self.peek().kind == OP and self.peek().text == ")"):
            args.append(self.expression())
            while self.peek().kind == OP and self.peek().text == ",":
                self.take()
                args.append(self.expression())
        self.expect(")", opening)
        check_call(name, tuple(args))
        return t.Call(name.text, tuple(args))

    def expect(self, text: str, opening: Token) -> None:
        token = self.peek()
        if token.kind == OP and token.text == text:
            self.take()
            return
        if token.kind == END:
            raise ExpressionError(_(
                "The bracket opened at character {position} is never closed."
            ).format(position=opening.position + 1), opening.position)
        raise self.unexpected()

    def unexpected(self) -> ExpressionError:
        token = self.peek()
        if token.kind == END:
            return ExpressionError(_(
                "The expression ends too early: something is missing at its end."),
                token.position)
        shown = {STRING: "'{0}'", REF: "${{{0}}}"}.get(token.kind, "{0}").format(token.text)
        return ExpressionError(_(
            "At character {position}: {token} was not expected here."
        ).format(position=token.position + 1, token=shown), token.position)

    def unsupported_path(self, token: Token) -> ExpressionError:
        return ExpressionError(_(
            "At character {position}: XPath paths ({token}) are not supported; refer to "
            "questions as {example}."
        ).format(position=token.position + 1, token=token.text, example="${name}"),
            token.position,
            unsupported=True)


def check_name(name: Token) -> None:
    """The function exists and Linli runs it."""
    where = name.position
    if name.text not in FUNCTIONS:
        if name.text in UNSUPPORTED:
            raise ExpressionError(_(
                "At character {position}: the function {function}() is not supported in "
                "Linli forms."
            ).format(position=where + 1, function=name.text), where, unsupported=True)
        close = difflib.get_close_matches(name.text, FUNCTIONS, n=1, cutoff=0.8)
        if close:  # a typo: selectd( → selected(
            raise ExpressionError(_(
                "At character {position}: there is no function called {function}(); did "
                "you mean {suggestion}()?"
            ).format(position=where + 1, function=name.text, suggestion=close[0]), where)
        raise ExpressionError(_(
            "At character {position}: there is no function called {function}()."
        ).format(position=where + 1, function=name.text), where)


def check_call(name: Token, args: tuple[t.Node, ...]) -> None:
    """What can be known about a call without answers: it has as many arguments as it
    takes, and the arguments that must be names are names."""
    where = name.position
    function = FUNCTIONS[name.text]
    count = len(args)
    if count < function.low or (function.high is not None and count > function.high):
        if name.text == "indexed-repeat" and count > 3:
            raise ExpressionError(_(
                "At character {position}: indexed-repeat() over nested repeats is not "
                "supported; use one repeat."
            ).format(position=where + 1), where, unsupported=True)
        if function.high is None:
            wanted = ngettext("at least {count} argument", "at least {count} arguments",
                              function.low).format(count=function.low)
        elif function.low == function.high:
            wanted = ngettext("{count} argument", "{count} arguments",
                              function.low).format(count=function.low)
        else:
            wanted = _("{low} to {high} arguments").format(low=function.low, high=function.high)
        raise ExpressionError(_(
            "At character {position}: {function}() takes {wanted}, not {given}."
        ).format(position=where + 1, function=name.text, wanted=wanted, given=count), where)
    if name.text == "position" and args and not isinstance(args[0], t.Parent):
        raise ExpressionError(_(
            "At character {position}: write position(..) for the entry's number in its "
            "repeat."
        ).format(position=where + 1), where)
    if name.text == "indexed-repeat" and not (isinstance(args[0], t.Ref)
                                              and isinstance(args[1], t.Ref)):
        raise ExpressionError(_(
            "At character {position}: indexed-repeat() takes a question, its repeat and a "
            "number, e.g. {example}."
        ).format(position=where + 1, example="indexed-repeat(${name}, ${repeat}, 1)"), where)
    if name.text == "jr:choice-name" and choice_question(args[1]) is None:
        raise ExpressionError(_(
            "At character {position}: jr:choice-name() takes a value and the question's "
            "name in quotes, e.g. {example}."
        ).format(position=where + 1, example="jr:choice-name(${fruit}, '${fruit}')"), where)


def choice_question(node: t.Node) -> str | None:
    """The question named by jr:choice-name's second argument: '${name}' (or ${name})."""
    if isinstance(node, t.Ref):
        return node.name
    if isinstance(node, t.String):
        text = node.value.strip()
        if text.startswith("${") and text.endswith("}") and len(text) > 3:
            return text[2:-1]
    return None
