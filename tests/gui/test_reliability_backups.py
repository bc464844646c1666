"""Rolling backups when the window opens an existing database (File > Open too).

tests/gui/test_backup_on_open.py covers `annotator gui DB` and a new database; the
bad-file and read-only tests check that neither gets a backup. Here: File > Open
makes the backup on its thread and the annotator can work at once, the copy is a
consistent database holding what was there when it was taken, and opening the file
again soon after does not push older copies out.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog

from annotator.core.model import NewArticle
from annotator.storage import backups, open_store
from tests.gui.conftest import ARTICLE, add_article
from tests.gui.gestures import Hand

pytestmark = pytest.mark.gui


def test_file_open_backs_up_while_the_annotator_works(
    start, qtbot, tmp_path: Path, monkeypatch, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    first = tmp_path / "first.db"
    controller = start(first, add_article(first, ARTICLE, "first"))
    work = tmp_path / "work.db"
    with open_store(work) as store:
        article, _ = store.add_article(NewArticle(text=ARTICLE, title="work"))
        for n in range(300):  # enough pages that the copy takes a moment
            store.add_article(NewArticle(text=f"مقال رقم {n} " + "نص " * 400))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(work), ""))

    controller.window.command_actions["open_database"].trigger()
    window = controller.window
    assert window.store.path == work and controller.backup is not None
    window.open_article(article)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.view.setFocus()
    hand = Hand(window, random.Random(2))
    made = sum(hand.step() is not None for _ in range(15))
    controller.backup.join(60)

    assert made > 5 and hand.refusals == [] and message_boxes == []
    [copy] = backups.backups(work)
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 301
    finally:
        conn.close()
    assert not list(backups.backup_folder(work).glob("*.partial"))

    # Opened again at once: the recent copy stands, no older one is pushed out.
    controller.window.command_actions["open_database"].trigger()
    if controller.backup is not None:
        controller.backup.join(60)
    assert backups.backups(work) == [copy]
