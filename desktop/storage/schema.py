"""The whole schema: every feature's tables registered on ``Base.metadata``.

Storage does not import the features: each feature names its model modules in its declaration
(``models`` in ``desktop.core.features``), and ``full_metadata()`` imports them, so a new
feature's tables join the schema (and the migrations' comparison) by declaring themselves.
Storage's own tables (the per-field stamps and the copy's local state) are in ``records``.

``HEAD_REVISION`` is the Alembic revision this version of the app writes. Start-up compares the
database's revision with it and only loads Alembic when they differ (a test keeps the two equal).
"""

from __future__ import annotations

import importlib

from sqlalchemy import MetaData

from desktop.core.features import declared_features
from desktop.storage import records as _storage_records  # noqa: F401  (registers tables)
from desktop.storage.base import Base

HEAD_REVISION = "0011"


def full_metadata() -> MetaData:
    """``Base.metadata`` with every declared feature's models imported (each once)."""
    for feature in declared_features():
        for module in feature.models:
            importlib.import_module(module)
    return Base.metadata
