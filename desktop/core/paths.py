"""Where things live: the data folder chosen by the user, and the files shipped with the app."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import DataDirError
from desktop.core.files import make_private, private_folder
from desktop.core.i18n import _

APP_DIR_NAME = "LinliDesk"
DATA_DIR_ENV = "LINLI_DATA_DIR"

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _shipped_dir(name: str) -> Path:
    """A top-level folder of the repository, or its copy inside an installed wheel."""
    inside_wheel = _PACKAGE_DIR / f"_{name}"
    if inside_wheel.is_dir():
        return inside_wheel
    return _PACKAGE_DIR.parent / name


def resources_dir() -> Path:
    return _shipped_dir("resources")


def i18n_dir() -> Path:
    return _shipped_dir("i18n")


def default_data_dir(demo: bool = False) -> Path:
    """The user's data folder; the demo community gets a folder of its own, never shared."""
    # Imported here: platformdirs is only needed when no folder was given.
    from platformdirs import user_data_dir

    name = APP_DIR_NAME + ("-demo" if demo else "")
    return Path(user_data_dir(name, appauthor=False, roaming=True))


def choose_data_dir(explicit: str | os.PathLike[str] | None, demo: bool) -> Path:
    """``--data-dir`` wins, then the environment variable, then the platform default.

    The demo never takes the environment variable: it names the office's real folder, and demo
    residents must never land among real ones (an explicit ``--data-dir`` is checked by the
    caller, see desktop.storage.folders)."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env and not demo:
        return Path(from_env).expanduser()
    return default_data_dir(demo)


@dataclass(frozen=True)
class DataDir:
    """One data folder: the database, its backups, the settings and the logs."""

    root: Path
    db_name: str = "linli.sqlite3"

    @property
    def database(self) -> Path:
        return self.root / self.db_name

    @property
    def keys_file(self) -> Path:
        """The key slots: the data key wrapped by each operator's password and the recovery
        code (desktop.security.keyslots). Beside the database, never inside it."""
        return self.root / "keys.json"

    @property
    def signin_file(self) -> Path:
        """Failed sign-ins so far, for throttling (desktop.security.throttle)."""
        return self.root / "signin.json"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def device_file(self) -> Path:
        return self.root / "device.json"

    @property
    def import_mappings(self) -> Path:
        """Column mappings the user confirmed in earlier imports (see roster.importing.mapping)."""
        return self.root / "import-mappings.json"

    def prepare(self) -> DataDir:
        """Create the folder if needed and prove we can write there, or say why not."""
        root = self.root
        if root.exists() and not root.is_dir():
            raise DataDirError(
                _("The data folder {path} is a file, not a folder.").format(path=root)
            )
        try:
            created = not root.exists()
            root.mkdir(parents=True, exist_ok=True)
            self._make_private(created)
            # An actual write is the only reliable test (ACLs, read-only media, full disks).
            with tempfile.NamedTemporaryFile(dir=root, prefix=".write-test-"):
                pass
        except OSError as exc:
            raise DataDirError(
                _(
                    "Cannot write to the data folder {path}. Choose another folder with "
                    "--data-dir, or ask for write permission."
                ).format(path=root),
                details=repr(exc),
            ) from exc
        return self

    # Private files: the data folder holds personal data of a whole community. On a shared
    # POSIX machine the default umask would leave it readable by every local user.
    PRIVATE_FILES = ("settings.json", "device.json", "import-mappings.json",
                     "roster-order.cache")

    def _make_private(self, created: bool) -> None:
        """The folder 0700 and Linli's files in it 0600, tightening what an older version left
        open. A folder the user pointed at for something else (``linli demo --out ./x``, /tmp)
        keeps its mode and its other files (a settings.json of another program); only the
        database and the logs are tightened there."""
        own = created or (self.db_name == DataDir.db_name and _may_tighten(self.root))
        if own:
            private_folder(self.root)
        private_folder(self.logs)
        for folder in (self.logs, self.backups) if own else (self.logs,):
            if folder.is_dir():
                make_private(folder, folder=True)
                for child in folder.iterdir():
                    make_private(child)
        database = self.database
        names = [database.name, database.name + "-wal", database.name + "-shm",
                 database.name + "-journal"]
        for name in names + (list(self.PRIVATE_FILES) if own else []):
            if (self.root / name).exists():
                make_private(self.root / name)


def _may_tighten(folder: Path) -> bool:
    """Never a shared folder (the sticky bit, as /tmp), the home folder or a disk's root."""
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    resolved = folder.resolve()
    return not (mode & 0o1000) and resolved != Path.home().resolve() \
        and resolved.parent != resolved

