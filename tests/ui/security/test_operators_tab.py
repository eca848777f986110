"""The Security page and its Operators tab on a real database and real key slots: office staff
add, reset and remove operators (the slot and the row together), everyone changes their own
password (the current one first); a volunteer manages nobody; a copy without sign-in says so."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.core.access import Actor, Role
from desktop.security import keyslots
from desktop.security.operators import add_operator
from tests.ui.security.fakes import PASSWORD


@pytest.fixture
def signed_in(ctx, data_dir):
    """This copy protected, 王小红 (office staff) signed in."""
    key, _code = keyslots.create_slots(data_dir.keys_file, "王小红", PASSWORD)
    ctx.db.key = key
    first = Actor("王小红", Role.OFFICE, signed_in=True)
    with ctx.db.unit_of_work("王小红") as uow:
        uow.session.info["actor"] = first
        # The first operator's row (the slot exists already: add_operator rewraps it).
        add_operator(uow, data_dir.keys_file, key, first, "王小红", Role.OFFICE, PASSWORD)
    ctx.db.actor = first
    return key


def page_of(qtbot, ctx, runner):
    from desktop.ui.security.page import SecurityPage

    page = SecurityPage(ctx, runner)
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    page.activated()
    assert runner.wait_idle(10)
    return page


def names(tab):
    return [(tab.list.topLevelItem(i).text(0), tab.list.topLevelItem(i).text(1))
            for i in range(tab.list.topLevelItemCount())]


def unlocks(data_dir, name, password) -> bool:
    try:
        keyslots.unwrap(keyslots.load_slots(data_dir.keys_file), name, password)
    except keyslots.WrongPassword:
        return False
    return True


def test_office_adds_resets_and_removes_an_operator(qtbot, ctx, runner, signed_in, data_dir):
    page = page_of(qtbot, ctx, runner)
    tab = page.operators
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["Operators",
                                                                          "Audit log"]
    assert names(tab) == [("王小红", "Office staff")]
    assert "Roles are not encryption" in tab.note.text()

    dialog = tab.add()
    dialog.name_edit.setText("李娜")
    dialog.passwords.first.setText("short")
    dialog.passwords.again.setText("short")
    dialog.ok.click()
    assert dialog.grid.problems["password"].text() == \
        "The password must have at least 8 characters."
    dialog.passwords.first.setText("lina's password")
    dialog.passwords.again.setText("lina's password")
    dialog.ok.click()
    assert runner.wait_idle(10)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert names(tab) == [("王小红", "Office staff"), ("李娜", "Volunteer")]
    assert unlocks(data_dir, "李娜", "lina's password")

    tab.list.setCurrentItem(tab.list.topLevelItem(1))
    dialog = tab.reset_password()
    dialog.passwords.first.setText("a brand new one")
    dialog.passwords.again.setText("a brand new one")
    dialog.ok.click()
    assert runner.wait_idle(10)
    assert unlocks(data_dir, "李娜", "a brand new one")
    assert not unlocks(data_dir, "李娜", "lina's password")
    assert unlocks(data_dir, "王小红", PASSWORD)  # the others' are unchanged

    tab.remove(confirm=False)
    assert runner.wait_idle(10)
    assert names(tab) == [("王小红", "Office staff")]
    assert "李娜" not in keyslots.load_slots(data_dir.keys_file).slots


def test_an_operator_cannot_remove_or_reset_themselves_here(qtbot, ctx, runner, signed_in):
    page = page_of(qtbot, ctx, runner)
    tab = page.operators
    tab.list.setCurrentItem(tab.list.topLevelItem(0))
    assert not tab.remove_button.isEnabled() and not tab.reset_button.isEnabled()
    assert tab.own_button.isEnabled()


def test_changing_my_password_asks_the_current_one(qtbot, ctx, runner, signed_in, data_dir):
    page = page_of(qtbot, ctx, runner)
    tab = page.operators
    dialog = tab.change_own()
    dialog.current.setText("not my password")
    dialog.passwords.first.setText("my new password")
    dialog.passwords.again.setText("my new password")
    dialog.ok.click()
    assert runner.wait_idle(10)
    assert dialog.grid.problems["current"].text() == "The current password is wrong."
    assert dialog.isVisible() and dialog.ok.isEnabled()
    assert unlocks(data_dir, "王小红", PASSWORD)
    dialog.current.setText(PASSWORD)
    dialog.ok.click()
    assert runner.wait_idle(10)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert unlocks(data_dir, "王小红", "my new password")


def test_a_volunteer_manages_nobody_and_sees_no_audit_log(qtbot, ctx, runner, signed_in):
    ctx.db.actor = Actor("李娜", Role.VOLUNTEER, signed_in=True)
    page = page_of(qtbot, ctx, runner)
    assert page.tabs.count() == 1 and page.audit is None
    tab = page.operators
    assert tab.only_office.isVisible()
    assert not tab.add_button.isEnabled()
    tab.list.setCurrentItem(tab.list.topLevelItem(0))
    assert not tab.remove_button.isEnabled() and not tab.reset_button.isEnabled()
    assert tab.own_button.isEnabled()


def test_a_copy_without_sign_in_says_so_instead_of_empty_tabs(qtbot, ctx, runner):
    page = page_of(qtbot, ctx, runner)
    assert page.unprotected.isVisible()
    assert "not protected by sign-in" in page.unprotected.text()
    assert not page.tabs.isVisible() and page.operators is None
    QApplication.processEvents()
