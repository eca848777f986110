"""The one write path from the window (desktop.ui.operations): a refused write leaves the form
open with the field marked and the database as it was; a write that went through pushes one
undo entry and broadcasts one change signal that refreshes the other pages; a write that fails
half-way (a real SQLite error) changes nothing and says so."""

from __future__ import annotations

from sqlalchemy import func, select, text

from desktop.roster.models import Compound
from desktop.ui.operations import Operations
from tests.roster.editing_fixtures import make_places


def _compounds(ctx) -> int:
    with ctx.db.reading() as s:
        return s.execute(select(func.count()).select_from(Compound)).scalar_one()


def _heard(runner) -> list:
    heard = []
    Operations.of(runner).changed.connect(heard.append)
    return heard


def _new_compound_dialog(qtbot, ctx, runner):
    """A roster with places, the compound count before, the change signals heard, and an open
    new-compound dialog."""
    from desktop.ui.roster.dialogs import CompoundDialog

    make_places(ctx.db)
    before = _compounds(ctx)
    heard = _heard(runner)
    dialog = CompoundDialog(ctx, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return before, heard, dialog


def test_a_refused_write_marks_the_field_and_changes_nothing(qtbot, ctx, runner, shown_errors):
    before, heard, dialog = _new_compound_dialog(qtbot, ctx, runner)
    dialog.name.setText("   ")  # the service refuses a blank name, on the database lane
    dialog.accept()
    assert runner.wait_idle(10)
    assert dialog.isVisible() and dialog.saved_id is None
    assert dialog.form.problems["name"].isVisible() and dialog.form.problems["name"].text()
    assert dialog.save_button.isEnabled()  # the user can correct and save again
    assert not shown_errors and not heard and ctx.undo.undo_label is None
    assert _compounds(ctx) == before


def test_a_write_pushes_one_undo_entry_and_refreshes_the_other_pages(qtbot, window, ctx,
                                                                     runner):
    notices = window.page("notices")  # built, so it hears the change
    refreshed = []
    notices.refresh = lambda changes: refreshed.append(changes)
    heard = _heard(runner)
    dialog = window.run_command("new_compound")
    dialog.name.setText("翠苑二区")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.accept()
    assert runner.wait_idle(10)
    assert len(heard) == 1 and dialog.saved_id in heard[0].created["compound"]
    assert refreshed == heard  # the other page got that very ChangeSet, once
    assert ctx.undo.undo_label == "Save compound 翠苑二区"
    assert window.actions_.undo.isEnabled() and "翠苑二区" in window.actions_.undo.text()
    roster = window.pages["roster"]
    qtbot.waitUntil(lambda: roster.tree.find_kind("compound") and any(
        "翠苑二区" in item.text(0) for item in roster.tree.find_kind("compound")), timeout=10000)

    window.actions_.undo.trigger()  # on the lane too: one more broadcast
    assert runner.wait_idle(10)
    assert len(heard) == 2 and "compound" in heard[1].tables
    assert ctx.undo.undo_label is None  # that write was one entry: nothing more to undo
    assert window.actions_.redo.isEnabled() and not window.actions_.undo.isEnabled()
    with ctx.db.reading() as s:
        assert s.get(Compound, dialog.saved_id).deleted


def test_a_write_failing_half_way_changes_nothing_and_says_so(qtbot, ctx, runner, shown_errors):
    from desktop.roster.places import save_compound

    places = make_places(ctx.db)
    before = _compounds(ctx)
    heard = _heard(runner)

    def work(uow):
        save_compound(uow, "翠苑三区", "old")
        uow.session.flush()  # the compound is written…
        uow.session.execute(text("INSERT INTO no_such_table VALUES (1)"))  # …then SQLite fails

    done = []
    Operations.of(runner).write(ctx, work, label="Two steps", parent=None,
                                on_done=lambda *a: done.append(a))
    assert runner.wait_idle(10)
    assert len(shown_errors) == 1 and shown_errors[0][0]  # said, in the error dialog
    assert not done and not heard and ctx.undo.undo_label is None
    assert _compounds(ctx) == before  # rolled back: the first step is gone too
    assert places.compound_id


def test_enter_twice_saves_once_and_a_form_closed_meanwhile_still_saves(qtbot, ctx, runner):
    before, heard, dialog = _new_compound_dialog(qtbot, ctx, runner)
    dialog.name.setText("翠苑四区")
    dialog.accept()
    dialog.accept()  # a second Enter before the first save came back
    dialog.close()  # and the form closed while the write was on its way
    assert runner.wait_idle(10)
    assert _compounds(ctx) == before + 1  # written once, not lost with the form
    assert len(heard) == 1 and ctx.undo.undo_label == "Save compound 翠苑四区"


def test_cancelling_a_long_write_rolls_it_back_and_keeps_the_form(qtbot, ctx, runner):
    import threading

    from desktop.roster.models import Dwelling
    from desktop.ui.roster.dialogs import BulkDwellingsDialog
    from desktop.ui.tasks import Lane

    places = make_places(ctx.db)
    heard = _heard(runner)

    def count() -> int:
        with ctx.db.reading() as s:
            return s.execute(select(func.count()).select_from(Dwelling)).scalar_one()

    before = count()
    dialog = BulkDwellingsDialog(ctx, runner, places.building_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.units.setText("1-10")
    dialog.last_floor.setValue(60)
    dialog.rooms.setValue(8)
    dialog.update_preview()
    release = threading.Event()
    runner.run(lambda _c: release.wait(10), lane=Lane.DATABASE, progress=False)  # lane busy
    dialog.accept()
    dialog.writing.cancel()  # the user presses Cancel on the progress dialog
    release.set()
    assert runner.wait_idle(30)
    assert count() == before and not heard and ctx.undo.undo_label is None
    assert dialog.isVisible() and dialog.result is None and dialog.save_button.isEnabled()
