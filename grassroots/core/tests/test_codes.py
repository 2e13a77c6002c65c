"""The rotating codes: the current window's code and the ones still valid are accepted, an
older one, another object's or another secret's is not."""

import datetime as dt

from grassroots.core.codes import RotatingCode, new_secret

CODES = RotatingCode(rotate=60, valid=120)
NOW = dt.datetime(2026, 11, 16, 9, 30, 15, tzinfo=dt.UTC)


def test_the_current_and_the_previous_windows_code_are_accepted():
    secret = new_secret()
    for age in (0, 15, 60, 75):
        code = CODES.current(secret=secret, subject=7, now=NOW - dt.timedelta(seconds=age))
        assert CODES.accepts(secret=secret, subject=7, code=code, now=NOW)


def test_an_old_code_or_another_objects_code_is_refused():
    secret = new_secret()
    old = CODES.current(secret=secret, subject=7, now=NOW - dt.timedelta(seconds=135))
    yesterday = CODES.current(secret=secret, subject=7, now=NOW - dt.timedelta(days=1))
    other = CODES.current(secret=secret, subject=8, now=NOW)
    stranger = CODES.current(secret=new_secret(), subject=7, now=NOW)
    future = CODES.current(secret=secret, subject=7, now=NOW + dt.timedelta(minutes=5))
    for code in (old, yesterday, other, stranger, future, "", "x-y", "9" * 13 + "-ab"):
        assert not CODES.accepts(secret=secret, subject=7, code=code, now=NOW)


def test_a_code_tells_when_it_was_issued():
    code = CODES.current(secret=new_secret(), subject=7, now=NOW)
    assert CODES.issued_at(code) == NOW.replace(second=0)
    assert CODES.issued_at("not-a-code") is None
