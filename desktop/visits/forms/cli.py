"""``linli form``: survey forms without opening the window, by the same code as the app.

    linli form import FILE.xlsx [--report R.json] [--data-dir D]
    linli form export NAME --out FILE.xlsx [--data-dir D]
    linli form list [--data-dir D]

An import whose form cannot be used (pyxform rejects it, or an expression does not parse)
exits 1, writes the report with the problems by row and column and changes nothing. A form
whose form id is already in the list comes in as its new version.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.core.errors import LinliError
from desktop.core.files import write_bytes_atomically
from desktop.core.i18n import _, ngettext

EXIT_REFUSED = 1


def add_form_parser(subparsers) -> argparse.ArgumentParser:
    form = subparsers.add_parser("form", help=_("survey forms: import, export, list"))
    sub = form.add_subparsers(dest="form_command", metavar="COMMAND", required=True)
    imp = sub.add_parser("import", help=_("bring in a survey form from an XLSForm file"))
    imp.add_argument("file", type=Path, metavar="FILE.xlsx", help=_("the XLSForm to import"))
    imp.add_argument("--report", type=Path, metavar="FILE.json",
                     help=_("write what was read and every problem as JSON"))
    exp = sub.add_parser("export", help=_("write a survey form as an XLSForm file"))
    exp.add_argument("name", metavar="NAME", help=_("the form's id or title"))
    exp.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx",
                     help=_("the XLSForm file to write"))
    sub.add_parser("list", help=_("list the survey forms"))
    for command in (imp, exp, sub.choices["list"]):
        command.add_argument("--data-dir", dest="form_data_dir", metavar="DIR",
                             help=_("the data folder (default: your user data folder; or "
                                    "LINLI_DATA_DIR)"))
    return form


def _open(args):
    from desktop.storage.lifecycle import open_existing

    return open_existing(args.form_data_dir or getattr(args, "data_dir", None))


def run_form(args: argparse.Namespace) -> int:
    return {"import": _import, "export": _export, "list": _list}[args.form_command](args)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LinliError(_("Cannot read {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from exc


def _import(args) -> int:
    from desktop.visits.forms.problems import errors
    from desktop.visits.forms.service import (
        describe,
        form_by_key,
        question_count,
        read_xlsform,
        save_form,
    )
    from desktop.visits.forms.xlsform import report

    db = _open(args)  # a missing data folder is said before the file is read
    try:
        result = read_xlsform(_read(args.file), args.file.name)
        if args.report is not None:
            write_bytes_atomically(args.report, json.dumps(
                report(result), ensure_ascii=False, indent=2).encode("utf-8"))
        for problem in result.problems:
            print(describe(problem), file=sys.stderr)
        if result.form is None or errors(result.problems):
            print(_("{file} was not imported: the form cannot be used as it is.").format(
                file=args.file.name), file=sys.stderr)
            return EXIT_REFUSED
        form = result.form
        with db.unit_of_work() as uow:
            saved = save_form(uow, form, form_by_key(uow.session, form.form_id),
                              source="xlsform", file_name=args.file.name)
    finally:
        db.close()
    count = question_count(form)
    print(ngettext("Imported {title} (version {number}): {count} question.",
                   "Imported {title} (version {number}): {count} questions.", count).format(
        title=form.title.get(form.default_language), number=saved.number, count=count))
    return 0


def _export(args) -> int:
    from desktop.visits.forms.service import find_form, load_form
    from desktop.visits.forms.xlsform import export_xlsform

    db = _open(args)
    try:
        with db.reading() as session:
            form = load_form(session, find_form(session, args.name))
    finally:
        db.close()
    try:
        export_xlsform(form, args.out)
    except OSError as exc:
        raise LinliError(_("Cannot write {path}: {reason}").format(
            path=args.out, reason=exc.strerror or exc)) from exc
    print(_("Wrote {path}.").format(path=args.out))
    return 0


def _list(args) -> int:
    from desktop.visits.forms.service import list_forms

    db = _open(args)
    try:
        with db.reading() as session:
            forms = list_forms(session)
    finally:
        db.close()
    if not forms:
        print(_("There are no survey forms yet."))
    for form in forms:
        print(ngettext("{key}\t{title}\tversion {number}\t{count} question",
                       "{key}\t{title}\tversion {number}\t{count} questions",
                       form.questions).format(key=form.form_key, title=form.title,
                                              number=form.number, count=form.questions))
    return 0
