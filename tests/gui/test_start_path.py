"""What the window loads before it paints its first article: neither the migration
machinery, nor any file format, nor a dialog nobody opened, nor the CRF and its worker
process. Each of these loads when first used, and still works then."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from annotator.gui.main_window import MainWindow
from annotator.storage import backups, open_store
from tests.gui.conftest import ARTICLE, add_article

pytestmark = pytest.mark.gui

# A fresh interpreter, started as `annotator gui DB --article ID` starts the window.
_START = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from annotator.gui.app import AppController, application
from annotator.gui.settings import Settings
from annotator.gui.widgets.article_list import ID_ROLE

folder, db, article = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
app = application()
settings = Settings(QSettings(str(folder / "start.ini"), QSettings.Format.IniFormat))
controller = AppController(app, settings, data_dir=folder, ask_name=lambda *_: "tester")
controller.start(db, article, "tester")
window = controller.window
window.view.viewport().repaint()
app.processEvents()
painted = sorted(sys.modules)
shown = window.view.toPlainText()
built = sorted(w.objectName() for w in app.allWidgets() if w.objectName())
rows_then = window.article_list.model.rowCount()
icon_then = not window.windowIcon().isNull()
app.processEvents()
selected = window.article_list.view.currentIndex()
after = {
    "rows": window.article_list.model.rowCount(),
    "selected": window.article_list.model.data(selected, ID_ROLE),
    "footer": window.article_list.footer.text(),
    "icon": not window.windowIcon().isNull(),
}
if controller.backup is not None:
    controller.backup.join()
backed_up = sorted(sys.modules)
controller.shutdown()
print(json.dumps({"modules": painted, "text": shown, "widgets": built, "rows": rows_then,
                  "icon": icon_then, "after": after, "backed_up": backed_up}))
"""

_NOT_BEFORE_THE_FIRST_PAINT = (
    "sqlite_utils",
    "numpy",
    "multiprocessing",
    "concurrent.futures.process",
    "annotator.storage.migrations",
    "subprocess",
    "annotator.suggest.crf",
    "annotator.core.adjudication",
    "annotator.core.agreement",
    "annotator.gui.models.adjudication_overlay",
    "annotator.gui.widgets.adjudication_painter",
    "annotator.gui.dialogs.export_dialog",
    "annotator.gui.dialogs.import_dialog",
    "annotator.gui.dialogs.shortcuts_dialog",
    "annotator.gui.dialogs.adjudication_dialog",
    "annotator.gui.dialogs.name_dialog",
    "annotator.gui.icon",
    "annotator.gui.widgets.adjudication_panel",
    "_strptime",
)


def _first_paint(tmp_path: Path) -> dict[str, Any]:
    db = tmp_path / "work.db"
    article_id = add_article(db, ARTICLE, "mixed")
    add_article(db, "مقال ثان قصير.", "second")
    # A backup made already: the window's backup thread reads when it was taken.
    open_store(db).close()
    assert backups.backups(db)
    result = subprocess.run(
        [sys.executable, "-c", _START, str(tmp_path), str(db), str(article_id)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    figures["article_id"] = article_id
    return figures


def test_the_first_paint_loads_nothing_it_does_not_show(tmp_path: Path) -> None:
    figures = _first_paint(tmp_path)
    assert figures["text"].startswith(ARTICLE.split("\n")[0][:20])
    modules = figures["modules"]
    loaded = [m for m in _NOT_BEFORE_THE_FIRST_PAINT if m in modules]
    formats = [
        m
        for m in modules
        if m.startswith("annotator.formats.") and m != "annotator.formats.registry"
    ]
    assert loaded == [] and formats == []
    # A closed dock's contents wait until it is first shown.
    assert "articleView" in figures["widgets"]
    assert "guidelinesPanel" not in figures["widgets"]
    # Nor does the backup thread's check of the last backup's time.
    assert "_strptime" not in figures["backed_up"]


def test_the_article_list_and_the_icon_come_just_after_the_first_paint(tmp_path: Path) -> None:
    figures = _first_paint(tmp_path)
    assert figures["rows"] == 0 and not figures["icon"]
    # At the next turn of the event loop: every row, the open article selected.
    assert figures["after"] == {
        "rows": 2,
        "selected": figures["article_id"],
        "footer": "2 articles",
        "icon": True,
    }


def test_what_loads_late_works_when_first_used(window: MainWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The shortcuts dialog and the export dialog are built from the menu's own actions.
    seen: list[str] = []

    def record(dialog: QDialog) -> int:
        seen.append(type(dialog).__name__)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", record)
    window.command_actions["shortcuts"].trigger()
    assert window.command_actions["export"].isEnabled()
    window.command_actions["export"].trigger()
    QApplication.processEvents()
    assert seen == ["ShortcutsDialog", "ExportDialog"]


# The same start, left to the event loop as a user's start is (no forced repaint): what
# is loaded, and what is stored, when the article view's first paint event arrives.
_START_AND_WAIT = """
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QSettings
from annotator.gui.app import AppController, application
from annotator.gui.settings import Settings

folder, db, article = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
app = application()
settings = Settings(QSettings(str(folder / "start.ini"), QSettings.Format.IniFormat))
controller = AppController(app, settings, data_dir=folder, ask_name=lambda *_: "tester")
seen = {}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen["engine"] = "annotator.suggest.engine" in sys.modules
            seen["suggestions"] = len(controller.window.store.suggestions(article, state=None))
        return False

probe = FirstPaint()
controller.start(db, article, "tester")
window = controller.window
window.view.viewport().installEventFilter(probe)
deadline = time.monotonic() + 60
while not seen and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.001)
deadline = time.monotonic() + 60
while window.suggesting.pending == [] and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.005)
seen["later"] = len(window.suggesting.pending)
controller.shutdown()
print(json.dumps(seen))
"""


def test_an_article_never_suggested_for_is_painted_before_its_suggestions(
    tmp_path: Path,
) -> None:
    # The article the window starts on is shown first; the suggestion engine loads and
    # runs only after that first frame (a zero-delay timer started before the window is
    # shown would run it before the paint), and its suggestions come just after.
    db = tmp_path / "work.db"
    article_id = add_article(db, ARTICLE, "mixed")
    result = subprocess.run(
        [sys.executable, "-c", _START_AND_WAIT, str(tmp_path), str(db), str(article_id)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["engine"] is False, seen
    assert seen["suggestions"] == 0, seen
    assert seen["later"] > 0, seen
