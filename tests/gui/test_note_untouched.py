"""A note nobody edited is never written back, whatever Qt's text conversions do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import ARTICLE, add_article, click, key, reader, span_of, type_text

pytestmark = pytest.mark.gui

NOTES = [
    "مصدر\u00a0رسمي",  # a no-break space
    "سطر أول\u2028سطر ثان",  # a line separator
    "أ\u00a0ب\u2028ج\nد",
]


@pytest.mark.parametrize("note", NOTES)
def test_selecting_an_annotation_and_moving_on_changes_nothing(start, tmp_path, note: str) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "work.db"
    first = add_article(db, ARTICLE, "one")
    add_article(db, "قال مسؤول روسي إن التدريبات مهمة.", "two")
    start_cp, end_cp = span_of(ARTICLE, "بيتر كوك")
    with reader_store(db) as store:
        ann = store.create_annotation(first, "SOURCE", start_cp, end_cp, "tester", note=note)
        before = store.annotation(ann.id)
    window = start(db, first).window
    click(window.view, start_cp + 2)  # select it: its note is shown in the field
    assert window.annotating.current == ann.id
    assert window.panel.details.note.document().toRawText().replace("\u2029", "\n") == note
    window.panel.details.note.setFocus()  # even entering and leaving the field
    window.view.setFocus()
    key(window.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.annotating.article.id != first
    with reader(window) as store:
        assert store.annotation(ann.id) == before
    stack = window.app.history.stack(first)
    assert stack.count() == 0 and not stack.canUndo()


def test_an_edited_note_keeps_its_no_break_spaces(start, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "work.db"
    first = add_article(db, ARTICLE, "one")
    start_cp, end_cp = span_of(ARTICLE, "بيتر كوك")
    with reader_store(db) as store:
        ann = store.create_annotation(first, "SOURCE", start_cp, end_cp, "tester", note=NOTES[0])
    window = start(db, first).window
    click(window.view, start_cp + 2)
    note = window.panel.details.note
    note.setFocus()
    note.moveCursor(note.textCursor().MoveOperation.End)
    type_text(note, " جدا")
    window.view.setFocus()
    with reader(window) as store:
        assert store.annotation(ann.id).note == NOTES[0] + " جدا"
    assert window.app.history.stack(first).count() == 1


def reader_store(db):  # type: ignore[no-untyped-def]
    from annotator.storage import open_store

    return open_store(db)
