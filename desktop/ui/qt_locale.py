"""Qt's own strings (standard buttons, context menus) and number formats in the UI language."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

_QT_LOCALE = {"zh_Hans": "zh_CN", "zh_Hant": "zh_TW"}
_QLOCALE = {"zh_Hans": "zh_CN", "zh_Hant": "zh_TW", "en": "en_US"}


def install_qt_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Install qtbase_zh_CN / qtbase_zh_TW (or the older qt_zh_*) from Qt's translations."""
    QLocale.setDefault(QLocale(_QLOCALE.get(language, "en_US")))
    suffix = _QT_LOCALE.get(language)
    if suffix is None:
        return []
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for base in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(f"{base}_{suffix}", folder):
            app.installTranslator(translator)
            return [translator]
    log.warning("no Qt translation for %s in %s", suffix, folder)
    return []
