"""Results per question over the visits that count (the latest completed one per door that no
correction replaced, doors of the campaign only), one cross-tab, the follow-up list."""

from __future__ import annotations

import pytest

from desktop.core import i18n
from desktop.core.errors import ValidationError
from desktop.visits.results.tallies import cross_tab, follow_ups, question_tallies
from tests.visits.results.conftest import DAY1, answers, visit


def _tallies(setup, **kw):
    with setup.db.reading() as session:
        return {t.name: t for t in question_tallies(session, setup.campaign_id, **kw)}


def _choices(tally):
    return [(c.label, c.count, c.percent) for c in tally.choices]


def test_each_door_counts_once_with_its_latest_uncorrected_answers(story):
    tallies = _tallies(story.setup)
    # Door A (after not at home), door B's later laptop, door C's correction; not door G
    # (its answers were corrected to a refusal), not the stray.
    support = tallies["support"]
    assert (support.asked, support.answered, support.label) == (
        3, 3, "Do you agree with the plan")
    assert _choices(support) == [("Agree", 1, 33.3), ("Against", 1, 33.3),
                                 ("Not sure", 1, 33.3)]
    needs = tallies["needs"]  # a select_multiple: shares of those who answered it
    assert needs.answered == 2
    assert _choices(needs) == [("A lift", 1, 50.0), ("Parking", 1, 50.0),
                               ("Greenery", 1, 50.0), ("Other, please specify", 1, 50.0)]
    people = tallies["people"]
    assert (people.answered, people.minimum, people.maximum) == (3, 1.0, 4.0)
    assert people.mean == pytest.approx(8 / 3)
    assert (tallies["comment"].answered, tallies["comment"].choices) == (1, ())
    lives = tallies["lives_here"]  # in the repeat: one per member
    assert (lives.repeat, lives.asked, lives.answered) == ("members", 2, 2)
    assert _choices(lives) == [("Yes", 1, 50.0), ("No", 1, 50.0)]
    assert list(tallies)[:3] == ["support", "needs", "people"]  # the form's order


def test_labels_in_the_app_language_and_a_filter_by_building(story):
    setup = story.setup
    i18n.set_language("zh_Hant")
    try:
        support = _tallies(setup)["support"]
    finally:
        i18n.set_language("en")
    assert [c.label for c in support.choices] == ["同意", "反對", "說不清"]
    here = _tallies(setup, building_id=setup.buildings[0])["support"]
    elsewhere = _tallies(setup, building_id=setup.buildings[1])["support"]
    assert here.answered == 3
    assert (elsewhere.asked, elsewhere.answered) == (0, 0)
    assert [c.count for c in elsewhere.choices] == [0, 0, 0]


def test_cross_tab_of_two_choice_questions(story):
    with story.setup.db.reading() as session:
        table = cross_tab(session, story.setup.campaign_id, "support", "needs")
    assert table.rows == ("Agree", "Against", "Not sure")
    assert table.columns == ("A lift", "Parking", "Greenery", "Other, please specify")
    assert table.counts == ((1, 1, 0, 0), (0, 0, 1, 1), (0, 0, 0, 0))
    assert table.total == 2  # door C's correction left "needs" unanswered
    assert table.row_totals == (1, 1, 0) and table.column_totals == (1, 1, 1, 1)


def test_cross_tab_refuses_a_question_without_choices(story):
    with story.setup.db.reading() as session, pytest.raises(ValidationError) as raised:
        cross_tab(session, story.setup.campaign_id, "support", "comment")
    assert "comment" in str(raised.value) and raised.value.field == "column_question"


def test_follow_ups_latest_flagged_visit_per_door_not_corrected(story):
    with story.setup.db.reading() as session:
        listed = follow_ups(session, story.setup.campaign_id)
    # B's later visit (not its first), A's; C's flag was corrected away; the stray is not a
    # door of the campaign (it waits for review elsewhere).
    assert [(f.note, f.visitor, f.visit_id) for f in listed] == [
        ("second", "李网格", story.ids["b_second"]),
        ("独居老人需要助餐", "张志愿", story.ids["a_done"])]
    assert "幢" in listed[0].address and "单元" in listed[0].address


def test_two_completed_visits_in_the_same_minute_the_later_made_counts(setup):
    visit(setup, 10, "completed", DAY1, answers("agree"))
    visit(setup, 10, "completed", DAY1, answers("against"), visitor_id=setup.visitors[1])
    support = _tallies(setup)["support"]
    assert [(c.name, c.count) for c in support.choices] == [
        ("agree", 0), ("against", 1), ("unsure", 0)]


def test_answers_beside_an_unexpected_list_count_once(setup):
    # A laptop with another version of the form sent a repeat this form does not have.
    visit(setup, 11, "completed", DAY1, {"support": "agree", "pets": [{"kind": "cat"}],
                                         "people": "2", "needs": "lift"})
    tallies = _tallies(setup)
    assert (tallies["support"].choices[0].name, tallies["support"].choices[0].count) == (
        "agree", 1)
    assert (tallies["people"].answered, tallies["people"].mean) == (1, 2.0)
    assert tallies["needs"].answered == 1


def test_answers_the_fast_decoder_refuses_are_read_as_the_standard_one_reads_them():
    from desktop.visits.results.counted import answers_of

    # Text after the JSON, Infinity, a lone surrogate: orjson refuses them, json reads them.
    assert answers_of(b'{"support": "agree"} x') == {"support": "agree"}
    assert answers_of('{"area": Infinity}') == {"area": float("inf")}
    assert answers_of('{"name": "\\ud800"}') == {"name": "\ud800"}
    # Bytes that are no UTF-8, no object, nothing: no answers, no crash.
    for unreadable in (b"\xff\xfe{", "[1, 2]", b"", None, "{"):
        assert answers_of(unreadable) == {}
