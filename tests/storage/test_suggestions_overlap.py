"""Which pending suggestions are shown: those no annotation of their label overlaps.

The listing filters in Python; the counts still use the SQL form. Both must agree on
every kind of overlap (nested, touching, long spans reaching far forward).
"""

from __future__ import annotations

import random

import pytest

from annotator.core.errors import StorageError
from annotator.core.extents import Covered
from annotator.core.model import NewArticle
from annotator.storage import Store

TEXT = "وقال المتحدث باسم الوزارة إن المحادثات ستستأنف غداً. وأضاف أن الوفد جاهز. " * 8


def _suggestion(store: Store, article_id: int, label: str, start: int, end: int) -> None:
    store.db.execute(
        'INSERT OR IGNORE INTO suggestions (article_id, label, start, "end", text, recommender, '
        "score, created) VALUES (?, ?, ?, ?, ?, 'test', 0.5, '2026-01-01')",
        [article_id, label, start, end, TEXT[start:end]],
    )


def test_listing_agrees_with_the_sql_filter_on_every_kind_of_overlap(store: Store) -> None:
    rng = random.Random(7)
    article_id, _ = store.add_article(NewArticle(text=TEXT))
    labels = ["CLAIM", "SOURCE", "CUE"]
    with store.transaction():
        for _ in range(60):
            start = rng.randrange(len(TEXT) - 2)
            # Mostly short spans, some long ones that reach far past later starts.
            length = rng.choice([1, 2, 5, 9, 40, 300])
            end = min(len(TEXT), start + length)
            store.create_annotation(article_id, rng.choice(labels), start, end, "salma")
        for _ in range(400):
            start = rng.randrange(len(TEXT) - 2)
            end = min(len(TEXT), start + rng.choice([1, 3, 8, 20]))
            _suggestion(store, article_id, rng.choice(labels), start, end)
        # Exactly touching an annotation on either side: not an overlap.
        first = store.annotations(article_id)[0]
        if first.start > 0:
            _suggestion(store, article_id, first.label, first.start - 1, first.start)
        if first.end < len(TEXT):
            _suggestion(store, article_id, first.label, first.end, first.end + 1)
    shown = store.suggestions(article_id)
    every = store.suggestions(article_id, state=None)
    annotations = store.annotations(article_id)
    expected = [
        s
        for s in every
        if not any(a.label == s.label and a.start < s.end and a.end > s.start for a in annotations)
    ]
    assert shown == expected
    assert 0 < len(shown) < len(every)
    assert store.suggestion_counts(article_id)["pending"] == len(shown)


def test_covered_answers_nested_and_touching_spans() -> None:
    covered = Covered([("CLAIM", 0, 100), ("CLAIM", 10, 12), ("CUE", 200, 205)])
    assert covered.overlaps("CLAIM", 50, 60)  # inside the long one, after a later start
    assert not covered.overlaps("CLAIM", 100, 110)  # touching its end
    assert not covered.overlaps("CUE", 195, 200)  # touching a start
    assert covered.overlaps("CUE", 204, 209)
    assert not covered.overlaps("SOURCE", 0, 300)


def test_a_damaged_annotation_row_is_one_line_when_suggestions_are_listed(
    store: Store,
) -> None:
    article_id, _ = store.add_article(NewArticle(text=TEXT))
    store.create_annotation(article_id, "CUE", 1, 4, "salma")
    _suggestion(store, article_id, "CUE", 10, 12)
    # Changed outside annotator: a BLOB where the label belongs.
    store.db.execute("UPDATE annotations SET label = ? WHERE article_id = ?", [b"\xff", article_id])
    with pytest.raises(StorageError) as caught:
        store.suggestions(article_id)
    message = str(caught.value)
    assert "\n" not in message
    assert "annotation" in message and "label" in message and "changed outside" in message


def test_has_suggestions_and_the_count_of_annotated_articles(store: Store) -> None:
    article_id, _ = store.add_article(NewArticle(text=TEXT))
    other, _ = store.add_article(NewArticle(text=TEXT + "."))
    assert not store.has_suggestions(article_id)
    assert store.annotated_article_count() == 0
    _suggestion(store, article_id, "CUE", 10, 12)
    store.db.execute("UPDATE suggestions SET state = 'rejected'")
    assert store.has_suggestions(article_id) and not store.has_suggestions(other)
    store.create_annotation(article_id, "CUE", 1, 4, "salma")
    store.create_annotation(article_id, "CUE", 5, 8, "salma")
    store.create_annotation(other, "CUE", 1, 4, "salma")
    assert store.annotated_article_count() == 2
