"""The fault census as tests: every hostile file, tampered bundle and leak scan must end well.

Each test prints its table (``pytest -s`` shows it); ``python -m tests.hostile.census`` prints
all three for a closing note.
"""

from __future__ import annotations

import shutil

import pytest

from tests.hostile.bundles import bundle_table, run_bundle_census
from tests.hostile.census import run_census, table
from tests.hostile.leaks import leak_table, run_scans

pytestmark = pytest.mark.slow


def test_every_hostile_file_is_refused_or_imported_cleanly_and_the_process_survives(tmp_path):
    outcomes = run_census(tmp_path)
    print("\n" + table(outcomes))
    failed = [o for o in outcomes if not (o.survived and o.clean and o.as_expected
                                          and o.database_ok)]
    assert not failed, table(outcomes)


def test_every_tampered_or_foreign_bundle_is_refused_with_the_database_unchanged(tmp_path):
    outcomes = run_bundle_census(tmp_path)
    print("\n" + bundle_table(outcomes))
    assert all(o.refused and o.clean and o.database_unchanged for o in outcomes), \
        bundle_table(outcomes)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_no_masked_paper_or_file_carries_personal_data_or_a_live_formula(tmp_path):
    outcomes = run_scans(tmp_path)
    print("\n" + leak_table(outcomes))
    assert all(o.clean for o in outcomes), leak_table(outcomes)
