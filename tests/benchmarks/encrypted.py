"""``run.py --encrypted``: the same benchmarks on encrypted databases.

Every database a benchmark opens is an encrypted one: the standard dataset is an encrypted
copy of the plain one (key slots beside it, as a protected office has), and a new database a
benchmark creates (an import's, a bundle's target) is created encrypted. The key is derived
from the password once per folder, as signing in does, and the app started as a subprocess
(the start-up figure) signs in with LINLI_PASSWORD.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from desktop.core.paths import DataDir

PASSWORD = "bench-密码-2026"
OPERATOR = "bench"
_keys: dict[Path, bytes] = {}


def _key_for(data_dir: DataDir) -> bytes:
    from desktop.security.keyslots import create_slots, load_slots, unwrap

    root = data_dir.root.resolve()
    if root not in _keys:
        if data_dir.keys_file.exists():
            _keys[root] = unwrap(load_slots(data_dir.keys_file), OPERATOR, PASSWORD)
        else:
            _keys[root], _code = create_slots(data_dir.keys_file, OPERATOR, PASSWORD)
    return _keys[root]


def encrypted_copy(plain: DataDir, target_root: Path) -> DataDir:
    """The encrypted copy of ``plain`` (made once; kept in the cache)."""
    from desktop.storage.cipher import encrypt_existing

    target = DataDir(target_root)
    if target.database.exists() and target.keys_file.exists():
        return target
    partial = target_root.with_name(target_root.name + "-partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    shutil.copy2(plain.database, partial / plain.db_name)
    copy = DataDir(partial)
    encrypt_existing(copy.database, _key_for(copy))
    _keys.clear()
    shutil.rmtree(target_root, ignore_errors=True)
    partial.rename(target_root)
    return target


def install() -> None:
    """From now on ``open_database`` opens (and creates) encrypted databases."""
    from desktop.storage import lifecycle

    plain_open = lifecycle.open_database
    if getattr(plain_open, "_linli_encrypted", False):
        return

    def open_encrypted(data_dir: DataDir, **options):
        options.setdefault("key", _key_for(data_dir))
        return plain_open(data_dir, **options)

    open_encrypted._linli_encrypted = True
    lifecycle.open_database = open_encrypted
    os.environ["LINLI_PASSWORD"] = PASSWORD
    os.environ["LINLI_OPERATOR"] = OPERATOR
