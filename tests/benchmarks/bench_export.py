"""Roster export on the standard dataset: every resident (moved-out and deceased included),
the default columns, unmasked, in roster (address) order, written to a real file.

export_200k_s      .xlsx (one sheet), median of --repeat runs
export_csv_200k_s  .csv, UTF-8 with BOM
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from run import benchmark, dataset, figure


def _label(residents: int) -> str:
    return f"{residents // 1000}k" if residents % 1000 == 0 else str(residents)


@benchmark("export", figures=("export_*_s", "export_csv_*_s"))
def bench_export(args) -> list[dict]:
    from desktop.core.i18n import set_language
    from desktop.core.tasks import TaskContext
    from desktop.roster.exporting.export import ExportOptions, export_residents
    from desktop.roster.views import ResidentFilter
    from desktop.storage.lifecycle import open_database

    set_language("zh_Hans")
    db = open_database(dataset(args.residents))
    figures = []
    try:
        for fmt, name in (("xlsx", "export"), ("csv", "export_csv")):
            options = ExportOptions(format=fmt, mask=False,
                                    filter=ResidentFilter(include_inactive=True))
            samples = []
            with tempfile.TemporaryDirectory() as tmp:
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    summary = export_residents(db, Path(tmp) / f"roster.{fmt}", options,
                                               TaskContext())
                    samples.append(time.perf_counter() - start)
            if summary.rows != args.residents:
                raise SystemExit(f"exported {summary.rows} of {args.residents} residents")
            figures.append(figure(f"{name}_{_label(args.residents)}_s",
                                  statistics.median(samples), "s", samples))
    finally:
        db.close()
    return figures
