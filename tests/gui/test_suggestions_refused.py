"""A row another program damages after an article was read, before its suggestions are
made: the window says the database's one line in the status bar, raises nothing, and
stays usable."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.model import Annotation
from annotator.storage import open_store
from tests.gui.conftest import ARTICLE, add_article, span_of

pytestmark = pytest.mark.gui


def test_a_row_damaged_before_the_suggestions_is_said_not_raised(start, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "work.db"
    first = add_article(db, "مقال أول قصير", "first")
    second = add_article(db, ARTICLE, "second")
    start_, end = span_of(ARTICLE, "الطائرات الروسية")
    with open_store(db) as store:
        store.insert_annotation(
            Annotation(0, second, "CLAIM", start_, end, ARTICLE[start_:end], annotator="salma")
        )
    window = start(db, first).window
    suggesting = window.suggesting
    window.open_article(second)  # read whole and sound; no suggestions made yet
    assert window.annotating.spans is not None
    other = sqlite3.connect(db)
    with other:
        other.execute("UPDATE annotations SET note = x'00' WHERE article_id = ?", [second])
    other.close()
    # The first paint, then the suggestions' turn: an exception there would fail the test.
    window.view.viewport().repaint()
    qtbot.waitUntil(lambda: "annotation" in window.statusBar().currentMessage(), timeout=5000)
    assert "work.db" in window.statusBar().currentMessage()
    assert not suggesting.reading
    with open_store(db, readonly=True) as store:
        assert not store.has_suggestions(second)
    window.open_article(first)
    QApplication.processEvents()
    assert window.annotating.article is not None and window.annotating.article.id == first
