"""The closing of a notice (特此公示, the attachments, the issuing body and date) stays on the page
of the last lines of the text: never pushed to a page of its own, never pushed over when it
fits. Checked on real PDFs: page counts (pdfinfo) and the text of each page (pdftotext)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from desktop.core.i18n import set_language
from desktop.notices.render import render_notice
from desktop.notices.spec import NoticeSpec
from tests.printing import pdftools

ISSUER = "翠苑一区社区居民委员会"
LINE = "经社区居委会入户调查、民主评议，现将情况公示。"  # one line of the text block


def _disclosure(lines: int, **changes) -> NoticeSpec:
    body = "\n".join(f"{i}. {LINE}" for i in range(1, lines + 1))
    body += "\n姓名|房号|结果\n张三明|3-2-501|继续享受\n李四|3-2-502|继续享受\n王五|3-2-503|停止享受"
    values = dict(kind="disclosure", title="关于2026年度最低生活保障复核结果的公示", body=body,  # noqa: C408
                  issuing_body=ISSUER, issued_on=dt.date(2026, 11, 22),
                  posted_from=dt.date(2026, 11, 22), posted_until=dt.date(2026, 11, 29),
                  objection="如有异议，请于公示期内以书面形式向社区居委会反映。",
                  contact_phone="0571-88886666", attachments=("低保复核家庭名单",))
    values.update(changes)
    return NoticeSpec(**values)


@pytest.fixture(autouse=True)
def _chinese():
    set_language("zh_Hans")  # the words of the closing as an office prints them
    yield


def _pages(tmp_path, spec: NoticeSpec, name: str = "n.pdf") -> list[str]:
    path = pdftools.write(tmp_path, render_notice(spec), name)
    return [re.sub(r"\s+", "", pdftools.text(path, page=p))
            for p in range(1, pdftools.pages(path) + 1)]


def _closing_words() -> tuple[str, ...]:
    from desktop.notices.render import closing_line

    return (closing_line("disclosure").rstrip("。."), "低保复核家庭名单", ISSUER, "2026")


def test_a_short_disclosure_prints_on_one_page(tmp_path):
    """The reported case: ten lines and a three-row table leave about 5 cm under the text;
    the closing fits there once its blank lines give way, so it stays on page 1."""
    pages = _pages(tmp_path, _disclosure(9))
    assert len(pages) == 1
    for word in _closing_words():
        assert word in pages[0], word


def test_the_closing_never_stands_alone(tmp_path):
    """Whatever the length, the last page holds some of the text with the closing."""
    for lines in range(8, 24):
        pages = _pages(tmp_path, _disclosure(lines), f"n{lines}.pdf")
        last = pages[-1]
        assert ISSUER in last and "2026年11月22日" in last, lines
        text_on_last = last.split(_closing_words()[0])[0]
        assert re.search(r"联系电话|\d+\.经社区|异议|公示期|张\*明", text_on_last), (lines, last)
        if len(pages) > 1:
            assert _closing_words()[0] not in pages[0], lines


def test_a_closing_that_fits_is_not_pushed_over(tmp_path):
    for lines in range(1, 10):
        assert len(_pages(tmp_path, _disclosure(lines), f"n{lines}.pdf")) == 1, lines


@pytest.mark.parametrize("kind", ["notice", "announcement"])
def test_other_kinds_and_a_closing_table(tmp_path, kind):
    """A notice that ends with its table: the table's last rows go over with the signature."""
    for lines in range(10, 22):
        spec = _disclosure(lines, kind=kind, objection="", contact_phone="", attachments=(),
                           posted_from=None, posted_until=None)
        pages = _pages(tmp_path, spec, f"{kind}{lines}.pdf")
        last = pages[-1]
        assert ISSUER in last
        assert re.search(r"停止享受|\d+\.经社区", last.split(ISSUER)[0]), (lines, last)


def test_look_at_it(tmp_path):
    """The PNG of the reported case, for a person to look at (kept in /tmp/shots)."""
    if subprocess.run(["which", "pdftoppm"], capture_output=True).returncode:
        pytest.skip("pdftoppm is not installed")
    path = pdftools.write(tmp_path, render_notice(_disclosure(9)))
    from pathlib import Path

    shots = Path("/tmp/shots")
    shots.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(shots / "notice-closing")],
                   check=True)
    assert (shots / "notice-closing-1.png").exists()
