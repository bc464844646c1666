"""Undo scrolls only when the change it brings back is off screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import add_article, drag, key, span_of

pytestmark = pytest.mark.gui

FILLER = "وأضاف أن الطائرات الروسية والأمريكية تدربت على مسافة آمنة فوق الأراضي السورية."
TEXT = "\n".join([FILLER] * 20 + ["قال المتحدث بيتر كوك إن النقاش كان مهنيا."] + [FILLER] * 20)


def test_undo_of_a_visible_change_does_not_scroll_and_of_a_hidden_one_does(start, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "scroll.db"
    window = start(db, add_article(db, TEXT)).window
    view = window.view
    view.scroll_to_position(span_of(TEXT, "بيتر كوك")[0] - 200)
    window._reading_timer.stop()
    drag(view, *span_of(TEXT, "بيتر كوك"))
    key(view, Qt.Key.Key_2)
    source = window.annotating.current
    key(view, Qt.Key.Key_1)  # relabelled to CLAIM, visible
    bar = view.verticalScrollBar()
    before = bar.value()
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.annotating.spans.annotations[source].label == "SOURCE"
    assert bar.value() == before  # visible: no jump
    assert view.marks.flash_id == source
    bar.setValue(bar.maximum())
    assert not view.shows(source)
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the mark: off screen
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
    assert view.shows(window.annotating.current)  # brought into view
