"""Protecting a copy: a short or mistyped password is refused before anything is written; once
protected, the recovery code is shown, the sheet can be printed, and the dialog finishes only
when the user says the code is written down (there is no going back: the slots exist)."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.ui.security.first_operator import ProtectDialog, grouped

CODE = "7K3M9QXR2D5WHT8N4BZC6VJP"


class Protector:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def __call__(self, operator: str, password: str) -> str:
        self.calls.append((operator, password))
        return CODE


def fill(dialog, name, first, again):
    dialog.name.setText(name)
    dialog.passwords.first.setText(first)
    dialog.passwords.again.setText(again)
    dialog.next_button.click()


def test_short_or_mismatched_passwords_are_refused_and_nothing_is_protected(qtbot):
    protect = Protector()
    dialog = ProtectDialog(protect)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(dialog, "王小红", "short", "short")
    assert dialog.message.text() == "The password must have at least 8 characters."
    fill(dialog, "王小红", "long enough", "long enougH")
    assert dialog.message.text() == "The two passwords are not the same."
    fill(dialog, "  ", "long enough", "long enough")
    assert "Type your name" in dialog.message.text()
    assert protect.calls == []
    assert dialog.pages.currentIndex() == 0
    dialog.reject()  # before protecting, Cancel still works
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_the_code_is_shown_and_finish_waits_for_the_checkbox(qtbot):
    protect = Protector()
    dialog = ProtectDialog(protect)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(dialog, " 王小红 ", "long enough", "long enough")
    assert protect.calls == [("王小红", "long enough")]
    assert dialog.pages.currentIndex() == 1
    assert dialog.code_label.text() == "7K3M 9QXR 2D5W\nHT8N 4BZC 6VJP"
    assert dialog.passwords.first.text() == ""  # not kept in the widgets
    assert not dialog.finish_button.isEnabled()
    # Protected now: Esc, Cancel and the close button do not leave without the code.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.reject()
    dialog.close()
    dialog.finish()
    assert dialog.isVisible()
    dialog.written.setChecked(True)
    assert dialog.finish_button.isEnabled()
    dialog.finish_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen() == ("王小红", "long enough")
    assert dialog.recovery_code == CODE


def test_a_refusal_from_protecting_stays_on_the_first_page(qtbot):
    from desktop.core.errors import LinliError

    def refuse(_operator, _password):
        raise LinliError("The data folder cannot be written.")

    dialog = ProtectDialog(refuse)
    qtbot.addWidget(dialog)
    fill(dialog, "王小红", "long enough", "long enough")
    assert dialog.message.text() == "The data folder cannot be written."
    assert dialog.pages.currentIndex() == 0


def test_print_recovery_sheet_previews_the_pdf_of_the_code(qtbot, tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    def render(code: str) -> bytes:
        path = tmp_path / "sheet.pdf"
        canvas = Canvas(str(path))
        canvas.drawString(72, 720, f"Recovery code {grouped(code, 6)}")
        canvas.save()
        return path.read_bytes()

    dialog = ProtectDialog(Protector(), render_sheet=render)
    qtbot.addWidget(dialog)
    dialog.show()
    assert ProtectDialog(Protector()).print_button.isHidden()  # no renderer, no button
    fill(dialog, "王小红", "long enough", "long enough")
    preview = dialog.print_sheet()
    assert preview.isVisible()
    saved = tmp_path / "saved.pdf"
    preview.ask_pdf_path = lambda _parent, _suggested: saved
    preview.save()
    text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "7K3M 9QXR 2D5W HT8N 4BZC 6VJP" in text
    preview.reject()
    dialog.written.setChecked(True)
    dialog.finish()
    assert dialog.result() == QDialog.DialogCode.Accepted
