"""The one error the expression language raises: a message in the user's language and where
in the text it happened."""

from __future__ import annotations


class ExpressionError(Exception):
    """An expression that cannot be used: a syntax error, an unknown or unsupported function,
    a wrong number of arguments. ``message`` is already translated (the language current when
    it was raised); ``position`` is the 0-based character offset in the text, or None.
    ``unsupported`` is True when the expression is valid ODK that Linli does not run
    (instance() lookups, XPath paths): a form keeps such a question, marked, rather than
    being refused."""

    def __init__(self, message: str, position: int | None = None, *,
                 unsupported: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.unsupported = unsupported

    def __str__(self) -> str:
        return self.message
