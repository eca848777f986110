"""Bundles on the standard 200k dataset.

bundle_export_200k_s        a full bundle of the 200k roster: collect, encode, compress, encrypt,
                            sign, write atomically and read back (median of 3)
bundle_size_200k_mb         its size on disk
bundle_import_empty_200k_s  that bundle into an empty database (one transaction; 2 samples)
bundle_reimport_200k_s      the same data again (two later bundles of it): nothing changes
bundle_merge_10k_s          a delta of 10,000 edited residents into the 200k copy
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from run import benchmark, dataset, figure

PASS = "benchmark-passphrase"


def _open(root: Path, name: str):
    from desktop.core.paths import DataDir
    from desktop.storage.lifecycle import open_database

    return open_database(DataDir(root).prepare(), device_name=name)


@benchmark("bundle", figures=("bundle_export_*_s", "bundle_size_*_mb",
                             "bundle_import_empty_*_s", "bundle_reimport_*_s",
                             "bundle_merge_10k_s"))
def bench_bundle(args) -> list[dict]:
    from sqlalchemy import select

    from desktop.core.tasks import TaskContext
    from desktop.roster.models import Resident
    from desktop.storage.schema import HEAD_REVISION
    from desktop.sync.bundle.container import new_header
    from desktop.sync.bundle.keys import device_keys
    from desktop.sync.bundle.writing import write_bundle
    from desktop.sync.exchange import build_payload, current_vector, encode_payload
    from desktop.sync.transfer import ExportRequest, export_bundle, import_bundle

    residents = args.residents
    label = f"{residents // 1000}k"
    source = dataset(residents)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        office_root = tmp / "office"
        shutil.copytree(source.root, office_root)
        office = _open(office_root, "office")
        exports = []
        for n in range(3):
            start = time.perf_counter()
            summary = export_bundle(office, ExportRequest(tmp / f"full-{n}.linli", PASS),
                                    TaskContext())
            exports.append(time.perf_counter() - start)
        size_mb = summary.size_bytes / 2**20

        imports_empty, reimports = [], []
        for n in range(2):  # two empty copies: the import is the longest step, measure it twice
            laptop = _open(tmp / f"laptop-{n}", "laptop")
            start = time.perf_counter()
            import_bundle(laptop, tmp / "full-0.linli", PASS, trust_signer=True,
                          ctx=TaskContext())
            imports_empty.append(time.perf_counter() - start)
            if n == 0:
                laptop.close()
        for n in (1, 2):  # the same data again, in bundles made later: nothing changes
            start = time.perf_counter()
            result = import_bundle(laptop, tmp / f"full-{n}.linli", PASS, ctx=TaskContext())
            reimports.append(time.perf_counter() - start)
            # Only the office's audit log grew (a later bundle carries the entries of the
            # bundles made before it); the data itself is unchanged.
            assert not any(c.new or c.changed or c.deleted for table, c
                           in result.per_table.items() if table != "audit_entry")

        with office.reading() as session:
            since = current_vector(session, office.clock)
            ids = session.execute(select(Resident.id).where(Resident.deleted.is_(False))
                                  .order_by(Resident.id).limit(10_000)).scalars().all()
        with office.unit_of_work("bench") as uow:
            for n, rid in enumerate(ids):
                uow.session.get(Resident, rid).phone = f"139{n:08d}"
        with office.reading() as session:
            payload = build_payload(session, office.identity, office.clock, since=since,
                                    schema=HEAD_REVISION)
        with office.engine.begin() as conn:
            keys = device_keys(conn)
        delta = tmp / "delta.linli"
        # Marked as the demo's, as the dataset is (real and demo data never mix).
        write_bundle(delta, new_header(office.identity, "delta", summary={"demo": True}),
                     encode_payload(payload), PASS, keys)
        start = time.perf_counter()
        merged = import_bundle(laptop, delta, PASS, ctx=TaskContext())
        merge = time.perf_counter() - start
        assert merged.per_table["resident"].changed == 10_000, merged.per_table["resident"]
        office.close()
        laptop.close()
    return [
        figure(f"bundle_export_{label}_s", statistics.median(exports), "s", exports),
        figure(f"bundle_size_{label}_mb", size_mb, "MB"),
        figure(f"bundle_import_empty_{label}_s", statistics.median(imports_empty), "s",
               imports_empty),
        figure(f"bundle_reimport_{label}_s", statistics.median(reimports), "s", reimports),
        figure("bundle_merge_10k_s", merge, "s"),
    ]
