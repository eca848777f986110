"""``linli meeting`` and ``linli actions``: the meetings and the three lists without opening the
window, by the same code as the app.

    linli meeting list [--data-dir D]
    linli meeting minutes ID --out F.pdf [--posted] [--data-dir D]
    linli actions export --out F.xlsx [--open] [--party P] [--data-dir D]

A meeting that is not there, a party that does not exist or a file that cannot be written is
said in one line on stderr with exit status 2 (``desktop.cli`` turns every LinliError into
that).
"""

from __future__ import annotations

import argparse
import datetime as dt

from desktop.core.errors import ValidationError
from desktop.core.i18n import _, ngettext
from desktop.meetings.labels import KINDS, label
from desktop.meetings.tables import RESPONSIBLE_PARTIES
from desktop.security.audit import Action
from desktop.security.outputs import file_out
from desktop.storage.headless import (
    data_dir_option,
    opened,
    out_option,
    reading,
    write_file,
)

DATA_DIR = "meeting_data_dir"  # where ``--data-dir`` goes (see ``desktop.storage.headless``)


def add_meeting_parsers(subparsers) -> None:
    """``linli meeting list|minutes`` and ``linli actions export``."""
    meeting = subparsers.add_parser(
        "meeting", help=_("meetings: list them, write a meeting's minutes"))
    sub = meeting.add_subparsers(dest="meeting_command", metavar="COMMAND", required=True)
    listing = sub.add_parser("list", help=_("list the meetings, oldest first"))
    minutes = sub.add_parser("minutes", help=_("write a meeting's minutes (PDF)"))
    minutes.add_argument("meeting_id", metavar="ID", help=_("the meeting's id (see meeting list)"))
    out_option(minutes, "FILE.pdf")
    minutes.add_argument("--posted", action="store_true",
                         help=_("the version for the notice board: residents' names masked, "
                                "no phone numbers"))
    for command in (listing, minutes):
        data_dir_option(command, DATA_DIR)
    actions = subparsers.add_parser(
        "actions", help=_("the three lists of action items: export them"))
    actions_sub = actions.add_subparsers(dest="actions_command", metavar="COMMAND",
                                         required=True)
    export = actions_sub.add_parser("export", help=_("write the action items to .xlsx"))
    out_option(export, "FILE.xlsx")
    export.add_argument("--open", action="store_true", dest="open_only",
                        help=_("only the items not closed yet"))
    export.add_argument("--party", metavar="PARTY",
                        help=_("only this responsible party's items: {parties}").format(
                            parties=", ".join(RESPONSIBLE_PARTIES)))
    data_dir_option(export, DATA_DIR)


def run_meeting(args: argparse.Namespace) -> int:
    return {"list": _list, "minutes": _minutes}[args.meeting_command](args)


def run_actions(args: argparse.Namespace) -> int:
    return {"export": _export}[args.actions_command](args)


def _list(args) -> int:
    from desktop.meetings.reading import list_meetings

    with reading(args, DATA_DIR) as session:
        meetings = list_meetings(session)
    if not meetings:
        print(_("There are no meetings yet."))
    for m in meetings:
        kind = label(KINDS, m.kind)
        # One tab, after the id (a script cuts there); the rest is read by people.
        print(f"{m.id}\t{m.starts_at:%Y-%m-%d %H:%M} · {kind} · {m.title}")
    return 0


def _minutes(args) -> int:
    from desktop.meetings.minutes import render_minutes

    # Minutes not for the notice board name residents in full.
    with opened(args, DATA_DIR) as db, file_out(db, Action.PRINT, args.out,
                                                masked=args.posted):
        with db.reading() as session:
            data = render_minutes(session, args.meeting_id.strip(), posted=args.posted)
        write_file(args.out, data)
    return 0


def _export(args) -> int:
    from desktop.meetings.export import export_actions

    party = args.party.strip() if args.party is not None else None
    if party is not None and party not in RESPONSIBLE_PARTIES:
        raise ValidationError(_("There is no party {party}. Parties: {known}.").format(
            party=party, known=", ".join(RESPONSIBLE_PARTIES)), field="party")
    # The office's working record: not masked (desktop.meetings.export).
    with opened(args, DATA_DIR) as db, file_out(db, Action.EXPORT, args.out,
                                                spreadsheet=True, masked=False) as out:
        with db.reading() as session:
            done = export_actions(session, args.out, today=dt.date.today(),
                                  open_only=args.open_only, party=party)
        out.rows = done.items
    print(ngettext("Wrote {path}: {count} item.", "Wrote {path}: {count} items.",
                   done.items).format(path=args.out, count=done.items))
    return 0
