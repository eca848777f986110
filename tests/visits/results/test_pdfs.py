"""The results report and the campaign's walk list as real PDFs, read back with pdftotext and
pdffonts: the numbers are there, no resident's name is, every font is embedded."""

from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import select

from desktop.core import i18n
from desktop.core.errors import ValidationError
from desktop.core.masking import mask_name
from desktop.roster.models import Resident
from desktop.visits.results.report import render_results_report
from desktop.visits.results.walk import render_campaign_walk_list


def _text(data: bytes, tmp_path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb column
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _resident_names(setup) -> set[str]:
    with setup.db.reading() as session:
        return set(session.execute(select(Resident.name)).scalars())


def test_report_has_the_counts_and_no_personal_data(story, tmp_path):
    setup = story.setup
    with setup.db.reading() as session:
        text = _text(render_results_report(session, setup.campaign_id), tmp_path, "r.pdf")
    doors = len(setup.doors)
    assert "外墙维修入户走访" in text and "Facade repair opinion" in text
    assert f"Doors: {doors}, visited: 7, done: 6" in text
    assert "Agree" in text and "1 (33.3%)" in text  # a bar per choice with its share
    assert "A lift" in text and "1 (50.0%)" in text
    assert "Mean 2.67, lowest 1, highest 4." in text
    total = next(line for line in text.splitlines() if line.strip().startswith("Total"))
    assert total.split()[1:] == [str(doors), "7", "6", "3", "2", "1", "0", "1",
                                 str(doors - 7)]
    names = _resident_names(setup) | {"王大明", "王小明", "张志愿", "李网格"}
    leaked = sorted(n for n in names if len(n) >= 2 and n in text)
    assert leaked == []
    assert "13912345678" not in text and "楼道灯坏了" not in text  # free text: counted only


def test_report_in_traditional_chinese_uses_the_forms_labels(story, tmp_path):
    i18n.set_language("zh_Hant")
    try:
        with story.setup.db.reading() as session:
            text = _text(render_results_report(session, story.setup.campaign_id), tmp_path,
                         "t.pdf")
    finally:
        i18n.set_language("en")
    assert "是否同意維修方案" in text and "說不清" in text


def test_walk_list_has_the_visitors_doors_with_boxes_and_masked_heads(story, tmp_path):
    setup = story.setup
    zhang = setup.visitors[0]
    mine = [d for d in setup.doors if setup.door_visitor[d] == zhang]
    with setup.db.reading() as session:
        text = _text(render_campaign_walk_list(session, setup.campaign_id, zhang),
                     tmp_path, "w.pdf")
        heads = session.execute(
            select(Resident.name).where(Resident.relationship == "02")).scalars().all()
    assert "张志愿" in text and "李网格" not in text
    assert text.count("□Completed □Not at home □Refused □Vacant") == len(mine)
    assert "Completed (2 visits)" in text and "Come back later" in text
    assert not [n for n in heads if len(n) >= 3 and n in text]
    assert any(mask_name(n) in text for n in heads)


def test_walk_list_refuses_a_visitor_of_another_campaign(story):
    with story.setup.db.reading() as session, pytest.raises(ValidationError):
        render_campaign_walk_list(session, story.setup.campaign_id, "someone-else")


def test_a_choice_label_with_a_rare_character_prints_from_a_fallback_font(db, tmp_path):
    from dataclasses import replace

    from desktop.core.tasks import TaskContext
    from desktop.setup.demo import fill_demo
    from desktop.visits.forms.model import Choice, ChoiceList, Text
    from tests.visits.results.conftest import (
        DAY1,
        OPINION,
        answers,
        make_campaign,
        visit,
    )

    fill_demo(db, 300, TaskContext(), campaigns=False)
    rare = "𠮷祥同意"  # 𠮷 (U+20BB7) is not in the bundled font
    choices = dict(OPINION.choices)
    choices["support"] = ChoiceList("support", (Choice("agree", Text({"English (en)": rare})),
                                                *choices["support"].choices[1:]))
    setup = make_campaign(db, "Rare", replace(OPINION, choices=choices))
    visit(setup, 0, "completed", DAY1, answers())
    with setup.db.reading() as session:
        data = render_results_report(session, setup.campaign_id)
    path = tmp_path / "rare.pdf"
    path.write_bytes(data)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout
    assert "HanaMin" in fonts or "Fallback" in fonts, fonts
    assert rare in _text(data, tmp_path, "rare2.pdf")
