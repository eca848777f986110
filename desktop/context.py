"""What the composition root hands to the UI and the commands: plain collaborators, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.paths import DataDir
from desktop.core.settings import Settings
from desktop.storage.database import Database
from desktop.sync.undo import UndoStack


@dataclass
class AppContext:
    data_dir: DataDir
    settings: Settings
    db: Database
    demo: bool = False
    # This session's edits, for Edit ▸ Undo (Ctrl+Z); pages push entries after each action.
    undo: UndoStack = field(default_factory=UndoStack)

    @property
    def operator(self) -> str:
        # Signed in, the operator is who signed in (recorded with every change); otherwise
        # the name typed in Settings (the demo), else the device's.
        if self.db.actor.signed_in:
            return self.db.actor.name
        return self.settings.get("operator") or self.db.identity.name

    @property
    def actor(self):
        return self.db.actor
