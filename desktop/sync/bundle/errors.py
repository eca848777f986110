"""Why a bundle file cannot be used: one exception per reason, each naming the file in the
user's language. Nothing is changed when any of them is raised."""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.storage.schema import HEAD_REVISION
from desktop.sync.bundle.header import FORMAT_VERSION, BundleHeader


class BundleError(LinliError):
    """A bundle file cannot be used; nothing was changed."""

    def __init__(self, path: Path | str | None, message: str, details: str = "") -> None:
        super().__init__(message, details)
        self.path = Path(path) if path is not None else None


def _name(path: Path | str | None) -> str:
    return Path(path).name if path is not None else ""


class NotABundle(BundleError):
    def __init__(self, path: Path | str | None, details: str = "") -> None:
        super().__init__(path, _("{file} is not a Linli Desk bundle.").format(
            file=_name(path)), details)


class NewerFormat(BundleError):
    def __init__(self, path: Path | str | None, found: int | str, details: str = "") -> None:
        super().__init__(path, _(
            "{file} was made by a newer version of Linli Desk; update this copy to open it."
        ).format(file=_name(path)), details or f"bundle format {found}, "
                                               f"this version reads {FORMAT_VERSION}")
        self.found = found


class NewerSchema(BundleError):
    def __init__(self, path: Path | str | None, header: BundleHeader, details: str = "") -> None:
        super().__init__(path, _(
            "{file} was made by a newer version of Linli Desk (database version {theirs}, "
            "this copy has {ours}); update this copy to import it."
        ).format(file=_name(path), theirs=header.schema, ours=HEAD_REVISION), details)
        self.header = header


class TruncatedBundle(BundleError):
    def __init__(self, path: Path | str | None, details: str = "") -> None:
        super().__init__(path, _(
            "{file} is incomplete: the copy was cut short, perhaps while copying it. "
            "Copy it again from the original."
        ).format(file=_name(path)), details)


class WrongPassphrase(BundleError):
    def __init__(self, path: Path | str | None, details: str = "") -> None:
        super().__init__(path, _("The passphrase for {file} is not correct.").format(
            file=_name(path)), details)


class TamperedBundle(BundleError):
    def __init__(self, path: Path | str | None, details: str = "") -> None:
        super().__init__(path, _(
            "{file} is damaged or was changed after it was made. Ask the sender for a new copy."
        ).format(file=_name(path)), details)


ForgedSignature = TamperedBundle  # a signature that does not match the header's key


class UnknownSigner(BundleError):
    """Raised by the exchange layer: the signature is sound but the device is not trusted."""

    def __init__(self, header: BundleHeader, path: Path | str | None = None,
                 details: str = "") -> None:
        if path is None:
            message = _(
                "This bundle was signed by a device this copy does not know: {sender} "
                "(fingerprint {fingerprint}). Compare the fingerprint with the sender's screen "
                "before trusting it.")
        else:
            message = _(
                "{file} was signed by a device this copy does not know: {sender} "
                "(fingerprint {fingerprint}). Compare the fingerprint with the sender's screen "
                "before trusting it.")
        super().__init__(path, message.format(
            file=_name(path), sender=header.sender_name or header.sender_device_id,
            fingerprint=header.signer_fingerprint), details)
        self.header = header


class BundleTooLarge(BundleError):
    """The bundle unpacks to more than this copy opens at once (the claim is checked before
    anything is unpacked)."""

    def __init__(self, path: Path | str | None, size: int, limit: int,
                 details: str = "") -> None:
        super().__init__(path, _(
            "{file} would unpack to {size} MB, more than Linli Desk opens at once ({limit} MB). "
            "Nothing was unpacked; ask the sender for a bundle of fewer places."
        ).format(file=_name(path), size=size // (1024 * 1024), limit=limit // (1024 * 1024)),
            details or f"payload_size {size}")
        self.size = size


class BundleUnreadable(BundleError):
    """The file could not be opened or read at all (missing, no permission, disk error)."""

    def __init__(self, path: Path | str | None, details: str = "") -> None:
        super().__init__(path, _("{file} could not be read.").format(file=_name(path)),
                         details)


class BundleWriteError(BundleError):
    """Writing failed; an existing file of that name was left as it was."""

    def __init__(self, path: Path | str | None, details: str = "") -> None:
        super().__init__(path, _(
            "{file} could not be written; any earlier file of that name was left unchanged."
        ).format(file=_name(path)), details)
