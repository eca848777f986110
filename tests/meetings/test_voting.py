"""Whether a voted decision passed: exact thresholds, both rules, refused impossible counts."""

from __future__ import annotations

import pytest

from desktop.core.errors import ValidationError
from desktop.meetings.voting import vote_outcome


@pytest.mark.parametrize("members, votes_for, passed, needed", [
    (10, 5, False, 6),  # exactly half of all members is not more than half (过半数)
    (10, 6, True, 6),
    (9, 4, False, 5),
    (9, 5, True, 5),
    (1, 1, True, 1),
    (7, 0, False, 4),
])
def test_majority_of_all_members_is_strictly_more_than_half(members, votes_for, passed,
                                                             needed):
    outcome = vote_outcome("majority_of_members", votes_for, 0, 0, members)
    assert (outcome.passed, outcome.needed) == (passed, needed)
    assert ("Passed." if passed else "Not passed.") in outcome.explanation


def test_majority_of_members_counts_those_absent_as_not_for():
    # 5 for, 0 against out of 11 members: most of those voting, but not of the committee.
    outcome = vote_outcome("majority_of_members", 5, 0, 0, 11)
    assert outcome.passed is False and outcome.needed == 6
    assert vote_outcome("simple_majority", 5, 0, 0, 11).passed is True


@pytest.mark.parametrize("votes_for, against, abstain, passed, needed", [
    (5, 5, 0, False, 6),  # a tie is not a majority
    (6, 5, 0, True, 6),
    (3, 2, 20, True, 3),  # abstentions count neither way
    (2, 2, 1, False, 3),
    (0, 0, 4, False, 1),  # nobody voted for or against: not passed
])
def test_simple_majority_of_those_voting(votes_for, against, abstain, passed, needed):
    outcome = vote_outcome("simple_majority", votes_for, against, abstain, None)
    assert (outcome.passed, outcome.needed) == (passed, needed)
    assert "abstentions count neither way" in outcome.explanation
    assert f"{abstain} abstentions" in outcome.explanation


def test_not_put_to_a_vote():
    outcome = vote_outcome("none", None, None, None, None)
    assert outcome.passed is None and outcome.needed == 0


@pytest.mark.parametrize("rule, counts, field", [
    ("majority_of_members", (-1, 0, 0, 9), "votes_for"),
    ("simple_majority", (3, -2, 0, None), "votes_against"),
    ("simple_majority", (3, 0, -1, None), "abstentions"),
    ("majority_of_members", (3, 0, 0, -5), "members"),
    ("majority_of_members", (5, 3, 2, 9), "members"),  # 10 votes, 9 members
    ("simple_majority", (5, 3, 2, 9), "members"),
    ("majority_of_members", (3, 0, 0, None), "members"),  # the rule needs the member count
    ("majority_of_members", (3, 0, 0, 0), "members"),
    ("simple_majority", (None, 1, 0, None), "votes_for"),
    ("simple_majority", ("3", 1, 0, None), "votes_for"),
    ("simple_majority", (2.5, 1, 0, None), "votes_for"),
    ("unanimity", (3, 0, 0, 3), "rule"),
])
def test_impossible_counts_are_refused_naming_the_field(rule, counts, field):
    with pytest.raises(ValidationError) as caught:
        vote_outcome(rule, *counts)
    assert caught.value.field == field
    assert caught.value.message


def test_all_members_voting_is_possible():
    outcome = vote_outcome("majority_of_members", 5, 3, 1, 9)
    assert outcome.passed is True
    assert "5 for of 9 members" in outcome.explanation
