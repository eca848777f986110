"""Whether a voted decision passed: exact, with integers and fractions, never floats.

Two rules: a committee's "more than half of all members" (过半数 is strictly more than half, so
5 of 10 members is not enough), and a consultation's simple majority, "more than half of those
voting" (for + against; an abstention counts neither way). A count that cannot be (negative, or
more votes than members) is refused with a ``ValidationError`` naming its field.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.meetings.tables import DECISION_RULES


@dataclass(frozen=True)
class VoteOutcome:
    passed: bool | None  # None: not put to a vote
    needed: int  # the fewest votes for that pass (0 when not voted)
    explanation: str


def _count(value, field: str, label: str) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(_("{label}: give a whole number.").format(label=label),
                              field=field)
    if value < 0:
        raise ValidationError(_("{label} cannot be negative.").format(label=label), field=field)
    return value


def check_counts(rule: str, votes_for, votes_against, abstentions, members) -> tuple[int, ...]:
    """The counts as integers (missing ones as 0), or a ``ValidationError`` naming the field."""
    if rule not in DECISION_RULES:
        raise ValidationError(_("Choose how the decision is decided."), field="rule")
    for_ = _count(votes_for, "votes_for", _("Votes for"))
    against = _count(votes_against, "votes_against", _("Votes against"))
    abstain = _count(abstentions, "abstentions", _("Abstentions"))
    total = _count(members, "members", _("Members"))
    if rule != "none" and votes_for is None:
        raise ValidationError(_("Give the number of votes for."), field="votes_for")
    if rule == "majority_of_members" and not total:
        raise ValidationError(_("Give the number of all members: the decision needs more "
                                "than half of them."), field="members")
    if members is not None and for_ + against + abstain > total:
        raise ValidationError(_("{votes} votes were counted but there are only {members} "
                                "members.").format(votes=for_ + against + abstain,
                                                   members=total), field="members")
    return for_, against, abstain, total


def vote_outcome(rule: str, votes_for: int | None, votes_against: int | None,
                 abstentions: int | None, members: int | None) -> VoteOutcome:
    for_, against, abstain, total = check_counts(rule, votes_for, votes_against, abstentions,
                                                 members)
    if rule == "none":
        return VoteOutcome(None, 0, _("Not put to a vote."))
    if rule == "majority_of_members":
        # More than half of all members: votes_for > members / 2, exactly.
        needed = total // 2 + 1
        passed = Fraction(for_) > Fraction(total, 2)
        text = _("{votes_for} for of {members} members; more than half of all members is "
                 "needed ({needed}).").format(votes_for=for_, members=total, needed=needed)
    else:
        voting = for_ + against
        needed = voting // 2 + 1
        passed = voting > 0 and Fraction(for_) > Fraction(voting, 2)
        text = _("{votes_for} for, {votes_against} against of {voting} voting; more than half "
                 "of those voting is needed ({needed}); {abstentions} abstentions count "
                 "neither way.").format(votes_for=for_, votes_against=against, voting=voting,
                                        needed=needed, abstentions=abstain)
    verdict = _("Passed.") if passed else _("Not passed.")
    return VoteOutcome(passed, needed, f"{text} {verdict}")
