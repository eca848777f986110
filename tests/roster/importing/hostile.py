"""Small hostile files for the importer tests, written by hand so each byte is known."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def text_cell(ref: str, text: str, prefix: str = "") -> str:
    return f'<{prefix}c r="{ref}" t="inlineStr"><{prefix}is><{prefix}t>{text}</{prefix}t>' \
           f'</{prefix}is></{prefix}c>'


def roster_rows(prefix: str = "") -> str:
    """A header and one resident, as rows of sheet XML."""
    return (f'<{prefix}row r="1">{text_cell("A1", "姓名", prefix)}'
            f'{text_cell("B1", "民族", prefix)}</{prefix}row>'
            f'<{prefix}row r="2">{text_cell("A2", "王明", prefix)}'
            f'{text_cell("B2", "汉族", prefix)}</{prefix}row>')


def xlsx_with_sheet_data(path: Path, sheet_data: str, prefix: str = "",
                         dimension: str = "A1:B2") -> Path:
    """An xlsx whose only sheet ("花名册") holds ``sheet_data`` (rows of XML)."""
    ns = f'xmlns:{prefix[:-1]}="{MAIN_NS}"' if prefix else f'xmlns="{MAIN_NS}"'
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><{prefix}worksheet {ns}>'
             f'<{prefix}dimension ref="{dimension}"/><{prefix}sheetData>{sheet_data}'
             f'</{prefix}sheetData></{prefix}worksheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("xl/workbook.xml", _WORKBOOK)
        package.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        package.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def run_linli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """``linli --lang en …`` in its own process: an abort there cannot take pytest down."""
    return subprocess.run([sys.executable, "-m", "desktop", "--lang", "en", *args],
                          capture_output=True, text=True, timeout=timeout)
