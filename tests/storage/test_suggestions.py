"""Suggestions in the store: pending, accepted with provenance, rejected for good."""

from __future__ import annotations

from annotator.core.commands import CommandStack
from annotator.core.model import NewArticle
from annotator.core.suggestions import AcceptSuggestions, RejectSuggestions
from annotator.storage import Store
from annotator.suggest import engine

TEXT = "وقال المتحدث باسم الوزارة إن المحادثات ستستأنف غداً. وأضاف أن الوفد جاهز."


def _article(store: Store) -> int:
    article_id, _ = store.add_article(NewArticle(text=TEXT))
    return article_id


def _suggest(store: Store, article_id: int) -> tuple[int, int]:
    return store.store_candidates(article_id, engine.run(store.article_text(article_id)))


def test_candidates_are_stored_pending_and_are_not_annotations(store: Store) -> None:
    article_id = _article(store)
    spans, links = _suggest(store, article_id)
    assert spans == 5 and links == 4
    assert store.annotations(article_id) == []
    assert {s.text for s in store.suggestions(article_id)} == {
        "قال",
        "المتحدث باسم الوزارة",
        "المحادثات ستستأنف غداً",
        "أضاف",
        "الوفد جاهز",
    }
    assert store.suggestion_counts(article_id) == {"pending": 5, "accepted": 0, "rejected": 0}


def test_a_rejected_suggestion_never_comes_back(store: Store) -> None:
    article_id = _article(store)
    _suggest(store, article_id)
    cue = next(s for s in store.suggestions(article_id) if s.text == "قال")
    store.set_suggestion_state([cue.id], "rejected", "salma")
    _suggest(store, article_id)
    _suggest(store, article_id)
    assert "قال" not in {s.text for s in store.suggestions(article_id)}
    assert [s.text for s in store.suggestions(article_id, "rejected")] == ["قال"]


def test_nothing_overlaps_an_annotation_of_the_same_label(store: Store) -> None:
    article_id = _article(store)
    start = TEXT.index("المتحدث")
    store.create_annotation(article_id, "SOURCE", start, start + len("المتحدث"), "salma")
    _suggest(store, article_id)
    labels = {(s.label, s.text) for s in store.suggestions(article_id)}
    assert ("SOURCE", "المتحدث باسم الوزارة") not in labels
    assert ("CUE", "قال") in labels
    # An annotation made after the suggestion hides it too.
    claim = TEXT.index("الوفد")
    store.create_annotation(article_id, "CLAIM", claim, claim + 5, "salma")
    assert "الوفد جاهز" not in {s.text for s in store.suggestions(article_id)}


def test_accepting_a_claim_and_its_ends_makes_annotations_and_relations(store: Store) -> None:
    article_id = _article(store)
    _suggest(store, article_id)
    first = [s.id for s in store.suggestions(article_id) if s.start < TEXT.index(".")]
    stack = CommandStack(store)  # type: ignore[arg-type]
    stack.push(AcceptSuggestions([], "accept attribution", first, "salma"))
    made = {(a.label, a.text, a.annotator) for a in store.annotations(article_id)}
    assert made == {
        ("CUE", "قال", "salma"),
        ("SOURCE", "المتحدث باسم الوزارة", "salma"),
        ("CLAIM", "المحادثات ستستأنف غداً", "salma"),
    }
    texts = {a.id: a.text for a in store.annotations(article_id)}
    assert {(r.type, texts[r.from_id], texts[r.to_id]) for r in store.relations(article_id)} == {
        ("ATTRIBUTED_TO", "المحادثات ستستأنف غداً", "المتحدث باسم الوزارة"),
        ("HAS_CUE", "المحادثات ستستأنف غداً", "قال"),
    }
    claim = next(a for a in store.annotations(article_id) if a.label == "CLAIM")
    provenance = store.provenance(claim.id)
    assert provenance is not None and provenance.recommender == "patterns"
    assert provenance.decided_by == "salma"
    # The second claim links back to the accepted source once accepted itself.
    second = next(s for s in store.suggestions(article_id) if s.text == "الوفد جاهز")
    stack.push(AcceptSuggestions([], "accept suggestion", [second.id], "salma"))
    source = next(a for a in store.annotations(article_id) if a.label == "SOURCE")
    new_claim = next(a for a in store.annotations(article_id) if a.text == "الوفد جاهز")
    assert any(
        r.type == "ATTRIBUTED_TO" and r.from_id == new_claim.id and r.to_id == source.id
        for r in store.relations(article_id)
    )
    # Undo takes everything back; redo brings back the same ids.
    assert stack.undo() and stack.undo()
    assert store.annotations(article_id) == [] and store.relations(article_id) == []
    assert store.suggestion_counts(article_id)["pending"] == 5
    assert stack.redo()
    assert claim.id in {a.id for a in store.annotations(article_id)}
    assert store.provenance(claim.id) is not None


def test_reject_is_one_undoable_step(store: Store) -> None:
    article_id = _article(store)
    _suggest(store, article_id)
    ids = [s.id for s in store.suggestions(article_id) if s.label == "CUE"]
    stack = CommandStack(store)  # type: ignore[arg-type]
    stack.push(RejectSuggestions(ids, "salma"))
    assert store.suggestion_counts(article_id) == {"pending": 3, "accepted": 0, "rejected": 2}
    stack.undo()
    assert store.suggestion_counts(article_id)["pending"] == 5


def test_accepted_spans_can_be_edited_like_any_other(store: Store) -> None:
    article_id = _article(store)
    _suggest(store, article_id)
    source = next(s for s in store.suggestions(article_id) if s.label == "SOURCE")
    made = store.accept_suggestions([source.id], "salma").annotations[0]
    edited = store.update_annotation(made.id, end=made.end - len(" الوزارة"))
    assert edited.text == "المتحدث باسم"
    assert store.provenance(made.id) is not None


def test_a_damaged_suggestion_row_is_one_line_naming_it(store: Store) -> None:
    import pytest

    from annotator.core.errors import StorageError

    article_id = _article(store)
    _suggest(store, article_id)
    [first, *_] = store.suggestions(article_id)
    # Changed outside annotator: a BLOB where the text belongs.
    store.db.execute("UPDATE suggestions SET text = ? WHERE id = ?", [b"\xff", first.id])
    with pytest.raises(StorageError, match=rf"suggestion {first.id}.*text: .*not text"):
        store.suggestions(article_id)
