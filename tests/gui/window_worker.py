"""The real window, annotating with mouse and keys until it is killed.

Usage: python -m tests.gui.window_worker DB ARTICLE_ID SEED SETTINGS_INI

Before each gesture it prints "BEGIN <json>"; once the window has shown the change as
done (the change signal came, the status bar says Saved, the text and panel show it) it
prints "ACK <what the window shows>". A gesture the window did not show as done prints
"FAIL <why>" and the process stops. Lines are flushed one by one, so that the parent
that kills this process knows which changes must have survived and which one was in
flight.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest

from annotator.gui.app import AppController, application
from annotator.gui.settings import Settings
from tests.gui.gestures import GestureFailed, Hand, shown_state


def main() -> int:
    db, article_id, seed, ini = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    app = application()
    settings = Settings(QSettings(ini, QSettings.Format.IniFormat))
    controller = AppController(app, settings, ask_name=lambda *_a: "worker")
    if not controller.start(db, article_id, "worker"):
        print("FAIL the window did not open", flush=True)
        return 1
    window = controller.window
    assert window is not None
    window.resize(1200, 760)
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    app.processEvents()
    window.view.setFocus()
    hand = Hand(window, random.Random(seed), lambda d: print("BEGIN " + json.dumps(d), flush=True))
    print("READY " + json.dumps(shown_state(window)), flush=True)
    while True:
        try:
            desc = hand.step()
        except GestureFailed as exc:
            print(f"FAIL {exc}", flush=True)
            return 1
        if desc is not None:
            print("ACK " + json.dumps(shown_state(window)), flush=True)
        # Now and then the annotator pauses, as people do (the kill may come then).
        if hand.rng.random() < 0.1:
            time.sleep(hand.rng.uniform(0.0, 0.05))


if __name__ == "__main__":
    sys.exit(main())
