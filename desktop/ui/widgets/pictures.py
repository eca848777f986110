"""Pictures for chats: **Copy as image** (Ctrl+Shift+C) and **Save image…** — the window's one
way to hand a notice, a chart or a result to the residents' WeChat groups.

How a page (or any widget) gets the two actions — visits, votes and meetings do the same:

1. Give it a method ``picture() -> Picture | None``. Return None when there is nothing to
   show yet (and say why in the page); else a ``Picture`` carrying either its ``image`` (a
   QImage drawn on the UI thread, e.g. ``widget_image(widget)``, or PNG bytes) or a
   ``render(pages)`` function returning PNG bytes, which runs off the UI thread on the
   runner's files lane (long work: the phone image of a notice).
2. ``self.pictures = PictureActions(self, self.picture, runner, say=self.message.setText)``
   and put ``self.pictures.copy_button`` and ``self.pictures.save_button`` where the user
   looks. Ctrl+Shift+C then works anywhere inside that widget: the shortcut's context is
   the widget with its children, so two pages each with their own never clash.

A long picture whose ``render(True)`` splits it into phone screens: give it
``can_split=True`` and call ``set_splittable(True)``; the Save button then has a menu with
**Save as phone-screen pages…** (``save_pages_action``): F-1.png, F-2.png…
Problems (a folder that cannot be written; a render that raised a LinliError such as
``PictureError``) are said through ``say``, next to the buttons, never as a crash; a successful copy or save is told in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPoint, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPainter,
    QRegion,
)
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget
from shiboken6 import isValid

from desktop.core.errors import LinliError
from desktop.core.files import safe_file_name, with_suffix_added, write_bytes_atomically
from desktop.core.i18n import _
from desktop.ui.tasks import Failed, Lane, TaskRunner, inline
from desktop.ui.widgets.status import tell

COPY_KEYS = "Ctrl+Shift+C"
PHONE_WIDTH = 1080  # px: a phone screen's width, what a chat shows without zooming


class PictureError(LinliError):
    """A picture could not be made (nothing drawn, bytes that are not an image)."""


@dataclass(frozen=True)
class Picture:
    title: str  # said in the status bar ("Copied “…”")
    name: str  # the suggested file name, without ".png"
    image: QImage | bytes | None = None  # drawn already (UI thread), or PNG bytes
    render: Callable[[bool], Sequence[bytes]] | None = None  # render(pages) -> PNGs, off the UI
    can_split: bool = False  # render(True) gives phone-screen pages


PictureSource = Callable[[], "Picture | None"]
PathAsker = Callable[[QWidget | None, Path], "Path | None"]


# -- drawing and encoding --------------------------------------------------------------------

def png_bytes(image: QImage) -> bytes:
    """The image as PNG (QImage may be encoded off the UI thread; a QPixmap may not)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if image.isNull() or not image.save(buffer, "PNG"):
        raise PictureError(_("The picture could not be drawn."))
    buffer.close()
    return bytes(data.data())


def image_from_png(data: bytes) -> QImage:
    image = QImage.fromData(QByteArray(bytes(data)), "PNG")
    if image.isNull():
        raise PictureError(_("The picture could not be drawn."))
    return image


def widget_image(widget: QWidget, *, scale: float = 2.0, margin: int = 0) -> QImage:
    """``widget`` drawn at ``scale``× its size (2×: sharp on a phone) on white with ``margin``
    px around it, its own background left out (the page's tint reads as grey in a chat).
    UI thread only."""
    width, height = widget.width(), widget.height()
    image = QImage(round((width + 2 * margin) * scale), round((height + 2 * margin) * scale),
                   QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor("white"))
    # A scroll area's widget fills itself with the window's tint, and the style sheet gives
    # pages a background: both left out for this drawing, put back straight after.
    filled = widget.autoFillBackground()
    styled = widget.testAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    widget.setAutoFillBackground(False)
    widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
    painter = QPainter(image)
    try:
        widget.render(painter, QPoint(margin, margin), QRegion(0, 0, width, height),
                      QWidget.RenderFlag.DrawChildren)
    finally:
        painter.end()
        widget.setAutoFillBackground(filled)
        widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, styled)
    return image


def default_picture_folder() -> Path:
    for name in ("Pictures", "Documents"):
        folder = Path.home() / name
        if folder.is_dir():
            return folder
    return Path.home()


def safe_name(name: str) -> str:
    return safe_file_name(name, _("Picture"))


def numbered_paths(path: Path, count: int) -> list[Path]:
    """F.png for one picture; F-1.png, F-2.png… for several."""
    if count == 1:
        return [path]
    return [path.with_name(f"{path.stem}-{i}{path.suffix}") for i in range(1, count + 1)]


def write_pictures(path: Path, pngs: Sequence[bytes]) -> list[Path]:
    """Write the PNGs atomically (each whole or not at all); the paths written."""
    paths = numbered_paths(path, len(pngs))
    for target, data in zip(paths, pngs, strict=True):
        write_bytes_atomically(target, data)
    return paths


def _ask_png_path(parent: QWidget | None, suggested: Path) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save image"), str(suggested),
                                                _("PNG image (*.png)"))
    return Path(path) if path else None


# -- the actions -----------------------------------------------------------------------------

class PictureActions(QObject):
    """Copy as image (Ctrl+Shift+C) and Save image… for the picture ``source`` gives."""

    def __init__(self, host: QWidget, source: PictureSource, runner: TaskRunner, *,
                 say: Callable[[str], object] | None = None) -> None:
        super().__init__(host)
        self._host, self._source, self._runner = host, source, runner
        self._say = say or (lambda text: tell(host, text))
        self.ask_path: PathAsker = _ask_png_path  # tests save without the file chooser
        self.last_paths: list[Path] = []

        self.copy_action = QAction(_("Copy as image"), host)
        self.copy_action.setShortcut(QKeySequence(COPY_KEYS))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.setToolTip(_("Copy as an image to paste into a chat ({keys})").format(
            keys=QKeySequence(COPY_KEYS).toString(QKeySequence.SequenceFormat.NativeText)))
        self.save_action = QAction(_("Save image…"), host)
        self.save_pages_action = QAction(_("Save as phone-screen pages…"), host)
        host.addAction(self.copy_action)  # the shortcut works wherever the focus is in ``host``
        self.copy_action.triggered.connect(self.copy)
        self.save_action.triggered.connect(lambda: self.save(pages=False))
        self.save_pages_action.triggered.connect(lambda: self.save(pages=True))

        self.copy_button = QToolButton()
        self.copy_button.setDefaultAction(self.copy_action)
        self.save_button = QToolButton()
        self.save_button.setDefaultAction(self.save_action)
        self._menu = QMenu(self.save_button)
        self._menu.addAction(self.save_action)
        self._menu.addAction(self.save_pages_action)
        for button in (self.copy_button, self.save_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

    def set_splittable(self, splittable: bool) -> None:
        """Offer "Save as phone-screen pages…" in the Save button's menu (long pictures)."""
        self.save_button.setMenu(self._menu if splittable else None)
        self.save_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup
                                      if splittable else
                                      QToolButton.ToolButtonPopupMode.DelayedPopup)
        self.save_pages_action.setVisible(splittable)

    def set_enabled(self, enabled: bool) -> None:
        for action in (self.copy_action, self.save_action, self.save_pages_action):
            action.setEnabled(enabled)

    # -- making the PNGs -------------------------------------------------------------------

    @staticmethod
    def _maker(picture: Picture, pages: bool) -> Callable[[], list[bytes]]:
        """What makes the picture's PNGs, to be called off the UI thread."""
        image, render = picture.image, picture.render
        if isinstance(image, QImage):
            image = image.copy()  # the worker gets its own, whatever the page draws next

        def make() -> list[bytes]:
            if render is not None:
                pngs = list(render(pages))
            elif isinstance(image, QImage):
                pngs = [png_bytes(image)]
            else:
                pngs = [bytes(image)] if image else []
            if not pngs:
                raise PictureError(_("The picture could not be drawn."))
            return pngs

        return make

    def _run(self, work, title: str, then: Callable) -> None:
        def done(result) -> None:
            if not isValid(self._host):
                return  # the page closed while it rendered
            if isinstance(result, Failed):
                self._say(result.message)
            else:
                then(result)

        self._runner.run(inline(work), title=title, lane=Lane.FILES, parent=self._host,
                         on_result=done, progress=True)

    def _picture(self) -> Picture | None:
        try:
            return self._source()
        except LinliError as exc:
            self._say(exc.message)
            return None

    # -- the commands ----------------------------------------------------------------------

    def copy(self) -> None:
        picture = self._picture()
        if picture is None:
            return
        if isinstance(picture.image, QImage):  # no need to leave the UI thread
            self._to_clipboard(picture, picture.image)
            return

        def copied(pngs: list[bytes]) -> None:
            try:
                image = image_from_png(pngs[0])
            except LinliError as exc:
                self._say(exc.message)
                return
            self._to_clipboard(picture, image)

        make = self._maker(picture, False)
        self._run(lambda _task_ctx: make(), _("Preparing the picture"), copied)

    def _to_clipboard(self, picture: Picture, image: QImage) -> None:
        QGuiApplication.clipboard().setImage(image)
        self._say("")
        tell(self._host, _("Copied “{title}” as an image: paste it into a chat.").format(
            title=picture.title))

    def save(self, *, pages: bool = False) -> None:
        picture = self._picture()
        if picture is None:
            return
        suggested = default_picture_folder() / f"{safe_name(picture.name)}.png"
        chosen = self.ask_path(self._host, suggested)
        if chosen is None:
            return
        path = with_suffix_added(chosen, ".png")
        make = self._maker(picture, pages and picture.can_split)
        self._run(lambda _task_ctx: write_pictures(path, make()), _("Saving the picture"),
                  self._saved)

    def _saved(self, paths: list[Path]) -> None:
        self.last_paths = list(paths)
        self._say("")
        if len(paths) == 1:
            tell(self._host, _("Saved {path}.").format(path=paths[0]))
        else:
            tell(self._host, _("Saved {count} pictures: {first} … {last}.").format(
                count=len(paths), first=paths[0], last=paths[-1].name))
