"""Offline copies that converge: encrypted bundles, what each peer has seen, the per-field merge
with its review list, scoped bundles for a volunteer, and undo. The clock, ids and stamps they
rely on are part of the persistence layer (``desktop.storage``)."""
