"""The program quits cleanly after a copy: no crash at exit (a QMimeData owned twice did)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

_SESSION = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication
from annotator.gui.app import AppController, application
from annotator.gui.settings import Settings
from annotator.core.model import NewArticle
from annotator.storage import open_store
folder = Path(sys.argv[1])
with open_store(folder / "w.db") as store:
    article, _ = store.add_article(NewArticle(text="قال\\u00a0الوزير 😀 نعم"))
app = application()
settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
controller = AppController(app, settings, data_dir=folder, ask_name=lambda *_: "t")
controller.start(folder / "w.db", article, "t")
view = controller.window.view
view.select_span(0, 10)
copy = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
QApplication.sendEvent(view, copy)
copied = QGuiApplication.clipboard().text()
assert copied == "قال\\u00a0الوزير", repr(copied)
controller.shutdown()
print("ok", flush=True)
"""


def test_quitting_after_a_copy_does_not_crash(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", _SESSION, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.stdout.strip() == "ok", result.stderr[-2000:]
    assert result.returncode == 0, f"exit status {result.returncode}"
