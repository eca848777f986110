"""The wheel of sqlcipher3 carries no SQLCipher or OpenSSL licence notice: ours ship them, for
the versions the pinned wheel actually contains."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

LICENSES = Path(__file__).resolve().parents[3] / "resources" / "licenses"


def test_the_notices_name_the_versions_inside_the_installed_wheel():
    con = sqlcipher3.connect(":memory:")
    try:
        con.execute("PRAGMA key = 'any'")  # the provider answers once a key is set
        cipher = con.execute("PRAGMA cipher_version").fetchone()[0]  # "4.19.0 community"
        provider = con.execute("PRAGMA cipher_provider_version").fetchone()[0]  # "OpenSSL 3.6.0 …"
    finally:
        con.close()
    readme = (LICENSES / "README.txt").read_text(encoding="utf-8")
    assert f"SQLCipher {cipher}" in readme
    assert " ".join(provider.split()[:2]) in readme
    assert f"SQLite {sqlcipher3.sqlite_version}" in readme
    assert "ZETETIC LLC" in (LICENSES / "SQLCipher-LICENSE.txt").read_text(encoding="utf-8")
    assert "Apache License" in (LICENSES / "OpenSSL-LICENSE.txt").read_text(encoding="utf-8")
    assert "Gerhard" in (LICENSES / "sqlcipher3-LICENSE.txt").read_text(encoding="utf-8")
