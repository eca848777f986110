"""The persistence layer: the local SQLite database (engine, PRAGMAs, backups, migrations), the
unit of work that is the one place that commits, the change set it hands back, and what makes
a table synced — UUIDv7 ids, this device's identity and hybrid logical clock, per-field stamps
written in the same transaction, and the schema the features' declared models make up.
Imports only ``desktop.core``: features register their models instead of being imported."""
