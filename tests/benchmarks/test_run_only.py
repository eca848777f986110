"""``run.py --only NAME`` takes a benchmark's key or the name of a figure it prints."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def run():
    spec = importlib.util.spec_from_file_location("linli_bench_run_under_test", HERE / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    saved = sys.modules.get("run")
    try:
        spec.loader.exec_module(module)
        sys.modules["run"] = module  # the feature files write "from run import benchmark"
        module._load_feature_benchmarks()
        yield module
    finally:
        sys.modules.pop(spec.name, None)
        if saved is None:
            sys.modules.pop("run", None)
        else:
            sys.modules["run"] = saved


@pytest.mark.parametrize("name, key", [
    ("roster_pdf_10k_s", "printing"),  # begins with another benchmark's key: not that one
    ("notice_render_ms", "printing"),
    ("search_p95_ms", "roster"),
    ("export_csv_200k_s", "export"),
    ("bundle_merge_10k_s", "bundle"),
    ("startup_2k_s", "startup"),
    ("printing", "printing"),
    ("roster", "roster"),
])
def test_only_runs_the_benchmark_of_a_key_or_figure(run, name, key):
    assert run.chosen_benchmarks([name]) == [key]


def test_an_unknown_name_runs_nothing_and_no_name_runs_all(run):
    assert run.chosen_benchmarks(["roster_pdf"]) == []
    assert run.chosen_benchmarks(None) == list(run.BENCHMARKS)


def test_every_figure_a_benchmark_file_prints_is_declared(run):
    """Read from the sources: a new figure without its declaration fails here, not in a run."""
    for path in [HERE / "run.py", *sorted(HERE.glob("bench_*.py"))]:
        for literal in re.findall(r'figure\(\s*f?"([^"]+)"', path.read_text("utf-8")):
            if "{name}" in literal:  # bench_export: one name per format
                names = [literal.replace("{name}", n) for n in ("export", "export_csv")]
            else:
                names = [literal]
            for name in names:
                example = re.sub(r"\{[^}]*\}", "200k", name)
                assert run.chosen_benchmarks([example]), (path.name, literal)
