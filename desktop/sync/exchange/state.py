"""This copy's version vector, its peers and its bundle log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert

from desktop.storage.records import LocalState
from desktop.sync.exchange.models import BundleLog, SeenStamp, SyncPeer

PARTIAL_KEY = "sync.partial"  # this copy holds only a scope (it imported a scoped bundle)


def node_of(stamp: str) -> str:
    return stamp[20:]  # WWWWWWWWWWWWW-CCCCC-NODE


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def read_seen(session) -> dict[str, str]:
    return dict(session.execute(select(SeenStamp.node, SeenStamp.stamp)).all())


def current_vector(session, clock) -> dict[str, str]:
    """What this copy holds: the imported vector plus its own clock."""
    seen = read_seen(session)
    own = str(clock.last)
    if clock.last.wall_ms and own > seen.get(clock.node, ""):
        seen[clock.node] = own
    return seen


def merge_seen(session, vector: dict[str, str]) -> None:
    current = read_seen(session)
    rows = [{"node": n, "stamp": s} for n, s in vector.items() if s > current.get(n, "")]
    if rows:
        stmt = insert(SeenStamp)
        session.execute(stmt.on_conflict_do_update(index_elements=["node"],
                                                   set_={"stamp": stmt.excluded.stamp}), rows)


def is_partial(session) -> bool:
    return session.get(LocalState, PARTIAL_KEY) is not None


def mark_partial(session) -> None:
    if not is_partial(session):
        session.add(LocalState(key=PARTIAL_KEY, value="1"))


def already_imported(session, bundle_id: str) -> bool:
    row = session.get(BundleLog, bundle_id)
    return row is not None and row.direction == "in"


def log_bundle(session, bundle_id: str, direction: str, peer_device_id: str, kind: str,
               summary: dict, file_name: str = "") -> None:
    session.add(BundleLog(bundle_id=bundle_id, direction=direction,
                          peer_device_id=peer_device_id, at=_now(), kind=kind,
                          summary=summary, file_name=file_name))


@dataclass(frozen=True)
class PeerInfo:
    device_id: str
    name: str
    node: str
    fingerprint: str
    trusted: bool
    first_seen_at: dt.datetime
    last_import_at: dt.datetime | None
    last_export_at: dt.datetime | None


def record_peer(session, device_id: str, *, name: str = "", node: str = "",
                public_key: str = "", fingerprint: str = "", imported: bool = False,
                exported: bool = False, acked: dict | None = None,
                scope: dict | None | bool = False) -> SyncPeer:
    """Create or update a peer; ``imported``/``exported`` stamp the time of this exchange,
    ``acked`` replaces its acknowledged vector, ``scope`` (unless False) the scope sent to it."""
    peer = session.get(SyncPeer, device_id)
    if peer is None:
        peer = SyncPeer(device_id=device_id, first_seen_at=_now(), acked={}, trusted=False)
        session.add(peer)
    for key, value in (("name", name), ("node", node), ("public_key", public_key),
                       ("fingerprint", fingerprint)):
        if value:
            setattr(peer, key, value)
    if imported:
        peer.last_import_at = _now()
    if exported:
        peer.last_export_at = _now()
    if acked is not None:
        peer.acked = dict(acked)
    if scope is not False:
        peer.scope = scope
    return peer


def list_peers(session) -> list[PeerInfo]:
    peers = session.execute(select(SyncPeer).order_by(SyncPeer.name, SyncPeer.device_id))
    return [PeerInfo(p.device_id, p.name, p.node, p.fingerprint, p.trusted, p.first_seen_at,
                     p.last_import_at, p.last_export_at) for p in peers.scalars()]


def peer_acked(session, device_id: str) -> dict[str, str] | None:
    peer = session.get(SyncPeer, device_id)
    return dict(peer.acked) if peer is not None and peer.acked else None
