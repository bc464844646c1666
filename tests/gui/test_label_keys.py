"""A label key never changes what the annotator cannot see, and the find bar's Esc keeps
the match selected for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import add_article, click, drag, key, reader, span_of, type_text

pytestmark = pytest.mark.gui

FILLER = "وأضاف أن الطائرات الروسية والأمريكية تدربت على مسافة آمنة فوق الأراضي السورية."
TEXT = "\n".join(
    ["قال المتحدث باسم البنتاغون بيتر كوك إن النقاش كان مهنيا."]
    + [FILLER] * 60
    + ["وفي الختام أكد الجانبان استمرار التنسيق."]
)


@pytest.fixture
def long_window(start, tmp_path: Path):  # type: ignore[no-untyped-def]
    db = tmp_path / "long.db"
    window = start(db, add_article(db, TEXT, "long")).window
    drag(window.view, *span_of(TEXT, "بيتر كوك"))
    key(window.view, Qt.Key.Key_2)
    return window


def stored(window) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with reader(window) as store:
        return sorted((a.label, a.text) for a in store.annotations(1))


def status(window) -> str:  # type: ignore[no-untyped-def]
    return window.statusBar().currentMessage()


def test_find_enter_escape_then_a_label_key_marks_the_match(long_window) -> None:  # type: ignore[no-untyped-def]
    window = long_window
    view, bar = window.view, window.find_bar
    assert window.annotating.current is not None  # the SOURCE is still selected
    key(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(bar.field, "الختام")
    key(bar.field, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is view
    key(view, Qt.Key.Key_Escape)  # closes the bar, the match stays selected
    assert not bar.isVisible()
    span = view.selection_span()
    assert span is not None and TEXT[span[0] : span[1]] == "الختام"
    key(view, Qt.Key.Key_1)
    assert stored(window) == [("CLAIM", "الختام"), ("SOURCE", "بيتر كوك")]


def test_a_second_escape_clears_the_match_and_then_the_key_changes_nothing_unseen(
    long_window,
) -> None:  # type: ignore[no-untyped-def]
    window = long_window
    view, bar = window.view, window.find_bar
    key(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(bar.field, "الختام")
    key(bar.field, Qt.Key.Key_Return)
    key(view, Qt.Key.Key_Escape)
    key(view, Qt.Key.Key_Escape)  # the second one clears the match
    assert view.selection_span() is None
    source = window.annotating.current
    assert source is not None and not view.shows(source)  # several paragraphs above
    key(view, Qt.Key.Key_1)
    assert stored(window) == [("SOURCE", "بيتر كوك")]
    assert "off screen" in status(window) and "بيتر كوك" in status(window)


def test_a_label_key_relabels_a_visible_annotation_and_says_so(long_window) -> None:  # type: ignore[no-untyped-def]
    window = long_window
    view = window.view
    click(view, span_of(TEXT, "بيتر")[0] + 1)
    assert window.annotating.current is not None
    key(view, Qt.Key.Key_1)
    assert stored(window) == [("CLAIM", "بيتر كوك")]
    assert "SOURCE → CLAIM" in status(window) and "بيتر كوك" in status(window)


def test_scrolled_away_the_label_key_does_nothing_and_says_why(long_window) -> None:  # type: ignore[no-untyped-def]
    window = long_window
    view = window.view
    click(view, span_of(TEXT, "بيتر")[0] + 1)
    for _ in range(6):
        key(view, Qt.Key.Key_PageDown)
    assert not view.shows(window.annotating.current)
    key(view, Qt.Key.Key_1)
    assert stored(window) == [("SOURCE", "بيتر كوك")]
    assert "off screen" in status(window)
    key(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    key(view, Qt.Key.Key_1)
    assert stored(window) == [("CLAIM", "بيتر كوك")]
