"""The local SQLite database: engine, unit of work, base model, backups and migrations."""
