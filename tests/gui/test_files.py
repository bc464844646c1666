"""File menu: another database, recent databases, and export through the exporters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from annotator.gui.dialogs.export_dialog import ExportDialog, export_module
from tests.gui.conftest import ARTICLE, add_article, drag, key, span_of

pytestmark = pytest.mark.gui


def test_open_another_database_and_come_back_from_recent(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    add_article(first, ARTICLE, "first")
    add_article(second, "مقال في قاعدة أخرى.", "second")
    controller = start(first, 1)
    drag(controller.window.view, *span_of(ARTICLE, "كوك"))
    key(controller.window.view, Qt.Key.Key_2)
    assert controller.open_database(second)
    window = controller.window
    assert window.store.path == second and window.title.text() == "second"
    assert not window.command_actions["undo"].isEnabled()  # that history belonged to the other file
    recent = controller.settings.get("database/recent")
    assert recent[:2] == [str(second), str(first)]
    window.files.fill_recent(window.recent_menu)
    entry = next(a for a in window.recent_menu.actions() if a.text() == str(first))
    entry.trigger()
    assert controller.window.store.path == first
    assert controller.window.title.text() == "first"


def test_a_database_that_cannot_be_opened_is_one_clear_message(
    start, tmp_path: Path, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "good.db"
    controller = start(db, add_article(db, ARTICLE))
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database at all" * 100)
    assert not controller.open_database(bad)
    assert message_boxes and str(bad) in message_boxes[0] and "Traceback" not in message_boxes[0]
    assert controller.window.store.path == db


@pytest.mark.skipif(export_module() is None, reason="the exporters are not installed")
def test_export_writes_through_the_exporters(window, tmp_path: Path, message_boxes) -> None:  # type: ignore[no-untyped-def]
    drag(window.view, *span_of(ARTICLE, "بيتر كوك"))
    key(window.view, Qt.Key.Key_2)
    assert window.command_actions["export"].isEnabled()
    out = tmp_path / "out.jsonl"
    dialog = ExportDialog(window.store, export_module(), "tester", 1, window)
    dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
    dialog.target.setText(str(out))
    dialog._run()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [line] = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert [a["text"] for a in record["annotations"]] == ["بيتر كوك"]
    assert message_boxes and "1" in message_boxes[0]


def test_file_import_offers_every_format_and_adds_work_to_the_open_article(
    window, tmp_path: Path, message_boxes, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    start = ARTICLE.index("بيتر كوك")
    folder = tmp_path / "back"
    folder.mkdir()
    (folder / "piece.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "piece.ann").write_text(
        f"T1\tSOURCE {start} {start + 8}\tبيتر كوك\n#1\tAnnotator T1\tzaid\n", encoding="utf-8"
    )
    offered: list[str] = []

    def choose(*args: object) -> tuple[list[str], str]:
        offered.append(str(args[3]))
        return [str(folder / "piece.ann")], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    window.command_actions["import_files"].trigger()
    for suffix in ("*.txt", "*.jsonl", "*.csv", "*.ann", "*.xmi", "*.zip", "*.json"):
        assert suffix in offered[0]
    assert message_boxes and "1 annotations added to 1 existing articles" in message_boxes[0]
    [ann] = window.store.annotations(1)
    assert (ann.text, ann.annotator, ann.label) == ("بيتر كوك", "zaid", "SOURCE")
