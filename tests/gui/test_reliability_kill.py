"""Kill -9 the real window at a random moment: everything it showed as done survives.

A worker process (tests/gui/window_worker.py) runs the real window offscreen and
annotates with mouse and keys: marks spans, links claims to sources, changes
attributes, deletes and undoes. After each gesture the window showed as done it
prints what the window shows. The test kills it with SIGKILL at a random moment,
reopens the database and checks, as tests/reliability/test_kill.py does for the core
path: every acknowledged change is there, PRAGMA integrity_check is ok, no half change
(no relation without its ends, no annotation whose text does not match), and at most
the one change in flight differs. The window then opens the file again and shows
exactly that.

ANNOTATOR_STRESS=1 runs 20 trials, killed up to 2.5 s in; otherwise 2 run, up to 1.3 s.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.gui.conftest import ARTICLE, add_article
from tests.gui.gestures import shown_state
from tests.reliability.test_kill import _check_consistent, _db_state, _diff, _explained

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
STRESS = bool(os.environ.get("ANNOTATOR_STRESS"))
TRIALS = 20 if STRESS else 2
LATEST_KILL = 2.5 if STRESS else 1.3  # seconds after the window is up
# A third paragraph gives the hand more free words; the article still fits the window.
TEXT = (
    ARTICLE + "\nوقالت وزارة الدفاع الروسية في بيان إن طائراتها لم تنتهك أي قواعد، بحسب وكالة تاس."
)


@pytest.mark.parametrize("trial", range(TRIALS))
def test_killing_the_window_loses_nothing_it_showed_as_done(
    start, tmp_path: Path, trial: int
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "kill.db"
    article = add_article(db, TEXT, "kill")
    rng = random.Random(1000 + trial)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.gui.window_worker",
            str(db),
            str(article),
            str(trial),
            str(tmp_path / "w.ini"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    if not first.startswith("READY"):
        proc.kill()
        pytest.fail(f"the window worker did not start: {first}{proc.stderr.read()}")
    acked = json.loads(first.split(" ", 1)[1])
    lines: list[str] = []

    def read() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    delay = rng.uniform(0.2, LATEST_KILL)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    reader.join(10)
    errors = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, f"the worker ended by itself: {lines[-3:]} {errors}"
    assert not [line for line in lines if line.startswith("FAIL")], lines[-3:]
    pending = None
    acks = 0
    for line in lines:
        if line.startswith("BEGIN "):
            pending = json.loads(line[6:])
        elif line.startswith("ACK ") and line.endswith("\n"):
            acked, pending = json.loads(line[4:]), None
            acks += 1
    if delay > 1.0:
        assert acks >= 3, f"the window made only {acks} changes in {delay:.1f} s"

    _check_consistent(db, article)
    found = _db_state(db, article)
    # Shown with -rP: the figures in the README's Reliability section.
    print(
        f"killed after {delay:.2f} s: {acks} changes acknowledged, "
        f"{'one' if pending else 'none'} in flight, "
        f"{'applied' if pending and found != acked else 'not applied'}"
    )
    if found != acked:
        assert pending is not None, "the database differs from what the window last showed as done"
        assert _explained(pending, acked, found), (
            f"in flight {pending}, found changes {_diff(acked, found)[0]}"
        )
    # The window, opened again, shows exactly what the file holds.
    window = start(db, article).window
    assert shown_state(window) == found
