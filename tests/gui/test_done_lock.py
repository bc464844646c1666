"""A done article is read-only until reopened: Ctrl+Enter marks done and reopens, each one
undo step, and every edit in between is refused with a word."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.gui.conftest import ARTICLE, click, drag, key, reader, span_of

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier


def stored(window):  # type: ignore[no-untyped-def]
    with reader(window) as store:
        article = store.article(window.annotating.article.id)
        annotations = store.annotations(article.id)
        return article.status, sorted(
            (a.label, a.text, tuple(sorted(a.attributes.items()))) for a in annotations
        )


def test_a_done_article_refuses_every_edit_until_reopened(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    drag(view, *span_of(ARTICLE, "بيتر كوك"))
    key(view, Qt.Key.Key_2)
    before = [("SOURCE", "بيتر كوك", ())]
    key(view, Qt.Key.Key_Return, CTRL)
    assert stored(window) == ("done", before)
    assert "read-only" in window.article_status.text()
    # A new span, a relabel, an attribute, a delete: all refused, each with a word.
    drag(view, *span_of(ARTICLE, "الطائرات الروسية"))
    key(view, Qt.Key.Key_1)
    assert "read-only" in window.statusBar().currentMessage()
    click(view, span_of(ARTICLE, "بيتر")[0] + 1)
    key(view, Qt.Key.Key_3)
    key(view, Qt.Key.Key_F2)
    box = window.panel.details.attribute_boxes["source_kind"]
    QTest.keyClick(box, Qt.Key.Key_Down)
    assert box.currentData() is None  # the panel shows what is stored
    view.setFocus()
    click(view, span_of(ARTICLE, "بيتر")[0] + 1)
    key(view, Qt.Key.Key_Delete)
    assert stored(window) == ("done", before)
    assert "read-only" in window.statusBar().currentMessage()
    # Reopened with the same key, the article takes edits again.
    key(view, Qt.Key.Key_Return, CTRL)
    assert stored(window)[0] == "in_progress"
    assert "read-only" not in window.article_status.text()
    drag(view, *span_of(ARTICLE, "الطائرات الروسية"))
    key(view, Qt.Key.Key_1)
    assert stored(window)[1] == [("CLAIM", "الطائرات الروسية", ()), *before]


def test_marking_done_and_reopening_are_one_undo_step_each(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    drag(view, *span_of(ARTICLE, "بيتر كوك"))
    key(view, Qt.Key.Key_2)
    key(view, Qt.Key.Key_Return, CTRL)
    assert stored(window)[0] == "done"
    key(view, Qt.Key.Key_Z, CTRL)  # undoes the mark, not the span
    assert stored(window) == ("in_progress", [("SOURCE", "بيتر كوك", ())])
    assert not window.command_actions["mark_done"].isChecked()
    key(view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert stored(window)[0] == "done"
    assert window.command_actions["mark_done"].isChecked()
    key(view, Qt.Key.Key_Return, CTRL)  # reopen
    key(view, Qt.Key.Key_Z, CTRL)  # undoes the reopening: done again
    assert stored(window)[0] == "done"
