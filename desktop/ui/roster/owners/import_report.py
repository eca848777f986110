"""What an owners' list import did, said in one message box: counts, and the rows left out
or warned about with their reasons."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.i18n import _

_SHOWN = 40


def report_text(result, plan) -> tuple[str, str]:
    """(summary, details) of an import."""
    summary = _(
        "{dwellings} dwellings imported: {added} owners added, {removed} earlier owners "
        "replaced, areas changed in {areas}; new places: {new_dwellings} dwellings. Rows "
        "left out: {errors}. Undo it from the roster's import history.").format(
        dwellings=result.dwellings, added=result.owners_added, removed=result.owners_removed,
        areas=result.areas_changed, new_dwellings=result.new_dwellings,
        errors=result.rows_left_out)
    lines = [_("Row {row}: {message}").format(row=p.row, message=p.message)
             for p in plan.problems[:_SHOWN]]
    if len(plan.problems) > _SHOWN:
        lines.append("…")
    return summary, "\n".join(lines)


def show_import_report(parent: QWidget, result, plan) -> QMessageBox:
    summary, details = report_text(result, plan)
    box = QMessageBox(QMessageBox.Icon.Information if not result.rows_left_out
                      else QMessageBox.Icon.Warning, _("Owners' list imported"), summary,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("ownersImportReport")
    if details:
        box.setDetailedText(details)
    box.open()
    return box
