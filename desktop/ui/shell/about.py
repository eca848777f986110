"""Help ▸ About: the version, what the app is for, and where the data lives."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import __version__
from desktop.context import AppContext
from desktop.core.i18n import _


def about_box(ctx: AppContext, parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(_("About Linli Desk"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(_("Linli Desk {version}").format(version=__version__))
    box.setInformativeText(
        _("The community office's offline desk: resident roster, home visits, meeting "
          "minutes, notices, and sync between computers without a network.")
        + "\n\n"
        + _("Data folder: {path}").format(path=ctx.data_dir.root)
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box
