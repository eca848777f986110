"""Tags: the built-in groups the office looks after, and the user's own.

Built-in tags get the same id on every device (a UUIDv5 of their code), so two copies that each
set up their tags offline still agree on them after a sync instead of showing every group twice.
"""

from __future__ import annotations

import uuid
from functools import cache

from sqlalchemy import select

from desktop.roster.codes import BUILTIN_TAGS
from desktop.roster.models import Tag
from desktop.storage.database import UnitOfWork

_NAMESPACE = uuid.UUID("6f1d3c1e-5b0a-4d7c-9a51-2d0c0e6b7a10")


@cache
def builtin_tag_id(code: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"tag:{code}"))


def ensure_builtin_tags(uow: UnitOfWork) -> dict[str, str]:
    """Create the built-in tags that are missing; returns code → tag id for all of them."""
    session = uow.session
    ids = {code: builtin_tag_id(code) for code in BUILTIN_TAGS}
    present = set(session.execute(select(Tag.id).where(Tag.id.in_(ids.values()))).scalars())
    for code, tag_id in ids.items():
        if tag_id not in present:
            session.add(Tag(id=tag_id, code=code, name=""))
    return ids
