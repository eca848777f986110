"""Which of pyxform's question types the filler supports, and in plain words why the rest
cannot be filled (those questions are kept as UNSUPPORTED, shown and reported, never
dropped)."""

from __future__ import annotations

import re

from desktop.core.i18n import _

from .. import model

# pyxform's JSON type → our type, for the types the filler supports.
SUPPORTED = {
    "text": model.TEXT, "integer": model.INTEGER, "int": model.INTEGER,
    "decimal": model.DECIMAL, "date": model.DATE, "time": model.TIME,
    "select one": model.SELECT_ONE, "select all that apply": model.SELECT_MULTIPLE,
    "note": model.NOTE, "calculate": model.CALCULATE,
}
# Filled in by the device, not asked: kept as METADATA (ODK's names, pyxform's aliases).
METADATA = frozenset({
    "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber",
    "username", "email", "uri:deviceid", "uri:subscriberid", "uri:simserial",
    "uri:phonenumber", "uri:username", "uri:email", "imei",
})
GROUPS = {"group": False, "repeat": True, "loop": False}

_OR_OTHER = re.compile(r"\s(or_other|or specify other|or other)\s*$")
_FILE_LIST = re.compile(r"\.(csv|xml|geojson)$", re.IGNORECASE)


# "end group" / "end_repeat" / "end loop" close a group; a bare "end" is the metadata field.
_END = re.compile(r"^end[ _]+(group|repeat|loop)\s*$", re.IGNORECASE)
_BEGIN = re.compile(r"^begin[ _]+(group|repeat|loop)\b", re.IGNORECASE)


def is_end(row_type) -> bool:
    return bool(_END.match(str(row_type or "").strip()))


def is_begin(row_type) -> bool:
    return bool(_BEGIN.match(str(row_type or "").strip()))


def has_or_other(row_type: str) -> bool:
    return bool(_OR_OTHER.search(row_type or ""))


def from_file(itemset: str) -> bool:
    """A select whose choices come from a file next to the form, not from the workbook."""
    return bool(_FILE_LIST.search(itemset or ""))


def unsupported_reason(json_type: str, source_type: str, itemset: str = "") -> str:
    """Why the filler cannot show a question of this type, for the user."""
    kind = json_type.lower()
    if from_file(itemset) or "from_file" in source_type or "external" in source_type:
        return _("Its choices come from a file ({file}) that is not part of the form.").format(
            file=itemset or source_type.split()[-1])
    if kind.startswith("geo") or kind == "start-geopoint":
        return _("Linli does not record locations.")
    if kind in {"photo", "image", "audio", "video", "file", "background-audio", "signature"}:
        return _("Linli does not record photos, sound, video or files.")
    if kind in {"barcode"}:
        return _("Linli does not scan barcodes.")
    if kind == "datetime":
        return _("Linli has no date-and-time question; use a date and a time question.")
    if kind in {"range", "rank"}:
        return _("Linli has no slider or ranking question; use an integer or a multiple "
                 "choice question.")
    return _("Linli cannot show \u201c{type}\u201d questions.").format(type=source_type or kind)


def instance_reason() -> str:
    return _("It looks answers up in another list (instance()), which Linli cannot do.")
