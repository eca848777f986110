"""The binding must survive a long working session: many calls, many signals.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call and to True on every
signal emit, and CPython aborts after a few thousand ("deallocating None"); pyproject.toml keeps
that release out. This test catches such a binding before users do.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_a_long_session_of_calls_and_signals_does_not_abort_python():
    # In a fresh interpreter: a crash here must not take the test run with it. Far more calls
    # than None and True have references at start-up (a few thousand).
    script = textwrap.dedent("""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QObject, Signal
        from PySide6.QtWidgets import QApplication, QLabel

        class Source(QObject):
            changed = Signal()

        app = QApplication([])
        label, source = QLabel(), Source()
        source.changed.connect(label.clear)
        for i in range(200_000):
            label.setText("")
            source.changed.emit()
        print("survived", sys.getrefcount(None) > 0)
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived True" in result.stdout
