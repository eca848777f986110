"""keys.json: the data key wrapped per operator and by the recovery code; a wrong password, a
damaged file and a missing file are told apart; every change is all or nothing."""

from __future__ import annotations

import json
import os
import statistics
import time
import unicodedata

import pytest

from desktop.core.errors import ValidationError
from desktop.core.files import FileWriteError
from desktop.security import keyslots
from desktop.security.keyslots import (
    KeysDamaged,
    KeysExist,
    KeysMissing,
    KeysNewer,
    WrongPassword,
    WrongRecoveryCode,
    add_slot,
    create_slots,
    load_slots,
    remove_slot,
    set_password,
    unwrap,
    unwrap_recovery,
)

PASSWORD = "社区办公室 2026"
OTHER = "volunteer-pass"


@pytest.fixture
def keys(tmp_path):
    path = tmp_path / "keys.json"
    data_key, code = create_slots(path, "张三", PASSWORD)
    return path, data_key, code


def edited(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_the_password_and_the_recovery_code_unwrap_the_same_key(keys):
    path, data_key, code = keys
    assert len(data_key) == 32
    slots = load_slots(path)
    assert keyslots.operators(slots) == ["张三"]
    assert unwrap(slots, "张三", PASSWORD) == data_key
    assert unwrap_recovery(slots, code) == data_key
    assert unwrap_recovery(slots, code.lower().replace("-", " ")) == data_key
    text = path.read_text(encoding="utf-8")
    assert data_key.hex() not in text and PASSWORD not in text
    if os.name == "posix":
        assert os.stat(path).st_mode & 0o777 == 0o600


def test_passwords_and_names_are_compared_as_nfc(tmp_path):
    path = tmp_path / "keys.json"
    composed = "Zoë café 密码"
    data_key, _code = create_slots(path, "José", composed)
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    slots = load_slots(path)
    assert unwrap(slots, unicodedata.normalize("NFD", "José"), decomposed) == data_key


def test_a_wrong_password_and_an_unknown_name_say_the_same(keys):
    path, _key, _code = keys
    slots = load_slots(path)
    with pytest.raises(WrongPassword) as wrong:
        unwrap(slots, "张三", PASSWORD + "x")
    with pytest.raises(WrongPassword) as unknown:
        unwrap(slots, "李四", PASSWORD)
    assert wrong.value.message == unknown.value.message
    assert "password is wrong" in wrong.value.message
    with pytest.raises(WrongPassword):
        unwrap(slots, "", PASSWORD)
    with pytest.raises(WrongRecoveryCode) as code:
        unwrap_recovery(slots, "0000-0000-0000-0000-0000-0000")
    assert "recovery sheet" in code.value.message
    with pytest.raises(ValidationError):
        unwrap_recovery(slots, "not a code")


def test_a_slot_moved_to_another_name_does_not_open(keys):
    path, data_key, _code = keys
    add_slot(path, data_key, "李四", OTHER)
    edited(path, lambda d: d["slots"].update({"李四": d["slots"]["张三"]}))
    slots = load_slots(path)
    with pytest.raises(WrongPassword):
        unwrap(slots, "李四", PASSWORD)  # 张三's slot under 李四's name
    assert unwrap(slots, "张三", PASSWORD) == data_key


@pytest.mark.parametrize("damage", [
    lambda p: p.write_bytes(p.read_bytes()[:100]),  # cut short
    lambda p: p.write_bytes(b"\xff\xfe not json"),
    lambda p: p.write_text("[]"),
    lambda p: edited(p, lambda d: d["slots"]["张三"].update(nonce="!!!")),
    lambda p: edited(p, lambda d: d["slots"]["张三"].update(wrapped="AAAA")),
    lambda p: edited(p, lambda d: d["slots"]["张三"]["kdf"].pop("salt")),
    lambda p: edited(p, lambda d: d.pop("recovery")),
    lambda p: edited(p, lambda d: d.update(key_check="zz")),
    lambda p: edited(p, lambda d: d.update(slots={"a\nb": d["slots"]["张三"]})),
])
def test_a_damaged_file_is_told_apart_from_a_wrong_password(keys, damage):
    path, _key, _code = keys
    damage(path)
    with pytest.raises(KeysDamaged) as info:
        load_slots(path)
    assert "damaged" in info.value.message and str(path) in info.value.message
    assert "password" not in info.value.message


def test_a_key_check_that_does_not_match_is_damage_found_after_unwrapping(keys):
    path, _key, code = keys
    edited(path, lambda d: d.update(key_check="00" * 32))
    slots = load_slots(path)  # well formed: only unwrapping can tell
    with pytest.raises(KeysDamaged):
        unwrap(slots, "张三", PASSWORD)
    with pytest.raises(KeysDamaged):
        unwrap_recovery(slots, code)
    with pytest.raises(WrongPassword):  # a wrong password is still only that
        unwrap(slots, "张三", "another password")


def test_a_missing_or_newer_file_says_so(keys):
    path, _key, _code = keys
    edited(path, lambda d: d.update(version=2))
    with pytest.raises(KeysNewer) as newer:
        load_slots(path)
    assert "newer version" in newer.value.message
    edited(path, lambda d: d.update(version=1))
    edited(path, lambda d: d["slots"]["张三"]["kdf"].update(n=2**30))  # 128 GiB: never tried
    started = time.perf_counter()
    with pytest.raises(KeysNewer):
        load_slots(path)
    assert time.perf_counter() - started < 1
    path.unlink()
    with pytest.raises(KeysMissing) as missing:
        load_slots(path)
    assert "missing" in missing.value.message and isinstance(missing.value, KeysDamaged)


def test_setup_never_replaces_an_existing_key_file(keys):
    path, _key, _code = keys
    before = path.read_bytes()
    with pytest.raises(KeysExist):
        create_slots(path, "王五", PASSWORD)
    assert path.read_bytes() == before


def test_adding_changing_and_removing_slots(keys):
    path, data_key, code = keys
    add_slot(path, data_key, "李四", OTHER)
    slots = load_slots(path)
    assert keyslots.operators(slots) == ["张三", "李四"]
    assert unwrap(slots, "李四", OTHER) == data_key
    first_slot = slots.slots["张三"]
    with pytest.raises(ValidationError) as twice:
        add_slot(path, data_key, "李四", OTHER)
    assert twice.value.field == "name"

    set_password(path, data_key, "李四", "a new password")
    slots = load_slots(path)
    assert slots.slots["张三"] == first_slot  # only the one slot was rewrapped
    with pytest.raises(WrongPassword):
        unwrap(slots, "李四", OTHER)
    assert unwrap(slots, "李四", "a new password") == data_key
    assert unwrap_recovery(slots, code) == data_key

    remove_slot(path, "李四")
    slots = load_slots(path)
    assert keyslots.operators(slots) == ["张三"]
    with pytest.raises(WrongPassword):
        unwrap(slots, "李四", "a new password")
    with pytest.raises(ValidationError) as last:
        remove_slot(path, "张三")
    assert "only operator" in last.value.message
    with pytest.raises(ValidationError):
        set_password(path, data_key, "nobody", OTHER)


def test_a_new_recovery_code_replaces_the_old_one(keys):
    path, data_key, code = keys
    new_code = keyslots.new_recovery(path, data_key)
    slots = load_slots(path)
    assert unwrap_recovery(slots, new_code) == data_key
    with pytest.raises(WrongRecoveryCode):
        unwrap_recovery(slots, code)


def test_passwords_too_short_and_bad_names_are_refused_before_anything_is_written(keys):
    path, data_key, _code = keys
    before = path.read_bytes()
    with pytest.raises(ValidationError) as short:
        add_slot(path, data_key, "李四", "1234567")
    assert short.value.field == "password" and "at least 8 characters" in short.value.message
    for name in ("", "   ", "a\tb", "x" * 101):
        with pytest.raises(ValidationError) as bad:
            add_slot(path, data_key, name, OTHER)
        assert bad.value.field == "name"
    with pytest.raises(ValueError):  # another key would lock everybody out
        add_slot(path, data_key[::-1], "李四", OTHER)
    assert path.read_bytes() == before
    assert keyslots.check_password("１２３４５６７８") == "１２３４５６７８"


def test_a_failed_write_leaves_the_file_as_it_was(keys):
    path, data_key, _code = keys
    add_slot(path, data_key, "李四", OTHER)
    before = path.read_bytes()
    path.with_name(f".{path.name}.tmp").mkdir()  # the temporary file cannot be made
    with pytest.raises(FileWriteError) as info:
        add_slot(path, data_key, "王五", OTHER)
    assert str(path) in info.value.message
    assert path.read_bytes() == before
    for change in (lambda: remove_slot(path, "张三"),
                   lambda: set_password(path, data_key, "张三", OTHER),
                   lambda: keyslots.new_recovery(path, data_key)):
        with pytest.raises(FileWriteError):
            change()
    assert path.read_bytes() == before


def test_unlocking_takes_well_under_half_a_second(keys):
    path, data_key, _code = keys
    times = []
    for _i in range(5):
        started = time.perf_counter()
        slots = load_slots(path)
        assert unwrap(slots, "张三", PASSWORD) == data_key
        times.append(time.perf_counter() - started)
    assert statistics.median(times) < 0.5


def test_an_unknown_name_takes_as_long_as_a_wrong_password(keys):
    """Timing must not tell which operator names have a slot."""
    path, _key, _code = keys
    slots = load_slots(path)

    def median_time(name):
        times = []
        for _i in range(3):
            started = time.perf_counter()
            with pytest.raises(WrongPassword):
                unwrap(slots, name, "not the password")
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    assert median_time("nobody") > 0.5 * median_time("张三")
