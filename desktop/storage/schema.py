"""The whole schema in one place: importing this registers every table on ``Base.metadata``.

``HEAD_REVISION`` is the Alembic revision this version of the app writes. Start-up compares the
database's revision with it and only loads Alembic when they differ (a test keeps the two equal).
"""

from __future__ import annotations

from desktop.notices import models as _notice_models  # noqa: F401
from desktop.roster import models as _roster_models  # noqa: F401  (registers tables)
from desktop.roster.importing import models as _import_models  # noqa: F401
from desktop.storage.base import Base
from desktop.sync import records as _sync_records  # noqa: F401  (registers tables)
from desktop.sync.exchange import models as _exchange_models  # noqa: F401

HEAD_REVISION = "0005"

metadata = Base.metadata
