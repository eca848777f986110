"""The roster search's fixed query set, and a measurement of the Qt-free core.

``fixed_queries(session)`` picks ~80 searches from the dataset itself (the same seed gives the
same set: rows are chosen by content, never by their random keys): one-character surnames,
two- and three-character names, pinyin initials and full pinyin, traditional input, phone
fragments, ID-number suffixes (with X), address shorthand and household numbers.
``keystrokes(query)`` is every prefix, as typed one key at a time.

    python tests/benchmarks/roster_queries.py [--residents N]

prints, as JSON lines: index build time, match() and cached-narrowing times per keystroke
(p50/p95), resident_ids uncached, a resident_rows page, and RSS after the build.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.roster.models import (  # noqa: E402
    Building,
    Dwelling,
    Household,
    Resident,
)
from desktop.roster.pinyin import initials_of, syllable_spellings  # noqa: E402

_LIVING = (Resident.deleted.is_(False), Resident.moved_out.is_(False),
           Resident.deceased.is_(False))


def fixed_queries(session: Session) -> list[str]:
    """A deterministic set of ~80 searches drawn from the roster in ``session``."""
    queries: list[str] = []
    first = func.substr(Resident.name, 1, 1)
    surnames = session.execute(
        select(first, func.count())
        .where(*_LIVING).group_by(first).order_by(func.count().desc(), first).limit(8)
    ).all()
    queries += [s for s, _n in surnames]
    queries += [s for s in ("曾", "单") if s not in queries]
    two = _names_of_length(session, 2, 8)
    three = _names_of_length(session, 3, 8)
    queries += two + three
    queries += [initials_of(syllable_spellings(name)[0]) for name in (two[:3] + three[:5])]
    queries += ["".join(syllable_spellings(name)[0]) for name in (two[3:6] + three[5:8])]
    queries += _traditional(two + three)[:4]
    phones = session.execute(
        select(Resident.phone).where(*_LIVING, Resident.phone != "")
        .order_by(Resident.id_number).limit(400)
    ).scalars().all()[::50]
    for number, phone in enumerate(phones):
        cut = (phone[-4:], phone[3:8], phone[5:11], phone[:7])[number % 4]
        queries.append(cut)
    id_numbers = session.execute(
        select(Resident.id_number).where(*_LIVING, Resident.id_number != "")
        .order_by(Resident.id_number).limit(600)
    ).scalars().all()[::100]
    queries += [n[-(4 + k % 3):] for k, n in enumerate(id_numbers)]
    with_x = session.execute(
        select(Resident.id_number).where(*_LIVING, Resident.id_number.like("%X"))
        .order_by(Resident.id_number).limit(3)
    ).scalars().all()
    queries += [with_x[0][-4:], with_x[1][-6:].lower(), with_x[2][-5:]] if len(with_x) == 3 \
        else []
    queries += _addresses(session)
    numbers = session.execute(
        select(Household.number).where(Household.deleted.is_(False), Household.number != "")
        .order_by(Household.number).limit(1000)
    ).scalars().all()[::250]
    queries += numbers
    return list(dict.fromkeys(q for q in queries if q))


def keystrokes(query: str) -> list[str]:
    """The search box's text after each key: "zs" → ["z", "zs"]."""
    return [query[:end] for end in range(1, len(query) + 1)]


def _names_of_length(session: Session, length: int, count: int) -> list[str]:
    names = session.execute(
        select(Resident.name).where(*_LIVING, func.length(Resident.name) == length)
        .group_by(Resident.name).order_by(func.count().desc(), Resident.name).limit(count * 5)
    ).scalars().all()
    return names[::5][:count]


def _traditional(names: list[str]) -> list[str]:
    import opencc

    converter = opencc.OpenCC("s2t")
    return [t for t in (converter.convert(n) for n in names) if t not in names]


def _addresses(session: Session) -> list[str]:
    shapes = ("{b}-{u}-{r}", "{b}栋{u}单元{r}", "{b}-{r}", "{b}幢{u}单元{r}室")
    found = []
    for k, building in enumerate((2, 3, 5, 7, 8, 11, 4, 6)):
        row = session.execute(
            select(Dwelling.unit, Dwelling.room)
            .join(Building, Dwelling.building_id == Building.id)
            .where(Building.sort_key == building, Building.deleted.is_(False),
                   Dwelling.deleted.is_(False))
            .order_by(Dwelling.unit.desc(), Dwelling.room.desc()).limit(1)
        ).first()
        if row is not None:
            found.append(shapes[k % len(shapes)].format(b=building, u=row.unit, r=row.room))
    return found


# -- measuring the core ---------------------------------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def measure_core(db) -> list[dict]:
    from desktop.roster.query import RosterQuery
    from desktop.roster.query_rows import resident_rows
    from desktop.roster.search import SearchIndex
    from desktop.roster.views import ResidentFilter, SortSpec

    figures = []
    with db.reading() as session:
        rss_before = _rss_mb()
        start = time.perf_counter()
        index = SearchIndex.build(session)
        figures.append(("search_index_build_s", time.perf_counter() - start, "s"))
        figures.append(("search_index_rss_mb", _rss_mb() - rss_before, "MB"))
        queries = fixed_queries(session)
        typed = [k for q in queries for k in keystrokes(q)]
        figures.append(("search_queries", len(queries), "queries"))
        figures.append(("search_keystrokes", len(typed), "keystrokes"))
        query = RosterQuery(index)
        start = time.perf_counter()
        everyone = query.ids(session, ResidentFilter(), SortSpec())
        figures.append(("resident_ids_uncached_ms", (time.perf_counter() - start) * 1000, "ms"))
        match_ms, typing_ms = [], []
        for text in typed:
            start = time.perf_counter()
            index.match(text)
            match_ms.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            query.ids(session, ResidentFilter(text=text), SortSpec())
            typing_ms.append((time.perf_counter() - start) * 1000)
        for name, samples in (("search_match", match_ms), ("resident_ids_cached", typing_ms)):
            p50, p95 = _percentiles(samples)
            figures += [(f"{name}_p50_ms", p50, "ms"), (f"{name}_p95_ms", p95, "ms"),
                        (f"{name}_max_ms", max(samples), "ms")]
        page_ms = []
        for offset in range(0, len(everyone), len(everyone) // 10):
            start = time.perf_counter()
            resident_rows(session, everyone[offset:offset + 100])
            page_ms.append((time.perf_counter() - start) * 1000)
        figures.append(("resident_rows_page100_ms", statistics.median(page_ms), "ms"))
        figures.append(("rss_after_build_mb", _rss_mb(), "MB"))
    return [{"name": n, "value": round(v, 3), "unit": u} for n, v, u in figures]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=200_000)
    parser.add_argument("--show", action="store_true", help="print the query set too")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import dataset  # the cached standard dataset

    from desktop.storage.lifecycle import open_database

    db = open_database(dataset(args.residents))
    try:
        if args.show:
            with db.reading() as session:
                print(json.dumps(fixed_queries(session), ensure_ascii=False))
        for fig in measure_core(db):
            print(json.dumps(fig, ensure_ascii=False), flush=True)
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
