"""The audit log between copies, through real bundle files: a volunteer's entries reach the
office in the laptop's bundle, both chains verify there, a merge never changes an entry the
office holds, a scoped bundle carries none of the office's log out, and taking the scope back
from the laptop removes none of its log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.core.access import Actor, Role
from desktop.core.paths import DataDir
from desktop.roster.models import Building
from desktop.security import audit
from desktop.security.audit import Action
from desktop.security.tables import AuditEntry
from desktop.storage.lifecycle import open_database
from desktop.sync.transfer import ExportRequest, export_bundle, import_bundle

PASS = "翠苑一区-冬季走访"
VOLUNTEER = Actor("小李", Role.VOLUNTEER, signed_in=True)


@pytest.fixture
def office_and_laptop(tmp_path):
    from desktop.roster.demo import generate_demo

    office = open_database(DataDir(tmp_path / "office").prepare(), device_name="社区办公室")
    laptop = open_database(DataDir(tmp_path / "laptop").prepare(), device_name="志愿者笔记本")
    generate_demo(office, residents=120)
    office.actor = Actor("王芳", Role.OFFICE, signed_in=True)
    laptop.actor = VOLUNTEER
    yield office, laptop
    office.close()
    laptop.close()


def _buildings(db) -> list[str]:
    with db.reading() as session:
        return session.execute(select(Building.id).order_by(Building.sort_key, Building.id)
                               .limit(1)).scalars().all()


def _by_chain(db) -> dict[str, list[tuple]]:
    with db.reading() as session:
        rows = session.execute(select(AuditEntry).order_by(AuditEntry.device_id,
                                                           AuditEntry.seq)).scalars()
        out: dict[str, list[tuple]] = {}
        for e in rows:
            out.setdefault(e.device_id, []).append((e.seq, e.action, e.operator, e.subject,
                                                    e.detail, e.hash))
        return out


def _problems(db):
    with db.reading() as session:
        return audit.verify(session)


def test_the_volunteers_log_reaches_the_office_and_both_chains_verify(office_and_laptop,
                                                                       tmp_path):
    office, laptop = office_and_laptop
    scope = {"buildings": _buildings(office)}
    audit.record(office, Action.EXPORT, "roster.xlsx", rows=120, masked=False)
    out = export_bundle(office, ExportRequest(tmp_path / "to-laptop.linli", PASS, scope=scope))
    import_bundle(laptop, out.path, PASS, trust_signer=True)
    # The scoped bundle carried none of the office's log; the laptop logged the import.
    chains = _by_chain(laptop)
    assert list(chains) == [laptop.identity.node]
    assert [(seq, action, who) for seq, action, who, *_rest in chains[laptop.identity.node]] \
        == [(1, "bundle_imported", "小李")]
    [office_chain] = _by_chain(office).values()
    assert [e[1] for e in office_chain] == ["export", "bundle_made"]
    assert office_chain[1][3] == "to-laptop.linli"

    # At the doors: the volunteer opens residents and prints a masked walk list.
    audit.record(laptop, Action.RESIDENT_OPENED, "r-1")
    audit.record(laptop, Action.PRINT, "walk.pdf", masked=True)
    back = export_bundle(laptop, ExportRequest(
        tmp_path / "to-office.linli", PASS, recipient_device_id=office.identity.device_id))
    import_bundle(office, back.path, PASS, trust_signer=True)

    at_office = _by_chain(office)
    assert set(at_office) == {office.identity.node, laptop.identity.node}
    # Exactly the laptop's entries as the laptop wrote them (its bundle_made comes next time).
    assert at_office[laptop.identity.node] == _by_chain(laptop)[laptop.identity.node][:3]
    assert [e[1] for e in at_office[office.identity.node]] == [
        "export", "bundle_made", "bundle_imported"]
    assert _problems(office) == [] and _problems(laptop) == []

    # Next bundle: the laptop's bundle_made arrives; the chains still verify.
    again = export_bundle(laptop, ExportRequest(
        tmp_path / "to-office-2.linli", PASS, recipient_device_id=office.identity.device_id))
    import_bundle(office, again.path, PASS)
    assert [e[1] for e in _by_chain(office)[laptop.identity.node]] == [
        "bundle_imported", "resident_opened", "print", "bundle_made"]
    assert _problems(office) == []


def test_a_merge_never_changes_an_entry_the_office_holds(office_and_laptop, tmp_path):
    office, laptop = office_and_laptop
    audit.record(laptop, Action.PRINT, "list.pdf", masked=False)
    first = export_bundle(laptop, ExportRequest(
        tmp_path / "1.linli", PASS, recipient_device_id=office.identity.device_id))
    import_bundle(office, first.path, PASS, trust_signer=True)
    before = _by_chain(office)
    # On the laptop the entry is edited through the ORM: a stamped change that a bundle
    # would carry like any edit (and a tombstone, too).
    with laptop.unit_of_work("小李") as uow:
        entry = uow.session.execute(select(AuditEntry).where(
            AuditEntry.action == "print")).scalar_one()
        entry.detail = '{"masked":true}'
        entry.deleted = True
    assert [p.kind for p in _problems(laptop)] == [audit.ALTERED]
    second = export_bundle(laptop, ExportRequest(
        tmp_path / "2.linli", PASS, recipient_device_id=office.identity.device_id))
    import_bundle(office, second.path, PASS)
    after = _by_chain(office)
    assert after[laptop.identity.node][0] == before[laptop.identity.node][0]
    assert _problems(office) == []


def test_taking_the_scope_back_removes_none_of_the_log(office_and_laptop, tmp_path):
    office, laptop = office_and_laptop
    scope = {"buildings": _buildings(office)}
    out = export_bundle(office, ExportRequest(tmp_path / "out.linli", PASS, scope=scope,
                                              recipient_device_id=laptop.identity.device_id))
    import_bundle(laptop, out.path, PASS, trust_signer=True)
    audit.record(laptop, Action.RESIDENT_OPENED, "r-1")
    back = export_bundle(laptop, ExportRequest(
        tmp_path / "back.linli", PASS, recipient_device_id=office.identity.device_id))
    import_bundle(office, back.path, PASS, trust_signer=True)
    before = _by_chain(laptop)[laptop.identity.node]
    take = export_bundle(office, ExportRequest(
        tmp_path / "withdraw.linli", PASS, scope=scope, withdraw=True,
        recipient_device_id=laptop.identity.device_id))
    import_bundle(laptop, take.path, PASS)
    with laptop.reading() as session:
        assert session.execute(select(Building.id)).first() is None  # the scope is gone
    after = _by_chain(laptop)
    assert after[laptop.identity.node][:len(before)] == before
    assert [e[1] for e in after[laptop.identity.node]][-1] == "bundle_imported"
    # A withdrawal bundle carries no data, so none of the office's log either.
    assert office.identity.node not in after
    assert _problems(laptop) == []


def test_a_clashing_log_is_refused_with_a_message_not_a_crash(office_and_laptop, tmp_path):
    """Two computers writing as one device (a copied data folder) number different entries
    alike: the office refuses the bundle and says why, with nothing changed."""
    from desktop.sync.exchange.merge import IncompatiblePayload
    from tests.security.audit.conftest import snapshot

    office, laptop = office_and_laptop
    audit.record(laptop, Action.PRINT, "a.pdf")
    first = export_bundle(laptop, ExportRequest(tmp_path / "1.linli", PASS))
    import_bundle(office, first.path, PASS, trust_signer=True)
    # The copy's twin wrote its own entry 1 (another id, the same device and number).
    with laptop.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_entry SET id = 'twin-entry' WHERE seq = 1")
    second = export_bundle(laptop, ExportRequest(tmp_path / "2.linli", PASS))
    before = snapshot(office)
    with pytest.raises(IncompatiblePayload) as refused:
        import_bundle(office, second.path, PASS)
    assert "copied data folder" in refused.value.message
    assert snapshot(office) == before
