"""An exported file imports back with zero changes, in every format and language."""

from __future__ import annotations

import pytest

from desktop.core.i18n import set_language
from desktop.roster.exporting.columns import EXPORT_KEYS
from desktop.roster.exporting.export import ExportOptions, export_residents
from desktop.roster.importing.pipeline import dry_run, prepare_import
from desktop.roster.views import ResidentFilter


@pytest.fixture
def roster(db):
    from desktop.roster.demo import generate_demo

    generate_demo(db, residents=300)
    return db


@pytest.mark.parametrize(("language", "suffix", "encoding", "columns"), [
    ("zh_Hans", "xlsx", "utf-8-sig", EXPORT_KEYS),
    ("zh_Hant", "csv", "gbk", EXPORT_KEYS),
    ("en", "xlsx", "utf-8-sig", None),  # the default columns
])
def test_an_export_imports_back_with_zero_changes(roster, tmp_path, language, suffix, encoding,
                                                  columns):
    set_language(language)
    target = tmp_path / f"roster.{suffix}"
    options = ExportOptions(format=suffix, mask=False, encoding=encoding,
                            filter=ResidentFilter(include_inactive=True),
                            **({"columns": tuple(columns)} if columns else {}))
    summary = export_residents(roster, target, options)
    prepared = prepare_import(target)
    assert None not in prepared.mapping  # every exported column is recognised
    plan = dry_run(roster, prepared.read, "update")
    assert plan.problems == [] or all(p.severity == "warning" for p in plan.problems)
    assert plan.count("unchanged") == summary.rows
    assert (plan.count("create"), plan.count("update"), plan.errors) == (0, 0, 0)


def test_a_masked_export_is_refused_rather_than_imported(roster, tmp_path):
    target = tmp_path / "masked.xlsx"
    export_residents(roster, target, ExportOptions(format="xlsx", mask=True))
    plan = dry_run(roster, prepare_import(target).read, "update")
    assert plan.errors == len(plan.read) and plan.count("update") == 0
    assert {p.code for p in plan.problems if p.severity == "error"} == {"masked"}
