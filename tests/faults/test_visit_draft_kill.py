"""A laptop's process killed (SIGKILL: a flat battery, a crash) in the middle of answering at a
door: on the next start the draft is there with every answer given before the kill, and the
database is sound."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from desktop.core.paths import DataDir
from desktop.storage.lifecycle import open_database
from desktop.visits.doors.recording import open_drafts
from desktop.visits.records.visits import VisitDraft
from tests.faults.office import ROOT
from tests.visits.doors.door_fixtures import door_ids, make_campaign

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")

# Answers one question after another, each change saved as a draft in its own unit of work
# (as the door screen does), and says which answer was saved; it never stops by itself.
_VOLUNTEER = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from desktop.core.paths import DataDir
from desktop.storage.lifecycle import open_database
from desktop.visits.doors.recording import save_draft, start_visit

db = open_database(DataDir(Path(sys.argv[2])), device_name="laptop")
door = sys.argv[3]
with db.unit_of_work("张志愿") as uow:
    draft = start_visit(uow, door)
with db.unit_of_work("张志愿") as uow:
    save_draft(uow, draft, outcome="completed")
answers = {}
step = 0
while True:
    answers[f"q{step}"] = f"答案{step}"
    with db.unit_of_work("张志愿") as uow:
        save_draft(uow, draft, answers=answers, note=f"after {step}")
    print(step, flush=True)
    step += 1
"""


def test_a_draft_keeps_every_answer_given_before_sigkill(tmp_path):
    data = DataDir(tmp_path / "laptop").prepare()
    db = open_database(data, device_name="laptop")
    campaign = make_campaign(db, residents=200)
    door = door_ids(db, campaign)[4]
    db.close()

    child = subprocess.Popen([sys.executable, "-c", _VOLUNTEER, str(ROOT), str(data.root),
                              door], stdout=subprocess.PIPE, text=True)
    saved = -1
    deadline = time.monotonic() + 60
    try:
        while saved < 40 and time.monotonic() < deadline:
            line = child.stdout.readline()
            assert line, "the volunteer's process stopped by itself"
            saved = int(line)
        os.kill(child.pid, signal.SIGKILL)  # mid-way: it is writing the next answers
    finally:
        child.kill()
        child.wait(10)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL and saved >= 40

    with sqlite3.connect(data.database) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db = open_database(data, device_name="laptop")
    try:
        with db.reading() as session:
            (draft,) = open_drafts(session)
            row = session.get(VisitDraft, draft.id)
            answers, note = json.loads(row.answers), row.note
        assert draft.door_id == door and draft.outcome == "completed"
        # Every answer reported saved is there (and perhaps one or two more, no gaps).
        given = len(answers)
        assert given >= saved + 1
        assert answers == {f"q{i}": f"答案{i}" for i in range(given)}
        assert note == f"after {given - 1}"
    finally:
        db.close()
