"""What the status bar shows, read once at start and after setup (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.context import AppContext
from desktop.roster.reading import community as read_community
from desktop.sync.reading import device_label


@dataclass(frozen=True)
class StatusInfo:
    community_id: str | None
    community_name: str
    device_name: str
    operator: str  # "" when nobody has set their name (changes are then signed by the computer)
    database: str
    demo: bool

    @property
    def has_community(self) -> bool:
        return self.community_id is not None


def load_status(ctx: AppContext) -> StatusInfo:
    """Two small indexed reads."""
    community = read_community(ctx.db)
    # Read fresh: first-run setup may have renamed the device after the database opened.
    name = device_label(ctx.db)
    # Not the computer's name: the status bar must say plainly that nobody is set.
    operator = ctx.settings.get("operator")
    return StatusInfo(
        community.id if community else None,
        community.name if community else "",
        name,
        operator,
        str(ctx.db.path),
        ctx.demo,
    )
