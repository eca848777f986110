"""The log file never holds personal data, even when an import fails with SQL parameters in
the error (README: "logs/ — events only, never personal data")."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.storage.lifecycle import open_database
from tests.faults.office import PERSONAL, dump, linli, make_office, roster_file


def _log_text(data_dir) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in data_dir.logs.iterdir())


def _refuse_inserts(path) -> None:
    """A trigger that refuses the resident row: a real SQLite error whose statement carries the
    resident's name, ID number and phone as parameters."""
    con = sqlite3.connect(path)
    con.execute("CREATE TRIGGER refuse BEFORE INSERT ON resident "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
    con.commit()
    con.close()


@pytest.mark.parametrize("fault", ["locked", "refused"])
def test_a_failed_import_in_the_window_logs_no_personal_data(qapp, tmp_path, fault):
    from desktop.app import _start_logging, _stop_logging  # the window's own log setup
    from desktop.ui.tasks import TaskRunner

    data_dir = make_office(tmp_path / "office")
    source = roster_file(tmp_path / "花名册.xlsx")
    if fault == "refused":
        _refuse_inserts(data_dir.database)
    before = dump(data_dir.database)
    db = open_database(data_dir)
    other = sqlite3.connect(data_dir.database, isolation_level=None)
    handler = _start_logging(data_dir.logs)
    shown = []
    runner = TaskRunner(present_error=lambda _parent, message, details="": shown.append(
        (message, details)))
    try:
        if fault == "locked":
            other.execute("BEGIN IMMEDIATE")  # another Linli window is writing
        from tests.faults.office import import_roster

        runner.run(lambda ctx: import_roster(db, source, ctx), title="Import")
        assert runner.wait_idle(30)
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
        runner.shutdown()
        _stop_logging(handler)
        db.close()
    assert len(shown) == 1
    if fault == "locked":  # said as what it is, not as "something unexpected"
        assert "Another Linli Desk window or command is writing" in shown[0][0]
    log = _log_text(data_dir)
    assert "Import" in log  # the failure itself is logged …
    for value in PERSONAL:  # … without the resident's data
        assert value not in log
    assert dump(data_dir.database) == before


def test_a_failed_headless_import_prints_and_logs_no_personal_data(tmp_path):
    data_dir = make_office(tmp_path / "office")
    source = roster_file(tmp_path / "花名册.xlsx")
    _refuse_inserts(data_dir.database)
    result = linli("roster", "import", str(source), "--data-dir", str(data_dir.root))
    assert result.returncode != 0
    assert "refused by the test" in result.stderr  # it does say what went wrong
    output = result.stdout + result.stderr + _log_text(data_dir)
    for value in PERSONAL:
        assert value not in output


def test_log_lines_are_redacted_and_tracebacks_are_described():
    import logging

    from desktop.core.logs import RedactingFormatter, describe

    try:
        raise ValueError(f"bad value {PERSONAL!r} in row 7")
    except ValueError as exc:
        described = describe(exc)
        record = logging.LogRecord("desktop.x", logging.ERROR, __file__, 1, "row %s of %s",
                                   (PERSONAL[0], PERSONAL[1]), (type(exc), exc, exc.__traceback__))
    line = RedactingFormatter("%(message)s").format(record)
    for text in (described, line):
        assert "ValueError" in text and "test_log_privacy.py" in text
        for value in PERSONAL:
            assert value not in text


def test_an_exception_escaping_a_slot_is_logged_without_its_values(qapp, tmp_path, capsys):
    from desktop.app import _start_logging, _stop_logging
    from desktop.core.paths import DataDir
    from desktop.ui.errors import ExceptionReporter

    data_dir = DataDir(tmp_path / "data").prepare()
    handler = _start_logging(data_dir.logs)
    try:
        try:
            raise KeyError(f"no household for {PERSONAL}")
        except KeyError as exc:
            ExceptionReporter(headless=True)(type(exc), exc, exc.__traceback__)
    finally:
        _stop_logging(handler)
    capsys.readouterr()
    log = _log_text(data_dir)
    assert "KeyError" in log
    for value in PERSONAL:
        assert value not in log
