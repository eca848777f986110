"""The issue's story, through real bundle files: an office and a volunteer's laptop.

The office exports two buildings to the laptop; the laptop edits phones and adds a household;
meanwhile the office edits one of the same residents; bundles cross twice, one of them twice
over; both copies end identical (for what the laptop holds) with the conflict in the review
list. Refusals leave the database file byte-identical.
"""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from desktop.core.paths import DataDir
from desktop.roster.models import Building, Household, Resident
from desktop.storage.lifecycle import open_database
from desktop.sync.bundle.container import TamperedBundle, UnknownSigner, WrongPassphrase
from desktop.sync.exchange import list_conflicts, list_peers
from desktop.sync.exchange.declared import minimised_fields
from desktop.sync.transfer import (
    AlreadyImported,
    ExportRequest,
    bundle_history,
    export_bundle,
    import_bundle,
    inspect_bundle,
    open_incoming,
)

PASS = "翠苑一区-冬季走访"


@pytest.fixture
def office_and_laptop(tmp_path):
    from desktop.roster.demo import generate_demo

    office = open_database(DataDir(tmp_path / "office").prepare(), device_name="社区办公室")
    laptop = open_database(DataDir(tmp_path / "laptop").prepare(), device_name="志愿者笔记本")
    generate_demo(office, residents=400)
    yield office, laptop
    office.close()
    laptop.close()


def _two_buildings(db) -> list[str]:
    with db.reading() as session:
        return session.execute(select(Building.id).where(Building.deleted.is_(False))
                               .order_by(Building.sort_key, Building.id).limit(2)).scalars().all()


def _scope_rows(db, building_ids) -> dict:
    """The residents and households of the buildings as stored, minimised fields left out."""
    left_out = {f.split(".", 1)[1] for f in minimised_fields() if f.startswith("resident.")}
    with db.engine.connect() as conn:
        marks = ",".join("?" * len(building_ids))
        households = sorted(conn.exec_driver_sql(
            "SELECT h.id, h.number, h.dwelling_id, h.deleted FROM household h JOIN dwelling d "
            f"ON d.id = h.dwelling_id WHERE d.building_id IN ({marks})", tuple(building_ids)))
        columns = [c for c in Resident.__table__.columns.keys() if c not in left_out]
        names = ", ".join(f"r.{c}" for c in columns)
        residents = sorted(conn.exec_driver_sql(
            f"SELECT {names} FROM resident r JOIN household h ON h.id = r.household_id "
            f"JOIN dwelling d ON d.id = h.dwelling_id WHERE d.building_id IN ({marks})",
            tuple(building_ids)))
    return {"households": households, "residents": residents}


def _digest(db) -> str:
    path = db.path
    db.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_office_and_laptop_converge_with_the_conflict_kept_for_review(office_and_laptop,
                                                                       tmp_path):
    office, laptop = office_and_laptop
    buildings = _two_buildings(office)
    scope = {"buildings": buildings}

    # 1. the office hands the laptop two buildings (ID numbers left out)
    first = export_bundle(office, ExportRequest(tmp_path / "to-laptop-1.linli", PASS,
                                                scope=scope))
    assert first.header.kind == "scoped" and inspect_bundle(first.path).sender_name == "社区办公室"
    with pytest.raises(UnknownSigner):
        import_bundle(laptop, first.path, PASS)
    import_bundle(laptop, first.path, PASS, trust_signer=True)
    with laptop.reading() as session:
        some = session.execute(select(Resident).order_by(Resident.id).limit(3)).scalars().all()
        targets = [(r.id, r.household_id) for r in some]
        assert all(not r.id_number for r in some)  # minimised: no ID numbers on the laptop

    # 2. offline, the laptop edits phones and adds a household; the office edits one of them
    (shared_id, _h), (other_id, _h2), (_third, dwelling_household) = targets
    with laptop.unit_of_work("李志愿者") as uow:
        uow.session.get(Resident, shared_id).phone = "13900000001"
        uow.session.get(Resident, other_id).phone = "13900000002"
        dwelling_id = uow.session.get(Household, dwelling_household).dwelling_id
        household = Household(dwelling_id=dwelling_id, number="NEW-1")
        uow.session.add(household)
        uow.session.flush()
        uow.session.add(Resident(household_id=household.id, name="新住户", relationship="02"))
    with office.unit_of_work("王社工") as uow:
        uow.session.get(Resident, shared_id).phone = "13800000009"

    # 3. bundles cross: laptop → office (delivered twice), office → laptop, and once more
    office_fp_before = list_peers_by_name(office)
    back = export_bundle(laptop, ExportRequest(tmp_path / "to-office-1.linli", PASS,
                                               recipient_device_id=office.identity.device_id))
    import_bundle(office, back.path, PASS, trust_signer=True)
    with pytest.raises(AlreadyImported):
        import_bundle(office, back.path, PASS)  # the same file again: refused, nothing changes
    assert office_fp_before == {}  # the office had not met the laptop before
    again = export_bundle(office, ExportRequest(tmp_path / "to-laptop-2.linli", PASS,
                                                scope=scope,
                                                recipient_device_id=laptop.identity.device_id))
    import_bundle(laptop, again.path, PASS)
    back2 = export_bundle(laptop, ExportRequest(tmp_path / "to-office-2.linli", PASS,
                                                recipient_device_id=office.identity.device_id))
    import_bundle(office, back2.path, PASS)

    # both copies hold the same data for the two buildings …
    assert _scope_rows(office, buildings) == _scope_rows(laptop, buildings)
    with office.reading() as session:
        assert session.get(Resident, other_id).phone == "13900000002"
        assert session.execute(select(Resident.name).where(
            Resident.name == "新住户")).scalar() == "新住户"
    # … and the edit that lost is in a review list, with who made it
    conflicts = list_conflicts_of(office) + list_conflicts_of(laptop)
    lost = {(c.row_id, c.field) for c in conflicts}
    assert (shared_id, "phone") in lost
    with office.reading() as session:
        winner = session.get(Resident, shared_id).phone
        history = bundle_history(session)
    assert winner in ("13900000001", "13800000009")
    assert {c.lost_value for c in conflicts if c.row_id == shared_id} == (
        {"13900000001", "13800000009"} - {winner})
    assert [row.direction for row in history].count("in") == 2
    # the ID numbers the laptop never had are still there at the office
    with office.reading() as session:
        assert session.get(Resident, shared_id).id_number


def list_peers_by_name(db) -> dict:
    with db.reading() as session:
        return {p.name: p.fingerprint for p in list_peers(session)}


def list_conflicts_of(db):
    with db.reading() as session:
        return list_conflicts(session)


def test_refusals_leave_the_database_file_byte_identical(office_and_laptop, tmp_path):
    office, laptop = office_and_laptop
    bundle = export_bundle(office, ExportRequest(tmp_path / "all.linli", PASS)).path
    data = bundle.read_bytes()
    cut = tmp_path / "cut.linli"
    cut.write_bytes(data[: len(data) // 2])
    flipped = tmp_path / "flipped.linli"
    flipped.write_bytes(data[:2000] + bytes([data[2000] ^ 0x40]) + data[2001:])
    root = laptop.path.parent
    before = _digest(laptop)
    for path, passphrase, error in ((bundle, "wrong passphrase", WrongPassphrase),
                                    (flipped, PASS, TamperedBundle),
                                    (bundle, PASS, UnknownSigner)):
        db = open_database(DataDir(root), device_name="志愿者笔记本")
        with pytest.raises(error):
            import_bundle(db, path, passphrase)
        assert _digest(db) == before
    db = open_database(DataDir(root), device_name="志愿者笔记本")
    from desktop.sync.bundle.container import TruncatedBundle

    with pytest.raises(TruncatedBundle):
        open_incoming(db, cut, PASS)
    assert _digest(db) == before


def test_the_office_takes_places_back_from_the_laptop(office_and_laptop, tmp_path):
    office, laptop = office_and_laptop
    buildings = _two_buildings(office)
    scope = {"buildings": buildings}
    handed = export_bundle(office, ExportRequest(tmp_path / "hand.linli", PASS, scope=scope))
    import_bundle(laptop, handed.path, PASS, trust_signer=True)
    assert _scope_rows(laptop, buildings)["residents"]
    back = export_bundle(office, ExportRequest(tmp_path / "back.linli", PASS, scope=scope,
                                               withdraw=True,
                                               recipient_device_id=laptop.identity.device_id))
    assert back.header.summary["withdraw"] is True
    import_bundle(laptop, back.path, PASS)
    assert _scope_rows(laptop, buildings) == {"households": [], "residents": []}
    with laptop.reading() as session:  # removed there, not deleted: no tombstones travel back
        assert session.execute(select(Resident.id)).first() is None
    assert _scope_rows(office, buildings)["residents"]  # the office keeps them
    again = export_bundle(laptop, ExportRequest(tmp_path / "again.linli", PASS))
    import_bundle(office, again.path, PASS, trust_signer=True)
    assert _scope_rows(office, buildings)["residents"]
