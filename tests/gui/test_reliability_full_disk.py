"""A full disk in the window, simulated with PRAGMA max_page_count on its connection.

The change that does not fit fails with a dialog that says so, is not shown as done
(the status bar says Not saved; the text, the panel and the undo history are as
before), earlier work is intact, and the same gesture succeeds once there is room.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import ARTICLE, add_article, click, drag, key, span_of, type_text
from tests.gui.gestures import shown_state
from tests.reliability.test_kill import _check_consistent, _db_state

pytestmark = pytest.mark.gui

# Long enough that one annotation over all of it needs pages of its own.
LONG = "\n".join([ARTICLE] * 30)
FULL = "the disk is full; the last change was not saved"


def _fill_the_disk(window) -> None:  # type: ignore[no-untyped-def]
    """No free page left in the file, and the window's connection may not grow it."""
    db = window.store.path
    other = sqlite3.connect(db)
    free = other.execute("PRAGMA freelist_count").fetchone()[0]
    if free:
        # Another program takes the free pages (as other files take the free disk).
        size = other.execute("PRAGMA page_size").fetchone()[0]
        other.execute(
            "INSERT INTO metadata (key, value) VALUES ('filler', zeroblob(?))", [free * size]
        )
        other.commit()
    other.close()
    conn = window.store.db.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def _free_space(window) -> None:  # type: ignore[no-untyped-def]
    window.store.db.conn.execute("PRAGMA max_page_count = 1073741823")


def _back_to_the_window(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Offscreen, a closed dialog does not give the activation back as a desktop does.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    assert QApplication.focusWidget() is window.view


def _mark_everything(window) -> None:  # type: ignore[no-untyped-def]
    key(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    key(window.view, Qt.Key.Key_1)


@pytest.fixture
def full_window(start, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The window on a long article with earlier work: a source, a claim, a link."""
    db = tmp_path / "full.db"
    window = start(db, add_article(db, LONG, "long")).window
    drag(window.view, *span_of(LONG, "بيتر كوك"))
    key(window.view, Qt.Key.Key_2)
    drag(window.view, *span_of(LONG, "النقاش كان «مهنيا وبناء»"))
    key(window.view, Qt.Key.Key_1)
    key(window.view, Qt.Key.Key_L)
    click(window.view, span_of(LONG, "بيتر")[0] + 1)
    assert len(window.annotating.spans.relations) == 1
    return window


def test_a_mark_that_does_not_fit(full_window, qtbot, message_boxes) -> None:  # type: ignore[no-untyped-def]
    window = full_window
    db = window.store.path
    earlier = shown_state(window)
    stack = window.annotating.stack
    steps = stack.count(), stack.index()
    _fill_the_disk(window)

    _mark_everything(window)

    assert message_boxes == [f"{db}: {FULL}"]
    assert "Not saved" in window.saved_label.text()
    assert shown_state(window) == earlier == _db_state(db, 1)
    assert (stack.count(), stack.index()) == steps
    _check_consistent(db, 1)

    _back_to_the_window(window, qtbot)
    _free_space(window)
    _mark_everything(window)  # the very same gesture, again

    assert len(message_boxes) == 1
    assert window.saved_label.text().endswith("Saved") and "Not" not in window.saved_label.text()
    new = set(window.annotating.spans.annotations) - {int(i) for i in earlier["annotations"]}
    assert len(new) == 1
    assert shown_state(window) == _db_state(db, 1)


def test_an_undo_that_does_not_fit_can_be_tried_again(full_window, qtbot, message_boxes) -> None:  # type: ignore[no-untyped-def]
    window = full_window
    db = window.store.path
    _mark_everything(window)
    everything = window.annotating.current
    key(window.view, Qt.Key.Key_Delete)  # its pages go back to the free list...
    assert everything not in window.annotating.spans.annotations
    before = shown_state(window)
    stack = window.annotating.stack
    steps = stack.count(), stack.index()
    _fill_the_disk(window)  # ...and another program takes them

    key(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()

    assert message_boxes == [f"{db}: {FULL}"]
    assert "Not saved" in window.saved_label.text()
    assert shown_state(window) == before == _db_state(db, 1)
    # Still to be undone: Undo is what the annotator tries again.
    assert (stack.count(), stack.index()) == steps
    assert stack.undoText() == "Delete annotation"

    _back_to_the_window(window, qtbot)
    _free_space(window)
    key(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()

    assert len(message_boxes) == 1
    assert everything in window.annotating.spans.annotations
    assert shown_state(window) == _db_state(db, 1)
    assert window.saved_label.text().endswith("Saved") and "Not" not in window.saved_label.text()
    assert stack.index() == steps[1] - 1
    _check_consistent(db, 1)


def test_a_redo_that_does_not_fit_can_be_tried_again(full_window, qtbot, message_boxes) -> None:  # type: ignore[no-untyped-def]
    window = full_window
    db = window.store.path
    _mark_everything(window)
    everything = window.annotating.current
    redo = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    key(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # frees its pages
    QApplication.processEvents()
    before = shown_state(window)
    stack = window.annotating.stack
    steps = stack.count(), stack.index()
    _fill_the_disk(window)

    key(window.view, *redo)
    QApplication.processEvents()

    assert message_boxes == [f"{db}: {FULL}"]
    assert "Not saved" in window.saved_label.text()
    assert shown_state(window) == before == _db_state(db, 1)
    assert (stack.count(), stack.index()) == steps and stack.canRedo()

    _back_to_the_window(window, qtbot)
    _free_space(window)
    key(window.view, *redo)
    QApplication.processEvents()

    assert len(message_boxes) == 1
    assert everything in window.annotating.spans.annotations
    assert shown_state(window) == _db_state(db, 1)
    assert window.saved_label.text().endswith("Saved") and "Not" not in window.saved_label.text()
    _check_consistent(db, 1)


def test_a_note_that_does_not_fit_stays_in_its_field_and_is_saved_later(
    full_window, qtbot, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    window = full_window
    db = window.store.path
    claim = window.annotating.current
    before = shown_state(window)
    note = window.panel.details.note
    _fill_the_disk(window)
    text = "ملاحظة طويلة عن مصدر هذا الادعاء. " * 120

    QTest.mouseClick(note.viewport(), Qt.MouseButton.LeftButton)
    type_text(note, "ملاحظة: ")
    QApplication.clipboard().setText(text)
    key(note, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    text = "ملاحظة: " + text
    key(note, Qt.Key.Key_Tab)  # leaving the field saves the note

    assert message_boxes == [f"{db}: {FULL}"]
    assert "Not saved" in window.saved_label.text()
    assert shown_state(window) == before == _db_state(db, 1)
    assert window.annotating.spans.annotations[claim].note == ""
    assert note.toPlainText() == text  # not lost: still there to save

    _back_to_the_window(window, qtbot)
    _free_space(window)
    QTest.mouseClick(note.viewport(), Qt.MouseButton.LeftButton)
    key(note, Qt.Key.Key_Tab)  # leaving it again tries again

    assert len(message_boxes) == 1
    assert window.annotating.spans.annotations[claim].note == text
    assert _db_state(db, 1)["annotations"][str(claim)][5] == text
    assert window.saved_label.text().endswith("Saved") and "Not" not in window.saved_label.text()
