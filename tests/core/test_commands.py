"""Undoable commands restore the database exactly."""

from __future__ import annotations

import pytest

from annotator.core.commands import (
    CommandStack,
    Compound,
    CreateAnnotation,
    DeleteAnnotation,
    Link,
    Unlink,
    UpdateAnnotation,
)
from annotator.core.errors import AnnotatorError
from annotator.storage import Store


def _snapshot(store: Store, article_id: int) -> tuple[list, list]:
    anns = [
        (a.id, a.label, a.start, a.end, a.text, a.attributes, a.note)
        for a in store.annotations(article_id)
    ]
    rels = [(r.id, r.type, r.from_id, r.to_id) for r in store.relations(article_id)]
    return anns, rels


def _word(store: Store, article_id: int, word: str) -> tuple[int, int]:
    text = store.article_text(article_id)
    start = text.index(word)
    return start, start + len(word)


def test_every_command_undoes_and_redoes(store: Store, mixed_article: int) -> None:
    stack = CommandStack(store)
    states = [_snapshot(store, mixed_article)]
    source = stack.push(
        CreateAnnotation(
            mixed_article, "SOURCE", *_word(store, mixed_article, "Peter Cook"), "salma"
        )
    ).created
    states.append(_snapshot(store, mixed_article))
    claim = stack.push(
        CreateAnnotation(
            mixed_article, "CLAIM", *_word(store, mixed_article, "الطائرات MQ-1 حلّقت"), "salma"
        )
    ).created
    states.append(_snapshot(store, mixed_article))
    stack.push(Link("ATTRIBUTED_TO", claim.id, source.id, "salma"))
    states.append(_snapshot(store, mixed_article))
    stack.push(
        UpdateAnnotation(claim.id, {"attributes": {"claim_type": "factual"}, "note": "ملاحظة"})
    )
    states.append(_snapshot(store, mixed_article))
    stack.push(UpdateAnnotation(claim.id, {"start": claim.start + 9}))
    states.append(_snapshot(store, mixed_article))
    stack.push(UpdateAnnotation(source.id, {"label": "CUE"}))  # drops the link
    states.append(_snapshot(store, mixed_article))
    assert states[-1][1] == []
    stack.push(DeleteAnnotation(claim.id))
    states.append(_snapshot(store, mixed_article))

    for expected in reversed(states[:-1]):
        assert stack.undo()
        assert _snapshot(store, mixed_article) == expected
    assert not stack.undo()
    for expected in states[1:]:
        assert stack.redo()
        assert _snapshot(store, mixed_article) == expected
    assert not stack.redo()


def test_boundary_move_recomputes_text(store: Store, mixed_article: int) -> None:
    stack = CommandStack(store)
    claim = stack.push(
        CreateAnnotation(mixed_article, "CLAIM", *_word(store, mixed_article, "الطائرات"))
    ).created
    stack.push(UpdateAnnotation(claim.id, {"end": claim.end + 5}))
    assert store.annotation(claim.id).text == "الطائرات MQ-1"


def test_relabel_drops_attributes_the_new_label_lacks_and_undo_restores(
    store: Store, mixed_article: int
) -> None:
    stack = CommandStack(store)
    ann = stack.push(
        CreateAnnotation(
            mixed_article,
            "SOURCE",
            *_word(store, mixed_article, "Reuters"),
            attributes={"source_kind": "media"},
        )
    ).created
    stack.push(UpdateAnnotation(ann.id, {"label": "CLAIM"}))
    assert store.annotation(ann.id).attributes == {}
    stack.undo()
    assert store.annotation(ann.id).attributes == {"source_kind": "media"}


def test_unlink_and_undo(store: Store, mixed_article: int) -> None:
    stack = CommandStack(store)
    src = stack.push(
        CreateAnnotation(mixed_article, "SOURCE", *_word(store, mixed_article, "Reuters"))
    ).created
    claim = stack.push(
        CreateAnnotation(mixed_article, "CLAIM", *_word(store, mixed_article, "مهنيا وبناء"))
    ).created
    link = stack.push(Link("ATTRIBUTED_TO", claim.id, src.id)).created
    stack.push(Unlink(link.id))
    assert store.relations(mixed_article) == []
    stack.undo()
    assert [r.id for r in store.relations(mixed_article)] == [link.id]


def test_a_compound_gesture_is_one_step_and_atomic(store: Store, mixed_article: int) -> None:
    stack = CommandStack(store)
    words = ["Peter", "Cook", "Reuters"]
    stack.push(
        Compound(
            [
                CreateAnnotation(mixed_article, "SOURCE", *_word(store, mixed_article, w))
                for w in words
            ]
        )
    )
    assert len(store.annotations(mixed_article)) == 3
    stack.undo()
    assert store.annotations(mixed_article) == []
    # A failing part rolls back the parts before it.
    bad = Compound(
        [
            CreateAnnotation(mixed_article, "SOURCE", *_word(store, mixed_article, "Peter")),
            CreateAnnotation(mixed_article, "NOPE", 0, 3),
        ]
    )
    with pytest.raises(AnnotatorError):
        stack.push(bad)
    assert store.annotations(mixed_article) == []


def test_a_link_the_schema_does_not_allow_is_refused(store: Store, mixed_article: int) -> None:
    stack = CommandStack(store)
    src = stack.push(
        CreateAnnotation(mixed_article, "SOURCE", *_word(store, mixed_article, "Reuters"))
    ).created
    claim = stack.push(
        CreateAnnotation(mixed_article, "CLAIM", *_word(store, mixed_article, "مهنيا"))
    ).created
    with pytest.raises(AnnotatorError, match="ATTRIBUTED_TO cannot link SOURCE to CLAIM"):
        stack.push(Link("ATTRIBUTED_TO", src.id, claim.id))
    assert store.relations(mixed_article) == []
