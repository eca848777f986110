"""The words of a vote on the page: the matters of 民法典第278条 and the opinions (the same
words as the printouts: ``desktop.votes.printing.labels``), the bar each matter needs, a vote's
state, where a ballot came from."""

from __future__ import annotations

from desktop.core.i18n import _
from desktop.votes.counting import approval_bar
from desktop.votes.printing.labels import (
    bar_label,
    item_label,
    item_number,
    opinion_label,
    source_label,
)
from desktop.votes.reading import STATE_LABELS

__all__ = ["OPINION_KEYS", "bar_label", "bar_text", "item_label", "item_number", "item_text",
           "opinion_label", "source_label", "state_label", "threshold_label"]

# The keys 1/2/3 of fast entry, in the order printed on the ballot (同意 / 反对 / 弃权).
OPINION_KEYS = ("agree", "against", "abstain")



def item_text(item: int) -> str:
    """"（七）Rebuilding or reconstructing …": the numeral the law uses, then the words."""
    return f"{item_number(item)} {item_label(item)}"


def threshold_label(bar) -> str:
    return bar_label(bar.share.numerator, bar.share.denominator, bar.at_least)


def bar_text(item: int) -> str:
    """Which bar the matter needs, in words."""
    return _("Needs {bar} of the participating area and of the participating owners to "
             "agree").format(bar=threshold_label(approval_bar(item)))


def state_label(state: str) -> str:
    """A vote's state in the core's words (as ``linli vote list`` says it), starting a line."""
    text = _(STATE_LABELS[state]) if state in STATE_LABELS else state
    return text[:1].upper() + text[1:]


def area_str(value) -> str:
    """A registered area (Decimal or Fraction) with two places; "" when there is none."""
    from fractions import Fraction

    from desktop.votes.counting import area_text

    return "" if value is None else area_text(Fraction(value))
