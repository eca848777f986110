"""What makes an export import back: the import's own header labels, codes as labels it reads."""

from __future__ import annotations

import pytest

from desktop.core.i18n import set_language
from desktop.roster.exporting.columns import EXPORT_KEYS, column_label
from desktop.roster.importing.fields import FIELDS, header_key


def _imported_as(header: str) -> list[str]:
    key = header_key(header)
    return [f.key for f in FIELDS if key in f.aliases]


@pytest.mark.parametrize("language", ["en", "zh_Hans"])
@pytest.mark.parametrize("column", EXPORT_KEYS)
def test_every_header_is_recognised_by_the_import(language, column):
    if column == "hukou_address":
        pytest.xfail("importing/fields.py has no alias for 'Registered (hukou) address' "
                     "(header_key drops the bracket: 'registeredaddress')")
    set_language(language)
    expected = ["ignore"] if column in ("age", "status") else [column]
    assert _imported_as(column_label(column)) == expected
