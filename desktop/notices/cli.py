"""``linli notice render SPEC.json --out FILE.pdf``: a notice printed headless, by the same
code as the app. Names of residents on the roster (when the data folder has a database) are
masked wherever they occur, as in the app; the office's staff and phones of the data folder's
settings are not.

    linli notice render SPEC.json --out FILE.pdf [--no-mask] [--data-dir D]
    linli notice image SPEC.json --out FILE.png [--pages] [--no-mask] [--data-dir D]

``image`` draws the notice for a phone (a WeChat group): one long PNG, or with ``--pages`` one
per screen, FILE-1.png, FILE-2.png…, masked the same way as the PDF.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop.core.errors import LinliError
from desktop.core.files import write_bytes_atomically
from desktop.core.i18n import _


def add_notice_parser(subparsers) -> argparse.ArgumentParser:
    notice = subparsers.add_parser("notice", help=_("print notices without opening the window"))
    notice_sub = notice.add_subparsers(dest="notice_command", metavar="COMMAND", required=True)
    render = notice_sub.add_parser(
        "render", help=_("render a notice described in a JSON file to PDF"),
        description=_("Render a notice (kind, title, body, issuing_body, issued_on, "
                      "posted_from, posted_until, objection, contact_phone, attachments, "
                      "paper) from a JSON file to PDF."))
    render.add_argument("spec", type=Path, metavar="SPEC.json", help=_("the notice, as JSON"))
    render.add_argument("--out", type=Path, required=True, metavar="FILE.pdf",
                        help=_("the PDF file to write"))
    image = notice_sub.add_parser(
        "image", help=_("draw a notice described in a JSON file as a PNG image for a phone"),
        description=_("Draw a notice from a JSON file (the same fields as for render) as a "
                      "PNG image 1080 pixels wide, to post in a chat group."))
    image.add_argument("spec", type=Path, metavar="SPEC.json", help=_("the notice, as JSON"))
    image.add_argument("--out", type=Path, required=True, metavar="FILE.png",
                       help=_("the PNG file to write"))
    image.add_argument("--pages", action="store_true",
                       help=_("one image per phone screen: FILE-1.png, FILE-2.png…"))
    for sub in (render, image):
        sub.add_argument("--no-mask", action="store_true",
                         help=_("print names and phone numbers in full (ID numbers are never "
                                "printed)"))
        sub.add_argument("--data-dir", dest="notice_data_dir", metavar="DIR",
                         help=_("the data folder whose residents' names are masked (default: "
                                "your user data folder; or LINLI_DATA_DIR)"))
    return notice


def community_name(data_dir_arg: str | None) -> str:
    """The community of the data folder, for the foot of an image ("" without a database)."""
    from desktop.core.paths import DataDir, choose_data_dir
    from desktop.roster.community import current_community
    from desktop.storage.lifecycle import open_database

    data_dir = DataDir(choose_data_dir(data_dir_arg, demo=False))
    if not data_dir.database.exists():
        return ""
    db = open_database(data_dir)
    try:
        with db.reading() as session:
            community = current_community(session)
            return community.name if community else ""
    finally:
        db.close()


def known_names(data_dir_arg: str | None) -> list[str]:
    """The names of residents in the roster of the data folder, if it has a database."""
    from desktop.core.paths import DataDir, choose_data_dir
    from desktop.notices.archive import known_names as roster_names
    from desktop.storage.lifecycle import open_database

    data_dir = DataDir(choose_data_dir(data_dir_arg, demo=False))
    if not data_dir.database.exists():
        return []
    db = open_database(data_dir)
    try:
        with db.reading() as session:
            return sorted(roster_names(session))
    finally:
        db.close()


def office_contacts(data_dir_arg: str | None):
    """The office's staff and phones from the data folder's settings: never masked."""
    from desktop.core.masking import OfficeContacts
    from desktop.core.paths import DataDir, choose_data_dir
    from desktop.core.settings import Settings

    data_dir = DataDir(choose_data_dir(data_dir_arg, demo=False))
    return OfficeContacts.from_settings(Settings.load(data_dir.settings_file))


def _read_spec(args: argparse.Namespace):
    import dataclasses

    from desktop.notices.spec import NoticeSpec, check_spec, problems_text

    try:
        data = json.loads(args.spec.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise LinliError(_("Cannot read {path}: {reason}").format(
            path=args.spec, reason=exc.strerror or exc)) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else exc.reason
        raise LinliError(_("{path} is not valid JSON: {reason}").format(
            path=args.spec, reason=reason)) from exc
    try:
        spec = NoticeSpec.from_json(data)
    except ValueError as exc:
        raise LinliError(str(exc)) from exc
    if args.no_mask:
        spec = dataclasses.replace(spec, mask=False)
    problems = check_spec(spec)
    if problems:
        raise LinliError(problems_text(problems))
    return spec


def page_paths(out: Path, count: int) -> list[Path]:
    """FILE-1.png, FILE-2.png… (numbered even when there is one: scripts can count on it)."""
    suffix = out.suffix or ".png"
    return [out.with_name(f"{out.stem}-{k}{suffix}") for k in range(1, count + 1)]


def run_notice(args: argparse.Namespace) -> int:
    spec = _read_spec(args)
    data_dir = args.notice_data_dir or getattr(args, "data_dir", None)
    names = known_names(data_dir) if spec.mask else []
    office = office_contacts(data_dir)
    if args.notice_command == "image":
        from desktop.notices.phone import render_notice_image

        try:
            pngs = render_notice_image(spec, known_names=names, office=office,
                                       community=community_name(data_dir), pages=args.pages)
        except ValueError as exc:  # too tall for one image: the message says use --pages
            raise LinliError(str(exc)) from exc
        paths = page_paths(args.out, len(pngs)) if args.pages else [args.out]
        for path, png in zip(paths, pngs, strict=True):
            write_bytes_atomically(path, png)
            print(_("Wrote {path} ({size} KB).").format(path=path,
                                                         size=max(1, len(png) // 1024)))
        return 0
    from desktop.notices.render import render_notice

    pdf = render_notice(spec, known_names=names, office=office)
    write_bytes_atomically(args.out, pdf)
    print(_("Wrote {path} ({size} KB).").format(path=args.out, size=max(1, len(pdf) // 1024)))
    return 0
