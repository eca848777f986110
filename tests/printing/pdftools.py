"""Run poppler's tools on real PDFs (tests skip when poppler-utils is missing)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")


def write(tmp_path: Path, pdf: bytes, name: str = "out.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def text(path: Path, *, page: int | None = None) -> str:
    need("pdftotext")
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def fonts(path: Path) -> list[dict]:
    need("pdffonts")
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                         text=True).stdout.splitlines()[2:]
    rows = []
    for line in out:
        parts = line.split()
        # name type… encoding emb sub uni object ID: the flags are the 5th–3rd from the end
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return rows


def info(path: Path) -> dict[str, str]:
    need("pdfinfo")
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                         text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pages(path: Path) -> int:
    return int(info(path)["Pages"])


def assert_embedded_subsets(path: Path) -> None:
    rows = fonts(path)
    assert rows, "no fonts in the PDF"
    for row in rows:
        assert row["emb"] == "yes" and row["sub"] == "yes", row


def has_page_number(text_of_page: str, number: int) -> bool:
    """"— 1 —" (pdftotext may drop the thin spaces around the number)."""
    import re

    return re.search(rf"—\s*{number}\s*—", text_of_page) is not None
