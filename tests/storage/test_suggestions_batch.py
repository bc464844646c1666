"""A long article's suggestions: stored in one transaction or not at all, computed and
stored by the worker's own connection, and read back a stretch of text at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.background_suggest import suggest_and_store
from annotator.core.errors import AnnotatorError
from annotator.core.model import NewArticle
from annotator.storage import Store, open_store
from annotator.suggest import engine

SENTENCE = "وقال المتحدث باسم الوزارة إن المحادثات ستستأنف غداً. وأضاف أن الوفد جاهز."
TEXT = "\n".join(f"{SENTENCE} ({n})" for n in range(400))


def _article(store: Store) -> int:
    article_id, _ = store.add_article(NewArticle(text=TEXT))
    return article_id


def test_one_bad_candidate_stores_nothing(store: Store) -> None:
    article_id = _article(store)
    spans, links = engine.run(TEXT).rows()
    assert len(spans) > 1000
    bad = (10_000_000, "CLAIM", len(TEXT) - 2, len(TEXT) + 5, 1.0, "patterns")
    with pytest.raises(AnnotatorError, match="CLAIM suggestion"):
        store.store_candidate_rows(article_id, [*spans, bad], links)
    assert store.suggestions(article_id, state=None) == []
    assert store.suggestion_links(article_id, state=None) == []
    # The same rows without it are stored whole, once, with every link.
    assert store.store_candidate_rows(article_id, spans, links) == (len(spans), len(links))
    assert store.store_candidate_rows(article_id, spans, links, replace=False) == (0, 0)
    stored = store.suggestions(article_id)
    assert [(s.label, s.start, s.end, s.text) for s in stored] == sorted(
        ((label, start, end, TEXT[start:end]) for _k, label, start, end, _s, _r in spans),
        key=lambda s: (s[1], -s[2]),
    )


def test_stretches_give_what_suggestions_gives(store: Store) -> None:
    article_id = _article(store)
    store.store_candidates(article_id, engine.run(TEXT))
    # An annotation hides the suggestions of its label that it overlaps, in both.
    hidden = store.suggestions(article_id)[7]
    store.create_annotation(article_id, hidden.label, hidden.start, hidden.end, "tester")
    every = store.suggestions(article_id)
    middle = len(TEXT) // 2
    stretches = list(store.pending_suggestions_by_stretch(article_id, (middle, middle + 900), 2000))
    assert len(stretches) > 5
    assert all(middle <= s.start < middle + 900 for s in stretches[0])
    read = [s for stretch in stretches for s in stretch]
    assert sorted(read, key=lambda s: s.id) == sorted(every, key=lambda s: s.id)
    assert hidden.id not in {s.id for s in read}
    batches = list(store.pending_suggestion_links_by_batch(article_id, 100))
    assert len(batches) > 2 and all(len(b) <= 100 for b in batches)
    assert [x for b in batches for x in b] == store.suggestion_links(article_id)


def test_the_worker_stores_what_the_engine_suggests(tmp_path: Path) -> None:
    db = tmp_path / "work.db"
    with open_store(db) as store:
        article_id = _article(store)
    assert suggest_and_store(db, article_id)
    with open_store(db) as store:
        stored = {(s.label, s.start, s.end) for s in store.suggestions(article_id)}
    assert stored == {(s.label, s.start, s.end) for s in engine.run(TEXT).spans}


def test_an_engine_failure_stores_nothing(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "work.db"
    with open_store(db) as store:
        article_id = _article(store)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("broken recommender")

    monkeypatch.setattr(engine, "run", broken)
    assert not suggest_and_store(db, article_id)
    with open_store(db) as store:
        assert store.suggestions(article_id, state=None) == []
