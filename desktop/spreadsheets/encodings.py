"""A text file's encoding: the user's choice, else BOM → strict UTF-8 → GB18030, one per file.

Chinese Excel "Save as CSV" writes GBK without a BOM, "CSV UTF-8" adds one. GB18030 decodes
almost any bytes, so it is tried last, and a file whose lines are in two encodings is refused
naming the lines rather than read as mojibake.
"""

from __future__ import annotations

import re
from pathlib import Path

from desktop.core.i18n import _, ngettext
from desktop.spreadsheets.formats import BOMS as _BOMS
from desktop.spreadsheets.formats import mixed_lines
from desktop.spreadsheets.sources import ImportFileError

_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.IGNORECASE)
# Names people and systems give to the Chinese encodings; GB18030 reads all of them.
_GB_ALIASES = {"gbk", "gb2312", "cp936", "ms936", "gb18030", "euc-cn", "x-gbk"}


def decode(path: Path, data: bytes, encoding: str | None, html: bool) -> tuple[str, str]:
    """The text and the encoding used: the user's choice, else BOM → UTF-8 → GB18030."""
    if encoding:
        codec = _normalise_encoding(encoding)
        if codec == "utf-8" and data.startswith(b"\xef\xbb\xbf"):
            codec = "utf-8-sig"
        text = _decode_as(path, data, codec, chosen=True)
        if codec == "gb18030":
            _refuse_mixed_encodings(path, data)
        return text, codec
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(path, data, codec, chosen=False), codec
    try:
        text, codec = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text = None
    if text is None and html:
        # The page's label only when it is not UTF-8: GB18030 and the Latin code pages decode
        # UTF-8 bytes too, as mojibake, and pages saved again often keep an old label.
        declared = _META_CHARSET.search(data[:4096])
        codec = _normalise_encoding(declared.group(1).decode("ascii")) if declared else ""
        if codec and codec != "gb18030":
            try:
                return data.decode(codec), codec
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong or unknown label: fall back to detection
    if text is None:
        # Never first: GB18030 decodes almost any bytes, so it would "succeed" on UTF-8 too.
        text, codec = _decode_as(path, data, "gb18030", chosen=False), "gb18030"
        _refuse_mixed_encodings(path, data)
    if "\x00" in text:
        raise ImportFileError(
            _("{file} is not a spreadsheet or a CSV text file.").format(file=path.name)
        )
    return text, codec


def _refuse_mixed_encodings(path: Path, data: bytes) -> None:
    found = mixed_lines(data)
    if found is None:
        return
    minority, lines = found
    shown = ", ".join(map(str, lines))
    if minority == "UTF-8":
        message = ngettext(
            "{file} mixes two text encodings: line {lines} is UTF-8, the rest is GBK. Its "
            "Chinese text would be garbled, so nothing was read. Open the file in Excel or WPS, "
            "check that line and save the file again as \"CSV UTF-8\".",
            "{file} mixes two text encodings: lines {lines} are UTF-8, the rest is GBK. Its "
            "Chinese text would be garbled, so nothing was read. Open the file in Excel or WPS, "
            "check those lines and save the file again as \"CSV UTF-8\".", len(lines))
    else:
        message = ngettext(
            "{file} mixes two text encodings: line {lines} is GBK, the rest is UTF-8. Its "
            "Chinese text would be garbled, so nothing was read. Open the file in Excel or WPS, "
            "check that line and save the file again as \"CSV UTF-8\".",
            "{file} mixes two text encodings: lines {lines} are GBK, the rest is UTF-8. Its "
            "Chinese text would be garbled, so nothing was read. Open the file in Excel or WPS, "
            "check those lines and save the file again as \"CSV UTF-8\".", len(lines))
    raise ImportFileError(message.format(file=path.name, lines=shown))


def _normalise_encoding(name: str) -> str:
    lowered = name.strip().lower().replace("_", "-")
    if lowered in _GB_ALIASES:
        return "gb18030"
    if lowered in ("utf8", "utf-8"):
        return "utf-8"
    if lowered in ("utf-8-sig", "utf8-sig"):
        return "utf-8-sig"
    return lowered


def _decode_as(path: Path, data: bytes, codec: str, chosen: bool) -> str:
    try:
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError) as exc:
        if codec in ("utf-8", "utf-8-sig", "gb18030"):
            _refuse_mixed_encodings(path, data)  # a better reason than "not recognised"
        if chosen:
            message = _(
                "{file} cannot be read as {encoding}. Choose another encoding."
            ).format(file=path.name, encoding=codec)
        else:
            message = _(
                "The text encoding of {file} is not recognised. Choose the encoding it was "
                "saved in, or save it from Excel as \"CSV UTF-8\"."
            ).format(file=path.name)
        raise ImportFileError(message, details=repr(exc)) from exc
