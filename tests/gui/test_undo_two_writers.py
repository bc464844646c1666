"""Undo never touches another person's work: two writers on one file, through the
window's own command path (a drag, a label key, Ctrl+Z) and a second store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.commands import (
    CommandStack,
    CreateAnnotation,
    DeleteAnnotation,
    UpdateAnnotation,
)
from annotator.storage import open_store
from tests.gui.conftest import ARTICLE, drag, key, reader, span_of

pytestmark = pytest.mark.gui


def _undo(window) -> None:  # type: ignore[no-untyped-def]
    key(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _annotations(window):  # type: ignore[no-untyped-def]
    with reader(window) as store:
        return [
            (a.id, a.label, a.text, a.annotator)
            for a in store.annotations(window.annotating.article.id)
        ]


def test_an_undo_never_deletes_the_annotation_that_took_a_deleted_id(
    start, tmp_path, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.conftest import add_article

    db = tmp_path / "work.db"
    article_id = add_article(db, ARTICLE, "mixed")
    window = start(db, article_id, annotator="salma").window
    drag(window.view, *span_of(ARTICLE, "بيتر كوك"))
    key(window.view, Qt.Key.Key_2)  # Salma marks a SOURCE
    (salma,) = _annotations(window)
    assert salma[1:] == ("SOURCE", "بيتر كوك", "salma")

    # Omar, in another program on the same file, deletes it and marks another word.
    with open_store(db) as omar_store:
        omar = CommandStack(omar_store)
        omar.push(DeleteAnnotation(salma[0]))
        cue = span_of(ARTICLE, "قال")
        made = omar.push(CreateAnnotation(article_id, "CUE", *cue, "omar"))
        assert isinstance(made, CreateAnnotation) and made.created is not None
        assert made.created.id != salma[0], "the deleted id was handed out again"

    _undo(window)  # Salma undoes her mark
    assert _annotations(window) == [(made.created.id, "CUE", "قال", "omar")]
    assert window.annotating.stack.canUndo()  # the refused step is still there to retry
    assert message_boxes == [
        f"undo refused: annotation {salma[0]} («بيتر كوك») has been deleted since, by another "
        "window or program writing this file"
    ]


def test_an_undo_never_overwrites_a_change_another_writer_made(
    start, tmp_path, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.conftest import add_article

    db = tmp_path / "work.db"
    article_id = add_article(db, ARTICLE, "mixed")
    window = start(db, article_id, annotator="salma").window
    drag(window.view, *span_of(ARTICLE, "بيتر كوك"))
    key(window.view, Qt.Key.Key_3)  # CUE
    key(window.view, Qt.Key.Key_2)  # relabelled SOURCE: an UpdateAnnotation step
    (salma,) = _annotations(window)
    with open_store(db) as omar_store:
        CommandStack(omar_store).push(
            UpdateAnnotation(salma[0], {"attributes": {"specificity": "named"}})
        )
    _undo(window)  # the relabel: Omar's attribute would be lost
    with reader(window) as store:
        (now,) = store.annotations(article_id)
    assert now.label == "SOURCE" and now.attributes == {"specificity": "named"}
    _undo(window)  # still refused, and nothing deleted either
    with reader(window) as store:
        assert [a.attributes for a in store.annotations(article_id)] == [{"specificity": "named"}]
    refusals = [t for t in message_boxes if "refused" in t]
    assert refusals and all("\n" not in t and "changed since" in t for t in refusals)
