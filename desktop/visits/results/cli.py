"""``linli campaign``: a campaign's progress, visits, report and walk list without opening the
window, by the same code as the app.

    linli campaign list [--data-dir D]
    linli campaign export-visits NAME --out F.xlsx [--unmasked] [--data-dir D]
    linli campaign report NAME --out F.pdf [--data-dir D]
    linli campaign walk-list NAME [--visitor NAME] --out F.pdf [--data-dir D]

A campaign or visitor that is not there, or a file that cannot be written, is said in one line
on stderr with a non-zero exit (``desktop.cli`` turns every LinliError into that).
"""

from __future__ import annotations

import argparse

from desktop.core.errors import ValidationError
from desktop.core.i18n import _, format_date, ngettext
from desktop.security.audit import Action
from desktop.security.outputs import file_out
from desktop.storage.headless import (
    data_dir_option,
    opened,
    out_option,
    reading,
    write_file,
)

DATA_DIR = "campaign_data_dir"  # where ``--data-dir`` goes (see ``desktop.storage.headless``)


def add_campaign_parser(subparsers) -> argparse.ArgumentParser:
    campaign = subparsers.add_parser(
        "campaign", help=_("door-to-door campaigns: list, export visits, report, walk list"))
    sub = campaign.add_subparsers(dest="campaign_command", metavar="COMMAND", required=True)
    listing = sub.add_parser("list", help=_("list the campaigns with their progress"))
    export = sub.add_parser("export-visits", help=_("write a campaign's visits to .xlsx"))
    report = sub.add_parser("report", help=_("write a campaign's results report (PDF)"))
    walk = sub.add_parser("walk-list", help=_("write a campaign's walk list (PDF)"))
    for command, suffix in ((export, "xlsx"), (report, "pdf"), (walk, "pdf")):
        command.add_argument("name", metavar="NAME", help=_("the campaign's name"))
        out_option(command, f"FILE.{suffix}")
    export.add_argument("--unmasked", action="store_true",
                        help=_("names, phones and flats in full (staff only)"))
    walk.add_argument("--visitor", metavar="NAME",
                      help=_("only this visitor's doors (default: every visitor's)"))
    for command in (listing, export, report, walk):
        data_dir_option(command, DATA_DIR)
    return campaign


def run_campaign(args: argparse.Namespace) -> int:
    return {"list": _list, "export-visits": _export, "report": _report,
            "walk-list": _walk}[args.campaign_command](args)


def _period(summary) -> str:
    start = format_date(summary.starts_on) if summary.starts_on else ""
    end = format_date(summary.ends_on) if summary.ends_on else ""
    return f"{start}–{end}" if start or end else _("no period")


def _list(args) -> int:
    from desktop.visits.campaigns.reading import list_campaigns

    with reading(args, DATA_DIR) as session:
        campaigns = list_campaigns(session)
    if not campaigns:
        print(_("There are no campaigns yet."))
    for c in campaigns:
        print(_("{name}\t{period} · {done} of {doors} doors done ({percent}%), {visited} "
                "visited").format(name=c.name, period=_period(c), done=c.done, doors=c.doors,
                                  percent=round(100 * c.progress), visited=c.visited))
    return 0


def _export(args) -> int:
    from desktop.visits.campaigns.reading import find_campaign
    from desktop.visits.results.export import export_visits

    with opened(args, DATA_DIR) as db, file_out(db, Action.EXPORT, args.out, spreadsheet=True,
                                                masked=not args.unmasked) as out:
        with db.reading() as session:
            done = export_visits(session, find_campaign(session, args.name), args.out,
                                 masked=not args.unmasked)
        out.rows = done.visits
    print(ngettext("Wrote {path}: {count} visit.", "Wrote {path}: {count} visits.",
                   done.visits).format(path=args.out, count=done.visits))
    return 0


def _report(args) -> int:
    from desktop.visits.campaigns.reading import find_campaign
    from desktop.visits.results.report import render_results_report

    with opened(args, DATA_DIR) as db, file_out(db, Action.PRINT, args.out):
        with db.reading() as session:
            data = render_results_report(session, find_campaign(session, args.name))
        write_file(args.out, data)
    return 0


def _walk(args) -> int:
    from desktop.visits.campaigns.reading import campaign_summary, find_campaign
    from desktop.visits.results.walk import render_campaign_walk_list

    with opened(args, DATA_DIR) as db, file_out(db, Action.PRINT, args.out):
        with db.reading() as session:
            campaign_id = find_campaign(session, args.name)
            visitor_id = None
            if args.visitor is not None:
                visitors = campaign_summary(session, campaign_id).visitors
                found = [v.id for v in visitors if v.name == args.visitor.strip()]
                if not found:
                    raise ValidationError(_("{campaign} has no visitor named {name}. "
                                            "Visitors: {known}.").format(
                        campaign=args.name, name=args.visitor.strip(),
                        known="、".join(v.name for v in visitors) or _("none")),
                        field="visitor")
                visitor_id = found[0]
            data = render_campaign_walk_list(session, campaign_id, visitor_id)
        write_file(args.out, data)
    return 0
