"""Link mode is one gesture: L starts it on the selection, a click ends it, and Esc or
any change to the article cancels it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import ARTICLE, click, drag, key, reader, span_of

pytestmark = pytest.mark.gui

CLAIM = "النقاش كان «مهنيا وبناء»"
SOURCE = "المتحدث باسم البنتاغون بيتر كوك"


def _mark(window, part: str, label_key: Qt.Key) -> int:  # type: ignore[no-untyped-def]
    drag(window.view, *span_of(ARTICLE, part))
    key(window.view, label_key)
    return window.annotating.current


def test_l_starts_the_gesture_on_the_selection_and_a_click_ends_it(window) -> None:  # type: ignore[no-untyped-def]
    gesture = window.annotating.linking
    source = _mark(window, SOURCE, Qt.Key.Key_2)
    claim = _mark(window, CLAIM, Qt.Key.Key_1)
    assert not gesture.active
    key(window.view, Qt.Key.Key_L)
    assert gesture.active and gesture.anchor == claim
    click(window.view, span_of(ARTICLE, "بيتر")[0] + 1)
    assert not gesture.active
    with reader(window) as store:
        assert [(r.from_id, r.to_id) for r in store.relations(1)] == [(claim, source)]


def test_a_change_to_the_article_cancels_the_gesture(window) -> None:  # type: ignore[no-untyped-def]
    gesture = window.annotating.linking
    _mark(window, SOURCE, Qt.Key.Key_2)
    claim = _mark(window, CLAIM, Qt.Key.Key_1)
    key(window.view, Qt.Key.Key_L)
    assert gesture.anchor == claim
    window.command_actions["undo"].trigger()  # the claim goes: nothing to link from
    assert not gesture.active
    assert window.statusBar().currentMessage().startswith("Undone")
    with reader(window) as store:
        assert store.relations(1) == [] and len(store.annotations(1)) == 1
