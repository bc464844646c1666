"""The search index: no stored copy, migrated from the old layout, the core's matches."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.model import NewArticle
from annotator.core.normalize import search_index_form
from annotator.core.search import Matcher
from annotator.core.text import canonicalise
from annotator.storage import Store, open_store
from annotator.storage.migrations import LATEST_VERSION

TEXTS = [
    "أعلنت الوزارة أن الطائرات وصلت.",
    "قال مصدر بالوزارة إن وزارتها لم تعلق.",
    "استقال المدير، ونشر المقال أمس.",
    "وقال مسئول إن «النقاش كان مهنيا وبناء».",
    "النقاش كان بناء ومهنيا في ٢٠٢٤.",
    "Reuters: COVID-19 انتشر.",
]


@pytest.fixture
def filled(store: Store) -> list[int]:
    return [
        store.add_article(NewArticle(text=canonicalise(t), title=f"t{n}"))[0]
        for n, t in enumerate(TEXTS)
    ]


@pytest.mark.parametrize(
    "query, stem",
    [
        ("وزارة", False),
        ("الوزارة", False),
        ("وزارة", True),
        ("قال", False),
        ("مقال", False),
        ("مسؤول", False),
        ('"مهنيا وبناء"', False),
        ("مهنيا وبناء", False),
        ("مهنيا بناء", False),
        ('"مهنيا بناء"', True),
        ("2024", False),
        ("covid-19", False),
        ("reuters", False),
        ("غائب", False),
    ],
)
def test_the_store_finds_what_the_matcher_finds(
    store: Store, filled: list[int], query: str, stem: bool
) -> None:
    expected = [i for i, t in zip(filled, TEXTS, strict=True) if Matcher(query, stem).matches(t)]
    assert store.search(query, stem=stem) == expected
    assert [s.id for s in store.summaries(query=query, stem=stem)] == expected
    assert store.count_articles(query=query, stem=stem) == len(expected)


def test_clitics_phrases_and_suffixes(store: Store, filled: list[int]) -> None:
    assert store.search("وزارة") == [filled[0], filled[1]]
    assert store.search("وزارة", stem=True) == [filled[0], filled[1]]
    assert store.search("وزارتها") == [filled[1]]
    assert store.search("قال") == [filled[1], filled[3]]  # never in «استقال», «المقال»
    assert store.search("مهنيا وبناء") == [filled[3]]  # «بناء» is not «وبناء»
    assert store.search('"مهنيا بناء"') == [filled[3]]  # in this order only
    assert store.search("مهنيا بناء") == [filled[3], filled[4]]
    assert [s.id for s in store.summaries(query="مهنيا بناء", limit=1, offset=1)] == [filled[4]]
    store.set_status(filled[4], "done")
    assert store.count_articles(status="done", query="مهنيا بناء") == 1


def test_the_index_keeps_no_copy_of_the_text(store: Store, filled: list[int]) -> None:
    tables = {r[0] for r in store.db.conn.execute("SELECT name FROM sqlite_master")}
    assert "articles_fts" in tables and "articles_fts_content" not in tables
    with pytest.raises(sqlite3.OperationalError):
        store.db.conn.execute("SELECT body FROM articles_fts").fetchall()


def test_an_id_is_never_given_twice(db_path: Path, store: Store, filled: list[int]) -> None:
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM articles WHERE id = ?", [filled[-1]])
    conn.close()
    new, _ = store.add_article(NewArticle(text="نص جديد تماما", title="x"))
    assert new > filled[-1]
    # The index rows of the deleted article name no article any more.
    assert store.search("reuters") == []
    assert store.search("جديد") == [new]


def _make_old(path: Path) -> None:
    """Turn a database into the layout before 0004: an index holding a normalised copy."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DROP TABLE articles_fts")
        conn.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "title, body, tokenize = 'ascii', detail = none, columnsize = 0)"
        )
        conn.execute(
            "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
            "DELETE FROM articles_fts WHERE rowid = old.id; END"
        )
        rows = conn.execute("SELECT id, title, text FROM articles").fetchall()
        conn.executemany(
            "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
            [(i, search_index_form(t), search_index_form(x)) for i, t, x in rows],
        )
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_search_index_no_copy'")
        conn.execute("DELETE FROM metadata WHERE key = 'last_article_id'")
        conn.execute("UPDATE metadata SET value = '2' WHERE key = 'db_version'")
    conn.execute("VACUUM")
    conn.close()


def test_an_older_database_is_migrated_and_shrinks(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    texts = [f"{TEXTS[n % len(TEXTS)]} رقم {n} " * 30 for n in range(200)]
    with open_store(path) as store:
        ids = [store.add_article(NewArticle(text=canonicalise(t)))[0] for t in texts]
        claim = store.create_annotation(ids[1], "CLAIM", 0, 5, "salma")
    _make_old(path)
    with open_store(path, readonly=True) as old:
        assert old.search("بالوزارة") == [
            i for i, t in zip(ids, texts, strict=True) if "بالوزارة" in t
        ]
    before = path.stat().st_size
    with open_store(path) as store:
        assert store.meta("db_version") == str(LATEST_VERSION)
        assert store.search("وزارة") == [
            i for i, t in zip(ids, texts, strict=True) if "الوزارة" in t
        ]
        assert store.search("رقم 7") == [ids[7]]
        assert [a.text for a in store.annotations(ids[1])] == [claim.text]
        assert store.article_text(ids[0]) == canonicalise(texts[0])
        new, _ = store.add_article(NewArticle(text="مقال بعد الترحيل"))
        assert new == ids[-1] + 1
        tables = {r[0] for r in store.db.conn.execute("SELECT name FROM sqlite_master")}
        assert "articles_fts_content" not in tables and "articles_fts_delete" not in tables
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")
    conn.close()
    assert path.stat().st_size < 0.7 * before
    assert len(list(tmp_path.glob("old.db.v*-*.bak"))) == 1
