"""The log file: events and errors, never personal data (the README promises it).

An error is logged as its type, a redacted message and where it happened (file, line,
function) — never a full traceback's text, which carries the exception's message (SQLAlchemy
puts a statement's parameters there: names, ID numbers, phones) and can carry the repr of values.
Every line also passes through ``redact`` on its way to the file, as a second guard for a log
call that formats a value by mistake.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import traceback
from pathlib import Path

from desktop.core.files import create_private_file

LOG_FILE = "linli.log"
LOGGER = "desktop"
MAX_MESSAGE = 300

_PERSONAL = re.compile(
    r"\d{17}[\dXx]|\d{15}"  # ID numbers (GB 11643), with or without a mangled check digit
    r"|(?<!\d)1[3-9]\d{9}(?!\d)"  # mobile phones
    r"|(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)"  # landlines
    r"|[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"  # Chinese text: names, addresses
)
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")  # the repr of a value


def redact(text: str) -> str:
    """``text`` without anything that may be personal: Chinese text, ID and phone numbers."""
    return _PERSONAL.sub("…", text)


def describe(exc: BaseException) -> str:
    """An exception for the log: its type, its message with values and personal data taken
    out, and the frames it came through."""
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    message = redact(_QUOTED.sub("'…'", first_line))[:MAX_MESSAGE]
    lines = [f"{type(exc).__module__}.{type(exc).__qualname__}: {message}"]
    for frame in traceback.extract_tb(exc.__traceback__):
        lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
    cause = exc.__cause__ or exc.__context__
    if cause is not None and cause is not exc:
        lines.append(f"  caused by {type(cause).__module__}.{type(cause).__qualname__}")
    return "\n".join(lines)


class RedactingFormatter(logging.Formatter):
    """A line per record with personal data masked; a traceback attached with ``exc_info``
    is written as ``describe`` writes it."""

    def format(self, record: logging.LogRecord) -> str:
        record = logging.makeLogRecord(record.__dict__)
        exc = record.exc_info[1] if record.exc_info else None
        record.msg, record.args = redact(record.getMessage()), None
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        line = super().format(record)
        return line if exc is None else f"{line}\n{describe(exc)}"


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every log file, the first and each one after a rotation, readable by its owner only."""

    def _open(self):
        create_private_file(Path(self.baseFilename))  # before anything is written to it
        return super()._open()


def start_logging(logs: Path) -> logging.Handler | None:
    """Log the app's events (INFO and up) to ``logs/linli.log``; None if it cannot be written."""
    try:
        handler = _PrivateRotatingFileHandler(
            logs / LOG_FILE, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    logger = logging.getLogger(LOGGER)
    handler._linli_previous_level = logger.level  # type: ignore[attr-defined]
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    return handler


def stop_logging(handler: logging.Handler) -> None:
    logger = logging.getLogger(LOGGER)
    logger.removeHandler(handler)
    logger.setLevel(getattr(handler, "_linli_previous_level", logging.NOTSET))
    handler.close()
