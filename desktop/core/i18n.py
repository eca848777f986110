"""Translations (gettext catalogs built with Babel) and locale-aware dates and numbers.

Every user-visible string goes through ``_()`` with named placeholders only, e.g.
``_("{count} residents").format(count=n)``. Catalogs live in ``i18n/<lang>/LC_MESSAGES``;
``python -m desktop.core.i18n_build`` extracts, updates and compiles them.
"""

from __future__ import annotations

import datetime as _dt
import gettext as _gettext
import locale as _locale
import os
from functools import lru_cache
from pathlib import Path

DOMAIN = "linli"
LANGUAGES: dict[str, str] = {
    # code → the language's own name, shown in the language chooser untranslated on purpose
    "zh_Hans": "简体中文",
    "zh_Hant": "繁體中文",
    "en": "English",
}
DEFAULT_LANGUAGE = "zh_Hans"

# The Babel locale used to format dates and numbers for each UI language.
_BABEL_LOCALE = {"zh_Hans": "zh_Hans_CN", "zh_Hant": "zh_Hant_TW", "en": "en_US"}

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (translate where shown)."""
    return message


def catalog_dir() -> Path:
    from desktop.core.paths import i18n_dir

    return i18n_dir()


def current_language() -> str:
    return _language


def set_language(code: str) -> str:
    """Switch every later ``_()`` call to ``code``; unknown codes fall back to the default."""
    global _translation, _language
    if code not in LANGUAGES:
        code = DEFAULT_LANGUAGE
    _translation = _catalog(code)
    _language = code
    return code


@lru_cache(maxsize=None)
def _catalog(code: str) -> _gettext.NullTranslations:
    mo = catalog_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if code == "en" or not mo.is_file():
        return _gettext.NullTranslations()  # English is the source language
    with mo.open("rb") as fh:
        return _gettext.GNUTranslations(fh)


def translations_in_every_language(message: str) -> tuple[str, ...]:
    """``message`` as each shipped language writes it: what a file made by a
    user of any language may hold, e.g. an exported sheet's headers or code labels."""
    return tuple(dict.fromkeys(_catalog(code).gettext(message) for code in LANGUAGES))


def language_for_locale(name: str | None) -> str:
    """Map a system locale name (zh_CN, zh-TW, zh_Hant_HK, en_GB…) to a UI language."""
    if not name:
        return "en"
    name = name.replace("-", "_").split(".")[0]
    lowered = name.lower()
    if not lowered.startswith("zh"):
        return "en"
    if "hant" in lowered or lowered.endswith(("_tw", "_hk", "_mo")):
        return "zh_Hant"
    return "zh_Hans"


def detect_language() -> str:
    """The UI language to use before the user chose one: Chinese systems get Chinese."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return language_for_locale(value)
    try:
        return language_for_locale(_locale.getlocale()[0])
    except ValueError:
        return "en"


def babel_locale(code: str | None = None) -> str:
    return _BABEL_LOCALE.get(code or _language, "en_US")


def format_date(value: _dt.date, code: str | None = None) -> str:
    """A date as people write it: 2026年11月22日 in Chinese (no zero padding)."""
    from babel.dates import format_date as _babel_format_date

    return _babel_format_date(value, format="long", locale=babel_locale(code))


def format_datetime(value: _dt.datetime, code: str | None = None) -> str:
    from babel.dates import format_datetime as _babel_format_datetime

    return _babel_format_datetime(value, format="medium", locale=babel_locale(code))


def format_number(value: int | float, code: str | None = None) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale(code))
