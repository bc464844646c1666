"""Undo and redo through the window restore the database exactly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import ARTICLE, drag, key, reader, span_of, type_text

pytestmark = pytest.mark.gui


def _snapshot(window):  # type: ignore[no-untyped-def]
    with reader(window) as store:
        article_id = window.annotating.article.id
        annotations = sorted(
            (a.id, a.label, a.start, a.end, a.text, tuple(sorted(a.attributes.items())), a.note)
            for a in store.annotations(article_id)
        )
        relations = sorted((r.type, r.from_id, r.to_id) for r in store.relations(article_id))
    return annotations, relations


def _undo(window) -> None:  # type: ignore[no-untyped-def]
    key(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _redo(window) -> None:  # type: ignore[no-untyped-def]
    key(
        window.view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def test_every_kind_of_change_undoes_and_redoes(window) -> None:  # type: ignore[no-untyped-def]
    view, annotating = window.view, window.annotating
    states = [_snapshot(window)]

    def step() -> None:
        states.append(_snapshot(window))
        assert states[-1] != states[-2], "the gesture changed nothing"

    drag(view, *span_of(ARTICLE, "النقاش كان «مهنيا وبناء»"))
    key(view, Qt.Key.Key_1)  # create
    claim = annotating.current
    step()
    drag(view, *span_of(ARTICLE, "بيتر كوك"))
    key(view, Qt.Key.Key_3)  # create
    step()
    key(view, Qt.Key.Key_2)  # relabel CUE -> SOURCE
    step()
    source = annotating.current
    key(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # boundary move
    step()
    annotating.select(claim)
    key(view, Qt.Key.Key_L)
    view.linkTargetChosen.emit(source)  # link (as the click in link mode does)
    step()
    box = window.panel.details.attribute_boxes["claim_type"]
    box.setCurrentIndex(box.findData("opinion"))
    box.activated.emit(box.currentIndex())  # attribute, as choosing from the list does
    step()
    relation = next(iter(annotating.spans.relations))
    annotating.unlink(relation)  # unlink, as the panel's × button does
    step()
    annotating.select(source)
    key(view, Qt.Key.Key_Delete)  # delete
    step()
    assert states[-1][0] and len(states[-1][0]) == 1
    for expected in reversed(states[:-1]):
        _undo(window)
        assert _snapshot(window) == expected
    for expected in states[1:]:
        _redo(window)
        assert _snapshot(window) == expected
    # The window shows what the database holds after all that.
    assert {a.id for a in annotating.spans.annotations.values()} == {
        row[0] for row in states[-1][0]
    }


def test_deleting_several_annotations_is_one_undo_step(window) -> None:  # type: ignore[no-untyped-def]
    view, panel = window.view, window.panel
    for part in ("بيتر", "كوك", "البنتاغون"):
        drag(view, *span_of(ARTICLE, part))
        key(view, Qt.Key.Key_2)
    before = _snapshot(window)
    panel.tree.setFocus()
    panel.tree.clearSelection()
    for item in panel._items.values():
        item.setSelected(True)
    key(panel.tree, Qt.Key.Key_Delete)
    assert _snapshot(window)[0] == []
    _undo(window)
    assert _snapshot(window) == before


def test_relabel_that_drops_a_link_comes_back_whole(window) -> None:  # type: ignore[no-untyped-def]
    view, annotating = window.view, window.annotating
    drag(view, *span_of(ARTICLE, "النقاش كان «مهنيا وبناء»"))
    key(view, Qt.Key.Key_1)
    drag(view, *span_of(ARTICLE, "بيتر كوك"))
    key(view, Qt.Key.Key_2)
    source = annotating.current
    key(view, Qt.Key.Key_L)
    view.linkTargetChosen.emit(next(a for a in annotating.spans.annotations if a != source))
    linked = _snapshot(window)
    assert linked[1]
    annotating.select(source)
    key(view, Qt.Key.Key_1)  # a CLAIM cannot be ATTRIBUTED_TO a CLAIM: the link goes
    assert _snapshot(window)[1] == []
    _undo(window)
    assert _snapshot(window) == linked


def test_typing_a_note_is_one_undo_step(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view, details = window.view, window.panel.details
    drag(view, *span_of(ARTICLE, "بيتر كوك"))
    key(view, Qt.Key.Key_2)
    before = _snapshot(window)
    details.note.setFocus()
    type_text(details.note, "مصدر مسمى")
    details.note.flush()
    type_text(details.note, " بوضوح")
    view.setFocus()  # leaving the field saves it
    assert _snapshot(window)[0][0][-1] == "مصدر مسمى بوضوح"
    _undo(window)
    assert _snapshot(window) == before
    _redo(window)
    assert _snapshot(window)[0][0][-1] == "مصدر مسمى بوضوح"


def test_undo_history_belongs_to_its_article(start, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.conftest import add_article

    db = tmp_path / "two.db"
    first = add_article(db, ARTICLE, "one")
    second = add_article(db, "قال مسؤول روسي إن التدريبات مهمة.", "two")
    window = start(db, first).window
    drag(window.view, *span_of(ARTICLE, "كوك"))
    key(window.view, Qt.Key.Key_2)
    window.open_article(second)
    assert not window.command_actions["undo"].isEnabled()
    window.open_article(first)
    assert window.command_actions["undo"].isEnabled()
    _undo(window)
    with reader(window) as store:
        assert store.annotations(first) == []


def test_undo_brings_an_off_screen_change_into_view(start, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.conftest import add_article

    text = "\n".join(f"الفقرة {n}: قال مسؤول روسي إن التدريبات المشتركة مهمة." for n in range(200))
    db = tmp_path / "long.db"
    window = start(db, add_article(db, text)).window
    view = window.view
    view.select_span(*span_of(text, "مسؤول روسي"))
    key(view, Qt.Key.Key_2)
    source = window.annotating.current
    window.annotating.set_attribute(source, "specificity", "role_only")
    view.scroll_to_position(text.index("الفقرة 150"))
    assert view.top_position() > 1000
    _undo(window)  # the attribute change, far above
    assert window.annotating.current == source and view.marks.flash_id == source
    assert view.top_position() < 500
    assert "Undone" in window.statusBar().currentMessage()
    view.scroll_to_position(text.index("الفقرة 150"))
    _undo(window)  # the mark itself: the caret goes back to where it was
    assert view.caret() == span_of(text, "مسؤول روسي")[0]
    assert view.top_position() < 500
