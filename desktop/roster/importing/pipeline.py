"""The import from file to plan, the same for the wizard and ``linli roster import``.

``prepare_import`` reads a sheet, finds its header and maps its columns (a mapping the user
confirmed for this header set before is recalled; explicit choices win), then checks every row.
``dry_run`` plans the import against the roster without writing; ``apply_import`` writes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import LinliError, ValidationError
from desktop.core.i18n import _
from desktop.core.memory import cyclic_gc_paused
from desktop.core.tasks import TaskContext
from desktop.roster.importing.fields import FIELD_BY_KEY, REQUIRED_KEYS, header_key
from desktop.roster.importing.headers import HeaderLayout, detect_header
from desktop.roster.importing.mapping import MappingMemory, map_columns
from desktop.roster.importing.plan import ImportPlan, plan_import
from desktop.roster.importing.rows import ReadRows, read_rows
from desktop.spreadsheets.formats import WORKBOOK_SUFFIXES, text_under_workbook_name
from desktop.spreadsheets.sources import (
    ImportFileError,
    SourceFile,
    SourceSheet,
    open_source,
    read_sheet,
)
from desktop.storage.database import Database


@dataclass
class PreparedImport:
    source: SourceFile
    sheet: SourceSheet
    layout: HeaderLayout
    mapping: list[str | None]
    read: ReadRows


def load_sheet(path: str | Path, sheet: str | None = None, encoding: str | None = None,
               ctx: TaskContext | None = None) -> tuple[SourceFile, SourceSheet, HeaderLayout]:
    source = open_source(path, encoding)
    if sheet is None and len(source.sheets) > 1:
        sheet = _likely_sheet(source)
    data = read_sheet(source, sheet, ctx)
    try:
        layout = detect_header(data)
    except ImportFileError:
        if source.format == "csv" and source.path.suffix.lower() in WORKBOOK_SUFFIXES:
            # Not "no header row": the user thinks this is an Excel file, and it is not.
            raise ImportFileError(text_under_workbook_name(source.path)) from None
        raise
    return source, data, layout


def _likely_sheet(source: SourceFile) -> str:
    """The first sheet whose header names people (hc.xlsx starts with its buildings sheet)."""
    for name in source.sheets:
        try:
            layout = detect_header(read_sheet(source, name))
        except LinliError:  # a sheet without a readable header is simply not the one
            continue
        if "name" in map_columns(layout.headers):
            return name
    return source.sheets[0]


def choose_mapping(headers: Sequence[str], overrides: Mapping[str, str] | None = None,
                   memory: MappingMemory | None = None) -> list[str | None]:
    """The field of each column: recalled, else guessed; ``overrides`` (header → field key, or
    "" to leave a column out) win."""
    mapping = (memory.recall(headers) if memory else None) or map_columns(headers)
    for header, key in (overrides or {}).items():
        if key and key not in FIELD_BY_KEY:
            raise ValidationError(_("{field} is not a field an import can fill.").format(
                field=key), field="mapping")
        wanted = header_key(header)
        columns = [i for i, h in enumerate(headers) if header_key(h) == wanted]
        if not columns:
            raise ValidationError(_("The file has no column “{column}”.").format(
                column=header), field="mapping")
        for i in columns:
            mapping[i] = key or None
    return mapping


def check_mapping(mapping: Sequence[str | None]) -> None:
    """Refuse a mapping that cannot make residents, or fills one field from two columns."""
    for key in REQUIRED_KEYS:
        if key not in mapping:
            raise ValidationError(_("No column is mapped to “{field}”; it is required.").format(
                field=_(FIELD_BY_KEY[key].label)), field="mapping")
    check_no_field_twice(mapping, FIELD_BY_KEY)


def check_no_field_twice(mapping: Sequence[str | None], fields: Mapping) -> None:
    """Refuse two columns mapped to one field (of ``fields``: key → field, with its label),
    residents' or owners': which column's value would count is anyone's guess."""
    seen: set[str] = set()
    for key in mapping:
        if key and key != "ignore":
            if key in seen:
                raise ValidationError(_("Two columns are mapped to “{field}”.").format(
                    field=_(fields[key].label)), field="mapping")
            seen.add(key)


def check_sheet(sheet: SourceSheet, layout: HeaderLayout, mapping: Sequence[str | None],
                ctx: TaskContext | None = None) -> ReadRows:
    check_mapping(mapping)
    return read_rows(sheet.rows, sheet.row_numbers, layout.data_start, layout.headers,
                     mapping, ctx)


def prepare_import(path: str | Path, *, sheet: str | None = None, encoding: str | None = None,
                   overrides: Mapping[str, str] | None = None,
                   memory: MappingMemory | None = None,
                   ctx: TaskContext | None = None) -> PreparedImport:
    with cyclic_gc_paused():  # millions of cells and values, no reference cycles among them
        source, data, layout = load_sheet(path, sheet, encoding, ctx)
        mapping = choose_mapping(layout.headers, overrides, memory)
        read = check_sheet(data, layout, mapping, ctx)
    return PreparedImport(source, data, layout, mapping, read)


def dry_run(db: Database, read: ReadRows, policy: str) -> ImportPlan:
    with db.reading() as session:
        return plan_import(session, read, policy)
