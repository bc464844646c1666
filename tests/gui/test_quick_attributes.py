"""Attributes at the speed of keys: Q and one digit per attribute, S for the same as the
last claim, and schema defaults on new spans; keystrokes are counted, the database read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.model import NewArticle
from annotator.core.schema import load
from annotator.core.text import canonicalise
from annotator.paths import default_schema_path
from annotator.storage import open_store
from tests.gui.conftest import ARTICLE, click, drag, key, reader, span_of

pytestmark = pytest.mark.gui

FIVE = {
    "claim_type": "factual",
    "checkworthy": "no",
    "quote_type": "indirect",
    "voice": "attributed",
    "hedged": "no",
}


class Keyboard:
    """Presses keys where the focus (or an open popup) is, and counts them."""

    def __init__(self) -> None:
        self.count = 0

    def press(self, key_code: Qt.Key, text: str = "") -> None:
        target = QApplication.activePopupWidget() or QApplication.focusWidget()
        assert target is not None
        self.count += 1
        if text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    target, QKeyEvent(kind, key_code, Qt.KeyboardModifier.NoModifier, text)
                )
        else:
            QTest.keyClick(target, key_code)
        QApplication.processEvents()


def attributes_of(window, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with reader(window) as store:
        return next(a.attributes for a in store.annotations(1) if text.startswith(a.text))


def test_a_claims_five_attributes_take_six_keystrokes(window) -> None:  # type: ignore[no-untyped-def]
    drag(window.view, *span_of(ARTICLE, "النقاش كان «مهنيا وبناء»"))
    key(window.view, Qt.Key.Key_1)
    keys = Keyboard()
    keys.press(Qt.Key.Key_Q)
    assert QApplication.activePopupWidget() is window.annotating.quick
    for digit in "12212":  # factual, no, indirect, attributed, no
        keys.press(getattr(Qt.Key, f"Key_{digit}"), digit)
    assert keys.count <= 6
    assert QApplication.activePopupWidget() is None
    assert attributes_of(window, "النقاش كان «مهنيا وبناء»") == FIVE
    # All five were one step: one Ctrl+Z takes them all back.
    key(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert attributes_of(window, "النقاش كان «مهنيا وبناء»") == {}


def test_same_as_the_last_claim_is_one_key(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    drag(view, *span_of(ARTICLE, "النقاش كان «مهنيا وبناء»"))
    key(view, Qt.Key.Key_1)
    keys = Keyboard()
    keys.press(Qt.Key.Key_Q)
    for digit in "12212":
        keys.press(getattr(Qt.Key, f"Key_{digit}"), digit)
    drag(view, *span_of(ARTICLE, "الطائرات الروسية والأمريكية تدربت"))
    key(view, Qt.Key.Key_1)
    keys = Keyboard()
    keys.press(Qt.Key.Key_S)
    assert keys.count == 1
    assert attributes_of(window, "الطائرات الروسية والأمريكية تدربت") == FIVE
    assert "مهنيا" in window.statusBar().currentMessage()


def test_zero_keeps_arabic_digits_choose_and_escape_changes_nothing(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    drag(view, *span_of(ARTICLE, "بيتر كوك"))
    key(view, Qt.Key.Key_2)
    keys = Keyboard()
    keys.press(Qt.Key.Key_Q)
    keys.press(Qt.Key.Key_Escape)
    assert attributes_of(window, "بيتر كوك") == {}
    keys.press(Qt.Key.Key_Q)
    keys.press(Qt.Key.Key_0, "0")  # source_kind kept
    keys.press(Qt.Key.Key_1, "١")  # specificity: named, with an Arabic keyboard
    assert attributes_of(window, "بيتر كوك") == {"specificity": "named"}


def test_schema_defaults_are_given_to_new_spans(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = default_schema_path().read_text(encoding="utf-8")
    source = source.replace(
        'description = "Whose claim it is."',
        'description = "Whose claim it is."\ndefault = "attributed"',
    )
    (tmp_path / "guidelines.md").write_text("# g\n", encoding="utf-8")
    schema_path = tmp_path / "schema.toml"
    schema_path.write_text(source, encoding="utf-8")
    db = tmp_path / "defaults.db"
    with open_store(db, schema=load(schema_path)) as store:
        store.add_article(NewArticle(text=canonicalise(ARTICLE), title="d"))
    window = start(db, 1).window
    drag(window.view, *span_of(ARTICLE, "الطائرات الروسية"))
    key(window.view, Qt.Key.Key_1)
    assert attributes_of(window, "الطائرات الروسية") == {"voice": "attributed"}
    drag(window.view, *span_of(ARTICLE, "بيتر كوك"))
    key(window.view, Qt.Key.Key_2)
    assert attributes_of(window, "بيتر كوك") == {}
    click(window.view, span_of(ARTICLE, "الروسية")[0] + 1)
