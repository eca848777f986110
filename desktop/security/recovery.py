"""The recovery code: printed at setup, kept by the office, unlocks the data key when every
password is forgotten.

24 characters of Crockford's base32 (120 random bits) in six groups of four. The alphabet
has no I, L, O or U, so what is copied by hand from paper and typed back is read one way:
``normalise`` takes O for 0 and I or L for 1, any case, spaces and dashes, and the full-width
forms a Chinese input method types.
"""

from __future__ import annotations

import secrets
import unicodedata

from desktop.core.errors import ValidationError
from desktop.core.i18n import _

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 24
GROUP = 4
# Letters people read into the code that the alphabet leaves out on purpose.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_recovery_code() -> str:
    """A fresh code, grouped for reading ("7K3Q-…")."""
    return format_code("".join(secrets.choice(ALPHABET) for _i in range(LENGTH)))


def format_code(code: str) -> str:
    """``code`` (normalised) in groups of four joined by dashes."""
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def normalise(typed: str) -> str:
    """The code as typed, in its canonical form (24 characters, no dashes);
    ``ValidationError`` (field ``recovery_code``) when it cannot be one."""
    text = unicodedata.normalize("NFKC", typed).upper()
    # Spaces, dashes and dots people put between groups, of any width.
    kept = "".join(c for c in text if unicodedata.category(c)[0] not in "ZP" and not c.isspace())
    code = kept.translate(_LOOKALIKES)
    wrong = sorted({c for c in code if c not in ALPHABET})
    if wrong:
        raise ValidationError(_(
            "“{characters}” cannot be part of a recovery code. Check it against the "
            "printed recovery sheet."
        ).format(characters=" ".join(wrong)), field="recovery_code")
    if len(code) != LENGTH:
        raise ValidationError(_(
            "A recovery code has {expected} letters and digits; this one has {count}."
        ).format(expected=LENGTH, count=len(code)), field="recovery_code")
    return code
