"""The ballots PDF: one ballot per dwelling of the electorate (none for a dwelling left out),
each with its code, owner, address, area, the proposal, the three options, the signature,
date and proxy lines; never an ID number or a phone; fonts embedded; a proposal too long for
half a page gets a page of its own; progress is reported and Cancel stops it."""

from __future__ import annotations

import re

import pytest

from desktop.core.errors import Cancelled, ValidationError
from desktop.core.tasks import TaskContext
from desktop.roster.owners.service import AreasDraft, set_areas
from desktop.votes.printing.ballots import render_ballots
from desktop.votes.reading import electorate_rows
from desktop.votes.service import VoteDraft, create_vote
from tests.votes.printing.conftest import fonts_embedded, pages, pdf_text, squeeze
from tests.votes.printing.worked import CLOSES, DEVELOPER, DWELLINGS, OPENS


def _codes(db, vote_id) -> dict[str, str]:
    with db.reading() as session:
        return {r.address: r.code for r in electorate_rows(session, vote_id) if not r.excluded}


def test_one_ballot_per_dwelling_with_its_code(example, db, tmp_path):
    with db.reading() as session:
        data = render_ballots(session, example.vote_id)
    text = pdf_text(data, tmp_path)
    sheets = pages(text)
    assert len(sheets) == 6  # two ballots to a page
    codes = _codes(db, example.vote_id)
    assert len(codes) == 12
    flat = squeeze(text)
    for address, code in codes.items():
        # the code is printed as text exactly once (the office types it from the ballot)
        assert len(re.findall(rf"(?<!\d){code}(?!\d)", text)) == 1, code
        assert address in flat
    page_one = squeeze(sheets[0])
    for words in ("3幢加装电梯—ballot", "Ballotno.", "Owner", "王建国", "翠苑一区3幢1单元101",
                  "89.50m²", "Exclusivearea", "item(7)", "拟在3幢1单元、2单元各加装电梯一部",
                  "Agree", "Against", "Abstain", "tick√", "tickoneonly", "Owner(signature)",
                  "Date:", "Proxy(signature)", "December15,2026", "翠苑一区社区"):
        assert words in page_one, words
    assert page_one.count("Ballotno.") == 2


def test_co_owners_and_the_developer_are_named_on_their_ballots(example, db, tmp_path):
    with db.reading() as session:
        flat = squeeze(pdf_text(render_ballots(session, example.vote_id), tmp_path))
    assert "赵丽、钱伟" in flat
    assert flat.count("Developer(unsoldorundelivered)") == 2


def test_no_id_number_or_phone_on_a_ballot(example, db, tmp_path):
    with db.reading() as session:
        text = pdf_text(render_ballots(session, example.vote_id), tmp_path)
    for _u, _r, _a, owners in DWELLINGS:
        for _name, phone in ([] if owners == DEVELOPER else owners):
            assert phone not in text
    assert not re.search(r"\d{11,}", squeeze(text))  # no phone, no ID number of any kind


def test_a_dwelling_left_out_gets_no_ballot(example, db, tmp_path):
    left = example.dwellings[("2", "202")]
    with db.unit_of_work("王小红") as uow:
        set_areas(uow, left, AreasDraft(exclusive_area=None))
    with db.unit_of_work("王小红") as uow:
        vote_id = create_vote(uow, VoteDraft("3幢外墙维修", 5, example.compound_id, OPENS,
                                             CLOSES, building_id=example.building_id),
                              exclude={left: "面积待核实"})
    with db.reading() as session:
        text = pdf_text(render_ballots(session, vote_id), tmp_path)
        left_code = next(r.code for r in electorate_rows(session, vote_id)
                         if r.dwelling_id == left)
    flat = squeeze(text)
    assert flat.count("Ballotno.") == 11
    assert "3幢2单元202" not in flat and left_code not in text


def test_a_long_proposal_gets_a_page_per_ballot_and_a_very_long_one_is_cut(example, db,
                                                                          tmp_path):
    long_text = "为保障电梯安全运行，拟由具备资质的单位统一施工。" * 40  # ~1,000 characters
    huge = "本次加装电梯的资金筹集、施工组织和后期维护方案如下。" * 400
    for proposal, cut in ((long_text, False), (huge, True)):
        with db.unit_of_work("王小红") as uow:
            vote_id = create_vote(uow, VoteDraft(f"电梯{len(proposal)}", 7,
                                                 example.compound_id, OPENS, CLOSES, proposal,
                                                 building_id=example.building_id))
        with db.reading() as session:
            text = pdf_text(render_ballots(session, vote_id), tmp_path)
        assert len(pages(text)) == 12
        assert ("(Thefulltextisinthenoticeofthisvote.)" in squeeze(text)) == cut
        for page in pages(text):
            flat = squeeze(page)
            assert "Owner(signature)" in flat and "Proxy(signature)" in flat  # nothing lost


def test_fonts_are_embedded(example, db, tmp_path):
    with db.reading() as session:
        data = render_ballots(session, example.vote_id)
    found = fonts_embedded(data, tmp_path)
    assert found and all(emb == "yes" for _name, emb in found), found


def test_progress_and_cancel(example, db):
    seen = []
    with db.reading() as session:
        render_ballots(session, example.vote_id,
                       TaskContext(on_progress=lambda d, t, m: seen.append((d, t)),
                                   min_interval=0))
    assert seen[-1] == (12, 12)
    ctx = TaskContext()
    ctx.cancel()
    with pytest.raises(Cancelled), db.reading() as session:
        render_ballots(session, example.vote_id, ctx)


def test_the_same_vote_prints_the_same_bytes(example, db):
    with db.reading() as session:
        assert render_ballots(session, example.vote_id) == \
            render_ballots(session, example.vote_id)


def test_a_vote_that_is_gone(db):
    with pytest.raises(ValidationError, match="no longer exists"), db.reading() as session:
        render_ballots(session, "nope")

