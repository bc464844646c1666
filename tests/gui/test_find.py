"""Ctrl+F finds text ignoring diacritics, tatweel and letter forms, and selects it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import add_article, key, reader, type_text

pytestmark = pytest.mark.gui

TEXT = (
    "قالَ المتحدثُ إنّ الطائراتِ حلّقت. وأكّد المتحدث أن الإعلان جاء متأخرا، وقال المتحـــدث إن ذلك مهم."
)


def test_ctrl_f_selects_a_diacritic_insensitive_match_ready_to_label(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "find.db"
    window = start(db, add_article(db, TEXT)).window
    view, bar = window.view, window.find_bar
    key(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and QApplication.focusWidget() is bar.field
    type_text(bar.field, "المتحدث")  # typed without the damma, and without tatweel
    assert len(window.finder.matches) == 3
    assert view.selection_span() == (5, 13)  # «المتحدثُ», its damma included
    key(bar.field, Qt.Key.Key_Return)  # Enter: the match goes to the article, focus too
    assert QApplication.focusWidget() is view
    key(view, Qt.Key.Key_F3)
    key(view, Qt.Key.Key_F3)
    third = view.selection_span()
    assert third is not None and TEXT[third[0] : third[1]] == "المتحـــدث"
    key(view, Qt.Key.Key_2)
    with reader(window) as store:
        [ann] = store.annotations(1)
    assert (ann.label, ann.text) == ("SOURCE", "المتحـــدث")


def test_hamza_and_alef_forms_are_ignored(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "find.db"
    window = start(db, add_article(db, TEXT)).window
    key(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(window.find_bar.field, "ان")  # matches «إنّ», «أن» and «إن»
    assert len(window.finder.matches) >= 3
    assert window.find_bar.count.text()


def test_escape_closes_the_bar_and_keeps_the_selection(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "find.db"
    window = start(db, add_article(db, TEXT)).window
    key(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(window.find_bar.field, "الاعلان")
    key(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    span = window.view.selection_span()
    assert span is not None and TEXT[span[0] : span[1]] == "الإعلان"
    assert QApplication.focusWidget() is window.view
