"""Suggestions in the window: shown on opening, decided with the keys, one undo step each,
checked in the database through a second connection."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.gui.main_window import MainWindow
from tests.gui.conftest import ARTICLE, add_article, key, reader, span_of

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _db_state(window: MainWindow) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    with reader(window) as store:
        article_id = store.article_ids()[0]
        annotations = store.annotations(article_id)
        texts = {a.id: a.text for a in annotations}
        return (
            {(a.label, a.text, a.annotator) for a in annotations},
            {(r.type, texts[r.from_id], texts[r.to_id]) for r in store.relations(article_id)},
        )


def _states(window: MainWindow) -> dict[str, str]:
    with reader(window) as store:
        article_id = store.article_ids()[0]
        return {s.text: s.state for s in store.suggestions(article_id, state=None)}


def _pixel_darkness(window: MainWindow, cp: int) -> int:
    """How far from white the page is over the middle of the character at cp (a 7 by 7
    pixel square: the glyph's ink is the same whether or not a tint is under it)."""
    view = window.view
    middle = view.point_of(cp)
    image = view.viewport().grab().toImage()
    dpr = image.devicePixelRatio()
    total = 0
    for dx in range(-3, 4):
        for dy in range(-3, 4):
            color = image.pixelColor(int((middle.x() + dx) * dpr), int((middle.y() + dy) * dpr))
            total += 765 - (color.red() + color.green() + color.blue())
    return total


def test_suggestions_show_on_opening_and_the_keys_decide_them(window: MainWindow) -> None:
    view = window.view
    suggesting = window.suggesting
    assert suggesting.pending, "suggestions appear as soon as the article opens"
    assert window.panel.findChild(type(suggesting.count), "pendingSuggestions") is suggesting.count
    assert suggesting.count.text() == f"Suggestions pending: {len(suggesting.pending)}"
    assert _db_state(window) == (set(), set()), "suggestions are not annotations"
    view.setFocus()
    view.place_caret(0)

    # Tab reaches the first suggestion, the cue «قال»; Backspace rejects it.
    key(view, Qt.Key.Key_Tab)
    current = next(s for s in suggesting.pending if s.id == suggesting.current)
    assert (current.label, current.text) == ("CUE", "قال")
    key(view, Qt.Key.Key_Backspace)
    assert _states(window)["قال"] == "rejected"
    # The next one is current at once: the source. Shift+Enter accepts its attribution.
    current = next(s for s in suggesting.pending if s.id == suggesting.current)
    assert (current.label, current.text) == ("SOURCE", "المتحدث باسم البنتاغون بيتر كوك")
    key(view, Qt.Key.Key_Return, SHIFT)
    annotations, relations = _db_state(window)
    claim = "النقاش كان «مهنيا وبناء»"
    assert ("CLAIM", claim, "tester") in annotations
    assert ("SOURCE", "المتحدث باسم البنتاغون بيتر كوك", "tester") in annotations
    assert ("CUE", "قال", "tester") not in annotations
    assert ("ATTRIBUTED_TO", claim, "المتحدث باسم البنتاغون بيتر كوك") in relations
    # The accepted spans are drawn as annotations now.
    shown = {(a.label, a.text) for a in window.annotating.spans.annotations.values()}
    assert ("CLAIM", claim) in shown

    # Each decision is one undo step.
    key(view, Qt.Key.Key_Z, CTRL)
    assert _db_state(window) == (set(), set())
    assert _states(window)[claim] == "pending"
    key(view, Qt.Key.Key_Z, CTRL)
    assert _states(window)["قال"] == "pending"
    key(view, Qt.Key.Key_Z, CTRL | SHIFT)
    key(view, Qt.Key.Key_Z, CTRL | SHIFT)
    annotations, relations = _db_state(window)
    assert ("CLAIM", claim, "tester") in annotations and len(relations) >= 1
    assert _states(window)["قال"] == "rejected"

    # Enter accepts one suggestion alone.
    view.place_caret(0)
    suggesting._set_current(None)
    key(view, Qt.Key.Key_Tab)
    chosen = next(s for s in suggesting.pending if s.id == suggesting.current)
    key(view, Qt.Key.Key_Return)
    assert (chosen.label, chosen.text, "tester") in _db_state(window)[0]
    assert _states(window)[chosen.text] == "accepted"


def test_accept_every_suggestion_of_a_label_and_the_toggle(window: MainWindow) -> None:
    view = window.view
    suggesting = window.suggesting
    view.setFocus()
    view.place_caret(0)
    key(view, Qt.Key.Key_Tab)  # the cue «قال»
    cues = {s.text for s in suggesting.pending if s.label == "CUE"}
    assert len(cues) >= 2
    key(view, Qt.Key.Key_Return, CTRL | SHIFT)
    assert {a[1] for a in _db_state(window)[0] if a[0] == "CUE"} == cues
    assert not [s for s in suggesting.pending if s.label == "CUE"]
    key(view, Qt.Key.Key_Z, CTRL)
    assert _db_state(window)[0] == set()

    # Drawn: the page is tinted under a suggestion, and white again once hidden.
    start, _ = span_of(ARTICLE, "المتحدث")
    view.place_caret(start)
    QApplication.processEvents()
    tinted = _pixel_darkness(window, start)
    key(view, Qt.Key.Key_H, CTRL | SHIFT)
    assert not suggesting.shown
    QApplication.processEvents()
    assert _pixel_darkness(window, start) < tinted
    # Hidden, Tab goes back to annotations and Enter decides nothing.
    key(view, Qt.Key.Key_Return)
    assert _db_state(window)[0] == set()
    key(view, Qt.Key.Key_H, CTRL | SHIFT)
    assert suggesting.shown


def test_an_annotation_of_the_same_label_hides_the_suggestion(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "work.db"
    article_id = add_article(db, ARTICLE)
    controller = start(db, article_id)
    window = controller.window
    before = len(window.suggesting.pending)
    s, e = span_of(ARTICLE, "بيتر كوك")
    window.view.select_span(s, e)
    window.annotating.label("SOURCE")
    assert len(window.suggesting.pending) == before - 1
    assert window.suggesting.count.text() == f"Suggestions pending: {before - 1}"
