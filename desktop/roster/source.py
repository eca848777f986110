"""The roster page's one door to the query and search core (desktop.roster.query / .search).

Qt-free (it lives in the core so the no-Qt test covers it): every method opens a short read
session, asks the core, and returns plain data (ids, row dataclasses, tuples). The page calls
the quick ones (ids, a page of rows) on the UI thread and the slow ones (building the search
index, the overview) on the database lane.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select

from desktop.core.files import write_private_text
from desktop.roster.models import Resident, Tag
from desktop.roster.place_tree import place_tree
from desktop.roster.query import household_ids
from desktop.roster.query_rows import household_rows, resident_rows
from desktop.roster.views import (
    HouseholdRow,
    PlaceNode,
    PlaceScope,
    ResidentFilter,
    ResidentRow,
    SortSpec,
)
from desktop.storage.database import Database

ORDER_FILE = "roster-order.cache"
ORDER_VERSION = "linli-roster-order-1"
SMALL_ROSTER = 20_000  # below this, SQLite sorts the whole roster in well under 50 ms


def _is_default(flt: ResidentFilter, sort: SortSpec) -> bool:
    return replace(flt, text="") == ResidentFilter() and sort == SortSpec()


def _is_narrow(scope: PlaceScope) -> bool:
    return scope.compound_id is not None or scope.building_id is not None


class RosterSource:
    def __init__(self, db: Database) -> None:
        from desktop.roster.query import RosterQuery

        self.db = db
        self.query = RosterQuery()
        self._lock = threading.Lock()
        self.last_query_ms = 0.0  # the last resident_ids call, whatever answered it
        self.last_sql_ms: float | None = None  # the last one that had to ask SQLite
        self._residents: int | None = None

    @property
    def index(self) -> Any:
        return self.query.index

    # -- search index ------------------------------------------------------------------------

    def build_index(self, _task_ctx=None) -> Any:
        """Build the search index (seconds at 200k: the database lane)."""
        from desktop.roster.search import SearchIndex

        with self.db.reading() as session:
            return SearchIndex.build(session)

    def set_index(self, index: Any) -> None:
        self.query.index = index

    def update_index(self, resident_ids: set[str]) -> None:
        if self.index is None or not resident_ids:
            return
        with self._lock, self.db.reading() as session:
            self.index.update(session, resident_ids)

    def invalidate(self, changes=None) -> None:
        """Forget cached id lists after ``changes`` (None: anything may have changed)."""
        self.query.invalidate(changes)

    # -- queries ---------------------------------------------------------------------------

    def is_fast(self, flt: ResidentFilter, sort: SortSpec) -> bool:
        """True when the ids come from memory (only the text changed since the last query)."""
        return self.query.is_cached(flt, sort)

    def is_quick(self, flt: ResidentFilter, sort: SortSpec) -> bool:
        """Whether ``resident_ids`` answers quickly enough for the UI thread (< ~50 ms), or
        should run on the database lane. Measured at 200,000 residents: a compound or building
        takes SQLite ~5 ms (its indexes lead), the whole community 0.6–1.5 s (every row is
        joined and sorted)."""
        if self.query.is_cached(flt, sort):
            return True
        if _is_default(flt, sort) and self._order_valid(self._order_key(sort)):
            return True
        return self.is_small() or _is_narrow(flt.scope)

    def households_quick(self, scope: PlaceScope) -> bool:
        return self.is_small() or _is_narrow(scope)

    def is_small(self) -> bool:
        return self.resident_count() < SMALL_ROSTER

    def resident_count(self) -> int:
        if self._residents is None:
            with self.db.reading() as session:
                self._residents = session.execute(
                    select(func.count()).select_from(Resident)).scalar_one()
        return self._residents

    def resident_ids(self, flt: ResidentFilter, sort: SortSpec) -> list[str]:
        start = time.perf_counter()
        remember = False
        if not self.query.is_cached(flt, sort) and _is_default(flt, sort):
            key = self._order_key(sort)
            ordered = self._read_order(key)
            if ordered is not None:
                self._seed(flt, sort, ordered)
            else:
                remember = not flt.text  # then the answer is the whole ordered list
        asks_sql = not self.query.is_cached(flt, sort)
        with self.db.reading() as session:
            ids = self.query.ids(session, flt, sort)
        if asks_sql:
            self.last_sql_ms = (time.perf_counter() - start) * 1000
        if remember:
            self._write_order(key, ids)
        self.last_query_ms = (time.perf_counter() - start) * 1000
        return ids

    # -- the opening order, kept between sessions ------------------------------------------
    #
    # Sorting 200,000 residents by address takes SQLite most of a second (joins on text keys),
    # too long for opening the page. The unfiltered list in address order is kept in a file
    # beside the database, stamped with the clock's last stamp: any write through a unit of
    # work advances the clock, so an equal stamp means the list is still exact.

    def _order_path(self):
        return self.db.path.with_name(ORDER_FILE)

    def _order_key(self, sort: SortSpec) -> str:
        return "|".join((ORDER_VERSION, str(self.db.clock.last), str(self.db.path),
                         dt.date.today().isoformat(), sort.column, str(sort.descending)))

    def _order_valid(self, key: str) -> bool:
        try:
            with self._order_path().open(encoding="utf-8") as f:
                return f.readline().rstrip("\n") == key
        except (OSError, UnicodeError):
            return False

    def _read_order(self, key: str) -> list[str] | None:
        try:
            text = self._order_path().read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            return None
        head, _sep, body = text.partition("\n")
        if head != key:
            return None
        return body.split("\n") if body else []

    def opening_guess(self, flt: ResidentFilter, sort: SortSpec) -> list[str] | None:
        """The last kept opening order even if edits have made it stale, for painting the
        page at once while the exact list is read (rows are always read fresh by id, so a
        stale list can only miss someone new or still show someone who just moved out, for
        the second until the exact list replaces it). None when there is nothing usable."""
        if flt.text or not _is_default(flt, sort):
            return None
        try:
            text = self._order_path().read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            return None
        head, _sep, body = text.partition("\n")
        version, _clock, path, _day, *sorting = head.split("|")
        wanted = self._order_key(sort).split("|")
        if (version, path, sorting) != (wanted[0], wanted[2], wanted[4:]) or not body:
            return None
        return body.split("\n")

    def _write_order(self, key: str, ordered: list[str]) -> None:
        if key != self._order_key(SortSpec()):
            return  # written to meanwhile: the list may be stale already
        path = self._order_path()
        tmp = path.with_suffix(".tmp")
        try:
            write_private_text(tmp, key + "\n" + "\n".join(ordered))
            os.replace(tmp, path)
        except OSError:
            pass  # only a speed-up

    def _seed(self, flt: ResidentFilter, sort: SortSpec, ordered: list[str]) -> None:
        self.query.seed(flt, sort, ordered)

    def resident_rows(self, ids: Sequence[str]) -> list[ResidentRow]:
        if not ids:
            return []
        with self.db.reading() as session:
            return list(resident_rows(session, list(ids)))

    def household_ids(self, scope: PlaceScope, text: str, sort: SortSpec) -> list[str]:
        with self.db.reading() as session:
            return list(household_ids(session, scope, text, sort, self.index))

    def household_rows(self, ids: Sequence[str]) -> list[HouseholdRow]:
        if not ids:
            return []
        with self.db.reading() as session:
            return list(household_rows(session, list(ids)))

    def place_tree(self) -> PlaceNode:
        with self.db.reading() as session:
            return place_tree(session)

    def tags(self) -> list[tuple[str, str | None, str]]:
        """(id, code, name) of every tag: the built-in ones first, then the user's."""
        with self.db.reading() as session:
            rows = session.execute(
                select(Tag.id, Tag.code, Tag.name).where(Tag.deleted.is_(False))
            ).all()
        return sorted(((r[0], r[1], r[2]) for r in rows),
                      key=lambda r: (r[1] is None, r[2] or ""))
