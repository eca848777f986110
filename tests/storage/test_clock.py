"""Hybrid logical clock, UUIDv7 keys and device incarnations."""

from __future__ import annotations

import shutil
import uuid

import pytest
from sqlalchemy import select

from desktop.roster.models import Community
from desktop.storage.hlc import HybridClock, Stamp
from desktop.storage.ids import uuid7
from desktop.storage.lifecycle import open_database


class FakeWall:
    def __init__(self, ms):
        self.ms = ms

    def __call__(self):
        return self.ms


def test_stamps_increase_even_when_the_wall_clock_stands_still_or_goes_back():
    wall = FakeWall(1_700_000_000_000)
    clock = HybridClock("aa.1", wall=wall)
    a, b = clock.now(), clock.now()
    wall.ms -= 60_000  # the PC's clock was set back a minute
    c = clock.now()
    wall.ms += 120_000
    d = clock.now()
    assert a < b < c < d
    assert Stamp.parse(c).wall_ms == Stamp.parse(b).wall_ms


def test_observing_a_remote_stamp_moves_the_clock_past_it():
    local = HybridClock("aa.1", wall=FakeWall(1_000))
    remote = HybridClock("bb.1", wall=FakeWall(5_000))
    seen = remote.now()
    local.observe(seen)
    assert local.now() > seen


def test_equal_times_are_ordered_by_node_so_every_replica_agrees():
    a = HybridClock("aa.1", wall=FakeWall(1_000)).now()
    b = HybridClock("bb.1", wall=FakeWall(1_000)).now()
    assert a < b and Stamp.parse(a) < Stamp.parse(b)


def test_text_order_equals_stamp_order():
    stamps = [str(Stamp(w, c, n)) for w in (5, 1_000_000_000_000) for c in (0, 9, 10)
              for n in ("aa.1", "aa.2", "b.1")]
    assert sorted(stamps) == [str(s) for s in sorted(Stamp.parse(t) for t in stamps)]
    assert Stamp.parse(stamps[4]) == Stamp.parse(str(Stamp.parse(stamps[4])))


def test_bad_stamps_and_node_ids_are_rejected():
    with pytest.raises(ValueError):
        Stamp.parse("yesterday")
    with pytest.raises(ValueError):
        HybridClock("has-dash")


def test_uuid7_keys_are_version_7_and_ordered():
    keys = [uuid7() for _ in range(2000)]
    assert keys == sorted(keys) and len(set(keys)) == 2000
    assert all(uuid.UUID(k).version == 7 and uuid.UUID(k).variant == uuid.RFC_4122 for k in keys)


def test_the_clock_survives_a_restart(data_dir):
    db = open_database(data_dir)
    with db.unit_of_work("a") as uow:
        uow.session.add(Community(name="甲"))
    last = db.clock.last
    db.close()
    db = open_database(data_dir)
    try:
        assert db.clock.last == last
        assert db.clock.now() > str(last)
    finally:
        db.close()


def test_a_database_replaced_by_an_older_copy_starts_a_new_incarnation(data_dir, tmp_path):
    db = open_database(data_dir)
    with db.unit_of_work("a") as uow:
        uow.session.add(Community(name="备份前"))
    db.close()
    old_copy = tmp_path / "old.sqlite3"
    shutil.copy(data_dir.database, old_copy)
    db = open_database(data_dir)
    first = db.identity
    with db.unit_of_work("a") as uow:
        uow.session.add(Community(name="备份后"))
    db.close()
    # The user copies the old file back by hand (WAL already checkpointed on close).
    shutil.copy(old_copy, data_dir.database)
    db = open_database(data_dir)
    try:
        assert db.identity.device_id == first.device_id
        assert db.identity.incarnation == first.incarnation + 1
        with db.unit_of_work("a") as uow:
            uow.session.add(Community(name="恢复后"))
        with db.reading() as s:
            stamp = s.execute(select(Community.created_hlc).where(
                Community.name == "恢复后")).scalar_one()
        assert stamp.endswith(f"{first.device_id}.{first.incarnation + 1}")
    finally:
        db.close()
