"""Making spans as an annotator does: drag or keys, then the label's key."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.formats.importer import import_paths
from annotator.storage import open_store
from tests.gui.conftest import ARTICLE, add_article, click, drag, key, reader, span_of

pytestmark = pytest.mark.gui


def _rows(window):  # type: ignore[no-untyped-def]
    with reader(window) as store:
        return [
            (a.label, a.text, a.annotator) for a in store.annotations(window.annotating.article.id)
        ]


def test_drag_select_a_word_and_press_1_stores_one_claim(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    start, end = span_of(ARTICLE, "البنتاغون")
    # A sloppy drag from inside the word to inside it: snapping takes the whole word.
    drag(view, start + 1, end - 1)
    key(view, Qt.Key.Key_1)
    assert _rows(window) == [("CLAIM", "البنتاغون", "tester")]


def test_keyboard_selection_then_2_stores_a_source(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    start, _ = span_of(ARTICLE, "بيتر كوك")
    view.place_caret(start)
    # In a right-to-left paragraph, Ctrl+Shift+Left selects forward word by word.
    key(
        view,
        Qt.Key.Key_Left,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    key(
        view,
        Qt.Key.Key_Left,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    key(view, Qt.Key.Key_2)
    assert _rows(window) == [("SOURCE", "بيتر كوك", "tester")]


def test_shift_arrows_by_character_snap_to_the_word(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    start, _ = span_of(ARTICLE, "المتحدث")
    view.place_caret(start + 2)
    for _ in range(3):
        key(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    key(view, Qt.Key.Key_3)
    assert _rows(window) == [("CUE", "المتحدث", "tester")]


def test_after_an_emoji_the_stored_text_is_exact(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "وقال 😀 المتحدث 👍🏽 بيتر كوك إن 🇸🇾 الطائرات حلقت."
    db = tmp_path / "emoji.db"
    controller = start(db, add_article(db, text))
    view = controller.window.view
    start_cp, end_cp = span_of(text, "الطائرات")
    drag(view, start_cp, end_cp)
    key(view, Qt.Key.Key_1)
    word = span_of(text, "كوك")
    view.place_caret(word[0])
    key(
        view,
        Qt.Key.Key_Left,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    key(view, Qt.Key.Key_2)
    with open_store(db, readonly=True) as store:
        stored = {(a.label, a.start, a.end, a.text) for a in store.annotations(1)}
    assert stored == {("CLAIM", *span_of(text, "الطائرات"), "الطائرات"), ("SOURCE", *word, "كوك")}


def test_an_article_imported_from_a_crlf_file(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "crlf.txt"
    source.write_bytes("سطر أول 😀 هنا\r\n\r\nقال مسؤول روسي إن التدريبات مهمة\r\n".encode())
    db = tmp_path / "crlf.db"
    with open_store(db) as store:
        [(article_id, _)] = import_paths(store, [source]).imported
        text = store.article_text(article_id)
    controller = start(db, article_id)
    view = controller.window.view
    drag(view, *span_of(text, "مسؤول روسي"))
    key(view, Qt.Key.Key_2)
    with open_store(db, readonly=True) as store:
        [ann] = store.annotations(article_id)
    assert (ann.label, ann.text) == ("SOURCE", "مسؤول روسي")
    assert text[ann.start : ann.end] == "مسؤول روسي"


def test_nested_spans_are_both_stored_and_clicks_reach_each(window) -> None:  # type: ignore[no-untyped-def]
    view, annotating = window.view, window.annotating
    outer = span_of(ARTICLE, "المتحدث باسم البنتاغون بيتر كوك")
    inner = span_of(ARTICLE, "البنتاغون")
    drag(view, *outer)
    key(view, Qt.Key.Key_2)
    drag(view, *inner)
    key(view, Qt.Key.Key_2)
    assert sorted(t for _, t, _ in _rows(window)) == sorted(
        ["المتحدث باسم البنتاغون بيتر كوك", "البنتاغون"]
    )
    by_text = {a.text: a.id for a in annotating.spans.annotations.values()}
    key(view, Qt.Key.Key_Escape)
    assert annotating.current is None
    click(view, inner[0] + 2)
    assert annotating.current == by_text["البنتاغون"]
    # The same click again reaches the span around it.
    click(view, inner[0] + 2)
    assert annotating.current == by_text["المتحدث باسم البنتاغون بيتر كوك"]
    assert window.panel.selected_ids() == [annotating.current]
    # Outside the inner word, only the outer span is there.
    click(view, outer[0] + 1)
    assert annotating.current == by_text["المتحدث باسم البنتاغون بيتر كوك"]


def test_exact_characters_leave_a_proclitic_outside(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    word = span_of(ARTICLE, "لوسائل الإعلام")
    # Word mode would take the whole word «لوسائل»; Ctrl+E switches to exact characters.
    key(view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.command_actions["exact"].isChecked()
    drag(view, word[0] + 1, word[1])
    key(view, Qt.Key.Key_2)
    assert _rows(window) == [("SOURCE", "وسائل الإعلام", "tester")]
    assert window.settings.get("view/snap_words") is False


def test_alt_held_while_dragging_selects_exact_characters_once(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    word = span_of(ARTICLE, "لوسائل")
    drag(view, word[0] + 1, word[1], Qt.KeyboardModifier.AltModifier)
    key(view, Qt.Key.Key_2)
    drag(view, *span_of(ARTICLE, "بيتر"))
    key(view, Qt.Key.Key_2)
    assert sorted(t for _, t, _ in _rows(window)) == ["بيتر", "وسائل"]


def test_alt_with_the_label_key_marks_exact_characters(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    word = span_of(ARTICLE, "وبناء")
    view.select_span(word[0] + 1, word[1])
    key(view, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert _rows(window) == [("CLAIM", "بناء", "tester")]


def test_a_label_key_relabels_the_selected_annotation(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    drag(view, *span_of(ARTICLE, "بيتر كوك"))
    key(view, Qt.Key.Key_1)
    assert window.annotating.current is not None
    key(view, Qt.Key.Key_2)
    assert _rows(window) == [("SOURCE", "بيتر كوك", "tester")]


def test_marking_the_same_text_twice_is_refused(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    for _ in range(2):
        drag(view, *span_of(ARTICLE, "بيتر كوك"))
        key(view, Qt.Key.Key_2)
    assert len(_rows(window)) == 1
    assert "already" in window.statusBar().currentMessage()


def test_arabic_indic_digit_keys_mark_too(window) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.conftest import type_text

    view = window.view
    drag(view, *span_of(ARTICLE, "كوك"))
    type_text(view, "٢")
    assert _rows(window) == [("SOURCE", "كوك", "tester")]


def test_edges_move_by_word_and_by_character(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    drag(view, *span_of(ARTICLE, "البنتاغون"))
    key(view, Qt.Key.Key_2)
    alt, shift = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ShiftModifier
    # Right to left: the right-hand edge is the start. Grow it one word to the right.
    key(view, Qt.Key.Key_Right, alt)
    assert _rows(window)[0][1] == "باسم البنتاغون"
    # Grow the left-hand edge (the end) one word.
    key(view, Qt.Key.Key_Left, alt)
    assert _rows(window)[0][1] == "باسم البنتاغون بيتر"
    # Shrink from the right by one word.
    key(view, Qt.Key.Key_Left, alt | shift)
    assert _rows(window)[0][1] == "البنتاغون بيتر"
    # In exact-characters mode the same keys move one character.
    key(view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    key(view, Qt.Key.Key_Right, alt | shift)
    assert _rows(window)[0][1] == "البنتاغون بيت"
    key(view, Qt.Key.Key_Left, alt | shift)
    assert _rows(window)[0][1] == "لبنتاغون بيت"


def test_selection_without_a_word_marks_nothing(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    comma = ARTICLE.index("،")
    view.select_span(comma, comma + 2)
    key(view, Qt.Key.Key_1)
    assert _rows(window) == []
    assert window.statusBar().currentMessage()


def test_the_annotator_name_is_on_every_annotation(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "names.db"
    controller = start(db, add_article(db, ARTICLE), annotator="salma")
    drag(controller.window.view, *span_of(ARTICLE, "كوك"))
    key(controller.window.view, Qt.Key.Key_2)
    with open_store(db, readonly=True) as store:
        assert [a.annotator for a in store.annotations(1)] == ["salma"]
