"""Ballots typed into a sheet (小区, 楼栋, 单元, 房号, 表决意见; a proxy and a date if given),
entered in one write: every problem is listed by the sheet's row and then nothing is
written; otherwise the ballots go in (corrections beside what they replace), with Undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.i18n import _, ngettext
from desktop.ui.operations import Operations
from desktop.ui.widgets.status import tell

PROBLEMS_SHOWN = 8  # in the message itself; all of them under "Show details"


def choose_sheet(tab):
    path, _filter = QFileDialog.getOpenFileName(
        tab, _("Import ballots from a sheet"), "", _("Spreadsheets (*.xlsx *.xls *.csv)"))
    return import_sheet(tab, Path(path)) if path else None


def problems_text(report) -> tuple[str, str]:
    """The message (the first problems) and the details (all of them)."""
    lines = [_("Row {row}: {problem}").format(row=row, problem=problem)
             for row, problem in report.problems]
    head = ngettext("{file}: {count} problem; no ballot was entered.",
                    "{file}: {count} problems; no ballot was entered.",
                    len(lines)).format(file=report.file, count=len(lines))
    shown = "\n".join(lines[:PROBLEMS_SHOWN])
    if len(lines) > PROBLEMS_SHOWN:
        shown += "\n" + ngettext("… and {count} more", "… and {count} more",
                                 len(lines) - PROBLEMS_SHOWN).format(
            count=len(lines) - PROBLEMS_SHOWN)
    return f"{head}\n\n{shown}", "\n".join(lines)


def done_text(report) -> str:
    return _("{entered}, of which {replaced} and {late}.").format(
        entered=ngettext("{count} ballot entered from {file}",
                         "{count} ballots entered from {file}", report.written).format(
            count=report.written, file=report.file),
        replaced=ngettext("{count} replaces an earlier ballot",
                          "{count} replace earlier ballots", report.replaced).format(
            count=report.replaced),
        late=ngettext("{count} came after the period", "{count} came after the period",
                      report.late).format(count=report.late))


def import_sheet(tab, path: Path):
    from desktop.votes.ballots import import_ballots

    if tab.detail is None:
        return None
    vote_id = tab.detail.id
    tab.message.clear()

    def done(report, _changes) -> None:
        tab.imported = report
        if report.problems:
            text, details = problems_text(report)
            box = QMessageBox(QMessageBox.Icon.Warning, _("Import ballots from a sheet"),
                              text, QMessageBox.StandardButton.Close, tab)
            box.setDetailedText(details)
            tab._open(box)
            return
        tab.load()
        tell(tab, done_text(report))

    return Operations.of(tab._runner).write(
        tab._ctx, lambda uow, task_ctx: import_ballots(uow, vote_id, path, task_ctx),
        label=_("Ballots from {file}").format(file=path.name), parent=tab,
        title=_("Entering the ballots of {file}").format(file=path.name), on_done=done,
        on_refused=lambda error: tab.message.setText(error.message), reports=True)
