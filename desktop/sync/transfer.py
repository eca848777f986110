"""Bundles end to end: make one for another copy, look inside one, preview it, import it.

This joins the encrypted, signed file (``desktop.sync.bundle``) and the merge
(``desktop.sync.exchange``), and decides whom to believe: a bundle is imported only from a
device this copy trusts — one whose signing key it has seen before under the same fingerprint,
or that the user accepted after comparing fingerprints on both screens. A device whose key has
changed is refused like an unknown one.

Every import runs in one unit of work: a refusal of any kind (not a bundle, newer version,
truncated, wrong passphrase, damaged, unknown signer, already imported) leaves the database
exactly as it was. The window and ``linli bundle`` both call these functions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from desktop.core import auditing
from desktop.core.errors import LinliError, RecoveryCodeNeeded
from desktop.core.features import scope_places
from desktop.core.i18n import _
from desktop.core.memory import cyclic_gc_paused
from desktop.core.tasks import TaskContext
from desktop.storage.changes import ChangeSet
from desktop.storage.database import Database
from desktop.storage.errors import DatabaseFullError
from desktop.storage.marks import is_demo, mark_as_demo, recovery_confirmed
from desktop.storage.schema import HEAD_REVISION
from desktop.sync.bundle.container import (
    BundleHeader,
    UnknownSigner,
    new_header,
    open_bundle,
    read_header,
)
from desktop.sync.bundle.keys import device_keys
from desktop.sync.bundle.writing import write_bundle
from desktop.sync.exchange import (
    SyncPreview,
    TableCounts,
    already_imported,
    apply_payload,
    build_payload,
    decode_payload,
    encode_payload,
    log_bundle,
    peer_acked,
    preview,
    record_peer,
)
from desktop.sync.exchange.declared import community_table, scope_keys
from desktop.sync.exchange.models import BundleLog, SyncPeer
from desktop.sync.exchange.tables import ordered_tables
from desktop.sync.refusals import (  # noqa: F401 - callers import them from here
    AlreadyImported,
    DemoMix,
    DiskFull,
    OtherCommunity,
    OwnBundle,
)


def _nothing() -> dict:
    """A scope with no places in it (every key the declared scope rules choose by)."""
    return {key: [] for key in scope_keys()}


def _refuse_own(db: Database, header: BundleHeader, path: Path) -> None:
    if header.sender_device_id == db.identity.device_id:
        raise OwnBundle(path, header)


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    passphrase: str
    scope: dict | None = None  # None: everything; else {"grids": [...], "compounds": [...], ...}
    minimise: bool | None = None  # None: ID numbers left out of a scoped bundle only
    recipient_device_id: str | None = None  # send only what this device has not acknowledged
    # Take ``scope`` back from the device instead: its rows are removed there (not deleted
    # everywhere), and the bundle carries no data.
    withdraw: bool = False


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    header: BundleHeader
    size_bytes: int
    counts: dict[str, int]


@dataclass(frozen=True)
class IncomingBundle:
    path: Path
    header: BundleHeader
    preview: SyncPreview
    signer_trusted: bool
    already_imported: bool
    other_community: str | None = None  # its name, when the bundle is another community's


@dataclass(frozen=True)
class ImportSummary:
    header: BundleHeader
    per_table: dict[str, TableCounts]
    conflicts: int
    changes: ChangeSet


@dataclass(frozen=True)
class BundleLogRow:
    bundle_id: str
    direction: str  # "in" | "out"
    peer_name: str
    at: dt.datetime
    kind: str
    summary: dict
    file_name: str


@dataclass(frozen=True)
class DeviceInfo:
    device_id: str
    name: str
    node: str
    fingerprint: str


def this_device(db: Database) -> DeviceInfo:
    identity = db.refresh_identity()
    with db.engine.begin() as conn:  # the signing key is made on first use
        keys = device_keys(conn)
    return DeviceInfo(identity.device_id, identity.name, identity.node, keys.fingerprint)


def _scope_kind(request: ExportRequest, since: dict | None) -> str:
    if request.scope is not None:
        return "scoped"
    return "delta" if since else "full"


def export_bundle(db: Database, request: ExportRequest,
                  ctx: TaskContext | None = None) -> ExportSummary:
    """Write a bundle for another copy (atomically; read back and verified before it counts)."""
    with cyclic_gc_paused():
        return _export(db, request, ctx or TaskContext())


def _export(db: Database, request: ExportRequest, ctx: TaskContext) -> ExportSummary:
    if request.scope is not None and not request.withdraw and db.key is not None:
        with db.reading() as session:
            confirmed = recovery_confirmed(session.connection())
        if not confirmed:
            raise RecoveryCodeNeeded(_(
                "Before the first copy for a volunteer's laptop leaves this office, type the "
                "recovery code from the printed recovery sheet: it proves the sheet is kept "
                "here, so the data can be opened again if a password is lost."))
    ctx.report(0, 3, _("Collecting the data…"))
    identity = db.refresh_identity()
    with db.reading() as session:
        since = None
        if request.recipient_device_id:
            peer = session.get(SyncPeer, request.recipient_device_id)
            # A different scope than last time sends everything in it again.
            if peer is not None and (peer.scope or None) == request.scope:
                since = peer_acked(session, request.recipient_device_id)
        if request.withdraw:
            if not request.scope:
                raise LinliError(_("Choose the places to take back from the device."))
            payload = build_payload(session, identity, db.clock, scope=_nothing(), minimise=True,
                                    withdraw=[request.scope], schema=HEAD_REVISION)
        else:
            payload = build_payload(session, identity, db.clock, scope=request.scope,
                                    minimise=request.minimise, since=since,
                                    schema=HEAD_REVISION)
        # Said in the header, readable before the passphrase: exactly which places, whose.
        places = scope_places(session, request.scope) if request.scope else []
        # A delta may carry no community row: it is still this copy's community's data.
        community = ", ".join(_payload_communities(payload) if not request.withdraw else [])
        if not community and not request.withdraw:
            community = ", ".join(_communities(session.connection()).values())
        demo = is_demo(session.connection())
    ctx.check()
    data = encode_payload(payload)
    counts = {name: n for name, n in payload.counts().items() if n}
    header = new_header(identity, _scope_kind(request, since),
                        recipient_device_id=request.recipient_device_id,
                        summary={"counts": counts, "scope": request.scope,
                                 "places": places, "community": community,
                                 "minimised": payload.minimised,
                                 "withdraw": bool(request.withdraw), "demo": demo})
    ctx.report(1, 3, _("Encrypting and writing {file}…").format(file=Path(request.path).name))
    with db.engine.begin() as conn:
        keys = device_keys(conn)
    written = write_bundle(Path(request.path), header, data, request.passphrase, keys, ctx)
    with db.unit_of_work(identity.name) as uow:
        log_bundle(uow.session, written.bundle_id, "out", request.recipient_device_id or "",
                   written.kind, {"counts": counts}, Path(request.path).name)
        # One audit row with the bundle's own log row (the audit log itself is security's).
        auditing.append(uow, "bundle_made", Path(request.path).name,
                        file=Path(request.path).name, kind=written.kind,
                        rows=sum(counts.values()), masked=bool(payload.minimised),
                        withdraw=bool(request.withdraw))
        if request.recipient_device_id:
            record_peer(uow.session, request.recipient_device_id, exported=True,
                        scope=_nothing() if request.withdraw else request.scope)
    ctx.report(3, 3, _("Written."))
    return ExportSummary(Path(request.path), written, Path(request.path).stat().st_size, counts)


def _refuse_demo_mix(conn, header: BundleHeader, path: Path, *, mark: bool = True) -> None:
    """Real and demo data never mix: the bundle's demo mark (in its signed header) must match
    this copy's. A new, empty copy takes the mark of the bundle it starts from (when ``mark``:
    a preview only checks)."""
    bundle_is_demo = bool(header.summary.get("demo"))
    ours = is_demo(conn)
    if bundle_is_demo == ours:
        return
    if bundle_is_demo and not _communities(conn):
        if mark:
            mark_as_demo(conn)  # an empty copy started from the demo's bundle is a demo too
        return
    raise DemoMix(path, bundle_is_demo)


def _communities(conn) -> dict[str, str]:
    """The communities this copy holds: id → name (the table declared to hold them)."""
    community = community_table()
    if community is None:
        return {}
    return dict(conn.exec_driver_sql(
        f'SELECT id, name FROM "{community.name}" WHERE NOT deleted ORDER BY name').all())


def _payload_communities(payload) -> list[str]:
    """The names of the communities whose rows a payload carries."""
    community = community_table()
    data = payload.tables.get(community.name) if community is not None else None
    if data is None or "name" not in data.columns:
        return []
    name, deleted = 3 + data.columns.index("name"), 3 + data.columns.index("deleted")
    return sorted({row[name] for row in data.rows if not row[deleted]})


def other_community(session, payload) -> str | None:
    """The name of another community whose rows the payload holds or points at, when this copy
    already holds one of its own (a new, empty copy takes any community); else None."""
    ours = _communities(session.connection())
    community = community_table()
    if not ours or community is None:
        return None
    theirs: dict[str, str] = {}
    for table in ordered_tables():
        data = payload.tables.get(table.name)
        if data is None or not data.rows:
            continue
        if table is community and "name" in data.columns:
            at = 3 + data.columns.index("name")
            theirs.update((row[0], row[at]) for row in data.rows)
        for column in table.columns:
            if column.name in data.columns and any(
                    fk.column.table is community for fk in column.foreign_keys):
                at = 3 + data.columns.index(column.name)
                theirs.update((row[at], theirs.get(row[at], "")) for row in data.rows
                              if row[at] is not None)
    foreign = {theirs[i] or payload.sender.get("name", "") or i
               for i in theirs if i not in ours}
    return ", ".join(sorted(foreign)) or None


def inspect_bundle(path: Path) -> BundleHeader:
    """Who made the bundle, when, and what it holds — without the passphrase."""
    return read_header(Path(path))


def _trusted(session, header: BundleHeader) -> bool:
    peer = session.get(SyncPeer, header.sender_device_id)
    return bool(peer is not None and peer.trusted
                and peer.fingerprint == header.signer_fingerprint)


def _refuse_changed_key(session, header: BundleHeader, path: Path) -> None:
    peer = session.get(SyncPeer, header.sender_device_id)
    if peer is not None and peer.trusted and peer.fingerprint \
            and peer.fingerprint != header.signer_fingerprint:
        # The same device id with another key: not the device we know. Never auto-trusted.
        raise UnknownSigner(header, path=path)


def open_incoming(db: Database, path: Path, passphrase: str,
                  ctx: TaskContext | None = None) -> IncomingBundle:
    """Decrypt and preview a bundle; writes nothing."""
    with cyclic_gc_paused():
        header, data = open_bundle(Path(path), passphrase, ctx=ctx)
        payload = decode_payload(data)
    _refuse_own(db, header, Path(path))
    with db.reading() as session:
        _refuse_changed_key(session, header, Path(path))
        _refuse_demo_mix(session.connection(), header, Path(path), mark=False)
        return IncomingBundle(Path(path), header, preview(session, payload),
                              _trusted(session, header),
                              already_imported(session, header.bundle_id),
                              other_community(session, payload))


def import_bundle(db: Database, path: Path, passphrase: str, *, trust_signer: bool = False,
                  accept_other_community: bool = False,
                  ctx: TaskContext | None = None) -> ImportSummary:
    """Merge a bundle in one transaction; any refusal leaves the database as it was. Another
    community's bundle is refused (``OtherCommunity``) unless ``accept_other_community``."""
    try:
        with cyclic_gc_paused():
            return _import(db, Path(path), passphrase, trust_signer, accept_other_community,
                           ctx or TaskContext())
    except DatabaseFullError as exc:  # the unit of work tells a full disk (storage/errors.py)
        raise DiskFull(_("The disk is full: {file} could not be imported and nothing was "
                         "changed. Free some space and import it again.").format(
                             file=Path(path).name), details=exc.details) from exc


def _import(db: Database, path: Path, passphrase: str, trust_signer: bool,
            accept_other: bool, ctx: TaskContext) -> ImportSummary:
    header, data = open_bundle(Path(path), passphrase, ctx=ctx)
    payload = decode_payload(data)
    if payload.sender.get("device_id") != header.sender_device_id:
        from desktop.sync.bundle.container import TamperedBundle

        raise TamperedBundle(Path(path), "payload sender differs from the signed header")
    ctx.check()
    ctx.report(0, 1, _("Merging {file}…").format(file=Path(path).name))
    _refuse_own(db, header, Path(path))
    with db.unit_of_work(db.identity.name) as uow:
        session = uow.session
        if already_imported(session, header.bundle_id):
            raise AlreadyImported(Path(path), header)
        _refuse_changed_key(session, header, Path(path))
        if not _trusted(session, header) and not trust_signer:
            raise UnknownSigner(header, path=Path(path))
        _refuse_demo_mix(session.connection(), header, Path(path))
        theirs = other_community(session, payload)
        if theirs and not accept_other:
            raise OtherCommunity(Path(path), theirs,
                                 ", ".join(_communities(session.connection()).values()))
        result = apply_payload(uow, payload, header_bundle_id=header.bundle_id,
                               sender_fingerprint=header.signer_fingerprint)
        session.flush()  # the peer and log rows apply_payload added
        peer = session.get(SyncPeer, header.sender_device_id)
        peer.trusted = True
        peer.public_key = header.signer_public
        log = session.get(BundleLog, header.bundle_id)
        if log is not None:
            log.file_name = Path(path).name
        auditing.append(uow, "bundle_imported", Path(path).name, file=Path(path).name,
                        kind=header.kind, rows=sum(c.new + c.changed + c.deleted
                                                   for c in result.per_table.values()),
                        sender=header.sender_name)
        ctx.check()  # a Cancel pressed during the merge still rolls everything back
    ctx.report(1, 1, _("Imported."))
    return ImportSummary(header, result.per_table, result.conflicts, result.changes)


def bundle_history(session, limit: int = 100) -> list[BundleLogRow]:
    names = dict(session.execute(select(SyncPeer.device_id, SyncPeer.name)).all())
    rows = session.execute(select(BundleLog).order_by(BundleLog.at.desc()).limit(limit))
    return [BundleLogRow(r.bundle_id, r.direction, names.get(r.peer_device_id, "")
                         or r.peer_device_id, r.at, r.kind, dict(r.summary or {}), r.file_name)
            for r in rows.scalars()]
