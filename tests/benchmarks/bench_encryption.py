"""The cost of the encrypted database (issue 20), measured against plain in the same run.

unlock_s                  sign in: the key unwrapped from the operator's password (scrypt)
                          and the encrypted 200k database opened with it (≤ 0.5)
encrypt_existing_200k_s   a plain 200k database converted in place, verified (≤ 5)
<figure>_encrypted        startup_200k_s, roster_first_paint_ms, search_p95_ms, import_100k_s
                          and bundle_import_empty_200k_s measured on encrypted databases
<figure>_encrypted_ratio  encrypted / plain (≤ 1.5): each pair measured in turns, plain then
                          encrypted, each in a fresh process (``run.py --only KEY
                          [--encrypted]``), the medians of the pairs' runs compared
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import _label, benchmark, dataset, figure

COMPARED = {  # benchmark key → the figures of it compared
    "startup": ("startup_{label}_s",),
    "roster": ("roster_first_paint_ms", "search_p95_ms"),
    "import": ("import_100k_s",),
    "bundle": ("bundle_import_empty_{label}_s",),
}
RUN = Path(__file__).with_name("run.py")


def _figures(key: str, residents: int, repeat: int, encrypted: bool) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(RUN), "--residents", str(residents), "--repeat", str(repeat),
         "--only", key, *(["--encrypted"] if encrypted else [])],
        capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{key} (encrypted: {encrypted}) failed: {out.stderr[-2000:]}")
    return {fig["name"]: fig["value"] for fig in map(json.loads, out.stdout.splitlines())
            if fig.get("name")}


def _unlock(residents: int, repeat: int) -> list[float]:
    import encrypted

    from desktop.security.keyslots import load_slots, unwrap
    from desktop.storage.lifecycle import open_database

    data_dir = encrypted.encrypted_copy(dataset(residents),
                                        dataset(residents).root.with_name(
                                            dataset(residents).root.name + "-enc"))
    samples = []
    for _ in range(max(repeat, 5)):
        start = time.perf_counter()
        key = unwrap(load_slots(data_dir.keys_file), encrypted.OPERATOR, encrypted.PASSWORD)
        db = open_database(data_dir, key=key)
        samples.append(time.perf_counter() - start)
        db.close()
    return samples


def _encrypt_existing(residents: int, repeat: int) -> list[float]:
    import os

    from desktop.storage.cipher import encrypt_existing

    plain = dataset(residents)
    samples = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(dir=plain.root.parent) as tmp:
            copy = Path(tmp) / plain.db_name
            shutil.copy2(plain.database, copy)
            key = os.urandom(32)
            start = time.perf_counter()
            encrypt_existing(copy, key)
            samples.append(time.perf_counter() - start)
    return samples


@benchmark("encryption", figures=("unlock_s", "encrypt_existing_*_s", "*_encrypted",
                                  "*_encrypted_ratio"))
def bench_encryption(args) -> list[dict]:
    label = _label(args.residents)
    unlock = _unlock(args.residents, args.repeat)
    converting = _encrypt_existing(args.residents, args.repeat)
    figures = [figure("unlock_s", statistics.median(unlock), "s", unlock),
               figure(f"encrypt_existing_{label}_s", statistics.median(converting), "s",
                      converting)]
    for key, names in COMPARED.items():
        plain: dict[str, list[float]] = {}
        enc: dict[str, list[float]] = {}
        for _turn in range(2):  # in turns, so a busy spell of the machine hits both
            for found, into in ((_figures(key, args.residents, args.repeat, False), plain),
                                (_figures(key, args.residents, args.repeat, True), enc)):
                for name, value in found.items():
                    into.setdefault(name, []).append(value)
        for pattern in names:
            name = pattern.format(label=label)
            p, e = statistics.median(plain[name]), statistics.median(enc[name])
            unit = "ms" if name.endswith("_ms") else "s"
            figures.append(figure(f"{name}_encrypted", e, unit, enc[name]))
            figures.append(figure(f"{name}_encrypted_ratio", e / p, "x"))
            # Said at once too (a later benchmark that fails must not take these along).
            print(f"# {name}: plain {plain[name]} encrypted {enc[name]} ratio {e / p:.2f}",
                  file=sys.stderr, flush=True)
    return figures
