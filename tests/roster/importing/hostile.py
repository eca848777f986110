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


# --- a minimal BIFF8 .xls in an OLE2 container ----------------------------------------------

def _record(kind: int, body: bytes) -> bytes:
    import struct

    return struct.pack("<HH", kind, len(body)) + body


def _biff_stream(cells: list[tuple[int, int, object]], sheet_name: str) -> bytes:
    """Workbook globals (BOF, SST, one BOUNDSHEET8, EOF) and one sheet of LABELSST / NUMBER
    cells at the given 0-based (row, column)."""
    import struct

    texts = [v for _r, _c, v in cells if isinstance(v, str)]
    sst = struct.pack("<II", len(texts), len(texts)) + b"".join(
        struct.pack("<HB", len(t), 1) + t.encode("utf-16-le") for t in texts)
    name = struct.pack("<BB", len(sheet_name), 1) + sheet_name.encode("utf-16-le")
    bof = struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6)
    globals_ = [_record(0x0809, bof), _record(0x0042, struct.pack("<H", 1200)),
                _record(0x00FC, sst)]
    # Padding records (an unknown id readers skip) so the stream is not a "mini" stream.
    globals_ += [_record(0x1001, b"\x00" * 1000) for _ in range(5)]
    head = b"".join(globals_)
    boundsheet_size = 4 + 6 + len(name)
    eof = _record(0x000A, b"")
    sheet_offset = len(head) + boundsheet_size + len(eof)
    boundsheet = _record(0x0085, struct.pack("<IBB", sheet_offset, 0, 0) + name)
    sheet = [_record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6)),
             # A DIMENSIONS record that lies (A1:B2), as the xlsx <dimension> may.
             _record(0x0200, struct.pack("<IIHHH", 0, 2, 0, 2, 0))]
    index = 0
    for row, col, value in cells:
        if isinstance(value, str):
            sheet.append(_record(0x00FD, struct.pack("<HHHI", row, col, 0, index)))
            index += 1
        else:
            sheet.append(_record(0x0203, struct.pack("<HHHd", row, col, 0, float(value))))
    sheet.append(eof)
    return head + boundsheet + eof + b"".join(sheet)


def xls_with_cells(path: Path, cells: list[tuple[int, int, object]],
                   sheet_name: str = "花名册") -> Path:
    """An .xls (BIFF8 in a version-3 OLE2 file with 512-byte sectors) holding ``cells``."""
    import struct

    stream = _biff_stream(cells, sheet_name)
    stream_sectors = -(-len(stream) // 512)
    end, free, fat_sector, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fat_sector, end] + [3 + i if i < stream_sectors - 1 else end
                               for i in range(stream_sectors)]
    assert len(fat) <= 128
    fat += [free] * (128 - len(fat))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<109I", 0, *([free] * 108)))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le") if name else b""
        return (encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", nostream, nostream, child) + b"\x00" * 16
                + struct.pack("<IQQIQ", 0, 0, 0, start, size))

    directory = (entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, nostream, 2,
                                                             len(stream))
                 + entry("", 0, nostream, 0, 0) * 2)
    body = stream.ljust(stream_sectors * 512, b"\x00")
    path.write_bytes(header + struct.pack("<128I", *fat) + directory + body)
    return path
