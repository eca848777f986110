"""A bundle "for a visitor" carries exactly what that volunteer needs at their doors — the
campaign, its form, their doors with the dwellings, households, residents (no ID numbers) and
tags, the visits already made there — and nothing of the other visitor: not their doors, not
their visits, not their households. Its header names the campaign and the visitor."""

from __future__ import annotations

import datetime as dt

from desktop.sync.transfer import (
    ExportRequest,
    export_bundle,
    import_bundle,
    inspect_bundle,
)
from desktop.visits.doors.recording import VisitInput, record_visit
from tests.sync.visits.conftest import (
    DAY,
    PASS,
    ids,
    laptop_from,
    open_copy,
    rows,
    visitor_bundle,
)


def _marks(values) -> str:
    return ",".join("?" * len(values))


def _door_places(db, door_ids) -> tuple[set[str], set[str]]:
    """The dwellings of these doors, and every household living in them (the office's view)."""
    door_ids = list(door_ids)
    dwellings = {r[0] for r in rows(db, "SELECT dwelling_id FROM campaign_door WHERE id IN "
                                        f"({_marks(door_ids)})", door_ids)}
    households = ids(db, "household", f"dwelling_id IN ({_marks(dwellings)})", list(dwellings))
    return dwellings, households


def test_the_visitors_bundle_holds_their_doors_and_none_of_the_other_visitors(office,
                                                                              tmp_path):
    zhang, li = office.doors["张三"], office.doors["李四"]
    # A visit made at a door of each visitor before the bundle is made (a second round).
    with office.db.unit_of_work("王社工") as uow:
        zhang_visit = record_visit(uow, VisitInput(zhang[0], "not_home", DAY))
        li_visit = record_visit(uow, VisitInput(li[0], "refused", DAY))

    made = visitor_bundle(office, "张三", tmp_path / "张三.linli")
    header = inspect_bundle(made.path)  # readable before the passphrase
    assert header.summary["places"] == ["外墙维修走访 · 张三"]
    assert header.kind == "scoped"
    assert "resident.id_number" in header.summary["minimised"]

    laptop = laptop_from(made.path, tmp_path / "laptop", "张三的笔记本", "张三")
    try:
        dwellings, households = _door_places(office.db, zhang)
        li_dwellings, li_households = _door_places(office.db, li)
        residents = ids(office.db, "resident", f"household_id IN ({_marks(households)})",
                        list(households))
        tagged = ids(office.db, "resident_tag", f"resident_id IN ({_marks(residents)})",
                     list(residents))
        assert tagged, "the demo's residents carry tags (独居老人 …)"

        assert ids(laptop, "campaign") == {office.campaign_id}
        assert office.form_version_id in ids(laptop, "form_version")
        assert ids(laptop, "campaign_visitor") == {office.visitors["张三"]}
        assert ids(laptop, "campaign_door") == set(zhang)
        assert ids(laptop, "visit") == {zhang_visit}
        assert li_visit not in ids(laptop, "visit")
        assert ids(laptop, "dwelling") == dwellings
        assert ids(laptop, "household") == households
        assert not ids(laptop, "household") & li_households, "another visitor's households"
        assert not ids(laptop, "dwelling") & li_dwellings
        assert ids(laptop, "resident") == residents
        assert ids(laptop, "resident_tag") == tagged
        assert rows(laptop, "SELECT count(*) FROM resident WHERE id_number IS NOT NULL "
                            "AND id_number != ''") == [(0,)]
        assert rows(laptop, "SELECT count(*) FROM roster_proposal") == [(0,)]
    finally:
        laptop.close()


def test_an_owner_living_at_another_visitors_door_stays_at_the_office(office, tmp_path):
    """Owners are not needed at the door: a flat of 张三's owned by a resident who lives at one
    of 李四's doors must not bring that resident, or 李四's household, onto 张三's laptop."""
    from desktop.roster.models import DwellingOwner

    zhang_dwellings, _households = _door_places(office.db, office.doors["张三"])
    _li_dwellings, li_households = _door_places(office.db, office.doors["李四"])
    far = min(li_households)
    owner = rows(office.db, "SELECT id FROM resident WHERE household_id = ? ORDER BY id",
                 (far,))[0][0]
    with office.db.unit_of_work("王社工") as uow:
        uow.session.add(DwellingOwner(dwelling_id=min(zhang_dwellings),
                                      resident_id=owner))
    made = visitor_bundle(office, "张三", tmp_path / "张三.linli")
    laptop = laptop_from(made.path, tmp_path / "laptop", "张三的笔记本", "张三")
    try:
        assert owner not in ids(laptop, "resident")
        assert not ids(laptop, "household") & li_households
        assert ids(laptop, "dwelling_owner") == set()
        assert ids(laptop, "dwelling") == zhang_dwellings
    finally:
        laptop.close()


def test_on_a_copy_that_holds_the_campaign_already_it_changes_nothing(office, tmp_path):
    """A second office computer, given everything first: the visitor's bundle adds nothing."""
    with office.db.unit_of_work("王社工") as uow:
        record_visit(uow, VisitInput(office.doors["张三"][1], "completed",
                                     DAY + dt.timedelta(minutes=5), answers={"q": "1"}))
    full = export_bundle(office.db, ExportRequest(tmp_path / "everything.linli", PASS))
    second = open_copy(tmp_path / "office-2", "社区办公室2")
    try:
        import_bundle(second, full.path, PASS, trust_signer=True)
        before = {t: rows(second, f'SELECT * FROM "{t}" ORDER BY id') for t in (
            "campaign", "campaign_visitor", "campaign_door", "visit", "household", "resident")}
        made = visitor_bundle(office, "张三", tmp_path / "张三.linli")
        result = import_bundle(second, made.path, PASS)
        changed = {name: c for name, c in result.per_table.items()
                   if c.new or c.changed or c.deleted}
        assert changed == {}
        assert result.conflicts == 0
        after = {t: rows(second, f'SELECT * FROM "{t}" ORDER BY id') for t in before}
        assert after == before
        # and its residents keep their ID numbers: a minimised bundle never blanks them
        assert rows(second, "SELECT count(*) FROM resident WHERE id_number IS NOT NULL "
                            "AND id_number != ''")[0][0] > 0
    finally:
        second.close()


def test_doors_handed_over_later_reach_the_laptop_with_their_households(office, tmp_path):
    """The office sends 张三's laptop only what it lacks; after 李四's unfinished doors are
    handed to 张三, the next bundle for that laptop carries those doors' households and
    residents too, although they did not change (only the doors did)."""
    from desktop.visits.campaigns.service import reassign_unfinished

    first = visitor_bundle(office, "张三", tmp_path / "张三-1.linli")
    laptop = laptop_from(first.path, tmp_path / "laptop", "张三的笔记本", "张三")
    try:
        device = laptop.identity.device_id
        back = export_bundle(laptop, ExportRequest(tmp_path / "back.linli", PASS,
                                                   recipient_device_id=office.db.identity
                                                   .device_id))
        import_bundle(office.db, back.path, PASS, trust_signer=True)
        again = visitor_bundle(office, "张三", tmp_path / "张三-2.linli", recipient=device)
        import_bundle(laptop, again.path, PASS)
        with office.db.unit_of_work("王社工") as uow:
            moved = reassign_unfinished(uow, office.campaign_id, office.visitors["李四"],
                                        office.visitors["张三"])
        assert moved == len(office.doors["李四"])
        third = visitor_bundle(office, "张三", tmp_path / "张三-3.linli", recipient=device)
        import_bundle(laptop, third.path, PASS)
        every = office.doors["张三"] + office.doors["李四"]
        dwellings, households = _door_places(office.db, every)
        residents = ids(office.db, "resident", f"household_id IN ({_marks(households)})",
                        list(households))
        assert ids(laptop, "campaign_door") == set(every)
        assert ids(laptop, "household") == households
        assert ids(laptop, "resident") == residents
        assert ids(laptop, "dwelling") == dwellings
    finally:
        laptop.close()
