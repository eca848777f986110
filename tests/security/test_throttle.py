"""Sign-in throttling: five free tries, then 30 s doubling up to 15 minutes, kept across
restarts in signin.json (a fake clock: no test waits)."""

from __future__ import annotations

import pytest

from desktop.security.throttle import SignInThrottle, TooManyAttempts, wait_after


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


def test_five_tries_are_free_then_the_wait_doubles_up_to_fifteen_minutes():
    assert [wait_after(n) for n in range(5)] == [0, 0, 0, 0, 0]
    assert [wait_after(n) for n in range(5, 12)] == [30, 60, 120, 240, 480, 900, 900]
    assert wait_after(10_000) == 900


def test_after_five_failures_the_sixth_try_waits(data_dir, clock):
    throttle = SignInThrottle(data_dir.signin_file, clock)
    for _i in range(4):
        throttle.failed()
        throttle.check()
    throttle.failed()
    with pytest.raises(TooManyAttempts) as info:
        throttle.check()
    assert info.value.seconds == 30
    assert info.value.message == "Too many wrong passwords. Try again in 30 seconds."
    clock.now += 29.5
    with pytest.raises(TooManyAttempts) as almost:
        throttle.check()
    assert almost.value.message == "Too many wrong passwords. Try again in 1 second."
    clock.now += 0.5
    throttle.check()
    throttle.failed()  # the sixth wrong one: a minute
    with pytest.raises(TooManyAttempts) as longer:
        throttle.check()
    assert longer.value.message == "Too many wrong passwords. Try again in 1 minute."
    for _i in range(10):
        throttle.failed()
    with pytest.raises(TooManyAttempts) as longest:
        throttle.check()
    assert longest.value.seconds == 900
    assert "15 minutes" in longest.value.message


def test_restarting_does_not_reset_the_count_and_a_success_does(data_dir, clock):
    for _i in range(5):
        SignInThrottle(data_dir.signin_file, clock).failed()  # five separate starts
    with pytest.raises(TooManyAttempts):
        SignInThrottle(data_dir.signin_file, clock).check()  # the window, or the command line
    clock.now += 30
    again = SignInThrottle(data_dir.signin_file, clock)
    again.check()
    again.succeeded()
    assert SignInThrottle(data_dir.signin_file, clock).failures == 0
    SignInThrottle(data_dir.signin_file, clock).failed()
    SignInThrottle(data_dir.signin_file, clock).check()


def test_a_clock_set_back_waits_one_wait_at_most(data_dir, clock):
    throttle = SignInThrottle(data_dir.signin_file, clock)
    for _i in range(5):
        throttle.failed()
    clock.now -= 86_400  # the PC's clock put back a day
    assert throttle.seconds_left() == 30


def test_a_damaged_or_unwritable_count_never_keeps_anyone_out(data_dir, clock):
    path = data_dir.signin_file
    for text in ("not json", '{"failures": "many"}', "[]", '{"failures": -3, "last_failure": 0}'):
        path.write_text(text, encoding="utf-8")
        throttle = SignInThrottle(path, clock)
        throttle.check()
        throttle.failed()
        assert throttle.failures == 1
    path.unlink()
    path.with_name(f".{path.name}.tmp").mkdir()  # nothing can be written
    throttle = SignInThrottle(path, clock)
    for _i in range(6):
        throttle.failed()
    throttle.check()
    assert not path.exists()

