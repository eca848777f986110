"""How far the cells of an .xls sheet reach, read from the file before calamine builds its grid.

An .xls is a BIFF8 record stream ("Workbook") inside an OLE2 compound file. Cell records carry
a 16-bit row and a 16-bit column, so a hostile file can put a value at column 65,535: calamine
then asks for gigabytes and aborts the process. Only what is needed is read here: the compound
file's allocation table and directory to find the stream, the sheet list to find the sheet, and
the position of each cell record that holds a value (blank cells do not count, as they do not
for calamine). Anything unexpected gives None: calamine reads the file and reports it.
"""

from __future__ import annotations

import struct

_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_STREAM_NAMES = ("Workbook", "Book")
# Records that hold one cell's value: row and column are their first two 16-bit fields.
_ONE_CELL = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6})
_MULRK = 0x00BD  # several RK numbers in a row: first column after the row, last at the end
_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085
_U16 = struct.Struct("<H")
_U32 = struct.Struct("<I")
_RECORD = struct.Struct("<HH")
_ROW_COL = struct.Struct("<HH")


def xls_sheet_extents(data: bytes) -> list[tuple[str, tuple[int, int, int]]] | None:
    """Each sheet's name and (last row, last column, cells with a value), 1-based; None when
    the file is unusual. calamine builds every sheet's grid as soon as an .xls is opened, so
    every sheet counts, not only the one imported."""
    try:
        stream = _workbook_stream(data)
        if stream is None:
            return None
        offsets = _sheet_offsets(stream)
        if not offsets:  # no sheet list: every cell record in the stream
            return [("", _cells_from(stream, 0, whole=True))]
        return [(name, _cells_from(stream, offset)) for name, offset in offsets.items()]
    except (struct.error, IndexError, ValueError):
        return None


def _workbook_stream(data: bytes) -> bytes | None:
    sector_size = 1 << _U16.unpack_from(data, 0x1E)[0]
    mini_size = 1 << _U16.unpack_from(data, 0x20)[0]
    if sector_size not in (512, 4096) or mini_size != 64:
        return None
    first_dir, = _U32.unpack_from(data, 0x30)
    cutoff, first_mini_fat, _mini_count, first_difat, difat_count = struct.unpack_from(
        "<IIIII", data, 0x38)
    sectors = max(0, (len(data) - sector_size) // sector_size)

    def sector(number: int) -> bytes:
        start = (number + 1) * sector_size
        return data[start:start + sector_size]

    fat_sectors = [n for n in struct.unpack_from("<109I", data, 0x4C) if n < sectors]
    difat, seen = first_difat, 0
    while difat < sectors and seen < difat_count and seen <= sectors:
        ids = struct.unpack(f"<{sector_size // 4}I", sector(difat))
        fat_sectors += [n for n in ids[:-1] if n < sectors]
        difat, seen = ids[-1], seen + 1
    fat = b"".join(sector(n) for n in fat_sectors)
    fat_entries = struct.unpack(f"<{len(fat) // 4}I", fat[: len(fat) // 4 * 4])

    def chain(start: int, table, limit: int) -> list[int]:
        found = []
        while start < len(table) and start < limit and len(found) <= limit:
            found.append(start)
            start = table[start]
        return found

    directory = b"".join(sector(n) for n in chain(first_dir, fat_entries, sectors))
    entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        return None
    for entry in entries[1:]:
        name_length, = _U16.unpack_from(entry, 64)
        name = entry[:max(0, name_length - 2)].decode("utf-16-le", "replace")
        if entry[66] == 2 and name in _STREAM_NAMES:
            start, = _U32.unpack_from(entry, 116)
            size, = _U32.unpack_from(entry, 120)
            break
    else:
        return None
    if size >= cutoff:
        body = b"".join(sector(n) for n in chain(start, fat_entries, sectors))
        return body[:size]
    # A small stream lives in the mini stream, itself a chain of the root entry.
    root_start, = _U32.unpack_from(entries[0], 116)
    mini_stream = b"".join(sector(n) for n in chain(root_start, fat_entries, sectors))
    mini_fat = b"".join(sector(n) for n in chain(first_mini_fat, fat_entries, sectors))
    mini_entries = struct.unpack(f"<{len(mini_fat) // 4}I", mini_fat[: len(mini_fat) // 4 * 4])
    limit = len(mini_stream) // 64
    body = b"".join(mini_stream[n * 64:(n + 1) * 64] for n in chain(start, mini_entries, limit))
    return body[:size]


def _sheet_offsets(stream: bytes) -> dict[str, int]:
    """Sheet name → stream offset of its BOF, from the workbook globals' BOUNDSHEET8 records."""
    offsets: dict[str, int] = {}
    pos, end = 0, len(stream)
    while pos + 4 <= end:
        kind, size = _RECORD.unpack_from(stream, pos)
        body = pos + 4
        if kind == _BOUNDSHEET and size >= 8:
            offset, = _U32.unpack_from(stream, body)
            length, high = stream[body + 6], stream[body + 7] & 1
            raw = stream[body + 8: body + 8 + length * (2 if high else 1)]
            offsets[raw.decode("utf-16-le" if high else "latin-1", "replace")] = offset
        elif kind == _EOF:
            break
        pos = body + size
    return offsets


def _cells_from(stream: bytes, start: int, whole: bool = False) -> tuple[int, int, int]:
    rows = columns = cells = depth = 0
    pos, end = start, len(stream)
    one_cell, unpack, row_col = _ONE_CELL, _RECORD.unpack_from, _ROW_COL.unpack_from
    while pos + 4 <= end:
        kind, size = unpack(stream, pos)
        body = pos + 4
        if kind in one_cell and size >= 4:
            row, column = row_col(stream, body)
            cells += 1
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif kind == _MULRK and size >= 6:
            row, first = row_col(stream, body)
            last, = _U16.unpack_from(stream, body + size - 2)
            cells += max(0, last - first + 1)
            rows, columns = max(rows, row + 1), max(columns, last + 1)
        elif kind == _BOF:
            depth += 1  # a chart inside the sheet has its own BOF … EOF
        elif kind == _EOF and not whole:
            depth -= 1
            if depth <= 0:
                break
        pos = body + size
    return rows, columns, cells
