"""The worked example (tests/votes/printing/worked.py) and reading PDFs back."""

from __future__ import annotations

import subprocess

import pytest

from tests.votes.printing.worked import build


@pytest.fixture
def example(db):
    return build(db)


def pdf_text(data: bytes, tmp_path, name: str = "out.pdf", layout: bool = False,
             page: int | None = None) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    args = ["pdftotext"] + (["-layout"] if layout else [])
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pages(text: str) -> list[str]:
    """pdftotext's pages (it ends each with a form feed)."""
    return text.split("\f")[:-1]


def squeeze(text: str) -> str:
    """Without any whitespace: a figure wrapped across lines still reads as one."""
    return "".join(text.split())


def fonts_embedded(data: bytes, tmp_path) -> list[tuple[str, str]]:
    """(font name, emb) of every font pdffonts lists."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    found = []
    for line in out:
        parts = line.split()
        # name type [encoding words…] emb sub uni object ID: emb is the 5th from the end
        found.append((parts[0], parts[-5]))
    return found
