"""``linli bundle``: make, look inside and import bundles without the window, with the same code.

    linli bundle export --out F.linli [--building ID|NAME …] [--compound …] [--grid …]
                        [--for DEVICE_ID] [--with-id-numbers] [--withdraw] [--data-dir D]
    linli bundle inspect F.linli
    linli bundle import F.linli [--dry-run] [--trust] [--data-dir D]

The passphrase comes from the environment variable LINLI_BUNDLE_PASSPHRASE, else it is asked
for (twice when exporting). It is never taken on the command line, where others could see it.
"""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path

from sqlalchemy import or_, select

from desktop.core.errors import LinliError
from desktop.core.i18n import _, ngettext

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
    for command in (export, imp):
        command.add_argument("--data-dir", dest="bundle_data_dir", metavar="DIR",
                             help=_("the data folder (default: your user data folder; or "
                                    "LINLI_DATA_DIR)"))


def _passphrase(twice: bool) -> str:
    value = os.environ.get(PASSPHRASE_VARIABLE)
    if value:
        return value
    first = getpass.getpass(_("Passphrase: "))
    if twice and getpass.getpass(_("Passphrase again: ")) != first:
        raise LinliError(_("The two passphrases differ."))
    return first


def _open(args):
    from desktop.storage.lifecycle import open_existing

    return open_existing(args.bundle_data_dir or getattr(args, "data_dir", None))


def _scope(db, args) -> dict | None:
    from desktop.roster.models import Building, Compound, Grid

    wanted = {"grids": (Grid, args.grid), "compounds": (Compound, args.compound),
              "buildings": (Building, args.building)}
    if not any(names for _model, names in wanted.values()):
        return None
    scope: dict[str, list[str]] = {}
    with db.reading() as session:
        for key, (model, names) in wanted.items():
            ids = []
            for name in names:
                found = session.execute(select(model.id).where(
                    or_(model.id == name, model.name == name),
                    model.deleted.is_(False))).scalars().all()
                if not found:
                    raise LinliError(_("No place is called {name}.").format(name=name))
                ids += found
            scope[key] = sorted(set(ids))
    return scope


def _counts_line(per_table) -> str:
    parts = []
    for name, counts in per_table.items():
        if counts.new or counts.changed or counts.deleted:
            parts.append(_("{table}: {new} new, {changed} changed, {deleted} deleted").format(
                table=name, new=counts.new, changed=counts.changed, deleted=counts.deleted))
    return "; ".join(parts) or _("nothing changes")


def run_bundle(args: argparse.Namespace) -> int:
    from desktop.sync.transfer import (
        ExportRequest,
        export_bundle,
        import_bundle,
        inspect_bundle,
        open_incoming,
    )

    if args.bundle_command == "inspect":
        header = inspect_bundle(args.file)
        print(_("Bundle {file}: {kind}, made {at} by {sender} (device {device}, fingerprint "
                "{fingerprint}), schema {schema}.").format(
            file=args.file.name, kind=header.kind, at=header.created_at,
            sender=header.sender_name, device=header.sender_device_id,
            fingerprint=header.signer_fingerprint, schema=header.schema))
        for name, count in (header.summary.get("counts") or {}).items():
            print(f"  {name}: {count}")
        return 0
    db = _open(args)
    try:
        if args.bundle_command == "export":
            request = ExportRequest(args.out, _passphrase(twice=True), scope=_scope(db, args),
                                    minimise=False if args.with_id_numbers else None,
                                    recipient_device_id=args.recipient,
                                    withdraw=args.withdraw)
            summary = export_bundle(db, request)
            print(_("Wrote {file} ({size} KB): {rows} rows.").format(
                file=summary.path, size=summary.size_bytes // 1024,
                rows=sum(summary.counts.values())))
            return 0
        passphrase = _passphrase(twice=False)
        if args.dry_run:
            incoming = open_incoming(db, args.file, passphrase)
            print(_counts_line(incoming.preview.per_table))
            print(ngettext("{count} conflict would be kept for review.",
                           "{count} conflicts would be kept for review.",
                           incoming.preview.conflicts).format(count=incoming.preview.conflicts))
            if incoming.already_imported:
                print(_("This bundle was already imported."))
            return 0
        result = import_bundle(db, args.file, passphrase, trust_signer=args.trust)
        print(_counts_line(result.per_table))
        print(ngettext("{count} conflict kept for review.", "{count} conflicts kept for review.",
                       result.conflicts).format(count=result.conflicts))
        return 0
    finally:
        db.close()
