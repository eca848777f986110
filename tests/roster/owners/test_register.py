"""The register summary: counts per compound and building, exact total area, gaps in walking
order, the developer's units as one owner, and likely-the-same-person warnings."""

from __future__ import annotations

from decimal import Decimal

from desktop.roster.owners.register import register_summary
from desktop.roster.owners.service import AreasDraft, OwnerDraft, set_areas, set_owners
from tests.roster.editing_fixtures import make_places


def test_summary_counts_gaps_and_same_person(db):
    places = make_places(db)
    d = places.dwellings  # 24 dwellings of 3幢, units 1 and 2, ordered by unit, room
    with db.unit_of_work("t") as uow:
        for dwelling in d:
            set_areas(uow, dwelling, AreasDraft("100", "0.01"))
        set_areas(uow, d[0], AreasDraft("100", "88.88"))
        set_areas(uow, d[5], AreasDraft("100", None))  # no area
        set_areas(uow, d[6], AreasDraft("100", "70", developer_held=True))
        set_areas(uow, d[7], AreasDraft("100", "70", developer_held=True))
        for dwelling in d[:20]:
            if dwelling not in (d[6], d[7]):
                set_owners(uow, dwelling, [OwnerDraft(name="王芳", phone="13800001111")])
        # the same phone under another spelling, and the same ID under two names
        set_owners(uow, d[20], [OwnerDraft(name="王 芳芳", phone="13800001111")])
        set_owners(uow, d[21], [OwnerDraft(name="赵六", id_number="11010519491231002X")])
        set_owners(uow, d[22], [OwnerDraft(name="赵陆", id_number="11010519491231002X")])
    with db.reading() as session:
        summary = register_summary(session)
    (compound,) = summary.compounds
    counts = compound.counts
    assert counts.dwellings == 24
    # 王芳 (one person on 18 rows), 王芳芳, 赵六 and 赵陆 (one ID: one head), the developer
    assert counts.owners == 4
    assert counts.exclusive_area == Decimal("88.88") + 2 * 70 + Decimal("0.01") * 20
    assert (counts.no_owner, counts.no_area, counts.developer_held, counts.gaps) == (1, 1, 2, 2)
    assert compound.buildings[0].counts.dwellings == 24
    # walking order: unit 1 before unit 2, low floors first
    assert [g.dwelling_id for g in summary.gaps] == [d[5], d[23]]
    assert summary.gaps[1].no_owner and not summary.gaps[1].no_area
    warnings = {(w.kind, w.names) for w in summary.same_person}
    assert warnings == {("phone", ("王芳", "王芳芳")), ("id_number", ("赵六", "赵陆"))}


def test_gaps_come_in_walking_order(db):
    from desktop.roster.places import create_dwellings, plan_dwellings, save_building

    places = make_places(db)
    with db.unit_of_work("t") as uow:
        building = save_building(uow, places.compound_id, "10幢", 12, 2, False)
        create_dwellings(uow, building, plan_dwellings(["10", "2"], (9, 10), 1))
    with db.reading() as session:
        gaps = [g.address for g in register_summary(session).gaps if g.address.startswith("10")]
    # unit 2 before unit 10, floor 9 before floor 10, as a visitor walks it
    assert gaps == ["10幢2单元901", "10幢2单元1001", "10幢10单元901", "10幢10单元1001"]
