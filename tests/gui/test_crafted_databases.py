"""The window on a database changed outside annotator: a one-line message, no failed
painting, a clean exit, and the file is not remembered as the one to start on.

Each session is a real process (a crash at exit shows as its exit status); message
boxes are answered by recording their text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.crafted import CRAFTED, craft, healthy

pytestmark = pytest.mark.gui

_SESSION = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from annotator.gui.app import AppController, application
from annotator.gui.settings import Settings
db = Path(sys.argv[1]) if sys.argv[1] else None
folder = Path(sys.argv[2])
shown = []
QMessageBox.exec = lambda box: shown.append(box.text()) or 0
app = application()
settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
controller = AppController(app, settings, data_dir=folder / "data", ask_name=lambda *_: "t")
started = controller.start(db, None, "t")
window = controller.window
painted = []
if window is not None:
    window.resize(1100, 700)
    window.show()
    for article_id in window.store.article_ids():
        window.open_article(article_id)
        for _ in range(5):
            QApplication.processEvents()
        painted.append(not window.grab().isNull())
result = {
    "started": started,
    "messages": shown,
    "painted": painted,
    "store": str(window.store.path) if window is not None else None,
    "last": settings.get("database/last"),
}
controller.shutdown()
print(json.dumps(result), flush=True)
"""


def _session(db: Path | str, folder: Path, cwd: Path | None = None) -> dict:  # type: ignore[type-arg]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = str(root)
    result = subprocess.run(
        [sys.executable, "-c", _SESSION, str(db), str(folder)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=cwd,
    )
    assert result.returncode == 0, f"exit status {result.returncode}: {result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("case", list(CRAFTED))
def test_the_window_on_a_crafted_database(tmp_path: Path, case: str) -> None:
    good = tmp_path / "good.db"
    healthy(good)
    first = _session(good, tmp_path)
    assert first["messages"] == [] and first["last"] == str(good)

    crafted = tmp_path / "crafted.db"
    craft(crafted, case)
    seen = _session(crafted, tmp_path)
    expected = CRAFTED[case][1]
    if expected is None:
        assert seen["messages"] == []
    else:
        assert seen["messages"], "no message about the damage"
        for message in seen["messages"]:
            assert expected in message and str(crafted) in message and "\n" not in message
        # Not remembered: bare `annotator` starts on the good file again, without a word.
        assert seen["last"] == str(good)
        again = _session("", tmp_path)
        assert again["messages"] == [] and again["store"] == str(good)
    assert all(seen["painted"])


def test_the_last_database_is_remembered_by_its_absolute_path(tmp_path: Path) -> None:
    work = tmp_path / "project"
    work.mkdir()
    healthy(work / "relative.db")
    seen = _session("relative.db", tmp_path, cwd=work)
    assert seen["last"] == str(work / "relative.db")
    # Bare `annotator`, from another folder, reopens it.
    again = _session("", tmp_path, cwd=tmp_path)
    assert again["store"] is not None and Path(again["store"]).resolve() == work / "relative.db"
    assert again["messages"] == []
