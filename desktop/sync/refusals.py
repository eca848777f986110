"""Why a bundle is refused as a whole — another community's data, demo mixed with real data,
imported before, made on this very computer, the disk full — each said in the user's language,
the database left exactly as it was (``transfer`` raises them; the window and ``linli bundle``
show their message)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.sync.bundle.container import BundleHeader


class OtherCommunity(LinliError):
    """The bundle holds another community's data; imported only when the user accepts it."""

    def __init__(self, path: Path, theirs: str, ours: str) -> None:
        super().__init__(_("{file} holds the data of another community, {theirs}; this copy "
                           "holds {ours}. Nothing was imported. Accept another community's "
                           "data only if both communities belong in this copy.").format(
                               file=Path(path).name, theirs=theirs, ours=ours))
        self.theirs, self.ours = theirs, ours


class DemoMix(LinliError):
    """Demo residents and real ones never share a copy: a demo bundle is refused by a copy that
    holds real data, and real data by the demo's copy."""

    def __init__(self, path: Path, bundle_is_demo: bool) -> None:
        if bundle_is_demo:
            message = _("{file} holds the demo community (made-up residents), and this copy "
                        "holds real data: nothing was imported. Demo bundles belong only in the "
                        "demo's own folder (linli --demo).")
        else:
            message = _("{file} holds real data, and this copy is the demo community: nothing "
                        "was imported. Import it into the office's own data folder (start Linli "
                        "without --demo).")
        super().__init__(message.format(file=Path(path).name))
        self.bundle_is_demo = bundle_is_demo


class AlreadyImported(LinliError):
    """This very bundle was imported here before."""

    def __init__(self, path: Path, header: BundleHeader) -> None:
        super().__init__(_("{file} from {sender} was already imported on {date}; nothing was "
                           "changed.").format(file=Path(path).name, sender=header.sender_name
                                              or header.sender_device_id,
                                              date=header.created_at[:10]))


class OwnBundle(LinliError):
    """The bundle was made on this very copy (a visitor's bundle opened on the office computer
    that wrote it): it holds nothing this copy lacks. Refused before any trust question, which
    would otherwise ask to trust this computer's own key."""

    def __init__(self, path: Path, header: BundleHeader) -> None:
        super().__init__(_("{file} was made on this computer ({sender}): it holds nothing this "
                           "computer lacks, and nothing was imported. Take it to the computer "
                           "it is for.").format(file=Path(path).name,
                                                sender=header.sender_name
                                                or header.sender_device_id))


class DiskFull(LinliError):
    """The disk (or the database's size limit) ran out while merging; nothing was changed."""
