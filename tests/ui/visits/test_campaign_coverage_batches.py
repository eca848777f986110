"""The coverage picture of a sub-district: its buildings are drawn a batch at a time as the page
is scrolled to its end (1,000 grids drawn at once took seconds), every one in the end, once, in
walking order."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.ui.visits.campaigns.coverage_view import CoverageView
from desktop.visits.results.coverage import BuildingCoverage, Counts, Coverage


def _coverage(count: int) -> Coverage:
    buildings = []
    for b in range(count):
        # Rows as campaign_coverage reads them: door, visitor, household, building, unit,
        # floor, room, outcome, attempts, visited_at, walking order.
        rows = [(f"d{b}-{f}{r}", "v1", f"h{b}-{f}{r}", f"b{b}", "1", f, f"{f}0{r}",
                 "completed" if r == 1 else None, 1 if r == 1 else 0,
                 "2026-12-01 09:00:00.000000" if r == 1 else None, b * 100 + f * 10 + r)
                for f in range(1, 7) for r in (1, 2)]
        buildings.append(BuildingCoverage(f"b{b}", "翠苑一区", f"{b + 1}幢", rows,
                                          Counts(12, 6, 6, 6, {"completed": 6,
                                                               "not_visited": 6})))
    return Coverage("c", tuple(buildings), (), (),
                    Counts(12 * count, 6 * count, 6 * count, 6 * count, {}))


def test_a_sub_district_is_drawn_a_batch_at_a_time_as_it_is_scrolled(qtbot):
    view = CoverageView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    cover = _coverage(200)
    view.set_coverage(cover)
    QApplication.processEvents()
    drawn = len(view.grids)
    assert 0 < drawn < 200  # a screenful or so, not all 200
    assert [g.building for g in view.grids] == list(cover.buildings[:drawn])
    bar = view.scroll.verticalScrollBar()
    assert bar.maximum() > 0  # the page is longer than the window: there is somewhere to go
    for _step in range(100):
        if len(view.grids) == 200:
            break
        bar.setValue(bar.maximum())
        QApplication.processEvents()
    # Scrolled to the end: every building drawn, once, in walking order, on the page.
    assert [g.building for g in view.grids] == list(cover.buildings)
    assert view.picture_flow.count() == 200
    # A campaign of three buildings then: its page replaces the long one.
    small = _coverage(3)
    view.set_coverage(small)
    QApplication.processEvents()
    assert [g.building for g in view.grids] == list(small.buildings)
    assert view.picture_flow.count() == 3
