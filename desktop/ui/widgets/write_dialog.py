"""The parts every dialog that writes through the window's one write path shares (New vote,
New campaign, Revisit campaign, Reassign unfinished doors, Edit vote): OK named for what it
does beside Cancel, and a refusal shown in the dialog, on the page of the field it names and
with the cursor there, the button usable again (nothing was written)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QWidget,
)


def ok_cancel(dialog: QDialog, text: str,
              on_ok: Callable[[], object]) -> tuple[QDialogButtonBox, QPushButton]:
    """OK named ``text`` ("&Create vote": Enter) doing ``on_ok``, and Cancel (Esc)."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(text)
    box.accepted.connect(on_ok)
    box.rejected.connect(dialog.reject)
    return box, ok


def show_refusal(error, message: QLabel, button: QPushButton | None = None,
                 fields: Mapping[str, QWidget] | None = None, pages: QTabWidget | None = None,
                 field_pages: Mapping[str, int] | None = None) -> None:
    """``error.message`` in ``message`` and ``button`` enabled again; the field the refusal
    names (``error.field``, a key of ``fields``) gets the cursor, its page of ``pages`` (from
    ``field_pages``) shown first: a field on no known page is left as it is."""
    if button is not None:
        button.setEnabled(True)
    message.setText(error.message)
    field = getattr(error, "field", "")
    if pages is not None:
        page = (field_pages or {}).get(field)
        if page is None:
            return
        pages.setCurrentIndex(page)
    target = (fields or {}).get(field)
    if target is not None:
        target.setFocus()
