"""The demo community: deterministic, valid, plausible, and all-or-nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.core.errors import Cancelled, ValidationError
from desktop.core.paths import DataDir
from desktop.core.tasks import TaskContext
from desktop.roster import codes
from desktop.roster.demo import DemoSummary, generate_demo
from desktop.roster.id_number import age_on, parse_id_number
from desktop.roster.models import (
    Building,
    Community,
    Compound,
    Dwelling,
    DwellingOwner,
    Grid,
    Household,
    Resident,
    ResidentTag,
    Tag,
)
from desktop.roster.regions import is_known_region
from desktop.storage.lifecycle import open_database

TODAY = dt.date(2026, 5, 1)
MULTI_READING_SURNAMES = set("曾单解仇区查朴乐盖覃翟")


def _open(path):
    return open_database(DataDir(path).prepare(), device_name="demo-test")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """One default-sized demo (8,000 residents) shared by the read-only checks below."""
    db = _open(tmp_path_factory.mktemp("demo") / "data")
    summary = generate_demo(db, today=TODAY)
    yield db, summary
    db.close()


def _people(db):
    with db.reading() as session:
        return session.execute(
            select(Resident.name, Resident.id_number, Resident.sex, Resident.birth_date,
                   Resident.relationship, Resident.phone, Resident.residence_status)
            .order_by(Resident.created_hlc)
        ).all()


def _places(db):
    with db.reading() as session:
        compounds = session.execute(
            select(Compound.name, Compound.kind).order_by(Compound.created_hlc)).all()
        dwellings = session.execute(
            select(Dwelling.unit, Dwelling.floor, Dwelling.room, Dwelling.floor_area)
            .order_by(Dwelling.created_hlc)).all()
    return compounds, dwellings


def test_same_seed_gives_the_same_community(db, tmp_path):
    first = generate_demo(db, residents=1500, seed=7, today=TODAY)
    other = _open(tmp_path / "other")
    try:
        second = generate_demo(other, residents=1500, seed=7, today=TODAY)
        assert first == second
        assert _people(db) == _people(other)
        assert _places(db) == _places(other)
        with db.reading() as s1, other.reading() as s2:
            ids1 = s1.execute(select(Resident.id).order_by(Resident.created_hlc)).scalars()
            ids2 = s2.execute(select(Resident.id).order_by(Resident.created_hlc)).scalars()
            assert set(ids1).isdisjoint(ids2)  # record keys are fresh UUIDs every time
    finally:
        other.close()


_DIGEST_SCRIPT = """
import datetime as dt, hashlib, sys
from pathlib import Path
from sqlalchemy import select
from desktop.core.paths import DataDir
from desktop.storage.lifecycle import open_database
from desktop.roster.demo import generate_demo
from desktop.roster.models import Resident
db = open_database(DataDir(Path(sys.argv[1])).prepare())
generate_demo(db, residents=400, seed=11, today=dt.date(2026, 5, 1))
with db.reading() as s:
    rows = s.execute(select(Resident.name, Resident.id_number, Resident.hukou_address)
                     .order_by(Resident.created_hlc)).all()
print(hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest())
db.close()
"""


def test_same_seed_same_people_in_another_process(tmp_path):
    # String hashing differs between processes: nothing may depend on set or hash order.
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    digests = set()
    for hash_seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", _DIGEST_SCRIPT, str(tmp_path / hash_seed)],
            cwd=root, capture_output=True, text=True, timeout=120,
            env=dict(os.environ, PYTHONHASHSEED=hash_seed),
        )
        assert result.returncode == 0, result.stderr
        digests.add(result.stdout.strip())
    assert len(digests) == 1


def test_another_seed_gives_other_people(db, tmp_path):
    generate_demo(db, residents=300, seed=1, today=TODAY)
    other = _open(tmp_path / "other")
    try:
        generate_demo(other, residents=300, seed=2, today=TODAY)
        names1 = [p.name for p in _people(db)]
        names2 = [p.name for p in _people(other)]
        assert names1 != names2
    finally:
        other.close()


def test_summary_matches_what_was_written(demo_db):
    db, summary = demo_db
    assert isinstance(summary, DemoSummary)
    with db.reading() as session:
        def count(model, *where):
            return session.execute(select(func.count()).select_from(model).where(*where)).scalar()

        assert summary.residents == count(Resident) == 8000
        assert summary.households == count(Household)
        assert summary.dwellings == count(Dwelling)
        assert summary.buildings == count(Building)
        assert summary.compounds == count(Compound)
        assert summary.grids == count(Grid)
        assert summary.communities == count(Community) == 1
        assert summary.owners == count(DwellingOwner)
        assert summary.resident_tags == count(ResidentTag)
        assert count(Tag, Tag.code.in_(list(codes.BUILTIN_TAGS))) == len(codes.BUILTIN_TAGS)
        community = session.execute(select(Community)).scalar_one()
        assert community.issuing_body.endswith("社区居民委员会")
        assert community.region_code == "330106" and community.subdistrict


def test_sizes_are_plausible(demo_db):
    db, summary = demo_db
    # Households of about 2.5 people; 5–10 % of dwellings empty; several kinds of compound.
    assert 8000 / 3.0 < summary.households < 8000 / 2.1
    assert 0.04 <= summary.vacant_dwellings / summary.dwellings <= 0.12
    assert summary.dwellings == summary.households + summary.vacant_dwellings
    with db.reading() as session:
        kinds = set(session.execute(select(Compound.kind)).scalars())
        assert {"commercial", "old", "reformed", "resettlement", "affordable"} <= kinds
        assert kinds <= set(codes.COMPOUND_KINDS)
        walkups = session.execute(
            select(Building.floors, Building.has_lift)
            .join(Compound, Compound.id == Building.compound_id)
            .where(Compound.kind == "old")).all()
        assert walkups and all(floors <= 7 and not lift for floors, lift in walkups)
        towers = session.execute(select(Building.floors).where(Building.floors >= 18,
                                                               Building.has_lift)).scalars()
        assert any(18 <= f <= 33 for f in towers)
        areas = session.execute(select(Dwelling.floor_area, Dwelling.exclusive_area)).all()
        assert all(isinstance(a, Decimal) and Decimal(30) < a < Decimal(200) and e < a
                   for a, e in areas)
        micro = session.execute(select(func.count()).select_from(Grid)
                                .where(Grid.parent_id.is_not(None))).scalar()
        assert 0 < micro < summary.grids


def test_more_residents_need_more_compounds(db, demo_db):
    _db, big = demo_db
    small = generate_demo(db, residents=1500, today=TODAY)
    assert small.compounds < big.compounds
    assert small.buildings < big.buildings
    # The last compound is sized to what is left, so a small demo is not a half-empty estate.
    assert small.vacant_dwellings / small.dwellings <= 0.15


def test_every_household_has_exactly_one_living_head(demo_db):
    db, _summary = demo_db
    with db.reading() as session:
        members = session.execute(
            select(Resident.household_id, Resident.relationship, Resident.deceased,
                   Resident.moved_out)).all()
    heads = Counter()
    households = set()
    for household_id, rel, deceased, moved_out in members:
        households.add(household_id)
        if rel == codes.HEAD_RELATIONSHIP and not deceased and not moved_out:
            heads[household_id] += 1
    assert None not in households
    assert all(heads[h] == 1 for h in households)
    relationships = {rel for _h, rel, _d, _m in members}
    assert relationships <= set(codes.RELATIONSHIPS)
    assert {"02", "10", "20", "30", "51", "52", "41", "42", "99"} <= relationships


def test_every_id_number_is_valid_known_and_matches_the_person(demo_db):
    db, _summary = demo_db
    with db.reading() as session:
        rows = session.execute(select(Resident.id_number, Resident.id_number_original,
                                      Resident.birth_date, Resident.sex)).all()
        outside = session.execute(select(DwellingOwner.outside_id_number)
                                  .where(DwellingOwner.resident_id.is_(None))).scalars().all()
    numbers = [r.id_number for r in rows] + outside
    assert len(numbers) == len(set(numbers))  # no two people share a number
    for number, original, birth, sex in rows:
        result = parse_id_number(number, today=TODAY)
        assert result.ok, (number, result.errors)
        assert result.warnings == ()
        assert is_known_region(number[:6])
        assert result.birth_date == birth and result.sex == sex
        if original:
            assert parse_id_number(original, today=TODAY).number == number
    for number in outside:
        assert parse_id_number(number, today=TODAY).ok and is_known_region(number[:6])
    regions = Counter(number[:4] for number in numbers)
    assert regions.most_common(1)[0][0] == "3301"  # mostly Hangzhou
    assert sum(n for prefix, n in regions.items() if not prefix.startswith("33")) > 100


def test_people_look_like_a_chinese_community(demo_db):
    db, _summary = demo_db
    with db.reading() as session:
        rows = session.execute(select(Resident.name, Resident.phone, Resident.ethnicity,
                                      Resident.political_status, Resident.birth_date,
                                      Resident.deceased, Resident.deceased_on,
                                      Resident.moved_out, Resident.moved_out_on)).all()
    names = [r.name for r in rows]
    assert all(2 <= len(n) <= 4 for n in names)
    assert sum(len(n) == 2 for n in names) > 500 and sum(len(n) == 3 for n in names) > 3000
    assert {n[0] for n in names} & MULTI_READING_SURNAMES  # the pinyin traps appear
    assert len(set(names)) > len(names) * 0.6
    phones = [r.phone for r in rows if r.phone]
    assert len(phones) == len(set(phones)) > 5000
    assert all(len(p) == 11 and p[0] == "1" and p[1] in "3456789" for p in phones)
    han = sum(r.ethnicity == "01" for r in rows) / len(rows)
    assert 0.95 < han < 1.0
    party = sum(r.political_status in ("01", "02") for r in rows) / len(rows)
    assert 0.05 <= party <= 0.09
    dead = [r for r in rows if r.deceased]
    gone = [r for r in rows if r.moved_out]
    assert dead and gone
    assert all(r.deceased_on and r.birth_date < r.deceased_on <= TODAY for r in dead)
    assert all(r.moved_out_on and r.moved_out_on <= TODAY for r in gone)
    assert all(r.deceased_on is None for r in rows if not r.deceased)


def test_tags_agree_with_the_people(demo_db):
    db, _summary = demo_db
    with db.reading() as session:
        tagged = session.execute(
            select(Tag.code, Resident.birth_date, Resident.political_status,
                   Resident.household_id, Resident.deceased, Resident.moved_out)
            .join(ResidentTag, ResidentTag.tag_id == Tag.id)
            .join(Resident, Resident.id == ResidentTag.resident_id)).all()
        living = session.execute(
            select(Resident.household_id, Resident.birth_date, Resident.political_status)
            .where(Resident.deceased.is_(False), Resident.moved_out.is_(False))).all()
    by_code = defaultdict(list)
    for row in tagged:
        assert not row.deceased and not row.moved_out
        by_code[row.code].append(row)
    assert set(by_code) == set(codes.BUILTIN_TAGS)  # every built-in group occurs
    assert all(age_on(r.birth_date, TODAY) >= 60 for r in by_code["elderly"])
    assert all(age_on(r.birth_date, TODAY) < 14 for r in by_code["child"])
    assert all(r.political_status in ("01", "02") for r in by_code["party_member"])
    living_per_household = Counter(r.household_id for r in living)
    assert all(living_per_household[r.household_id] == 1 for r in by_code["lives_alone"])
    elderly_living = sum(age_on(r.birth_date, TODAY) >= 60 for r in living)
    assert len(by_code["elderly"]) == elderly_living
    assert 0.15 <= elderly_living / len(living) <= 0.28
    party_living = sum(r.political_status in ("01", "02") for r in living)
    assert len(by_code["party_member"]) == party_living
    share = {code: len(rows) / len(living) for code, rows in by_code.items()}
    assert 0.01 <= share["disabled"] <= 0.04
    assert 0.015 <= share["new_employment"] <= 0.05
    assert share["low_income"] <= 0.02


def test_owners_hold_whole_dwellings(demo_db):
    db, _summary = demo_db
    with db.reading() as session:
        owners = session.execute(select(DwellingOwner.dwelling_id, DwellingOwner.resident_id,
                                        DwellingOwner.outside_name,
                                        DwellingOwner.share_percent)).all()
    shares = defaultdict(Decimal)
    for dwelling_id, resident_id, outside_name, share in owners:
        assert (resident_id is None) == bool(outside_name)
        shares[dwelling_id] += share
    assert all(total == Decimal(100) for total in shares.values())
    assert any(share == Decimal(50) for *_rest, share in owners)  # some couples co-own
    assert sum(r is None for _d, r, _n, _s in owners) > 100  # landlords of renters


def test_cancel_leaves_nothing_behind(db):
    ctx = TaskContext(min_interval=0)
    reports = []

    def on_progress(done, total, message):
        reports.append((done, total, message))
        if done > 0:
            ctx.cancel()

    ctx.on_progress = on_progress
    with pytest.raises(Cancelled):
        generate_demo(db, residents=3000, ctx=ctx, today=TODAY)
    assert reports and reports[0][1] == 3000
    with db.reading() as session:
        for model in (Community, Grid, Compound, Building, Dwelling, Household, Resident,
                      ResidentTag, DwellingOwner, Tag):
            assert session.execute(select(func.count()).select_from(model)).scalar() == 0
    # The database is still fine to use afterwards.
    assert generate_demo(db, residents=50, today=TODAY).residents == 50


def test_progress_reaches_the_end(db):
    seen = []
    ctx = TaskContext(on_progress=lambda d, t, m: seen.append((d, t, m)), min_interval=0)
    generate_demo(db, residents=1200, ctx=ctx, today=TODAY)
    assert seen[-1][:2] == (1200, 1200)
    done = [d for d, _t, _m in seen]
    assert done == sorted(done)
    assert all(message for _d, _t, message in seen)


def test_demo_rows_are_stamped_and_attributed(db):
    generate_demo(db, residents=100, operator="演示", today=TODAY)
    with db.reading() as session:
        rows = session.execute(select(Resident.created_hlc, Resident.created_by,
                                      Resident.deleted)).all()
    stamps = [r.created_hlc for r in rows]
    assert len(set(stamps)) == len(stamps)  # each row its own creation stamp
    assert all(r.created_by == "演示" and r.deleted is False for r in rows)
    assert max(stamps) <= str(db.clock.last)  # the clock was saved past them


@pytest.mark.parametrize("count", [0, -5])
def test_refuses_an_empty_demo(db, count):
    with pytest.raises(ValidationError):
        generate_demo(db, residents=count)


def test_the_change_set_lists_what_was_created(db):
    seen = {}
    original = db.unit_of_work

    def spying(operator=""):
        uow = original(operator)
        seen["uow"] = uow
        return uow

    db.unit_of_work = spying
    summary = generate_demo(db, residents=200, today=TODAY)
    created = seen["uow"].changes.created
    assert len(created["resident"]) == summary.residents
    assert len(created["household"]) == summary.households
    assert len(created["dwelling"]) == summary.dwellings
    assert len(created["community"]) == 1
