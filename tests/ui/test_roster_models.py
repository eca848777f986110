"""The roster's lazy table models, cell text, bar chart and overview counts."""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from sqlalchemy import func, select

from desktop.core.i18n import set_language
from desktop.roster.models import Resident
from desktop.roster.overview import AGE_BANDS, roster_overview
from desktop.roster.views import ResidentRow
from desktop.ui.roster.bar_chart import BarChart
from desktop.ui.roster.columns import resident_cell
from desktop.ui.roster.table_model import HouseholdTableModel, ResidentTableModel
from desktop.ui.widgets import lazy_table
from desktop.ui.widgets.lazy_table import LazyTableModel


@dataclass(frozen=True)
class Item:
    id: str
    name: str


class Fetcher:
    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, ids):
        self.calls.append(list(ids))
        return [Item(i, f"name {i}") for i in reversed(ids)]  # order must not matter


def lazy(n: int, fetch=None) -> LazyTableModel:
    model = LazyTableModel(("id", "name"), {"id": "ID", "name": "Name"},
                           lambda item, column: getattr(item, column), fetch or Fetcher())
    model.set_ids([f"r{i:05d}" for i in range(n)])
    return model


def test_lazy_model_passes_the_model_tester(qtmodeltester):
    qtmodeltester.check(lazy(250))
    qtmodeltester.check(lazy(0))


def test_rows_are_fetched_a_page_at_a_time_and_few_pages_are_kept():
    fetch = Fetcher()
    model = lazy(5000, fetch)
    assert model.rowCount() == 5000
    assert fetch.calls == []  # nothing read until a cell is asked for
    assert model.data(model.index(0, 1)) == "name r00000"
    assert model.data(model.index(99, 0)) == "r00099"
    assert len(fetch.calls) == 1 and len(fetch.calls[0]) == lazy_table.PAGE_SIZE
    assert model.data(model.index(4999, 1)) == "name r04999"
    assert len(fetch.calls) == 2
    for page in range(2, 2 + lazy_table.CACHED_PAGES + 2):
        model.data(model.index(page * lazy_table.PAGE_SIZE, 0))
    calls = len(fetch.calls)
    model.data(model.index(0, 0))  # evicted long ago: read again
    assert len(fetch.calls) == calls + 1
    assert len(model._pages) <= lazy_table.CACHED_PAGES


def test_invalidate_drops_only_pages_holding_the_changed_rows():
    fetch = Fetcher()
    model = lazy(1000, fetch)
    model.data(model.index(0, 0))
    model.data(model.index(500, 0))
    model.invalidate({"r00501"})
    calls = len(fetch.calls)
    model.data(model.index(1, 0))
    assert len(fetch.calls) == calls
    model.data(model.index(502, 0))
    assert len(fetch.calls) == calls + 1


def test_header_click_asks_for_a_sort_in_sql(qtbot):
    model = lazy(10)
    with qtbot.waitSignal(model.sort_requested) as blocker:
        model.sort(1, Qt.SortOrder.DescendingOrder)
    assert blocker.args == ["name", True]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Name"
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def row(**values) -> ResidentRow:
    base = dict(id="x", name="张三", sex="2", age=81, birth_date=dt.date(1945, 1, 2),
                id_number="330106194501020027", phone="13800001234", address="3幢2单元501",
                compound="翠苑一区", household_id="h", household_number="001",
                relationship="02", residence_status="separated", ethnicity="01",
                political_status="01", work_unit="", tags=("elderly", "自定义"),
                moved_out=False, deceased=False)
    base.update(values)
    return ResidentRow(**base)


def test_codes_are_shown_translated():
    set_language("zh_Hans")
    r = row()
    assert resident_cell(r, "sex") == "女"
    assert resident_cell(r, "relationship") == "户主"
    assert resident_cell(r, "residence_status") == "人户分离"
    assert resident_cell(r, "ethnicity") == "汉族"
    assert resident_cell(r, "tags").split("、") == ["老年人", "自定义"]
    assert resident_cell(r, "age") == "81"
    assert resident_cell(r, "birth_date") == "1945-01-02"
    assert resident_cell(row(age=None), "age") == ""


def test_resident_model_greys_out_moved_out_residents(qtmodeltester):
    rows = {"a": row(id="a"), "b": row(id="b", moved_out=True)}
    model = ResidentTableModel(lambda ids: [rows[i] for i in ids])
    model.set_ids(["a", "b"])
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is not None


def test_numbers_are_right_aligned_and_text_left_aligned(qapp):
    def aligned_right(model, key):
        model.set_ids(["x"])
        flags = model.data(model.index(0, model.columns.index(key)),
                           Qt.ItemDataRole.TextAlignmentRole)
        return bool(flags & int(Qt.AlignmentFlag.AlignRight))

    residents = ResidentTableModel(lambda ids: [])
    households = HouseholdTableModel(lambda ids: [])
    assert aligned_right(residents, "age") and not aligned_right(residents, "name")
    assert aligned_right(households, "members") and aligned_right(households, "floor_area")
    assert not aligned_right(lazy(1), "name")


def test_bar_chart_paints_and_maps_clicks_to_bars(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_bars([("a", "老年人", 369), ("b", "儿童", 0), ("c", "很长很长很长的名字" * 5, 12)])
    chart.resize(400, chart.sizeHint().height())
    chart.show()
    assert not chart.grab().isNull()
    assert chart.key_at(5) == "a"
    assert chart.key_at(chart.sizeHint().height() - 5) == "c"
    assert chart.key_at(10_000) is None
    with qtbot.waitSignal(chart.activated) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(50, 5))
    assert blocker.args == ["a"]


@pytest.fixture
def demo_db(db):
    from desktop.roster.demo import generate_demo

    generate_demo(db, residents=1500)
    return db


def test_overview_counts_add_up(demo_db):
    with demo_db.reading() as session:
        overview = roster_overview(session)
        living = session.execute(select(func.count()).select_from(Resident).where(
            Resident.deleted.is_(False), Resident.moved_out.is_(False),
            Resident.deceased.is_(False))).scalar_one()
        oldest = session.execute(select(func.count()).select_from(Resident).where(
            Resident.moved_out.is_(False), Resident.deceased.is_(False),
            Resident.birth_date <= dt.date.today().replace(year=dt.date.today().year - 80))
        ).scalar_one()
    assert overview.counts.residents == 1500
    assert sum(b.count for b in overview.age_bands) == living
    assert [b.key for b in overview.age_bands][:len(AGE_BANDS)] == [
        "0-6", "7-13", "14-17", "18-59", "60-79", "80-"]
    assert overview.age_bands[5].count == oldest
    assert sum(b.count for b in overview.residence_statuses) == living
    assert sum(b.count for b in overview.compounds) == sum(b.count for b in overview.buildings)
    assert sum(b.count for b in overview.compounds) <= living
    assert {b.key for b in overview.tags} >= {"elderly", "child"}
    elderly = next(b for b in overview.tags if b.key == "elderly")
    assert 0 < elderly.count < living


def test_the_opening_order_is_kept_between_sessions_until_the_roster_changes(demo_db):
    from desktop.roster.source import ORDER_FILE, RosterSource
    from desktop.roster.views import ResidentFilter, SortSpec

    first = RosterSource(demo_db)
    assert not first.is_quick(ResidentFilter(), SortSpec()) or first.is_small()
    ids = first.resident_ids(ResidentFilter(), SortSpec())
    assert demo_db.path.with_name(ORDER_FILE).exists()
    if os.name == "posix":  # other local users cannot read it (the data folder's rule)
        assert stat.S_IMODE(demo_db.path.with_name(ORDER_FILE).stat().st_mode) == 0o600

    second = RosterSource(demo_db)
    assert second.is_quick(ResidentFilter(), SortSpec())
    assert second.query.is_cached(ResidentFilter(), SortSpec()) is False
    assert second.resident_ids(ResidentFilter(), SortSpec()) == ids
    assert second.query.is_cached(ResidentFilter(), SortSpec())

    with demo_db.unit_of_work("test") as uow:  # any stamped write makes the kept order stale
        person = uow.session.get(Resident, ids[0])
        person.moved_out = True
    third = RosterSource(demo_db)
    assert not third._order_valid(third._order_key(SortSpec()))
    assert ids[0] not in third.resident_ids(ResidentFilter(), SortSpec())


def test_a_stale_opening_order_is_offered_only_for_the_plain_opening_view(demo_db):
    from desktop.roster.source import RosterSource
    from desktop.roster.views import PlaceScope, ResidentFilter, SortSpec

    source = RosterSource(demo_db)
    assert source.opening_guess(ResidentFilter(), SortSpec()) is None  # nothing kept yet
    ids = source.resident_ids(ResidentFilter(), SortSpec())
    with demo_db.unit_of_work("test") as uow:
        uow.session.get(Resident, ids[0]).moved_out = True
    later = RosterSource(demo_db)
    # Stale now, but still yesterday's order to paint at once; the exact list drops ids[0].
    assert later.opening_guess(ResidentFilter(), SortSpec()) == ids
    assert ids[0] not in later.resident_ids(ResidentFilter(), SortSpec())
    assert later.opening_guess(ResidentFilter(text="张"), SortSpec()) is None
    assert later.opening_guess(ResidentFilter(), SortSpec("name")) is None
    some_compound = PlaceScope(compound_id="x")
    assert later.opening_guess(ResidentFilter(scope=some_compound), SortSpec()) is None
