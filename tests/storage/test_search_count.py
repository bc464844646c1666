"""Counting a search's matches: in the index alone when it can be, as right as the join."""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path

import pytest

from annotator.core.model import NewArticle
from annotator.core.search import parse_query
from annotator.core.text import canonicalise
from annotator.storage import Store, open_store

TEXTS = [
    "أعلنت الوزارة أن الطائرات وصلت.",
    "قال مصدر بالوزارة إن وزارتها لم تعلق.",
    "استقال المدير، ونشر المقال أمس.",
    "وقال مسئول للوزارة إن «النقاش كان مهنيا وبناء».",
    "Reuters: الوزارة نفت.",
]
QUERIES = ["وزارة", "الوزارة", "قال", "reuters", "مقال", "غائب", "وزارة قال", '"مهنيا وبناء"']


@pytest.fixture
def filled(store: Store) -> list[int]:
    return [
        store.add_article(NewArticle(text=canonicalise(t), title=f"t{n}"))[0]
        for n, t in enumerate(TEXTS)
    ]


def _delete_elsewhere(db_path: Path, article_id: int) -> None:
    """Another program deletes an article: its index row stays behind."""
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM articles WHERE id = ?", [article_id])
    conn.close()


def _counts(store: Store) -> dict[str, tuple[int, int]]:
    return {q: (store.count_articles(query=q), len(store.search(q))) for q in QUERIES}


def test_the_count_is_the_number_of_articles_listed(store: Store, filled: list[int]) -> None:
    counts = _counts(store)
    assert all(n == listed for n, listed in counts.values()), counts
    assert counts["وزارة"] == (4, 4) and counts["غائب"] == (0, 0)


@pytest.mark.parametrize("which", [0, 2, -1])
def test_an_article_deleted_by_another_program_is_not_counted(
    db_path: Path, store: Store, filled: list[int], which: int
) -> None:
    assert store.count_articles(query="وزارة") == 4  # counted before the deletion
    _delete_elsewhere(db_path, filled[which])
    counts = _counts(store)
    assert all(n == listed for n, listed in counts.values()), counts
    assert counts["وزارة"][0] == 4 - (which != 2)
    assert counts["reuters"][0] == (0 if which == -1 else 1)
    new, _ = store.add_article(NewArticle(text="الوزارة نص جديد", title="x"))
    assert store.count_articles(query="وزارة") == 5 - (which != 2)
    assert store.count_articles(query="جديد") == 1 == len(store.search("جديد"))


def test_a_corpus_with_gaps_in_its_ids_is_counted_right(db_path: Path, store: Store) -> None:
    ids = [store.add_article(NewArticle(text=t, title="t"))[0] for t in TEXTS]
    assert store.count_articles(query="reuters") == 1
    # A package holds some of a corpus's articles, under the corpus's ids.
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE articles SET id = id + 10 WHERE id = ?", [ids[-1]])
    conn.close()
    assert store.count_articles(query="reuters") == 0 == len(store.search("reuters"))
    _delete_elsewhere(db_path, ids[0])
    assert store.count_articles(query="وزارة") == 2 == len(store.search("وزارة"))
    assert store.count_articles(query="reuters") == 0 == len(store.search("reuters"))


def test_an_empty_database_counts_nothing(store: Store) -> None:
    assert store.count_articles(query="وزارة") == 0


ARTICLES = 20_000


def test_counting_a_common_word_costs_about_what_the_index_count_costs(tmp_path: Path) -> None:
    """Every article matches: a count that visits each article's row (a page of the
    articles table per match) takes about six times the index's own count."""
    body = " ".join(["أعلنت الوزارة أن الطائرات وصلت إلى المطار"] * 60)
    path = tmp_path / "corpus.db"
    with open_store(path, backup=False) as writer:
        writer.add_articles(
            [NewArticle(text=f"{body} رقم {n}", title=f"article {n}") for n in range(ARTICLES)]
        )
    query = parse_query("الوزارة")
    assert query is not None
    with open_store(path, readonly=True) as store:
        conn = store.db.conn
        bare_sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
        ours, bare = [], []
        for _ in range(15):
            begin = time.perf_counter()
            counted = store.count_articles(query="الوزارة")
            ours.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            in_index = conn.execute(bare_sql, [query.index_match()]).fetchone()[0]
            bare.append(time.perf_counter() - begin)
        assert counted == in_index == ARTICLES
        assert statistics.median(ours) < 2.5 * statistics.median(bare) + 0.0005, (ours, bare)
