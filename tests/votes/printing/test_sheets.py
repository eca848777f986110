"""The collection sheet per building (its caption and header on every page, one building per
page group), the dwellings not yet voted in walking order, and the statistics table — the
staff version with names, the posted one with every name masked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from desktop.core.masking import mask_name
from desktop.roster.models import Dwelling
from desktop.roster.owners.service import AreasDraft, OwnerDraft, set_areas, set_owners
from desktop.roster.places import create_dwellings, plan_dwellings, save_building
from desktop.votes.printing.sheets import (
    mask_names,
    render_collection_sheets,
    render_outstanding,
    render_statistics,
)
from desktop.votes.service import VoteDraft, create_vote
from tests.votes.printing.conftest import fonts_embedded, pages, pdf_text, squeeze
from tests.votes.printing.worked import CLOSES, DEVELOPER, DWELLINGS, OPENS

NAMES = [name for _u, _r, _a, owners in DWELLINGS if owners != DEVELOPER
         for name, _phone in owners]


def _tower(db, compound_id) -> str:
    """5幢: 2 units × 20 floors × 2 rooms = 80 dwellings, each with an area and an owner."""
    with db.unit_of_work("王小红") as uow:
        building_id = save_building(uow, compound_id, "5幢", 20, 2, True)
        create_dwellings(uow, building_id, plan_dwellings(["1", "2"], (1, 20), 2))
    with db.unit_of_work("王小红") as uow:
        ids = uow.session.execute(select(Dwelling.id).where(
            Dwelling.building_id == building_id)).scalars().all()
        for n, dwelling_id in enumerate(ids):
            set_areas(uow, dwelling_id, AreasDraft(exclusive_area=Decimal("80.00") + n))
            set_owners(uow, dwelling_id, [OwnerDraft(name=f"业主{n:02d}号",
                                                     phone=f"139{n:08d}")])
    return building_id


def test_a_long_collection_sheet_repeats_its_header_on_every_page(example, db, tmp_path):
    _tower(db, example.compound_id)
    with db.unit_of_work("王小红") as uow:
        vote_id = create_vote(uow, VoteDraft("全小区停车管理", 4, example.compound_id, OPENS,
                                             CLOSES))
    with db.reading() as session:
        data = render_collection_sheets(session, vote_id)
    sheets = [squeeze(p) for p in pages(pdf_text(data, tmp_path))]
    assert len(sheets) >= 4
    for page in sheets:
        assert "Ballotno." in page and "Owner'sorproxy'ssignature" in page
        assert "Datereturned" in page and "Internaluseonly" in page
        # one building per page group: its caption on each of its pages, no other's rows
        assert ("翠苑一区:3幢" in page) != ("翠苑一区:5幢" in page)
        if "翠苑一区:5幢" in page:
            assert "3幢1单元" not in page
    assert sum("翠苑一区:3幢—12dwellings,1138.28m²" in p for p in sheets) == 1
    assert sum("翠苑一区:5幢—80dwellings" in p for p in sheets) >= 3
    text = squeeze("".join(sheets))
    for n in range(80):
        assert f"业主{n:02d}号" in text  # staff paper: names in full
    assert "139000000" not in text  # never a phone
    assert text.count("□Agree□Against□Abstain") == 92


def test_the_dwellings_not_yet_voted_in_walking_order(example, db, tmp_path):
    with db.reading() as session:
        text = squeeze(pdf_text(render_outstanding(session, example.vote_id,
                                                   today=dt.date(2026, 12, 16)), tmp_path))
    # 1-302 (the developer's, no ballot) and 2-301 (only a late ballot) have not voted
    assert "2dwellingshavenotvotedyet(219.99m²),asofDecember16,2026" in text
    assert text.index("120.00") < text.index("99.99")  # unit 1 before unit 2
    assert "王建国" not in text


def test_the_statistics_table_staff_version(example, db, tmp_path):
    with db.reading() as session:
        text = squeeze(pdf_text(render_statistics(session, example.vote_id), tmp_path))
    for name in NAMES:
        assert name in text
    assert "Internaluseonly" in text
    assert "replaces1earlierballot" in text and "byproxy刘洋" in text
    assert "late,notcounted" in text
    assert ("12dwellings,1138.28m².Agree:8(759.41m²);against:1(88.88m²);abstain:1(70.00m²);"
            "notvoted:2(219.99m²)") in text


def test_the_posted_statistics_table_has_no_unmasked_name(example, db, tmp_path):
    with db.reading() as session:
        data = render_statistics(session, example.vote_id, posted=True)
    text = squeeze(pdf_text(data, tmp_path))
    for name in NAMES:
        assert name not in text
        assert mask_name(name) in text
    assert "刘洋" not in text and "byproxy刘*" in text
    assert "Internaluseonly" not in text
    assert "1380000" not in text
    found = fonts_embedded(data, tmp_path)
    assert found and all(emb == "yes" for _name, emb in found)


def test_mask_names_keeps_the_separators():
    assert mask_names("赵丽、钱伟") == "赵*、钱*"
    assert mask_names("欧阳小明,张三明") == "欧**明,张*明"
    assert mask_names("") == ""
