"""``linli campaign list / export-visits / report / walk-list`` in their own processes on a real
data folder: the files the app writes, and a clear one-line error (no traceback, exit non-zero)
for a campaign or visitor that is not there."""

from __future__ import annotations

import subprocess

import openpyxl

from tests.roster.importing.hostile import run_linli


def test_list_one_campaign_a_line_name_tab_period_progress(story, data_dir):
    done = run_linli("campaign", "list", "--data-dir", str(data_dir.root))
    assert done.returncode == 0, done.stderr
    doors = len(story.setup.doors)
    name, rest = done.stdout.strip().split("\t", 1)
    assert name == "外墙维修入户走访"
    assert "\t" not in rest  # one tab: the name, then the period and progress
    assert "2026" in rest and f"6 of {doors} doors done" in rest and "7 visited" in rest


def test_export_report_and_walk_list(story, data_dir, tmp_path):
    root = str(data_dir.root)
    out = tmp_path / "visits.xlsx"
    done = run_linli("campaign", "export-visits", "外墙维修入户走访", "--out", str(out),
                     "--data-dir", root)
    assert done.returncode == 0, done.stderr
    assert "12 visits" in done.stdout
    rows = list(openpyxl.load_workbook(out)["Visits"].iter_rows(values_only=True))
    assert len(rows) == 13 and "139****5678" in [c for r in rows for c in r]
    done = run_linli("campaign", "export-visits", "外墙维修入户走访", "--out", str(out),
                     "--unmasked", "--data-dir", root)
    assert done.returncode == 0, done.stderr
    cells = [c for r in openpyxl.load_workbook(out)["Visits"].iter_rows(values_only=True)
             for c in r]
    assert "13912345678" in cells
    pdf = tmp_path / "report.pdf"
    done = run_linli("campaign", "report", "外墙维修入户走访", "--out", str(pdf),
                     "--data-dir", root)
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    walk = tmp_path / "walk.pdf"
    done = run_linli("campaign", "walk-list", "外墙维修入户走访", "--visitor", "李网格",
                     "--out", str(walk), "--data-dir", root)
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", "-layout", str(walk), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "李网格" in text and "张志愿" not in text


def test_unknown_campaign_or_visitor_is_a_clear_error(story, data_dir, tmp_path):
    root = str(data_dir.root)
    done = run_linli("campaign", "report", "没有这个", "--out", str(tmp_path / "r.pdf"),
                     "--data-dir", root)
    assert done.returncode != 0
    assert "No campaign is named 没有这个" in done.stderr and "外墙维修入户走访" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "r.pdf").exists()
    done = run_linli("campaign", "walk-list", "外墙维修入户走访", "--visitor", "王五",
                     "--out", str(tmp_path / "w.pdf"), "--data-dir", root)
    assert done.returncode != 0 and "王五" in done.stderr and "李网格" in done.stderr
    assert "Traceback" not in done.stderr
    done = run_linli("campaign", "export-visits", "外墙维修入户走访", "--out",
                     str(tmp_path / "no" / "such" / "v.xlsx"), "--data-dir", root)
    assert done.returncode != 0 and "does not exist" in done.stderr
    assert "Traceback" not in done.stderr
