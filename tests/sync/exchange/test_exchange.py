"""Export, preview, apply, review and withdraw between real SQLite copies."""

from __future__ import annotations

import json

import pytest

from desktop.roster.models import DwellingOwner, Household, Resident
from desktop.sync.exchange import (
    TAKE_LOST,
    DamagedPayload,
    already_imported,
    build_payload,
    current_vector,
    decode_payload,
    encode_payload,
    list_conflicts,
    list_peers,
    peer_acked,
    preview,
    resolve_conflict,
    withdraw_scope,
)
from tests.sync.exchange.conftest import deliver, edit, export, seed, snapshot


def _resident(db, row_id):
    with db.reading() as s:
        row = s.get(Resident, row_id)
        if row is not None:
            s.expunge(row)
        return row


def test_payload_round_trip_and_damage(replicas):
    a = replicas("a")
    seed(a)
    data = export(a)
    again = encode_payload(decode_payload(data))
    assert again == data
    for bad in (b"", b"\xff", b"[]", data.replace(b'"format":1', b'"format":9'),
                data.replace(b'"rows":[[', b'"rows":[[1,')):
        with pytest.raises(DamagedPayload) as info:
            decode_payload(bad)
        assert info.value.message and info.value.details


def test_full_export_into_empty_copy_is_identical_and_reimport_changes_nothing(replicas):
    a, b = replicas("a"), replicas("b")
    ids = seed(a)
    edit(a, Resident, ids["residents"][1], phone="13800000000", notes="改过")
    data = export(a)
    first = deliver(b, data, "bundle-1")
    assert first.per_table["resident"].new == 4 and first.conflicts == 0
    assert snapshot(a) == snapshot(b)
    before = snapshot(b)
    with b.reading() as s:
        shown = preview(s, decode_payload(data))
        assert already_imported(s, "bundle-1") and not already_imported(s, "bundle-2")
    assert all(c.new == c.changed == c.deleted == 0 for c in shown.per_table.values())
    second = deliver(b, data)
    assert not second.changes and second.conflicts == 0
    assert snapshot(b) == before
    with b.reading() as s:
        peers = list_peers(s)
        assert [p.device_id for p in peers] == [a.identity.device_id]
        assert peers[0].last_import_at is not None
        assert peer_acked(s, a.identity.device_id)[a.identity.node] == str(a.clock.last)


def test_out_of_order_deltas_converge(replicas):
    a, b = replicas("a"), replicas("b")
    ids = seed(a)
    deliver(b, export(a))
    with b.reading() as s:
        acked = current_vector(s, b.clock)
    edit(a, Resident, ids["residents"][0], phone="1")
    first = export(a, since=acked)
    edit(a, Resident, ids["residents"][0], phone="2")
    edit(a, Resident, ids["residents"][2], name="新名字")
    second = export(a, since=acked)
    assert len(decode_payload(second).tables["resident"].rows) == 2
    assert len(decode_payload(second).tables["household"].rows) == 0
    deliver(b, second)
    deliver(b, first)  # late and older: changes nothing
    assert snapshot(a) == snapshot(b)
    assert _resident(b, ids["residents"][0]).phone == "2"


def test_scoped_bundle_holds_the_scope_minimised_and_deletes_nothing_outside(replicas):
    office, laptop = replicas("office"), replicas("laptop")
    ids = seed(office, residents=4, buildings=2)
    scope = {"grids": [], "compounds": [], "buildings": [ids["buildings"][0]]}
    payload = decode_payload(export(office, scope=scope))
    residents = payload.tables["resident"]
    inside = {ids["residents"][0], ids["residents"][2]}
    assert {r[0] for r in residents.rows} == inside
    assert {r[0] for r in payload.tables["household"].rows} == {ids["households"][0]}
    assert len(payload.tables["community"].rows) == 1 and len(payload.tables["tag"].rows) == 1
    position = residents.columns.index("id_number") + 3
    assert all(r[position] is None for r in residents.rows)
    assert "resident.id_number" in payload.minimised
    deliver(laptop, encode_payload(payload))
    assert _resident(laptop, ids["residents"][0]).id_number == ""
    # The volunteer edits a phone; the office also tombstones a resident outside the scope.
    edit(laptop, Resident, ids["residents"][0], phone="139")
    edit(office, Resident, ids["residents"][1], deleted=True)
    back = decode_payload(export(laptop))
    assert back.partial and back.unknown["resident.id_number"]
    result = deliver(office, encode_payload(back))
    assert result.conflicts == 0
    kept = _resident(office, ids["residents"][0])
    assert kept.phone == "139" and kept.id_number == "330106196001010000"
    assert _resident(office, ids["residents"][1]).deleted
    with office.reading() as s:
        assert current_vector(s, office.clock).get(laptop.identity.node) is None  # partial
    # A later full bundle fills the laptop's placeholders in.
    deliver(laptop, export(office, scope=scope, minimise=False))
    assert _resident(laptop, ids["residents"][0]).id_number == "330106196001010000"
    assert _resident(laptop, ids["residents"][1]) is None  # never sent: outside the scope


def test_withdraw_scope_removes_rows_only_there(replicas):
    office, laptop = replicas("office"), replicas("laptop")
    ids = seed(office, residents=4, buildings=2)
    deliver(laptop, export(office))
    scope = {"grids": [], "compounds": [], "buildings": [ids["buildings"][1]]}
    with laptop.unit_of_work("office") as uow:
        removed = withdraw_scope(uow, scope)
    assert removed["resident"] == 2 and removed["building"] == 1
    assert _resident(laptop, ids["residents"][1]) is None
    assert _resident(laptop, ids["residents"][0]) is not None
    # Nothing was tombstoned: the office keeps every row after the laptop's next bundle.
    deliver(office, export(laptop))
    assert not _resident(office, ids["residents"][1]).deleted
    # Withdrawing can also travel inside a bundle the office sends: here it swaps the
    # laptop's building for the other one.
    other = export(office, scope={"buildings": [ids["buildings"][1]]},
                   withdraw=[{"grids": [], "compounds": [], "buildings": [ids["buildings"][0]]}])
    deliver(laptop, other)
    assert _resident(laptop, ids["residents"][0]) is None
    assert _resident(laptop, ids["residents"][1]) is not None
    assert _resident(office, ids["residents"][0]) is not None


def _two_copies(replicas):
    a, b = replicas("a"), replicas("b")
    ids = seed(a)
    deliver(b, export(a))
    return a, b, ids


def test_concurrent_edits_converge_and_keep_the_loser(replicas):
    a, b, ids = _two_copies(replicas)
    rid = ids["residents"][0]
    edit(a, Resident, rid, operator="甲", phone="111")
    edit(b, Resident, rid, operator="乙", phone="222")  # later: wins
    from_a, from_b = export(a), export(b)
    ra = deliver(a, from_b)
    rb = deliver(b, from_a)
    assert snapshot(a) == snapshot(b)
    assert _resident(a, rid).phone == "222"
    assert ra.conflicts == 1 and rb.conflicts == 1
    for db in (a, b):
        with db.reading() as s:
            [item] = list_conflicts(s)
        assert (item.field, item.kind, item.lost_value, item.kept_value) == (
            "phone", "concurrent_edit", "111", "222")
        assert item.lost_operator == "甲" and item.lost_node == a.identity.node
    # Imports again find nothing new to review.
    deliver(a, from_b)
    deliver(b, from_a)
    with a.reading() as s:
        assert len(list_conflicts(s)) == 1


def test_edit_after_seeing_is_not_a_conflict(replicas):
    a, b, ids = _two_copies(replicas)
    rid = ids["residents"][0]
    edit(a, Resident, rid, phone="111")
    deliver(b, export(a))
    edit(b, Resident, rid, phone="222")
    assert deliver(a, export(b)).conflicts == 0
    assert _resident(a, rid).phone == "222"


def test_delete_wins_over_concurrent_edit_which_is_kept_for_review(replicas):
    a, b, ids = _two_copies(replicas)
    rid = ids["residents"][0]
    edit(a, Resident, rid, deleted=True)
    edit(b, Resident, rid, phone="222", operator="乙")  # later, but never saw the delete
    from_a, from_b = export(a), export(b)
    deliver(a, from_b)
    deliver(b, from_a)
    assert snapshot(a) == snapshot(b)
    for db in (a, b):
        row = _resident(db, rid)
        assert row.deleted and row.phone == "222"
        with db.reading() as s:
            [item] = list_conflicts(s)
        assert (item.kind, item.field, item.lost_value) == ("edited_after_delete", "phone", "222")
    # The office restores the row from the review list; that syncs like any edit.
    with a.unit_of_work("office") as uow:
        [item] = list_conflicts(uow.session)
        resolve_conflict(uow, item.id, restore=True)
    deliver(b, export(a))
    assert not _resident(b, rid).deleted and _resident(b, rid).phone == "222"


def test_edit_made_after_seeing_the_delete_stays_on_the_tombstone(replicas):
    a, b, ids = _two_copies(replicas)
    rid = ids["residents"][0]
    edit(a, Resident, rid, deleted=True)
    deliver(b, export(a))
    edit(b, Resident, rid, notes="已搬走")
    assert deliver(a, export(b)).conflicts == 0
    assert _resident(a, rid).deleted and _resident(a, rid).notes == "已搬走"


def test_resolution_is_a_stamped_change_that_syncs(replicas):
    a, b, ids = _two_copies(replicas)
    rid = ids["residents"][0]
    edit(a, Resident, rid, phone="111")
    edit(b, Resident, rid, phone="222")
    from_a = export(a)
    deliver(a, export(b))
    with a.unit_of_work("office") as uow:
        [item] = list_conflicts(uow.session)
        resolve_conflict(uow, item.id, TAKE_LOST)
    with a.reading() as s:
        assert list_conflicts(s) == []
        [done] = list_conflicts(s, include_resolved=True)
        assert done.resolution == "111" and done.resolved_by == "office"
    deliver(b, from_a)
    deliver(b, export(a))
    assert _resident(b, rid).phone == "111"
    assert snapshot(a) == snapshot(b)
    with b.unit_of_work("office") as uow:
        [item] = list_conflicts(uow.session)
        resolve_conflict(uow, item.id, "333")
    deliver(a, export(b))
    assert _resident(a, rid).phone == "333"


def test_moves_and_owner_values_merge(replicas):
    a, b, ids = _two_copies(replicas)
    rid = ids["residents"][0]
    edit(a, Resident, rid, household_id=ids["households"][1])
    with a.reading() as s:
        owner_id = next(o.id for o in s.query(DwellingOwner) if o.outside_name)
    from decimal import Decimal
    edit(b, DwellingOwner, owner_id, share_percent=Decimal("33.33"))
    edit(b, Household, ids["households"][1], notes="x")
    deliver(a, export(b))
    deliver(b, export(a))
    assert snapshot(a) == snapshot(b)
    with b.reading() as s:
        assert s.get(DwellingOwner, owner_id).share_percent == Decimal("33.33")
        stamp = json.loads(s.execute(__import__("sqlalchemy").text(
            "SELECT value FROM field_stamp WHERE row_id = :r AND field = 'household_id'"),
            {"r": rid}).scalar())
        assert stamp == ids["households"][1]


def test_build_payload_reads_only(replicas):
    a = replicas("a")
    seed(a)
    with a.reading() as s:
        p = build_payload(s, a.identity, a.clock)
    assert p.sender["node"] == a.identity.node and p.scope is None and not p.minimised
