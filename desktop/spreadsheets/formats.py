"""What a file really is, from its first bytes: the extension is only what someone typed.

Offices rename files, chat apps append ".xls", systems export an HTML table or tab-separated
text as ".xls", and people pick the PDF or Word copy of a roster by mistake. A workbook is
read as a workbook, text as text (CSV, HTML), and anything else is refused with a message that
says what the file is, instead of an error about a missing header row.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from desktop.core.i18n import _

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names inside an OLE2 container, stored as UTF-16.
ENCRYPTED_OOXML_STREAM = "EncryptionInfo".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_POWERPOINT_STREAM = "PowerPoint Document".encode("utf-16-le")
_WORKBOOK_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),  # Excel's "Unicode text" (tab-separated)
    (b"\xfe\xff", "utf-16"),
)
# Extensions that promise a workbook: text under these names gets a message saying so.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ett", ".xltx")

_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
_ARCHIVES = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")


class FormatError(Exception):
    """The bytes are not a spreadsheet or a text table; ``message`` says what they are."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def detect_format(path: Path, data: bytes) -> str:
    """"xlsx", "xls", "html" or "csv"; ``FormatError`` for a file that is none of these."""
    name = path.name
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(name, data)
    if data.startswith(OLE2_MAGIC):
        return _ole2_kind(name, data)
    _refuse_known_binary(name, data)
    head = data[:1024]
    for bom, codec in BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            if codec == "utf-16":
                # Only ASCII matters for the test; dropping the zero bytes is enough.
                head = head.replace(b"\x00", b"")
            break
    # <html>, <!DOCTYPE>, <table>, <meta>, Excel's <html xmlns:x=…>: no CSV starts with "<".
    if head.lstrip().startswith(b"<"):
        return "html"
    return "csv"


def _zip_kind(name: str, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            mimetype = (package.read("mimetype")[:100] if "mimetype" in names else b"")
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError,
            ValueError):
        return "xlsx"  # a damaged package: calamine says it is damaged
    if "xl/workbook.xml" in names or any(n.endswith("/workbook.xml") for n in names):
        return "xlsx"
    if b"opendocument.spreadsheet" in mimetype:
        raise FormatError(_(
            "{file} is an OpenDocument spreadsheet (.ods). Open it in WPS or LibreOffice, save "
            "it as .xlsx, then import that copy.").format(file=name))
    if "word/document.xml" in names or b"opendocument.text" in mimetype:
        raise FormatError(_word_message(name))
    raise FormatError(_(
        "{file} is a ZIP archive, not a spreadsheet. Unpack it and import the spreadsheet "
        "inside.").format(file=name))


def _ole2_kind(name: str, data: bytes) -> str:
    if any(stream in data for stream in _WORKBOOK_STREAMS) or ENCRYPTED_OOXML_STREAM in data:
        return "xls"  # (an encrypted xlsx is reported as protected when it is opened)
    if _WORD_STREAM in data:
        raise FormatError(_word_message(name))
    if _POWERPOINT_STREAM in data:
        raise FormatError(_not_a_table(name))
    return "xls"  # unknown streams: calamine decides


def _refuse_known_binary(name: str, data: bytes) -> None:
    if data.startswith(b"%PDF"):
        raise FormatError(_(
            "{file} is a PDF document, not a spreadsheet: its table cannot be read. Import "
            "the Excel or CSV file the PDF was made from.").format(file=name))
    if data.startswith(b"{\\rtf"):
        raise FormatError(_word_message(name))
    if data.startswith(_IMAGES):
        raise FormatError(_(
            "{file} is a picture, not a spreadsheet. Import the Excel or CSV file "
            "instead.").format(file=name))
    if data.startswith(_ARCHIVES):
        raise FormatError(_(
            "{file} is a compressed archive, not a spreadsheet. Unpack it and import the "
            "spreadsheet inside.").format(file=name))


def _word_message(name: str) -> str:
    return _(
        "{file} is a Word document, not a spreadsheet. Copy its table into Excel or WPS, save "
        "it as .xlsx, then import that file.").format(file=name)


def _not_a_table(name: str) -> str:
    return _("{file} is not a spreadsheet or a CSV text file.").format(file=name)


def text_under_workbook_name(path: Path) -> str:
    """The message for a text file that was named like a workbook and holds no table."""
    return _(
        "{file} is not an Excel workbook: it is a text file with a workbook's name "
        "({suffix}), and no header row was found in it. Open the original file and save it "
        "again as .xlsx.").format(file=path.name, suffix=path.suffix)


def mixed_lines(data: bytes, limit: int = 5) -> tuple[str, list[int]] | None:
    """For a file decoded as GB18030: None when its lines are all in one encoding, else the
    minority's encoding ("UTF-8" or "GBK") and its first line numbers (1-based).

    GB18030 decodes almost any bytes, so a UTF-8 row pasted into a GBK file (or saved by another
    program) would come out as mojibake (王明 → 鐜嬫槑) without an error; Chinese text in GBK
    is practically never valid UTF-8, so each line gives its encoding away.
    """
    utf8: list[int] = []
    gbk: list[int] = []
    utf8_count = gbk_count = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            gbk_count += 1
            if len(gbk) < limit:
                gbk.append(number)
        else:
            utf8_count += 1
            if len(utf8) < limit:
                utf8.append(number)
    if not utf8_count or not gbk_count:
        return None
    return ("UTF-8", utf8) if utf8_count <= gbk_count else ("GBK", gbk)
