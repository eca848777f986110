"""``linli vote create | list | tally | import-ballots``: opening a vote and counting it without
the window, by the same services as the app.

    linli vote create NAME --item 1..9 --compound C [--building B] [--unit U]
                      [--from DATE] [--until DATE] [--exclude-gaps REASON]
    linli vote list
    linli vote tally NAME [--json]
    linli vote import-ballots NAME FILE.xlsx [--date DATE]

Each takes ``--data-dir``. A problem is one line on stderr with exit status 2; the problems of
a sheet of ballots are listed by row, and then nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from sqlalchemy import func, select

from desktop.core.errors import LinliError
from desktop.core.i18n import _, ngettext
from desktop.storage.headless import reading, writing
from desktop.votes.cli import DATA_DIR, data_dir_option

DEFAULT_DAYS = 30  # a collection period when --until is not given


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a date: write it as 2026-11-30.").format(value=text)) from None


def _item(text: str) -> int:
    if text.strip().isdigit() and 1 <= int(text) <= 9:
        return int(text)
    raise argparse.ArgumentTypeError(
        _("the matter's item of article 278 is a number from 1 to 9, not “{value}”")
        .format(value=text))


def add_commands(sub) -> None:
    """Adds this module's ``linli vote`` subcommands."""
    create = sub.add_parser("create", help=_("open a vote over a compound, building or unit"))
    create.add_argument("name", metavar="NAME", help=_("the vote's title"))
    create.add_argument("--item", type=_item, required=True, metavar="1..9",
                        help=_("the matter's item of article 278 of the Civil Code; 6 to 8 "
                               "need three quarters"))
    create.add_argument("--compound", required=True, metavar="C", help=_("the compound"))
    create.add_argument("--building", metavar="B", help=_("only this building"))
    create.add_argument("--unit", metavar="U", default="", help=_("only this unit of it"))
    create.add_argument("--from", dest="opens_on", type=_day, metavar="DATE",
                        help=_("the first day of collection (default: today)"))
    create.add_argument("--until", dest="closes_on", type=_day, metavar="DATE",
                        help=_("the last day of collection (default: {days} days on)")
                        .format(days=DEFAULT_DAYS))
    create.add_argument("--exclude-gaps", dest="exclude_gaps", metavar="REASON",
                        help=_("leave out every dwelling with no exclusive area or no owner, "
                               "with this reason"))
    listing = sub.add_parser("list", help=_("list the votes: name, scope and state"))
    tally = sub.add_parser("tally", help=_("the count of a vote and how far it is from passing"))
    tally.add_argument("name", metavar="NAME", help=_("the vote's title or id"))
    tally.add_argument("--json", action="store_true",
                       help=_("the figures as JSON, areas as exact decimal strings"))
    ballots = sub.add_parser("import-ballots",
                             help=_("enter a sheet of paper ballots (小区, 楼栋, 单元, 房号, "
                                    "表决意见)"))
    ballots.add_argument("name", metavar="NAME", help=_("the vote's title or id"))
    ballots.add_argument("file", type=Path, metavar="FILE.xlsx", help=_("the sheet"))
    ballots.add_argument("--date", dest="cast_on", type=_day, metavar="DATE",
                         help=_("the date signed, for rows without a 表决日期 (default: "
                                "today)"))
    for command in (create, listing, tally, ballots):
        data_dir_option(command)


def _create(args) -> int:
    from desktop.roster.place_lookup import find_building, find_compound
    from desktop.votes.electorate import scope_gaps
    from desktop.votes.reading import vote_detail
    from desktop.votes.service import VoteDraft, create_vote
    from desktop.votes.tables import Vote, VoteDwelling

    opens_on = args.opens_on or dt.date.today()
    closes_on = args.closes_on or opens_on + dt.timedelta(days=DEFAULT_DAYS)
    with writing(args, DATA_DIR) as uow:
        session = uow.session
        compound_id = find_compound(session, args.compound.strip())
        building_id = (find_building(session, args.building.strip(), [compound_id])
                       if args.building else None)
        if args.unit and not building_id:
            raise LinliError(_("--unit needs --building."))
        title = args.name.strip()
        same = session.query(Vote.id).filter(Vote.title == title,
                                             Vote.deleted.is_(False)).first()
        if same is not None:
            raise LinliError(_("A vote named {name} already exists: choose another "
                               "name.").format(name=title))
        exclude = None
        if args.exclude_gaps is not None:
            exclude = {gap.dwelling_id: args.exclude_gaps for gap in
                       scope_gaps(session, compound_id, building_id, args.unit.strip())}
        vote_id = create_vote(uow, VoteDraft(
            title=title, item=args.item, compound_id=compound_id, opens_on=opens_on,
            closes_on=closes_on, building_id=building_id, unit=args.unit.strip()),
            exclude=exclude)
        detail = vote_detail(session, vote_id)
        count = session.execute(select(func.count()).where(
            VoteDwelling.vote_id == vote_id, VoteDwelling.excluded.is_(False))).scalar()
    print(ngettext("Opened {name} over {scope}: {count} dwelling, {opens} to {closes}.",
                   "Opened {name} over {scope}: {count} dwellings, {opens} to {closes}.",
                   count).format(name=detail.title, scope=detail.scope, count=count,
                                 opens=opens_on.isoformat(), closes=closes_on.isoformat()))
    return 0


def _list(args) -> int:
    from desktop.votes.reading import STATE_LABELS, list_votes

    with reading(args, DATA_DIR) as session:
        votes = list_votes(session, dt.date.today())
    if not votes:
        print(_("There are no votes yet."))
    for vote in votes:
        # One tab, after the name (a script cuts there); the rest is read by people.
        print(f"{vote.title}\t" + _("{scope} · {state} · {opens} to {closes} · {voted} of "
                                    "{electors} dwellings voted").format(
            scope=vote.scope, state=_(STATE_LABELS[vote.state]),
            opens=vote.opens_on.isoformat(), closes=vote.closes_on.isoformat(),
            voted=vote.voted, electors=vote.electors))
    return 0


def _tally(args) -> int:
    from desktop.votes.counting import approval_bar, area_text, percent
    from desktop.votes.lookup import find_vote
    from desktop.votes.reading import tally_json, vote_detail, vote_tally

    with reading(args, DATA_DIR) as session:
        vote_id = find_vote(session, args.name)
        result = vote_tally(session, vote_id)
        detail = vote_detail(session, vote_id)
    if args.json:
        print(json.dumps(tally_json(result), ensure_ascii=False))
        return 0
    t = result.tally
    bar = approval_bar(t.item)
    print(f"{detail.title} · {detail.scope}")
    print(_("Taking part: {area} of {total} m² ({area_share}), {heads} of {total_heads} "
            "owners ({head_share})").format(
        area=area_text(t.participating_area), total=area_text(t.total_area),
        area_share=percent(t.participating_area, t.total_area), heads=t.participating_heads,
        total_heads=t.total_heads, head_share=percent(t.participating_heads, t.total_heads)))
    print(_("Agreeing: {area} m² ({area_share}), {heads} owners ({head_share}); needed: "
            "{bar}").format(
        area=area_text(t.agree_area), area_share=percent(t.agree_area, t.participating_area),
        heads=t.agree_heads, head_share=percent(t.agree_heads, t.participating_heads),
        bar=_("at least three quarters") if bar.at_least else _("more than half")))
    for line in (*result.sentences, *result.warnings):
        print(line)
    return 0


def _import_ballots(args) -> int:
    from desktop.votes.ballots import import_ballots
    from desktop.votes.lookup import find_vote

    with writing(args, DATA_DIR) as uow:
        vote_id = find_vote(uow.session, args.name)
        # Nothing of the sheet is written while any row has a problem.
        report = import_ballots(uow, vote_id, args.file, cast_on=args.cast_on)
    if report.problems:
        for _row, message in report.problems:
            print(message, file=sys.stderr)
        print(ngettext("{count} problem: no ballot was entered.",
                       "{count} problems: no ballot was entered.",
                       len(report.problems)).format(count=len(report.problems)),
              file=sys.stderr)
        return 2
    print(ngettext("Entered {count} ballot ({replaced} replacing an earlier one, {late} late).",
                   "Entered {count} ballots ({replaced} replacing an earlier one, {late} late).",
                   report.written).format(count=report.written, replaced=report.replaced,
                                          late=report.late))
    return 0


RUNNERS = {"create": _create, "list": _list, "tally": _tally,
           "import-ballots": _import_ballots}
