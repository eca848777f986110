"""Operators on a real database and a real keys.json: roles come from the database, changes
are all or nothing across both, and signing in is throttled."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop.core.access import Actor, NotPermitted, Role
from desktop.core.errors import ValidationError
from desktop.core.files import FileWriteError
from desktop.security import audit, keyslots, operators
from desktop.security.keyslots import KeysDamaged, WrongPassword, WrongRecoveryCode
from desktop.security.tables import AuditEntry, Operator
from desktop.security.throttle import SignInThrottle, TooManyAttempts

OFFICE_PW = "office password"
VOLUNTEER_PW = "volunteer password"
OFFICE = Actor("张三", Role.OFFICE, signed_in=True)
VOLUNTEER = Actor("李四", Role.VOLUNTEER, signed_in=True)


@pytest.fixture
def office(db, data_dir):
    """A protected copy's slots with 张三 as its first (office) operator, and 李四 a volunteer."""
    keys = data_dir.keys_file
    data_key, code = keyslots.create_slots(keys, "张三", OFFICE_PW)
    with db.unit_of_work("张三") as uow:
        operators.add_operator(uow, keys, data_key, OFFICE, "张三", Role.OFFICE, OFFICE_PW)
    with db.unit_of_work("张三") as uow:
        operators.add_operator(uow, keys, data_key, OFFICE, "李四", Role.VOLUNTEER,
                               VOLUNTEER_PW)
    return keys, data_key, code


def state(db, keys):
    """What a failed change must leave exactly as it was."""
    with db.reading() as session:
        rows = [(o.name, o.role) for o in session.scalars(select(Operator).order_by(Operator.name))]
        entries = session.scalar(select(func.count()).select_from(AuditEntry))
    return rows, entries, keys.read_bytes()


def test_each_operator_signs_in_to_the_same_key_and_the_database_says_their_role(
        db, data_dir, office):
    _keys, data_key, _code = office
    assert operators.sign_in(data_dir, "张三", OFFICE_PW) == data_key
    assert operators.sign_in(data_dir, "李四", VOLUNTEER_PW) == data_key
    with db.reading() as session:
        listed = operators.list_operators(session)
        assert [(row.name, row.role) for row in listed] == [
            ("张三", Role.OFFICE), ("李四", Role.VOLUNTEER)]
        assert listed[1].added_by == "张三" and listed[1].role_label == "Volunteer"
        assert operators.operator_role(session, "李四") is Role.VOLUNTEER
        assert operators.signed_in_actor(session, "张三") == OFFICE


def test_adding_and_removing_is_in_the_audit_log(db, office):
    keys, _key, _code = office
    with db.unit_of_work("张三") as uow:
        operators.remove_operator(uow, keys, OFFICE, "李四")
    with db.reading() as session:
        log = [(e.action, e.subject, e.operator, e.detail.get("role"))
               for e in reversed(audit.entries(session))]
        assert audit.verify(session) == []
    assert log == [("operator_added", "张三", "张三", "office"),
                   ("operator_added", "李四", "张三", "volunteer"),
                   ("operator_removed", "李四", "张三", "volunteer")]
    assert keyslots.operators(keyslots.load_slots(keys)) == ["张三"]


def test_the_first_operator_is_office_staff(db, data_dir):
    keys = data_dir.keys_file
    data_key, _code = keyslots.create_slots(keys, "王五", OFFICE_PW)
    before = state(db, keys)
    with pytest.raises(ValidationError) as info, db.unit_of_work("王五") as uow:
        operators.add_operator(uow, keys, data_key, VOLUNTEER, "王五", Role.VOLUNTEER,
                               OFFICE_PW)
    assert info.value.field == "role" and "office staff" in info.value.message
    assert state(db, keys) == before


def test_a_volunteer_cannot_manage_operators_and_nothing_changes(db, office):
    keys, data_key, _code = office
    before = state(db, keys)
    attempts = [
        lambda uow: operators.add_operator(uow, keys, data_key, VOLUNTEER, "赵六",
                                           Role.OFFICE, "a password"),
        lambda uow: operators.remove_operator(uow, keys, VOLUNTEER, "张三"),
        lambda uow: operators.change_password(uow, keys, data_key, VOLUNTEER, "张三",
                                              "taken over"),
    ]
    for attempt in attempts:
        with pytest.raises(NotPermitted) as info, db.unit_of_work("李四") as uow:
            attempt(uow)
        assert "Only office staff can manage operators." == info.value.message
        assert state(db, keys) == before


def test_a_volunteer_changes_their_own_password(db, data_dir, office):
    keys, data_key, _code = office
    with db.unit_of_work("李四") as uow:
        operators.change_password(uow, keys, data_key, VOLUNTEER, "李四", "my new password")
    with pytest.raises(WrongPassword):
        operators.sign_in(data_dir, "李四", VOLUNTEER_PW)
    assert operators.sign_in(data_dir, "李四", "my new password") == data_key
    with db.reading() as session:
        assert audit.entries(session, action="password_changed")[0].subject == "李四"


def test_the_last_office_operator_stays(db, office):
    keys, data_key, _code = office
    before = state(db, keys)
    with pytest.raises(ValidationError) as info, db.unit_of_work("张三") as uow:
        operators.remove_operator(uow, keys, OFFICE, "张三")
    assert "last office operator" in info.value.message
    assert state(db, keys) == before
    with db.unit_of_work("张三") as uow:  # with a second office operator it may go
        operators.add_operator(uow, keys, data_key, OFFICE, "王五", Role.OFFICE, OFFICE_PW)
    with db.unit_of_work("王五") as uow:
        operators.remove_operator(uow, keys, Actor("王五", Role.OFFICE, True), "张三")
    assert keyslots.operators(keyslots.load_slots(keys)) == ["李四", "王五"]


def test_names_taken_or_unknown_and_short_passwords_are_refused(db, office):
    keys, data_key, _code = office
    before = state(db, keys)
    cases = [
        (lambda uow: operators.add_operator(uow, keys, data_key, OFFICE, " 李四 ",
                                            Role.OFFICE, "a password"), "name"),
        (lambda uow: operators.add_operator(uow, keys, data_key, OFFICE, "赵六",
                                            Role.OFFICE, "short"), "password"),
        (lambda uow: operators.remove_operator(uow, keys, OFFICE, "赵六"), "name"),
        (lambda uow: operators.change_password(uow, keys, data_key, OFFICE, "赵六",
                                               "a password"), "name"),
    ]
    for change, field in cases:
        with pytest.raises(ValidationError) as info, db.unit_of_work("张三") as uow:
            change(uow)
        assert info.value.field == field
    assert state(db, keys) == before


def test_a_keys_file_that_cannot_be_written_leaves_the_database_unchanged(db, data_dir, office):
    keys, data_key, _code = office
    before = state(db, keys)
    keys.with_name(f".{keys.name}.tmp").mkdir()  # the slots' temporary file cannot be made
    changes = [
        lambda uow: operators.add_operator(uow, keys, data_key, OFFICE, "赵六", Role.OFFICE,
                                           "a password"),
        lambda uow: operators.remove_operator(uow, keys, OFFICE, "李四"),
        lambda uow: operators.change_password(uow, keys, data_key, OFFICE, "李四",
                                              "a password"),
    ]
    for change in changes:
        with pytest.raises(FileWriteError), db.unit_of_work("张三") as uow:
            change(uow)
        assert state(db, keys) == before  # no row, no audit entry, the same slots
    assert operators.sign_in(data_dir, "李四", VOLUNTEER_PW) == data_key


def test_a_slot_without_an_operator_row_is_refused_and_adding_again_repairs_it(
        db, data_dir, office):
    keys, data_key, _code = office
    keyslots.add_slot(keys, data_key, "赵六", "added by hand")  # e.g. a commit that failed
    assert operators.sign_in(data_dir, "赵六", "added by hand") == data_key
    with db.reading() as session, pytest.raises(operators.NotAnOperator) as info:
        operators.operator_role(session, "赵六")
    assert "not one of this copy's operators" in info.value.message
    with db.unit_of_work("张三") as uow:
        operators.add_operator(uow, keys, data_key, OFFICE, "赵六", Role.VOLUNTEER,
                               "chosen by the office")
    with pytest.raises(WrongPassword):
        operators.sign_in(data_dir, "赵六", "added by hand")
    assert operators.sign_in(data_dir, "赵六", "chosen by the office") == data_key


def test_signing_in_is_throttled_and_a_right_password_waits_too(data_dir, office):
    _keys, data_key, _code = office
    now = [1_800_000_000.0]
    throttle = SignInThrottle(data_dir.signin_file, lambda: now[0])
    for name in ("张三", "张三", "nobody", "李四", "张三"):  # unknown names count too
        with pytest.raises(WrongPassword):
            operators.sign_in(data_dir, name, "guess guess", throttle=throttle)
    with pytest.raises(TooManyAttempts):
        operators.sign_in(data_dir, "张三", OFFICE_PW, throttle=throttle)
    now[0] += 30
    assert operators.sign_in(data_dir, "张三", OFFICE_PW, throttle=throttle) == data_key
    assert throttle.failures == 0


def test_a_damaged_keys_file_is_not_a_wrong_password(data_dir, office):
    keys, _key, _code = office
    keys.write_text("{", encoding="utf-8")
    for _i in range(6):
        with pytest.raises(KeysDamaged):
            operators.sign_in(data_dir, "张三", OFFICE_PW)
    assert SignInThrottle(data_dir.signin_file).failures == 0


def test_the_recovery_code_sets_a_new_password(data_dir, office):
    keys, data_key, code = office
    before = keys.read_bytes()
    with pytest.raises(WrongRecoveryCode):
        operators.reset_with_recovery(data_dir, "张三", "0" * 24, "a new password")
    assert keys.read_bytes() == before
    assert operators.reset_with_recovery(data_dir, "张三", code, "a new password") == data_key
    with pytest.raises(WrongPassword):
        operators.sign_in(data_dir, "张三", OFFICE_PW)
    assert operators.sign_in(data_dir, "张三", "a new password") == data_key
    assert operators.sign_in(data_dir, "李四", VOLUNTEER_PW) == data_key


def test_a_database_that_refuses_the_change_leaves_the_keys_file_unchanged(db, data_dir, office):
    keys, data_key, _code = office
    with db.engine.begin() as conn:  # the audit entry of any change fails, as a full disk would
        conn.exec_driver_sql("CREATE TRIGGER refuse BEFORE INSERT ON audit_entry "
                             "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
    before = state(db, keys)
    changes = [
        lambda uow: operators.add_operator(uow, keys, data_key, OFFICE, "赵六", Role.OFFICE,
                                           "a password"),
        lambda uow: operators.remove_operator(uow, keys, OFFICE, "李四"),
        lambda uow: operators.change_password(uow, keys, data_key, OFFICE, "李四",
                                              "a password"),
    ]
    for change in changes:
        with pytest.raises(Exception, match="refused by the test"), \
                db.unit_of_work("张三") as uow:
            change(uow)
        assert state(db, keys) == before
    assert operators.sign_in(data_dir, "李四", VOLUNTEER_PW) == data_key
