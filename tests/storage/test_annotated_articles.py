"""Bulk reads for exports: articles with their annotations and relations, in batches."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.model import NewArticle
from annotator.storage import Store


def _corpus(store: Store, n: int = 5) -> list[int]:
    ids = []
    for i in range(n):
        article_id, _ = store.add_article(
            NewArticle(text=f"قال الوزير {i} إن الطائرات عادت.", title=f"t{i}")
        )
        ids.append(article_id)
    return ids


def test_batches_give_the_same_as_the_per_article_queries(store: Store) -> None:
    ids = _corpus(store, 7)
    for article_id in ids[::2]:
        claim = store.create_annotation(article_id, "CLAIM", 15, 28, "salma")
        source = store.create_annotation(article_id, "SOURCE", 4, 10, "ahmed")
        store.create_annotation(article_id, "SOURCE", 4, 14, "salma")
        store.create_relation("ATTRIBUTED_TO", claim.id, source.id, "salma")
    got = list(store.annotated_articles(ids, batch=3))
    assert [g.article.id for g in got] == ids
    for item in got:
        assert item.article == store.article(item.article.id)
        assert item.annotations == store.annotations(item.article.id)
        assert item.relations == store.relations(item.article.id)
    # Reading order: start, then the longer span first.
    assert [(a.start, a.end) for a in got[0].annotations] == [(4, 14), (4, 10), (15, 28)]


def test_annotator_filter_keeps_links_between_kept_annotations(store: Store) -> None:
    [article_id] = _corpus(store, 1)
    claim = store.create_annotation(article_id, "CLAIM", 15, 28, "salma")
    theirs = store.create_annotation(article_id, "SOURCE", 4, 10, "ahmed")
    mine = store.create_annotation(article_id, "SOURCE", 4, 14, "salma")
    store.create_relation("ATTRIBUTED_TO", claim.id, theirs.id, "salma")
    store.create_relation("ATTRIBUTED_TO", claim.id, mine.id, "salma")
    [item] = store.annotated_articles([article_id], annotator="salma")
    assert {a.id for a in item.annotations} == {claim.id, mine.id}
    assert [(r.from_id, r.to_id) for r in item.relations] == [(claim.id, mine.id)]


def test_select_article_ids_and_annotator_names(store: Store) -> None:
    ids = _corpus(store, 3)
    store.set_status(ids[1], "done")
    assert store.select_article_ids() == ids
    assert store.select_article_ids("done") == [ids[1]]
    assert store.select_article_ids(None, [ids[2], ids[0]]) == [ids[0], ids[2]]
    assert store.select_article_ids("done", [ids[0]]) == []
    with pytest.raises(AnnotatorError, match="there is no article 99"):
        store.select_article_ids(None, [99])
    assert store.annotator_names() == []
    store.create_annotation(ids[0], "CUE", 0, 3, "salma")
    store.create_annotation(ids[0], "CUE", 0, 3, "")
    assert store.annotator_names() == ["", "salma"]
