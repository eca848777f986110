"""Where the main window opens: fitted and centred the first time, then where the user left it
(only if that place is still on a screen); and a status bar that asks for the operator's name."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication

from desktop.core.settings import Settings


def _new_window(qtbot, ctx, runner):
    from desktop.ui.shell.main_window import MainWindow

    main = MainWindow(ctx, runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_first_time_the_window_fits_the_screen_and_is_centred(qtbot, ctx, community, runner):
    main = _new_window(qtbot, ctx, runner)
    available = main.screen().availableGeometry()
    frame = main.frameGeometry()
    assert available.contains(frame), (frame, available)
    assert main.width() >= min(1100, available.width() - 40)  # uses the room there is
    centre = frame.center()
    assert abs(centre.x() - available.center().x()) <= 12
    assert abs(centre.y() - available.center().y()) <= 24


def test_the_window_opens_where_it_was_left(qtbot, ctx, community, runner):
    main = _new_window(qtbot, ctx, runner)
    main.resize(730, 445)
    main.move(QPoint(60, 130))  # far from where a centred window would be
    place = main.geometry()
    main.close()
    assert Settings.load(ctx.settings.path).get("window_geometry")  # saved to the file

    ctx.settings = Settings.load(ctx.settings.path)
    again = _new_window(qtbot, ctx, runner)
    assert again.size() == place.size()
    # (the offscreen platform shifts a restored window by its frame's few pixels)
    assert (again.pos() - place.topLeft()).manhattanLength() <= 12, (again.pos(), place)


def test_a_place_no_longer_on_any_screen_is_not_used(qtbot, ctx, community, runner):
    main = _new_window(qtbot, ctx, runner)
    main.resize(750, 470)
    right = max(s.geometry().right() for s in QGuiApplication.screens())
    main.move(QPoint(right + 500, 40))  # the second monitor that has been unplugged
    main.close()

    ctx.settings = Settings.load(ctx.settings.path)
    again = _new_window(qtbot, ctx, runner)
    assert again.screen().availableGeometry().contains(again.frameGeometry())


def test_damaged_saved_place_opens_centred(qtbot, ctx, community, runner):
    ctx.settings.values["window_geometry"] = [0, 0, -5, 0, 0]  # as if hand-edited
    main = _new_window(qtbot, ctx, runner)
    assert main.screen().availableGeometry().contains(main.frameGeometry())


def test_no_operator_says_not_set_and_a_click_opens_the_name_field(qtbot, ctx, community,
                                                                     runner):
    ctx.settings.set("operator", "")
    main = _new_window(qtbot, ctx, runner)
    label = main.status.operator_label
    assert "not set" in label.text()
    assert "test-pc" not in label.text()  # never the computer's name as if it were a person
    label.linkActivated.emit("operator")  # what a click on the link does
    assert main.current_key == "settings"
    assert main.pages["settings"].form.operator.hasFocus() or QGuiApplication.focusWindow() is None

    main.pages["settings"].form.operator.setText("李四")
    main.pages["settings"].form.save()
    assert "李四" in label.text() and "not set" not in label.text()


def test_large_dialogs_fit_the_screen(qtbot, ctx, community, runner):
    """Dialogs that ask for more room than a laptop offers are cut to the screen, so their
    buttons never open below its edge (the offscreen screen here is 800×800)."""
    from desktop.ui.roster.dialogs import HouseholdDialog
    from desktop.ui.roster.importing.wizard import ImportWizard
    from tests.roster.editing_fixtures import make_places

    places = make_places(ctx.db)
    for dialog in (HouseholdDialog(ctx, runner, places.households[0]), ImportWizard(ctx, runner)):
        qtbot.addWidget(dialog)
        dialog.show()
        room = dialog.screen().availableGeometry()
        assert dialog.width() <= room.width() and dialog.height() <= room.height(), dialog
        assert dialog.minimumWidth() <= room.width() - 16
