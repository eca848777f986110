"""``export_residents``: the selection or a filter's residents to an .xlsx or .csv file.

The file is written beside the target under a temporary name and moved over the target only
when complete: after a Cancel or any failure the temporary file is gone and a file already at
the target is untouched. The whole export reads in one transaction, so it is one consistent
snapshot even while others edit.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.core.tasks import TaskContext
from desktop.roster.exporting import columns as cols
from desktop.roster.exporting import rows as r
from desktop.roster.exporting.disclosure import YEAR, Disclosure, disclose
from desktop.roster.views import ResidentFilter, SortSpec
from desktop.security.audit import Action
from desktop.security.outputs import file_out
from desktop.spreadsheets.csv import CsvWriter, python_encoding
from desktop.spreadsheets.xlsx import (
    DATE,
    INLINE,
    NUMBER,
    SHARED,
    XlsxColumn,
    XlsxWriter,
)
from desktop.storage.database import Database

FORMATS = ("xlsx", "csv")
REPORT_EVERY = 2000  # rows between progress reports (TaskContext throttles further)


class ExportError(LinliError):
    """The export file could not be written; nothing at the target was changed."""


@dataclass(frozen=True)
class ExportOptions:
    format: str = "xlsx"  # "xlsx" or "csv"
    columns: tuple[str, ...] = cols.DEFAULT_COLUMNS
    mask: bool = True
    sheet_per_compound: bool = False  # xlsx only
    encoding: str = "utf-8-sig"  # csv only: "utf-8-sig" or "gbk" (written as GB18030)
    resident_ids: tuple[str, ...] | None = None  # the selection, in roster order
    filter: ResidentFilter | None = None  # when no ids: this filter's residents (None: all)
    sort: SortSpec = field(default_factory=SortSpec)


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    format: str
    rows: int
    sheets: tuple[str, ...]  # sheet names (xlsx); () for csv
    disclosure: Disclosure | None = None  # what was masked, shortened or left out


def format_for(path: Path) -> str | None:
    """"xlsx" or "csv" from a file name's suffix; None for anything else."""
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def no_address_sheet() -> str:
    return _("No address")


def export_residents(db: Database, target: Path, options: ExportOptions,
                     ctx: TaskContext | None = None) -> ExportSummary:
    ctx = ctx or TaskContext()
    target = Path(target)
    disclosure = disclose(_checked(options), options.mask)
    columns = disclosure.columns
    if not columns:
        raise ExportError(_("Every chosen column is left out of a masked export: choose "
                            "others, or export unmasked."))
    convert = cols.row_converter(disclosure)
    # A volunteer is refused here, before anything is read or written; the file is then
    # recorded in the audit log once it is in place.
    with file_out(db, Action.EXPORT, target, spreadsheet=True, masked=options.mask) as out:
        with db.reading() as session:
            total, rows = r.export_rows(session, options.resident_ids, options.filter,
                                        options.sort)
            ctx.report(0, total)
            with _replacing(target) as temporary:
                if options.format == "xlsx":
                    count, sheets = _write_xlsx(temporary, disclosure, options, rows, convert,
                                                ctx, total)
                else:
                    count, sheets = _write_csv(temporary, disclosure, options, rows, convert,
                                               ctx, total), ()
        out.rows = count
    ctx.report(total, total)
    return ExportSummary(target, options.format, count, sheets, disclosure)


def _checked(options: ExportOptions) -> tuple[str, ...]:
    if options.format not in FORMATS:
        raise ValueError(f"unknown export format {options.format!r}")
    if options.format == "csv":
        python_encoding(options.encoding)
    columns = cols.check_columns(options.columns)
    if not columns:
        raise ValueError("no columns to export")
    return columns


def _progress(ctx: TaskContext, total: int):
    """A per-row callback: reports at least every REPORT_EVERY rows (≈ 50 ms of work)."""
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if done % REPORT_EVERY == 0:
            ctx.report(done, max(total, done))

    return step


def _xlsx_columns(disclosure: Disclosure) -> list[XlsxColumn]:
    out = []
    for key in disclosure.columns:
        if disclosure.of(key) == YEAR:
            kind = NUMBER
        elif key in cols.DATE_COLUMNS:
            kind = DATE
        elif key in cols.NUMBER_COLUMNS:
            kind = NUMBER
        elif key in cols.REPEATED_COLUMNS:
            kind = SHARED
        else:
            kind = INLINE
        out.append(XlsxColumn(cols.header(key, disclosure), kind, key in cols.TEXT_COLUMNS,
                              cols.SAMPLES.get(key, "")))
    return out


def _write_xlsx(path: Path, disclosure: Disclosure, options: ExportOptions,
                rows: Iterator[tuple], convert, ctx: TaskContext,
                total: int) -> tuple[int, tuple[str, ...]]:
    writer = XlsxWriter(path, _xlsx_columns(disclosure))
    step = _progress(ctx, total)
    count = 0
    try:
        if options.sheet_per_compound:
            sheets = {}
            for row in rows:
                compound = row[r.COMPOUND] or ""
                sheet = sheets.get(compound)
                if sheet is None:
                    sheet = sheets[compound] = writer.add_sheet(compound or no_address_sheet())
                writer.write_row(sheet, convert(row))
                count += 1
                step()
        else:
            sheet = writer.add_sheet(_("Residents"))
            write = writer.write_row
            for row in rows:
                write(sheet, convert(row))
                count += 1
                step()
        ctx.check()
    except BaseException:
        writer.discard()
        raise
    writer.close()
    return count, tuple(s.name for s in writer.sheets)


def _write_csv(path: Path, disclosure: Disclosure, options: ExportOptions,
               rows: Iterator[tuple], convert, ctx: TaskContext, total: int) -> int:
    columns = disclosure.columns
    dates = [i for i, key in enumerate(columns)
             if key in cols.DATE_COLUMNS and disclosure.of(key) != YEAR]
    writer = CsvWriter(path, [cols.header(c, disclosure) for c in columns], options.encoding,
                       dates)
    step = _progress(ctx, total)
    try:
        for row in rows:
            writer.write_row(convert(row))
            step()
        ctx.check()
    finally:
        writer.close()
    return writer.count


# -- the target file ------------------------------------------------------------------------


@contextmanager
def _replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, moved over it when the block succeeds; removed
    whatever else happens (Cancel included)."""
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportError(_("{path} is a folder; choose a file name.").format(path=target))
    if not folder.is_dir():
        raise ExportError(_("The folder {folder} does not exist.").format(folder=folder))
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".part", dir=folder)
    except OSError as exc:
        raise _write_error(target, exc) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        try:
            yield temporary
        except OSError as exc:
            raise _write_error(target, exc) from exc
        try:
            os.replace(temporary, target)
        except PermissionError as exc:
            raise ExportError(
                _("Cannot replace {path}: it is open in another program (Excel or WPS?) or "
                  "read-only. Close it and export again.").format(path=target),
                details=repr(exc)) from exc
        except OSError as exc:
            raise _write_error(target, exc) from exc
    finally:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


def _write_error(target: Path, exc: OSError) -> ExportError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        message = _("The disk is full: {path} could not be written. Free some space and "
                    "export again.").format(path=target)
    elif isinstance(exc, PermissionError):
        message = _("Cannot write {path}: the folder is read-only or you may not write "
                    "there. Choose another folder.").format(path=target)
    else:
        message = _("{path} could not be written: {reason}").format(
            path=target, reason=exc.strerror or exc)
    return ExportError(message, details=repr(exc))
