"""``linli bundle``: make, look inside and import bundles without the window, with the same code.

    linli bundle export --out F.linli [--building ID|NAME …] [--compound …] [--grid …]
                        [--for DEVICE_ID] [--with-id-numbers] [--withdraw] [--data-dir D]
    linli bundle export --out F.linli --campaign NAME --visitor NAME [--for DEVICE_ID]
    linli bundle inspect F.linli
    linli bundle import F.linli [--dry-run] [--trust] [--accept-other-community] [--data-dir D]

The passphrase comes from the environment variable LINLI_BUNDLE_PASSPHRASE, else it is asked
for (twice when exporting). It is never taken on the command line, where others could see it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from desktop.core.errors import LinliError
from desktop.core.features import scope_from_names
from desktop.core.i18n import _, ngettext
from desktop.sync.labels import (
    counts_text,
    kind_label,
    table_label,
    table_order,
    when_long,
)

PASSPHRASE_VARIABLE = "LINLI_BUNDLE_PASSPHRASE"


def add_bundle_parser(sub) -> None:
    bundle = sub.add_parser("bundle", help=_("exchange data with other copies through bundles"))
    bundle_sub = bundle.add_subparsers(dest="bundle_command", metavar="COMMAND", required=True)
    export = bundle_sub.add_parser("export", help=_("write an encrypted bundle"))
    export.add_argument("--out", type=Path, required=True, help=_("the bundle file to write"))
    for flag, what in (("--grid", _("a grid")), ("--compound", _("a compound")),
                       ("--building", _("a building"))):
        export.add_argument(flag, action="append", default=[], metavar="NAME",
                            help=_("only this place: {what} (name or id; repeatable)").format(
                                what=what))
    export.add_argument("--campaign", metavar="NAME",
                        help=_("with --visitor: a bundle for one visitor of this campaign"))
    export.add_argument("--visitor", metavar="NAME",
                        help=_("with --campaign: only this visitor's doors, their households "
                               "and the campaign's form (ID numbers left out)"))
    export.add_argument("--for", dest="recipient", metavar="DEVICE_ID",
                        help=_("send only what this device has not acknowledged yet"))
    export.add_argument("--with-id-numbers", action="store_true",
                        help=_("keep ID numbers in a bundle of chosen places"))
    export.add_argument("--withdraw", action="store_true",
                        help=_("take the chosen places back from the device: they are removed "
                               "there, not deleted everywhere"))
    inspect = bundle_sub.add_parser("inspect", help=_("show who made a bundle and what it holds"))
    inspect.add_argument("file", type=Path)
    imp = bundle_sub.add_parser("import", help=_("merge a bundle into this copy"))
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true",
                     help=_("show what would change, change nothing"))
    imp.add_argument("--trust", action="store_true",
                     help=_("trust the sending device (compare its fingerprint first)"))
    imp.add_argument("--accept-other-community", action="store_true",
                     help=_("import a bundle of another community into this copy too"))
    for command in (export, imp):
        command.add_argument("--data-dir", dest="bundle_data_dir", metavar="DIR",
                             help=_("the data folder (default: your user data folder; or "
                                    "LINLI_DATA_DIR)"))


def _terminal() -> bool:
    """Whether getpass can ask without echoing: a terminal on stdin or (POSIX) /dev/tty.
    Without one it would read stdin with a warning that the passphrase may be shown."""
    if sys.stdin is not None and sys.stdin.isatty():
        return True
    if os.name != "posix":
        return True  # Windows' getpass reads the console itself
    try:
        with open("/dev/tty"):
            return True
    except OSError:
        return False


def ask_passphrase(twice: bool = False) -> str:
    """The passphrase from LINLI_BUNDLE_PASSPHRASE, else typed at the terminal (twice when
    ``twice``); an empty one, or none to be had (no terminal), is refused with a message."""
    value = os.environ.get(PASSPHRASE_VARIABLE)
    if value is not None:
        if not value:
            raise LinliError(_("{variable} is set but empty: set it to the bundle's "
                               "passphrase, or unset it to be asked.").format(
                                   variable=PASSPHRASE_VARIABLE))
        return value
    if not _terminal():
        raise LinliError(_("There is no terminal to type the passphrase in: set {variable} "
                           "to it.").format(variable=PASSPHRASE_VARIABLE))
    try:
        first = getpass.getpass(_("Passphrase: "))
        if first and twice and getpass.getpass(_("Passphrase again: ")) != first:
            raise LinliError(_("The two passphrases differ."))
    except (EOFError, KeyboardInterrupt) as exc:  # no terminal to ask on, or Ctrl-C/D
        raise LinliError(_("No passphrase was typed. Type it when asked, or set {variable}.")
                         .format(variable=PASSPHRASE_VARIABLE)) from exc
    if not first:
        raise LinliError(_("No passphrase was typed. Type it when asked, or set {variable}.")
                         .format(variable=PASSPHRASE_VARIABLE))
    return first


def _open(args):
    from desktop.storage.lifecycle import open_existing

    return open_existing(args.bundle_data_dir or getattr(args, "data_dir", None))


def _scope(db, args) -> dict | None:
    """The places named on the command line, each exactly one place (by name or id): a
    building name found in several compounds is refused with them listed; ``--compound``
    given with ``--building`` narrows the buildings instead of adding the whole compound."""
    if not (args.grid or args.compound or args.building):
        return None
    with db.reading() as session:
        return scope_from_names(session, {"grids": args.grid, "compounds": args.compound,
                                          "buildings": args.building})


def _visitor_scope(db, args) -> dict | None:
    """The scope of a bundle "for a visitor" (``--campaign`` and ``--visitor``, resolved by
    the feature that declares campaign visitors), or None when neither is given. Names are
    checked before the passphrase is asked for; a visitor's bundle goes with neither places
    nor ID numbers nor a withdrawal."""
    if not (args.campaign or args.visitor):
        return None
    if not (args.campaign and args.visitor):
        raise LinliError(_("Name both the campaign and the visitor: --campaign NAME "
                           "--visitor NAME."))
    if args.grid or args.compound or args.building or args.with_id_numbers or args.withdraw:
        raise LinliError(_("A bundle for a visitor holds that visitor's doors only: leave out "
                           "--grid, --compound, --building, --with-id-numbers and "
                           "--withdraw."))
    with db.reading() as session:
        scope = scope_from_names(session, {"campaign_visitors": [(args.campaign,
                                                                  args.visitor)]})
    return {key: ids for key, ids in scope.items() if ids}  # the visitor only, no places


def _counts_line(per_table) -> str:
    parts = []
    for name, counts in sorted(per_table.items(), key=lambda kv: table_order(kv[0])):
        if counts.new or counts.changed or counts.deleted:
            parts.append(_("{table}: {new} new, {changed} changed, {deleted} deleted").format(
                table=table_label(name), new=counts.new, changed=counts.changed,
                deleted=counts.deleted))
    return _("; ").join(parts) or _("nothing changes")


def _contents_lines(summary: dict) -> list[str]:
    """Which places a bundle holds and how many of each record: said before it is sent."""
    lines = []
    if summary.get("community"):
        lines.append(_("Community: {name}").format(name=summary["community"]))
    if summary.get("places"):
        lines.append(_("Places: {places}").format(places=_(", ").join(summary["places"])))
    counts = summary.get("counts")
    lines.append(_("Holds: {counts}").format(
        counts=counts_text(counts) if isinstance(counts, dict) and counts
        else _("no records")))
    return lines


def run_bundle(args: argparse.Namespace) -> int:
    from desktop.sync.transfer import (
        ExportRequest,
        OtherCommunity,
        export_bundle,
        import_bundle,
        inspect_bundle,
        open_incoming,
    )

    if args.bundle_command == "inspect":
        header = inspect_bundle(args.file)
        print(_("Bundle {file}: {kind}, made {at} by {sender} (device {device}, fingerprint "
                "{fingerprint}), schema {schema}.").format(
            file=args.file.name, kind=kind_label(header.kind), at=when_long(header.created_at),
            sender=header.sender_name, device=header.sender_device_id,
            fingerprint=header.signer_fingerprint, schema=header.schema))
        for line in _contents_lines(header.summary):
            print("  " + line)
        return 0
    db = _open(args)
    try:
        if args.bundle_command == "export":
            # A wrong place or visitor name is said before the passphrase is asked for.
            scope = _visitor_scope(db, args) or _scope(db, args)
            request = ExportRequest(args.out, ask_passphrase(twice=True), scope=scope,
                                    minimise=False if args.with_id_numbers else None,
                                    recipient_device_id=args.recipient,
                                    withdraw=args.withdraw)
            summary = export_bundle(db, request)
            print(_("Wrote {file} ({size} KB).").format(
                file=summary.path, size=max(1, summary.size_bytes // 1024)))
            for line in _contents_lines(summary.header.summary):
                print("  " + line)
            return 0
        passphrase = ask_passphrase(twice=False)
        if args.dry_run:
            incoming = open_incoming(db, args.file, passphrase)
            if incoming.other_community:
                print(_("This bundle holds another community's data: {name}.").format(
                    name=incoming.other_community))
            print(_counts_line(incoming.preview.per_table))
            print(ngettext("{count} conflict would be kept for review.",
                           "{count} conflicts would be kept for review.",
                           incoming.preview.conflicts).format(count=incoming.preview.conflicts))
            if incoming.already_imported:
                print(_("This bundle was already imported."))
            return 0
        try:
            result = import_bundle(db, args.file, passphrase, trust_signer=args.trust,
                                   accept_other_community=args.accept_other_community)
        except OtherCommunity as exc:
            raise LinliError(exc.message + " " + _(
                "To keep both in this copy, import it with --accept-other-community.")) from exc
        print(_counts_line(result.per_table))
        print(ngettext("{count} conflict kept for review.", "{count} conflicts kept for review.",
                       result.conflicts).format(count=result.conflicts))
        return 0
    finally:
        db.close()
