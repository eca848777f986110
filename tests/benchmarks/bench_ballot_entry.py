"""Typing ballots at the office on the Owners' votes page (issue 16).

ballot_entry_ms   p95 of entering one ballot on a 5,000-dwelling vote with 4,000 ballots in:
                  from Enter on the typed ballot code, through the dwelling found, the key 1
                  (or 2, 3) recording the ballot through the window's one write path, to the
                  tally and margin redrawn (what the office waits for before the next ballot).
                  The vote: one compound of 25 buildings × 4 units × 25 floors × 2 rooms, every
                  dwelling with an exclusive area and an outside owner, 4,000 ballots written
                  in bulk; 60 ballots typed per run (corrections among them), offscreen Qt.
Each run (``--repeat``, at least 3) gives its p95; the median of those is printed.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from run import benchmark, figure

DWELLINGS, BALLOTS, TYPED = 5_000, 4_000, 60
BUILDINGS, UNITS, FLOORS, ROOMS = 25, 4, 25, 2
TODAY = dt.date.today()


def _estate(db) -> str:
    """The compound with its owners and areas; the vote over it (its id), ballots in."""
    from sqlalchemy import select

    from desktop.roster.community import SetupAnswers, save_setup
    from desktop.roster.models import Dwelling, DwellingOwner
    from desktop.roster.places import (
        create_dwellings,
        plan_dwellings,
        save_building,
        save_compound,
    )
    from desktop.votes.service import VoteDraft, create_vote

    rng = random.Random(16)
    with db.unit_of_work("bench") as uow:
        save_setup(uow, SetupAnswers("翠苑一区社区", "", "社区办公室1", "bench"))
        compound_id = save_compound(uow, "翠苑一区", "old")
        for number in range(1, BUILDINGS + 1):
            building_id = save_building(uow, compound_id, f"{number}幢", FLOORS, UNITS, True)
            create_dwellings(uow, building_id, plan_dwellings(
                [str(u) for u in range(1, UNITS + 1)], (1, FLOORS), ROOMS))
    with db.unit_of_work("bench") as uow:
        session = uow.session
        dwellings = list(session.scalars(select(Dwelling)))
        assert len(dwellings) == DWELLINGS, len(dwellings)
        for n, dwelling in enumerate(dwellings):
            dwelling.exclusive_area = Decimal(rng.randint(4500, 14000)) / 100
            session.add(DwellingOwner(dwelling_id=dwelling.id, outside_name=f"业主{n}",
                                      outside_phone=f"138{n:08d}"))
    with db.unit_of_work("bench") as uow:
        vote_id = create_vote(uow, VoteDraft("小区电梯加装", 7, compound_id, TODAY,
                                             TODAY + dt.timedelta(days=30)))
    _bulk_ballots(db, vote_id, rng)
    return vote_id


def _bulk_ballots(db, vote_id: str, rng: random.Random) -> None:
    from sqlalchemy import select

    from desktop.storage.bulk_insert import BulkInserter
    from desktop.storage.ids import uuid7_many
    from desktop.votes.tables import Ballot, VoteDwelling

    with db.unit_of_work("bench") as uow:
        members = list(uow.session.scalars(select(VoteDwelling.dwelling_id)
                                           .where(VoteDwelling.vote_id == vote_id)
                                           .order_by(VoteDwelling.walk_order)))
        chosen = members[:BALLOTS]
        ids, stamps = uuid7_many(len(chosen)), uow.new_stamps(len(chosen))
        start = dt.datetime.now() - dt.timedelta(hours=2)
        rows = [{"id": ids[n], "created_hlc": stamps[n], "created_by": "bench",
                 "deleted": False, "vote_id": vote_id, "dwelling_id": dwelling_id,
                 "opinion": rng.choice(("agree", "agree", "agree", "against", "abstain")),
                 "cast_on": TODAY, "recorded_at": start + dt.timedelta(seconds=n),
                 "source": "office", "proxy_name": "", "replaces_id": None,
                 "recorded_by": "bench", "note": ""} for n, dwelling_id in enumerate(chosen)]
        BulkInserter().insert(uow.session.connection(), Ballot.__table__, rows)


def _type_ballots(page, runner, codes: list[str], keys) -> list[float]:
    """Each ballot: Enter on its code, then its key; the time until the tally is redrawn."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    view = page.votes.view
    entry = view.entry
    times = []
    for code, key in zip(codes, keys):
        entry.code.setText(code)  # typed: the keystrokes are the office's time, not ours
        QApplication.processEvents()
        loop = QEventLoop()
        view.entered.connect(loop.quit)
        QTimer.singleShot(10_000, loop.quit)  # never hang the benchmark
        start = time.perf_counter()
        QTest.keyClick(entry.code, Qt.Key.Key_Return)
        assert entry.elector is not None and entry.elector.code == code, entry.message.text()
        QTest.keyClick(entry.pad, key)
        loop.exec()
        times.append((time.perf_counter() - start) * 1000)
        view.entered.disconnect(loop.quit)
        assert code in entry.done, entry.message.text()
    runner.wait_idle(30)
    return times


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


@benchmark("ballot_entry", figures=("ballot_entry_ms",))
def bench_ballot_entry(args) -> list[dict]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.context import AppContext
    from desktop.core.paths import DataDir
    from desktop.core.settings import Settings
    from desktop.storage.lifecycle import open_database
    from desktop.ui.operations import Operations
    from desktop.ui.tasks import TaskRunner
    from desktop.ui.votes.page import VotesPage

    app = QApplication.instance() or QApplication([])
    keys = (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = DataDir(Path(tmp) / "d").prepare()
        db = open_database(data_dir, device_name="bench")
        runner = TaskRunner()
        try:
            vote_id = _estate(db)
            settings = Settings.load(data_dir.settings_file)
            settings.set("operator", "bench")
            ctx = AppContext(data_dir, settings, db)
            page = VotesPage(ctx, runner)
            Operations.of(runner).changed.connect(page.refresh)  # as the main window does
            page.resize(910, 512)
            page.show()
            page.activated()
            page.votes.load(vote_id)
            electors = page.votes.view.electors
            assert sum(1 for r in electors if r.opinion) == BALLOTS
            rng = random.Random(3)
            runs = []
            for _ in range(max(args.repeat, 3)):
                # Mostly dwellings not yet voted, some corrections of ballots already in.
                codes = [r.code for r in rng.sample(electors, TYPED)]
                times = _type_ballots(page, runner, codes,
                                      [keys[n % len(keys)] for n in range(TYPED)])
                runs.append(_p95(times))
            page.close()
            app.processEvents()
        finally:
            runner.shutdown()
            db.close()
    return [figure("ballot_entry_ms", statistics.median(runs), "ms", runs)]
