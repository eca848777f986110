"""Review entries for the values a merge did not keep (the "lost" side of a conflict)."""

from __future__ import annotations

from desktop.sync.exchange.state import node_of
from desktop.sync.exchange.tables import json_of


def newer(stamp: str, than: str) -> bool:
    """Stamps are text that sorts: wall time, counter, then node (the tie-break)."""
    return stamp > than


def deletes_against_edits(plan, table, row, position, inc, loc, mine_row, local_pos,
                           sender_seen, local_seen, skip, now) -> None:
    """A delete wins over an edit made without knowing of it; the edit goes to review."""
    if "deleted" not in position:
        return
    created, local_created = row[1], mine_row[1]
    i_del = inc.get("deleted", (created, ""))[0]
    l_del = loc.get("deleted", (local_created, ""))[0]
    if newer(i_del, l_del) and row[position["deleted"]]:
        # The delete arrives: local edits its author never saw are put up for review.
        delete_hlc = i_del
        for c, (hlc, op) in loc.items():
            if (c != "deleted" and c in position and c not in skip
                    and hlc > sender_seen.get(node_of(hlc), "")
                    and hlc >= inc.get(c, (created,))[0]):
                plan.conflicts.append(conflict(
                    table, row[0], c, "edited_after_delete", True, delete_hlc,
                    mine_row[local_pos[c]], hlc, op, now, kept_json="true"))
    elif not newer(i_del, l_del) and l_del != local_created and mine_row[local_pos["deleted"]]:
        # The row is deleted here: edits arriving from a copy that never saw the delete.
        if l_del <= sender_seen.get(node_of(l_del), ""):
            return
        for c, (hlc, op) in inc.items():
            if (c != "deleted" and c not in skip
                    and hlc > local_seen.get(node_of(hlc), "")
                    and hlc >= loc.get(c, (local_created,))[0]):
                plan.conflicts.append(conflict(
                    table, row[0], c, "edited_after_delete", True, l_del,
                    row[position[c]], hlc, op, now, kept_json="true"))


def conflict(table, row_id, fld, kind, kept, kept_hlc, lost, lost_hlc, lost_op, now,
              kept_json=None) -> dict:
    return {"table_name": table.name, "row_id": row_id, "field": fld, "kind": kind,
            "kept_value": kept_json or json_of(table, fld, kept), "kept_hlc": kept_hlc,
            "lost_value": json_of(table, fld, lost), "lost_hlc": lost_hlc,
            "lost_operator": lost_op, "lost_node": node_of(lost_hlc), "detected_at": now,
            "resolved_at": None, "resolved_by": "", "resolution": None}
