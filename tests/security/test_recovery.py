"""The recovery code: what is printed can be typed back however a person copies it."""

from __future__ import annotations

import re

import pytest

from desktop.core.errors import ValidationError
from desktop.security.recovery import ALPHABET, LENGTH, new_recovery_code, normalise


def test_a_new_code_is_six_groups_of_four_from_an_unambiguous_alphabet():
    codes = {new_recovery_code() for _i in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}", code)
        assert normalise(code) == code.replace("-", "")
    assert not set("ILOU") & set(ALPHABET) and len(ALPHABET) == 32


@pytest.mark.parametrize("typed", [
    "0K3Q-1ABC-DEFG-HJKM-NPQR-STVW",
    "0k3q 1abc defg hjkm npqr stvw",  # lower case, spaces
    "OK3Q-IABC-DEFG-HJKM-NPQR-STVW",  # O for 0, I for 1
    "0K3Q-LABC-DEFG-HJKM-NPQR-STVW",  # l for 1
    "０Ｋ３Ｑ－１ＡＢＣ　ＤＥＦＧ—ＨＪＫＭ ＮＰＱＲ ＳＴＶＷ",  # full width, as an input method types
    " 0K3Q1ABCDEFGHJKMNPQRSTVW\n",
])
def test_a_code_is_read_however_it_was_copied(typed):
    assert normalise(typed) == "0K3Q1ABCDEFGHJKMNPQRSTVW"


def test_a_code_that_cannot_be_one_says_why():
    with pytest.raises(ValidationError) as short:
        normalise("0K3Q-1ABC-DEFG")
    assert short.value.field == "recovery_code"
    assert f"has {LENGTH} letters and digits; this one has 12" in short.value.message
    with pytest.raises(ValidationError) as wrong:
        normalise("0K3Q-1ABC-DEFG-HJKM-NPQR-STVU")
    assert "“U”" in wrong.value.message and "recovery sheet" in wrong.value.message
    with pytest.raises(ValidationError):
        normalise("")
