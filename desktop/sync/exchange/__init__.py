"""Exchanging data between copies: export a payload, preview and apply it, review what lost.

State-based, per-field last-writer-wins with review:

- **A payload carries state, not a log.** Each row travels with all its field values and the
  newest stamp of each field (``created_hlc`` for fields never edited). A delta for a peer
  (``since`` = the vector it acknowledged in its last bundle) holds every row that has any
  stamp the peer lacks — whole rows, so the receiver can merge per field. Sending more is
  always safe: importing again, or out of order, changes nothing more (a field only moves to
  a newer stamp).
- **Merge, per field:** incoming stamp I against the local effective stamp L. I > L: the
  incoming value is taken and I itself is recorded as the field's stamp (a stamp is the
  field's version everywhere, never re-issued); I == L: nothing; I < L: the local value stays.
  Ties cannot differ in value: equal stamps come from the same edit (the node breaks ties).
- **Concurrent edits are kept for review.** Each copy keeps a version vector (``seen``: per
  node, the newest stamp it holds). Two field edits are concurrent when the writer of the newer
  one had not seen the older: the incoming edit beats a local one that is newer than the
  sender's vector for its node; a local edit beats an incoming one newer than our own vector
  (before this import) for its node. The losing value, stamp, operator and node go to
  ``SyncConflict`` (a local review list); the winner stays. Every replica converges on the same
  winner; at least the first copy where the two meet keeps the loser.
- **Deletions are tombstones** (``deleted`` is a field like the others, last writer wins).
  Rule for a delete against a concurrent edit of another field: **the delete wins** (the row
  stays deleted on every copy, whatever the stamps), and the edit — still stored on the
  tombstone — is put in the review list as ``edited_after_delete`` so the office can restore
  the row (``resolve_conflict(..., restore=True)``). An edit made after seeing the delete is
  an ordinary edit of a tombstone: no review.
- **Scopes and minimised data.** A scoped payload holds the rows each table's declared scope
  rule selects from the chosen places (``desktop.core.features``; for the roster: the chosen
  grids/compounds/buildings with their dwellings, households, residents, tags and owners),
  plus every row they reference; it never carries deletions of anything else, and importing it
  cannot touch rows outside it. By default it leaves out the declared personal fields (ID
  numbers; ``declared.minimised_fields``): the receiver stores a
  placeholder, notes it in ``WithheldField``, never sends the placeholder on as a value, and an
  absent value never overwrites a real one. A copy that imported a scoped bundle is *partial*:
  its vector speaks only for its scope, so others neither adopt it nor treat it as an
  acknowledgement (they send it whole scopes again).
- **Withdrawing a scope** (``withdraw_scope``) removes its rows from that copy only — the one
  place synced rows are hard-deleted (no tombstone, stamps removed too); rows that other rows
  there still reference are kept.

The bundle file (encryption, header, bundle id) lives in ``desktop.sync.bundle``; this package
deals in ``Payload`` objects and their bytes.
"""

from desktop.sync.exchange.export import build_payload, scope_ids
from desktop.sync.exchange.merge import (
    IncompatiblePayload,
    SyncPreview,
    SyncResult,
    TableCounts,
    apply_payload,
    preview,
)
from desktop.sync.exchange.payload import (
    DamagedPayload,
    Payload,
    decode_payload,
    encode_payload,
)
from desktop.sync.exchange.review import (
    KEEP,
    TAKE_LOST,
    list_conflicts,
    resolve_conflict,
)
from desktop.sync.exchange.state import (
    already_imported,
    current_vector,
    list_peers,
    log_bundle,
    peer_acked,
    record_peer,
)
from desktop.sync.exchange.withdraw import withdraw_scope

__all__ = [
    "KEEP", "TAKE_LOST", "DamagedPayload", "IncompatiblePayload", "Payload", "SyncPreview",
    "SyncResult", "TableCounts", "already_imported", "apply_payload", "build_payload",
    "current_vector", "decode_payload", "encode_payload", "list_conflicts", "list_peers",
    "log_bundle", "peer_acked", "preview", "record_peer", "resolve_conflict", "scope_ids",
    "withdraw_scope",
]
