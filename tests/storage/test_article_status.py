"""Store.article_status: the status alone, as the window reads it after every change."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError
from annotator.storage import Store


def test_status_follows_annotations_and_set_status(store: Store, mixed_article: int) -> None:
    assert store.article_status(mixed_article) == "new"
    store.create_annotation(mixed_article, "CLAIM", 0, 4)
    assert store.article_status(mixed_article) == "in_progress"
    store.set_status(mixed_article, "done")
    assert store.article_status(mixed_article) == store.article(mixed_article).status == "done"


def test_an_unknown_article_is_one_clear_error(store: Store) -> None:
    with pytest.raises(AnnotatorError, match="no article 99"):
        store.article_status(99)
