"""Chinese must render everywhere: prefer an installed office font, else the bundled one.

WenQuanYi Micro Hei (resources/fonts, Apache-2.0) is loaded only when no preferred font is
installed, once per process.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

BUNDLED_FONT = "wqy-microhei.ttc"
BUNDLED_FAMILY = "WenQuanYi Micro Hei"
MIN_POINT_SIZE = 10.0

_SIMPLIFIED = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
               "Source Han Sans SC", "SimSun", "NSimSun")
_TRADITIONAL = ("Microsoft JhengHei UI", "Microsoft JhengHei", "PingFang TC", "Noto Sans CJK TC",
                "Source Han Sans TC", "PMingLiU", "MingLiU")
PREFERRED = {
    "zh_Hans": _SIMPLIFIED + _TRADITIONAL,
    "zh_Hant": _TRADITIONAL + _SIMPLIFIED,
    "en": _SIMPLIFIED + _TRADITIONAL,
}

_loaded: dict[Path, str] = {}


def load_bundled_font(fonts_dir: Path) -> str | None:
    """Register the bundled CJK font with Qt (once); its family name, or None."""
    path = fonts_dir / BUNDLED_FONT
    if path in _loaded:
        return _loaded[path]
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("could not load the bundled font %s", path.name)
        return None
    _loaded[path] = families[0]
    return families[0]


def choose_cjk_family(language: str, fonts_dir: Path) -> str | None:
    for family in PREFERRED.get(language, PREFERRED["zh_Hans"]):
        if QFontDatabase.hasFamily(family):
            return family
    return load_bundled_font(fonts_dir)


def apply_fonts(app: QApplication, language: str, fonts_dir: Path) -> str | None:
    """Make the application font render Chinese; returns the CJK family used."""
    family = choose_cjk_family(language, fonts_dir)
    font = QFont(app.font())
    if family:
        if language.startswith("zh"):
            # A Chinese UI reads best in one consistent CJK face (its Latin letters are fine).
            font.setFamilies([family])
        else:
            # English UI: the system face for Latin text, the CJK face for names and places.
            font.setFamilies([font.family(), family])
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
    app.setFont(font)
    log.info("UI font: %s", ", ".join(font.families()))
    return family
