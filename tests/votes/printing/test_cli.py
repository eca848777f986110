"""``linli vote ballots | notice | export | share`` in their own processes on a real data
folder: the files they write, and a one-line error (exit 2, no traceback, no file) for a vote,
scope or amount that is wrong."""

from __future__ import annotations

from decimal import Decimal

import openpyxl

from tests.roster.importing.hostile import run_linli
from tests.votes.printing.conftest import pages, pdf_text, squeeze


def _one_line_error(done) -> str:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_ballots_notice_and_export(example, data_dir, db, tmp_path):
    root = str(data_dir.root)
    db.close()  # the commands open the folder themselves
    out = tmp_path / "ballots.pdf"
    done = run_linli("vote", "ballots", "3幢加装电梯", "--out", str(out), "--data-dir", root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote {out}: 12 ballots."
    assert len(pages(pdf_text(out.read_bytes(), tmp_path))) == 6
    notice = tmp_path / "notice.pdf"
    done = run_linli("vote", "notice", "3幢加装电梯", "--out", str(notice), "--post",
                     "--data-dir", root)
    assert done.returncode == 0, done.stderr
    assert "heldby9owners" in squeeze(pdf_text(notice.read_bytes(), tmp_path))
    sheet = tmp_path / "result.xlsx"
    done = run_linli("vote", "export", "3幢加装电梯", "--out", str(sheet), "--data-dir", root)
    assert done.returncode == 0, done.stderr
    rows = list(openpyxl.load_workbook(sheet).active.iter_rows(values_only=True))
    assert len(rows) == 13
    assert rows[0][:8] == ("No.", "Ballot no.", "Building", "Unit", "Room",
                           "Exclusive area (m²)", "Owner", "Opinion")
    opinions = [r[7] for r in rows[1:]]
    assert opinions.count("Agree") == 8 and opinions.count("No ballot yet") == 2
    assert "agree" not in opinions  # labels, not codes


def test_share_to_xlsx_and_pdf(example, data_dir, db, tmp_path):
    root = str(data_dir.root)
    db.close()
    sheet = tmp_path / "share.xlsx"
    done = run_linli("vote", "share", "--amount", "700000", "--compound", "翠苑一区",
                     "--building", "3幢", "--out", str(sheet), "--data-dir", root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote {sheet}: 700,000.00 yuan over 12 dwellings."
    rows = list(openpyxl.load_workbook(sheet).active.iter_rows(values_only=True))
    assert sum(Decimal(str(r[5])) for r in rows[1:-1]) == Decimal("700000.00")
    pdf = tmp_path / "share.pdf"
    done = run_linli("vote", "share", "--amount", "700000", "--building", "3幢", "--unit", "1",
                     "--out", str(pdf), "--data-dir", root)
    assert done.returncode == 0, done.stderr
    assert "over 6 dwellings" in done.stdout


def test_bad_input_is_one_line_and_writes_nothing(example, data_dir, db, tmp_path):
    root = str(data_dir.root)
    db.close()
    out = tmp_path / "x.pdf"
    line = _one_line_error(run_linli("vote", "ballots", "没有这个表决", "--out", str(out),
                                     "--data-dir", root))
    assert "没有这个表决" in line
    line = _one_line_error(run_linli("vote", "share", "--amount", "7万", "--building", "3幢",
                                     "--out", str(out), "--data-dir", root))
    assert "7万" in line
    line = _one_line_error(run_linli("vote", "share", "--amount", "100", "--out", str(out),
                                     "--data-dir", root))
    assert "--compound" in line
    line = _one_line_error(run_linli("vote", "share", "--amount", "100", "--building", "3幢",
                                     "--out", str(tmp_path / "x.csv"), "--data-dir", root))
    assert ".xlsx" in line
    assert list(tmp_path.glob("x.*")) == []
