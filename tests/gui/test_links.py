"""Linking a claim to its source: L and a click, Tab and Enter, the panel's list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu

from tests.gui.conftest import ARTICLE, click, drag, key, reader, span_of

pytestmark = pytest.mark.gui

CLAIM = "النقاش كان «مهنيا وبناء»"
SOURCE = "المتحدث باسم البنتاغون بيتر كوك"


def _mark(window, part: str, label_key: Qt.Key) -> int:  # type: ignore[no-untyped-def]
    drag(window.view, *span_of(ARTICLE, part))
    key(window.view, label_key)
    return window.annotating.current


def _relations(window):  # type: ignore[no-untyped-def]
    with reader(window) as store:
        return [(r.type, r.from_id, r.to_id) for r in store.relations(window.annotating.article.id)]


def test_press_l_then_click_the_source_links_them(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    claim = _mark(window, CLAIM, Qt.Key.Key_1)
    source = _mark(window, SOURCE, Qt.Key.Key_2)
    click(view, span_of(ARTICLE, CLAIM)[0] + 3)
    assert window.annotating.current == claim
    key(view, Qt.Key.Key_L)
    assert view.in_link_mode
    # The source sits in the text before the claim, as in «قال ... إن ...».
    click(view, span_of(ARTICLE, "بيتر")[0] + 1)
    assert _relations(window) == [("ATTRIBUTED_TO", claim, source)]
    assert not view.in_link_mode
    # Selecting the claim marks its source, and the other way round.
    assert view.marks.linked == {source}
    window.annotating.select(source)
    assert view.marks.linked == {claim}


def test_linking_from_the_source_orients_the_relation(window) -> None:  # type: ignore[no-untyped-def]
    claim = _mark(window, CLAIM, Qt.Key.Key_1)
    source = _mark(window, SOURCE, Qt.Key.Key_2)
    key(window.view, Qt.Key.Key_L)
    click(window.view, span_of(ARTICLE, CLAIM)[0] + 3)
    assert _relations(window) == [("ATTRIBUTED_TO", claim, source)]


def test_tab_and_enter_link_without_the_mouse(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    source = _mark(window, SOURCE, Qt.Key.Key_2)
    claim = _mark(window, CLAIM, Qt.Key.Key_1)
    key(view, Qt.Key.Key_L)
    key(view, Qt.Key.Key_Tab)
    assert view.link_focus == source
    key(view, Qt.Key.Key_Return)
    assert _relations(window) == [("ATTRIBUTED_TO", claim, source)]


def test_escape_cancels_linking(window) -> None:  # type: ignore[no-untyped-def]
    _mark(window, SOURCE, Qt.Key.Key_2)
    _mark(window, CLAIM, Qt.Key.Key_1)
    key(window.view, Qt.Key.Key_L)
    key(window.view, Qt.Key.Key_Escape)
    assert not window.view.in_link_mode
    assert _relations(window) == []


def test_a_source_in_an_earlier_paragraph(window) -> None:  # type: ignore[no-untyped-def]
    source = _mark(window, SOURCE, Qt.Key.Key_2)
    claim = _mark(window, "الطائرات الروسية والأمريكية تدربت على مسافة آمنة", Qt.Key.Key_1)
    assert window.annotating.spans.block_of(window.annotating.spans.annotations[claim].start) == 1
    key(window.view, Qt.Key.Key_L)
    click(window.view, span_of(ARTICLE, "المتحدث")[0] + 2)
    assert _relations(window) == [("ATTRIBUTED_TO", claim, source)]


def test_choose_the_source_from_the_panel_list(window) -> None:  # type: ignore[no-untyped-def]
    source = _mark(window, SOURCE, Qt.Key.Key_2)
    claim = _mark(window, CLAIM, Qt.Key.Key_1)

    def choose() -> None:
        menu = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()
        )
        entries = [a for a in menu.actions() if a.data() is not None]
        assert "بيتر كوك" in entries[0].text()
        entries[0].trigger()
        menu.close()

    QTimer.singleShot(50, choose)
    window.panel.details.link_button.click()
    assert _relations(window) == [("ATTRIBUTED_TO", claim, source)]


def test_unlink_from_the_panel_and_undo(window) -> None:  # type: ignore[no-untyped-def]
    source = _mark(window, SOURCE, Qt.Key.Key_2)
    claim = _mark(window, CLAIM, Qt.Key.Key_1)
    key(window.view, Qt.Key.Key_L)
    click(window.view, span_of(ARTICLE, "بيتر")[0] + 1)
    [(_, _, _)] = _relations(window)
    relation_id = next(iter(window.annotating.spans.relations))
    button = window.panel.details.findChild(type(window.panel.missing), f"unlink_{relation_id}")
    button.click()
    assert _relations(window) == []
    key(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _relations(window) == [("ATTRIBUTED_TO", claim, source)]


def test_claims_without_a_source_show_at_a_glance(window) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    claim = _mark(window, CLAIM, Qt.Key.Key_1)
    assert panel.missing.isVisible()
    assert "1" in panel.missing.text()
    assert window.annotating.spans.needs_source(window.annotating.spans.annotations[claim])
    source = _mark(window, SOURCE, Qt.Key.Key_2)
    window.annotating.select(claim)
    key(window.view, Qt.Key.Key_L)
    window.view.linkTargetChosen.emit(source)
    assert not panel.missing.isVisible()
    # A claim in the writer's own voice needs no source.
    other = _mark(window, "الطائرات الروسية", Qt.Key.Key_1)
    assert panel.missing.isVisible()
    window.annotating.set_attribute(other, "voice", "author")
    assert not panel.missing.isVisible()


def test_f8_goes_to_the_next_claim_without_a_source(window) -> None:  # type: ignore[no-untyped-def]
    first = _mark(window, CLAIM, Qt.Key.Key_1)
    second = _mark(window, "الطائرات الروسية", Qt.Key.Key_1)
    window.view.place_caret(0)
    key(window.view, Qt.Key.Key_Escape)
    key(window.view, Qt.Key.Key_F8)
    assert window.annotating.current == first
    key(window.view, Qt.Key.Key_F8)
    assert window.annotating.current == second


def test_in_link_mode_a_new_span_is_made_and_linked_in_one_step(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    claim = _mark(window, CLAIM, Qt.Key.Key_1)
    key(view, Qt.Key.Key_L)
    drag(view, *span_of(ARTICLE, "بيتر كوك"))
    key(view, Qt.Key.Key_2)
    [(kind, from_id, to_id)] = _relations(window)
    assert (kind, from_id) == ("ATTRIBUTED_TO", claim)
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _relations(window) == []
    with reader(window) as store:
        assert [a.label for a in store.annotations(window.annotating.article.id)] == ["CLAIM"]


def test_the_l_key_of_an_arabic_keyboard_starts_linking_too(window) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.conftest import type_text

    _mark(window, CLAIM, Qt.Key.Key_1)
    type_text(window.view, "م")  # the L key on the Arabic layout
    assert window.view.in_link_mode


def test_when_two_relation_types_fit_the_annotator_chooses(window) -> None:  # type: ignore[no-untyped-def]
    first = _mark(window, "وسائل الإعلام", Qt.Key.Key_2)
    second = _mark(window, SOURCE, Qt.Key.Key_2)
    offered: list[str] = []

    def choose() -> None:
        menu = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()
        )
        offered.extend(a.text().split(":")[0] for a in menu.actions())
        # The source being linked (the anchor) first: «المتحدث ...» → «وسائل الإعلام».
        wanted = next(
            a
            for a in menu.actions()
            if a.text().startswith("SAME_AS")
            and a.text().index("المتحدث") < a.text().index("وسائل")
        )
        wanted.trigger()
        menu.close()

    key(window.view, Qt.Key.Key_L)
    QTimer.singleShot(50, choose)
    click(window.view, span_of(ARTICLE, "الإعلام")[0] + 2)
    assert sorted(offered) == ["RELAYED_BY", "RELAYED_BY", "SAME_AS", "SAME_AS"]
    assert _relations(window) == [("SAME_AS", second, first)]
