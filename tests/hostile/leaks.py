"""Leak scans: every kind of masked paper and file the app writes, read back as a stranger would.

A demo office (with a resident whose name is a spreadsheet formula) is exported and printed
through the real ``linli`` commands; each output is turned into text (pdftotext, calamine, the
CSV itself) and searched, after folding full-width digits and the separators people type
(spaces, hyphens, dots), for anything that identifies a resident: a whole ID number, a whole
mobile number, or a birth date (it is the part a masked ID number hides). Files meant for a
spreadsheet are also searched for live formulas.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import subprocess
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.roster.exporting.keys import EXPORT_KEYS
from tests.hostile.census import linli, prepare_office, share
from tests.hostile.hostile_files import HOSTILE

_SEPARATED_DIGITS = re.compile(r"(?<=[0-9Xx])[ \-.·/](?=[0-9Xx])")  # one: columns are wider
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def fold(text: str) -> str:
    """Full-width to ASCII, and digits typed with spaces, hyphens or dots joined up."""
    return _SEPARATED_DIGITS.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Secrets:
    """What must never be on masked paper or in a masked file, per resident."""
    id_numbers: frozenset[str]
    mobiles: frozenset[str]
    birth_dates: frozenset[str]

    def found_in(self, text: str) -> list[str]:
        """The secrets that stand in ``text`` as whole numbers (a date inside a longer run of
        digits, such as a household number, is not a birth date)."""
        folded = fold(text)
        runs = set(_DIGIT_RUN.findall(folded.upper()))
        runs |= {run[2:] for run in runs if len(run) == 13 and run.startswith("86")}  # +86 1…
        runs |= {f"{y}{int(m):02d}{int(d):02d}" for y, m, d in _CHINESE_DATE.findall(folded)}
        runs |= {f"{y}{int(m):02d}{int(d):02d}" for y, m, d in _ISO_DATE.findall(text)}
        return sorted((self.id_numbers | self.mobiles | self.birth_dates) & runs)


_DIGIT_RUN = re.compile(r"(?<![0-9X])[0-9]+X?(?![0-9X])")
_CHINESE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")


def secrets_of(database: Path) -> Secrets:
    con = sqlite3.connect(database)
    try:
        rows = con.execute("select id_number, phone, phone2, birth_date from resident").fetchall()
    finally:
        con.close()
    ids, mobiles, births = set(), set(), set()
    for id_number, phone, phone2, birth in rows:
        if id_number and len(id_number) >= 15:
            ids.add(id_number.upper())
        for number in (phone, phone2):
            digits = re.sub(r"\D", "", number or "")
            if re.fullmatch(r"1[3-9]\d{9}", digits):
                mobiles.add(digits)
        if birth:
            births.add(dt.date.fromisoformat(str(birth)[:10]).strftime("%Y%m%d"))
    return Secrets(frozenset(ids), frozenset(mobiles), frozenset(births))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def xlsx_cells(path: Path) -> list[str]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    cells = []
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).to_python():
            cells += [c.isoformat() if isinstance(c, (dt.date, dt.datetime)) else str(c)
                      for c in row]
    return cells


def xlsx_formulas(path: Path) -> list[str]:
    """Cells written as formulas (``<f>``), and text cells a spreadsheet would run."""
    found = []
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            if name.startswith("xl/worksheets/") and b"<f" in book.read(name):
                found.append(f"{name}: <f>")
    found += [c for c in xlsx_cells(path) if c.startswith(_FORMULA_START)]
    return found


def csv_cells(path: Path) -> list[str]:
    import csv

    raw = path.read_bytes()
    text = raw.decode("utf-8-sig") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("gb18030")
    return [cell for row in csv.reader(text.splitlines()) for cell in row]


@dataclass(frozen=True)
class LeakOutcome:
    name: str
    clean: bool
    detail: str


@dataclass(frozen=True)
class Scan:
    name: str
    args: Callable[[Path, Path], list[str]]  # (data folder, output) -> linli arguments
    suffix: str
    read: Callable[[Path], list[str]]  # the output as text cells
    formulas: Callable[[Path], list[str]] | None = None


def _pdf(path: Path) -> list[str]:
    return [pdf_text(path)]


def _print(kind: str) -> Callable[[Path, Path], list[str]]:
    return lambda data, out: ["roster", "print", "--kind", kind, "--out", str(out),
                              "--data-dir", str(data)]


def _export(*extra: str) -> Callable[[Path, Path], list[str]]:
    return lambda data, out: ["roster", "export", "--mask", "--out", str(out),
                              "--data-dir", str(data), *extra]


def _csv_formulas(path: Path) -> list[str]:
    return [c for c in csv_cells(path) if c.startswith(_FORMULA_START)]


SCANS: tuple[Scan, ...] = (
    Scan("masked export, xlsx", _export(), ".xlsx", xlsx_cells, xlsx_formulas),
    Scan("masked export, every column, xlsx", _export("--columns", ",".join(EXPORT_KEYS)),
         ".xlsx", xlsx_cells, xlsx_formulas),
    Scan("masked export, csv", _export(), ".csv", csv_cells, _csv_formulas),
    Scan("masked export, csv (GBK)", _export("--encoding", "gbk"), ".csv", csv_cells,
         _csv_formulas),
    Scan("printed roster (花名册)", _print("roster"), ".pdf", _pdf),
    Scan("printed walk list", _print("walk"), ".pdf", _pdf),
    Scan("printed sign-in sheet", _print("sign-in"), ".pdf", _pdf),
)


def leak_office(work: Path) -> Path:
    """An office with 300 demo residents and the formula-named residents of the census."""
    from desktop.core.paths import DataDir
    from desktop.roster.demo import generate_demo
    from desktop.storage.lifecycle import open_database

    folder = prepare_office(work / "office")
    db = open_database(DataDir(folder), device_name="office-pc")
    generate_demo(db, residents=300)
    db.close()
    formulas = next(h for h in HOSTILE if h.name == "formulas in names and addresses")
    linli(["roster", "import", str(formulas.make(work / "formulas")), "--data-dir", str(folder)])
    return folder


def run_scans(work: Path, scans: tuple[Scan, ...] = SCANS) -> list[LeakOutcome]:
    folder = leak_office(work)
    secrets = secrets_of(folder / "linli.sqlite3")
    outcomes = []
    for n, scan in enumerate(scans):
        out = work / f"scan{n:02d}{scan.suffix}"
        code, stdout, stderr, _s = linli(["--lang", "zh_Hans", *scan.args(folder, out)])
        if code != 0 or not out.exists():
            outcomes.append(LeakOutcome(scan.name, False, f"rc={code} {(stdout + stderr)[-300:]}"))
            continue
        leaks = secrets.found_in("\n".join(scan.read(out)))
        live = scan.formulas(out) if scan.formulas else []
        detail = "; ".join(filter(None, [
            f"{len(leaks)} personal values, e.g. {leaks[:3]}" if leaks else "",
            f"live formulas: {live[:3]}" if live else ""]))
        outcomes.append(LeakOutcome(scan.name, not detail, detail))
    outcomes += notice_scans(work, folder)
    return outcomes


# A notice that names residents every way people write them; the office's own contact stays.
HOSTILE_NOTICE = {
    "title": "关于ID320923199710277573等住户电梯加装意见的公示",
    "body": ("经入户征求意见，下列住户同意加装电梯：\n"
             "住户\t身份证号\t电话\n"
             "王明\t431021 19880828 6910\t137.0000.0007\n"
             "李娜\t110101-19900307-6018\t１３７０００００００８\n"
             "赵六\t３２０９２３１９９７１０２７５７３\t+86 139 0000 2222\n"
             "如有异议，请联系社区。"),
    "issuing_body": "翠苑一区社区居民委员会（经办人身份证110101199003076018）",
    "issued_on": "2026-11-22", "posted_from": "2026-11-23", "posted_until": "2026-11-29",
    "objection": "联系居民13700000009或到社区办公室",
    "contact_phone": "0571-87654321",
    "attachments": ["名单（含13700000010）"],
}
NOTICE_SECRETS = Secrets(
    frozenset({"320923199710277573", "431021198808286910", "110101199003076018"}),
    frozenset({"13700000007", "13700000008", "13900002222", "13700000009", "13700000010"}),
    frozenset())


def notice_scans(work: Path, folder: Path) -> list[LeakOutcome]:
    outcomes = []
    for kind in ("notice", "disclosure", "announcement"):
        spec = work / f"{kind}.json"
        spec.write_text(json.dumps({**HOSTILE_NOTICE, "kind": kind}, ensure_ascii=False),
                        encoding="utf-8")
        out = work / f"{kind}.pdf"
        code, stdout, stderr, _s = linli(["--lang", "zh_Hans", "notice", "render", str(spec),
                                          "--out", str(out), "--data-dir", str(folder)])
        name = f"printed notice ({kind})"
        if code != 0:
            outcomes.append(LeakOutcome(name, False, f"rc={code} {(stdout + stderr)[-300:]}"))
            continue
        leaks = NOTICE_SECRETS.found_in(pdf_text(out))
        outcomes.append(LeakOutcome(name, not leaks, f"leaks: {leaks}" if leaks else ""))
    return outcomes


def leak_table(outcomes: list[LeakOutcome]) -> str:
    lines = [f"leak scans tried: {len(outcomes)}, clean: {share(outcomes, 'clean')}"]
    lines += [f"  LEAK {o.name}: {o.detail}" for o in outcomes if not o.clean]
    return "\n".join(lines)
