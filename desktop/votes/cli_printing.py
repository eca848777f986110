"""``linli vote ballots | notice | share | export``: a vote's printouts and sheets without the
window, by the same code as the app.

    linli vote ballots NAME --out F.pdf
    linli vote notice NAME --out F.pdf [--post]
    linli vote export NAME --out F.xlsx
    linli vote share --amount 700000 [--compound C] [--building B] [--unit U] --out F.xlsx|F.pdf
                     [--full-names]

Each takes ``--data-dir``. ``share`` works on the owner register directly: no vote is needed.
A problem is one line on stderr with exit status 2 (``desktop.cli`` turns every LinliError
into that); nothing is written then.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import LinliError
from desktop.core.i18n import _, ngettext
from desktop.security.audit import Action
from desktop.security.outputs import file_out
from desktop.storage.headless import opened, out_option, write_file
from desktop.votes.cli import DATA_DIR, data_dir_option


def add_commands(sub) -> None:
    """Adds this module's ``linli vote`` subcommands."""
    ballots = sub.add_parser("ballots", help=_("print a vote's ballots, one per dwelling (PDF)"))
    notice = sub.add_parser("notice", help=_("print a vote's result notice (PDF)"))
    export = sub.add_parser("export", help=_("write a vote's result per dwelling (.xlsx)"))
    for command, suffix in ((ballots, "pdf"), (notice, "pdf"), (export, "xlsx")):
        command.add_argument("name", metavar="NAME", help=_("the vote's title or id"))
        out_option(command, f"FILE.{suffix}")
    notice.add_argument("--post", action="store_true",
                        help=_("also keep it in the notices archive as posted (the count "
                               "must be closed)"))
    share = sub.add_parser("share", help=_("split an amount over the dwellings of a compound, "
                                           "building or unit by exclusive area"))
    share.add_argument("--amount", required=True, metavar="A",
                       help=_("the amount in yuan, e.g. 700000 or 700000.00"))
    share.add_argument("--compound", metavar="C", help=_("the compound"))
    share.add_argument("--building", metavar="B", help=_("only this building"))
    share.add_argument("--unit", metavar="U", default="", help=_("only this unit of it"))
    out_option(share, "FILE.xlsx|FILE.pdf", _("the file to write: .xlsx or .pdf"))
    share.add_argument("--full-names", action="store_true", dest="full_names",
                       help=_("print owners' names in full on the PDF (staff only; masked by "
                              "default)"))
    for command in (ballots, notice, export, share):
        data_dir_option(command)


def _suffix(path: Path, allowed: tuple[str, ...]) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise LinliError(_("{path}: write a {kinds} file.").format(
            path=path, kinds=" / ".join(f".{a}" for a in allowed)))
    return suffix


def _ballots(args) -> int:
    from desktop.votes.lookup import find_vote
    from desktop.votes.printing.ballots import render_ballots
    from desktop.votes.reading import electorate_rows

    _suffix(args.out, ("pdf",))
    with opened(args, DATA_DIR) as db, file_out(db, Action.PRINT, args.out) as out:
        with db.reading() as session:
            vote_id = find_vote(session, args.name)
            data = render_ballots(session, vote_id)
            count = sum(1 for row in electorate_rows(session, vote_id) if not row.excluded)
        write_file(args.out, data, ngettext("Wrote {path}: {count} ballot.",
                                            "Wrote {path}: {count} ballots.", count).format(
            path=args.out, count=count))
        out.rows = count
    return 0


def _notice(args) -> int:
    from desktop.votes.lookup import find_vote
    from desktop.votes.printing.result import post_result_notice, render_result_notice

    _suffix(args.out, ("pdf",))
    with opened(args, DATA_DIR) as db, file_out(db, Action.PRINT, args.out):
        if args.post:
            from desktop.notices.archive import printed_pdf

            with db.unit_of_work(_("command line")) as uow:
                notice_id = post_result_notice(uow, find_vote(uow.session, args.name))
                data = printed_pdf(uow.session, notice_id)
        else:
            with db.reading() as session:
                data = render_result_notice(session, find_vote(session, args.name))
        write_file(args.out, data)
    return 0


def _export(args) -> int:
    from desktop.votes.export import export_results
    from desktop.votes.lookup import find_vote

    _suffix(args.out, ("xlsx",))
    # Owners' names in full: the office's record of the vote.
    with opened(args, DATA_DIR) as db, file_out(db, Action.EXPORT, args.out,
                                                spreadsheet=True, masked=False) as out:
        with db.reading() as session:
            done = export_results(session, find_vote(session, args.name), args.out)
        out.rows = done.rows
    print(ngettext("Wrote {path}: {count} dwelling.", "Wrote {path}: {count} dwellings.",
                   done.rows).format(path=args.out, count=done.rows))
    return 0


def _scope(session, args) -> tuple[str, str | None]:
    from desktop.roster.models import Building
    from desktop.roster.place_lookup import find_building, find_compound

    compound = (args.compound or "").strip()
    building = (args.building or "").strip()
    if (args.unit or "").strip() and not building:
        raise LinliError(_("--unit needs --building."))
    if not compound and not building:
        raise LinliError(_("Give --compound, --building or both."))
    compound_id = find_compound(session, compound) if compound else None
    building_id = None
    if building:
        building_id = find_building(session, building, [compound_id] if compound_id else [])
        compound_id = session.get(Building, building_id).compound_id
    return compound_id, building_id


def _share(args) -> int:
    from desktop.votes.export import export_share
    from desktop.votes.printing.share import money, render_share_table, share_table

    kind = _suffix(args.out, ("xlsx", "pdf"))
    masked = kind == "pdf" and not args.full_names  # the workbook names owners in full
    with opened(args, DATA_DIR) as db, file_out(
            db, Action.EXPORT if kind == "xlsx" else Action.PRINT, args.out,
            spreadsheet=kind == "xlsx", masked=masked) as out:
        with db.reading() as session:
            compound_id, building_id = _scope(session, args)
            table = share_table(session, args.amount, compound_id, building_id,
                                (args.unit or "").strip())
            if kind == "xlsx":
                export_share(table, args.out)
            else:
                data = render_share_table(table, masked=masked)
        said = ngettext("Wrote {path}: {amount} yuan over {count} dwelling.",
                        "Wrote {path}: {amount} yuan over {count} dwellings.",
                        len(table.rows)).format(path=args.out, amount=money(table.amount),
                                                count=len(table.rows))
        if kind == "pdf":
            write_file(args.out, data, said)
        else:
            print(said)
        out.rows = len(table.rows)
    return 0


RUNNERS = {"ballots": _ballots, "notice": _notice, "export": _export, "share": _share}
