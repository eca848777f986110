"""The audit log's hash chain: entries appended in order, verified, and any raw-SQL tampering
(an entry changed, removed or inserted) found by ``verify``."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text

from desktop.core.access import Actor, Role
from desktop.security import audit
from desktop.security.audit import Action


def _three(db):
    db.actor = Actor("王芳", Role.OFFICE, signed_in=True)
    audit.record(db, Action.EXPORT, "roster.xlsx", file="roster.xlsx", rows=12, masked=True)
    audit.record(db, Action.PRINT, "list.pdf", rows=3, masked=False)
    audit.record(db, Action.RESIDENT_OPENED, "0190a1b2-0000-7000-8000-000000000001")


def test_entries_chain_and_verify(db):
    _three(db)
    with db.reading() as session:
        rows = audit.entries(session)
        assert audit.verify(session) == []
        raw = session.execute(text("SELECT seq, prev_hash, hash, device_id FROM audit_entry "
                                   "ORDER BY seq")).all()
    assert [r.action for r in rows] == ["resident_opened", "print", "export"]
    assert rows[-1].operator == "王芳" and rows[-1].role == "office"
    assert rows[-1].detail == {"file": "roster.xlsx", "rows": 12, "masked": True}
    assert [r.seq for r in raw] == [1, 2, 3]
    assert raw[0].prev_hash == "" and raw[1].prev_hash == raw[0].hash
    assert raw[2].prev_hash == raw[1].hash
    assert raw[0].device_id == db.identity.node


def test_two_in_one_unit_of_work_chain(db):
    with db.unit_of_work("x") as uow:
        audit.append(uow, None, Action.SIGN_IN)
        audit.append(uow, None, Action.LOCK)
    with db.reading() as session:
        assert [r.seq for r in audit.entries(session)] == [2, 1]
        assert audit.verify(session) == []


def test_a_failed_unit_of_work_leaves_no_entry(db):
    with pytest.raises(RuntimeError), db.unit_of_work("x") as uow:
        audit.append(uow, None, Action.EXPORT, "a.xlsx")
        raise RuntimeError("the export failed")
    with db.reading() as session:
        assert audit.entries(session) == []


def test_a_path_is_recorded_by_its_base_name_only(db, tmp_path):
    audit.record(db, Action.EXPORT, tmp_path / "张三家" / "out.xlsx",
                 file=tmp_path / "张三家" / "out.xlsx")
    with db.reading() as session:
        row = audit.entries(session)[0]
    assert row.subject == "out.xlsx" and row.detail == {"file": "out.xlsx"}


def test_no_float_in_details(db):
    with pytest.raises(TypeError):
        audit.record(db, Action.EXPORT, "a", rows=1.5)


def _raw(db, sql, **params):
    with db.engine.begin() as conn:
        conn.execute(text(sql), params)


def _kinds(db):
    with db.reading() as session:
        return [(p.seq, p.kind) for p in audit.verify(session)]


def test_a_changed_entry_is_found(db):
    _three(db)
    _raw(db, "UPDATE audit_entry SET detail = :d WHERE seq = 1",
         d=json.dumps({"file": "roster.xlsx", "rows": 1, "masked": True}))
    assert _kinds(db) == [(1, audit.ALTERED)]


def test_a_changed_operator_is_found(db):
    _three(db)
    _raw(db, "UPDATE audit_entry SET operator = '李四' WHERE seq = 2")
    assert _kinds(db) == [(2, audit.ALTERED)]


def test_a_removed_entry_is_found(db):
    _three(db)
    _raw(db, "DELETE FROM audit_entry WHERE seq = 2")
    assert _kinds(db) == [(3, audit.MISSING)]
    with db.reading() as session:
        assert "missing" in audit.verify(session)[0].message


def test_an_inserted_entry_is_found(db):
    _three(db)
    # Make room for it as a forger would: move the last entry up, then insert a copy of the
    # first (a valid hash of its own) into the gap.
    _raw(db, "UPDATE audit_entry SET seq = 4 WHERE seq = 3")
    _raw(db, "INSERT INTO audit_entry (id, created_hlc, created_by, deleted, device_id, seq, "
             "at, operator, role, action, subject, detail, prev_hash, hash) "
             "SELECT 'forged', created_hlc, created_by, deleted, device_id, 3, at, operator, "
             "role, action, subject, detail, prev_hash, hash FROM audit_entry WHERE seq = 1")
    kinds = _kinds(db)
    assert (3, audit.ALTERED) in kinds  # the forged row's hash covers another id and seq
    assert (4, audit.ALTERED) in kinds  # the moved row's seq is covered by its hash


def test_an_inserted_entry_with_its_own_valid_hash_is_found(db):
    """Even an entry whose own hash is recomputed does not link into the chain."""
    _three(db)
    with db.unit_of_work("forger") as uow:
        entry = audit.append(uow, None, Action.EXPORT, "x.xlsx")
    # Replace entry 4's link (and hash, recomputed) as if it followed something else.
    from desktop.security.audit import entry_hash
    from desktop.security.tables import AuditEntry

    with db.reading() as session:
        forged = session.get(AuditEntry, entry.id)
        forged.prev_hash = "0" * 64
        new_hash = entry_hash(forged)
    _raw(db, "UPDATE audit_entry SET prev_hash = :p, hash = :h WHERE seq = 4",
         p="0" * 64, h=new_hash)
    assert _kinds(db) == [(4, audit.UNLINKED)]


def test_filters(db):
    db.actor = Actor("王芳", Role.OFFICE, signed_in=True)
    with db.unit_of_work("x") as uow:
        audit.append(uow, None, Action.EXPORT, "old.xlsx", at=dt.datetime(2026, 1, 5, 9))
    audit.record(db, Action.PRINT, "new.pdf")
    db.actor = Actor("小李", Role.VOLUNTEER, signed_in=True)
    audit.record(db, Action.SIGN_IN)
    with db.reading() as session:
        assert [r.subject for r in audit.entries(session, operator="王芳")] == [
            "new.pdf", "old.xlsx"]
        assert [r.action for r in audit.entries(session, action=Action.SIGN_IN)] == [
            "sign_in"]
        assert [r.subject for r in audit.entries(
            session, since=dt.date(2026, 1, 5), until=dt.date(2026, 1, 5))] == ["old.xlsx"]
        assert audit.entries(session, until=dt.date(2026, 1, 4)) == []
        assert audit.operators(session) == ["小李", "王芳"]
        # Entries of other times were appended after an earlier one: still one chain.
        assert audit.verify(session) == []


def test_entry_line_and_problem_text(db):
    audit.record(db, Action.EXPORT, "a.xlsx", rows=2, masked=True)
    with db.reading() as session:
        [row] = audit.entries(session)
    line = audit.entry_line(row)
    assert line[3:] == ("export", "a.xlsx", '{"masked":true,"rows":2}')
    assert line[0].endswith("Z")
    problem = audit.Problem("dev.1", 4, audit.MISSING)
    assert str(problem) == "Device dev.1: the entry before 4 is missing."
