"""An opened article is painted before its suggestions are read: they are drawn at the
next turn of the event loop, nothing of the previous article's is drawn meanwhile, and a
key pressed before then still finds them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import ARTICLE, add_article, key

pytestmark = pytest.mark.gui

OTHER = "وأكدت الوزارة أن الوفد جاهز، بحسب مصادر رسمية.\nوقال المتحدث إن المحادثات ستستأنف."


def test_suggestions_follow_the_first_paint(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "two.db"
    first = add_article(db, ARTICLE, "first")
    second = add_article(db, OTHER, "second")
    window = start(db, first).window
    suggesting, view = window.suggesting, window.view
    shown_first = set(suggesting.painter.suggestions)
    assert shown_first and suggesting.pending

    window.open_article(second)
    # Until the next turn of the event loop: the new article, and none of the old marks.
    assert suggesting.pending == [] and suggesting.painter.suggestions == {}
    view.viewport().repaint()
    QApplication.processEvents()
    assert suggesting.pending and {s.article_id for s in suggesting.pending} == {second}
    assert set(suggesting.painter.suggestions) == {s.id for s in suggesting.pending}
    assert suggesting.count.text() == f"Suggestions pending: {len(suggesting.pending)}"

    # Back to the first, and Tab at once, before the event loop turns: its first one.
    window.open_article(first)
    view.setFocus()
    view.place_caret(0)
    key(view, Qt.Key.Key_Tab)
    current = next(s for s in suggesting.pending if s.id == suggesting.current)
    assert (current.article_id, current.label, current.text) == (first, "CUE", "قال")
    assert set(suggesting.painter.suggestions) == shown_first
