"""What the forms tab shows beside the list: a form's problems, by row and column, in a dialog
that holds a long list (an XLSForm can bring dozens); and the preview of a form."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.visits.forms.model import Form
from desktop.visits.forms.problems import ERROR


class ProblemsDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, headline: str, lines: list[str]):
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.headline = QLabel(headline)
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        self.text.setVisible(bool(lines))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 360 if lines else 160)


def show_problems(parent: QWidget, title: str, problems, headline: str) -> ProblemsDialog:
    """Errors first, then warnings, each where it is ("row 12, column relevant: …")."""
    from desktop.visits.forms.service import describe

    ordered = sorted(problems or (), key=lambda p: (p.severity != ERROR, p.row or 0))
    dialog = ProblemsDialog(parent, title, headline, [describe(p) for p in ordered])
    dialog.open()
    return dialog


def preview_filler(form: Form, language: str | None, parent: QWidget) -> QWidget:
    """The form as a volunteer will see it, its logic working (nothing is saved)."""
    from desktop.ui.visits.filler import FormFiller
    from desktop.visits.forms.filling import FormFill

    return FormFiller(FormFill(form, language=language), parent)
