"""The article list takes each article's length from the lengths index (migration
0007_list_lengths) and never reads the texts; a database made before it is given the
index when opened for writing, and is listed the same, untouched, when opened
read-only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.model import ArticleSummary, NewArticle
from annotator.storage import listing, open_store

# Arabic with diacritics, a Latin name, digits, and characters beyond 16 bits: the
# length is in code points, as the offsets are.
TEXTS = [
    "قالَ المتحدثُ باسم الوزارة إنّ الاجتماع كان مثمرا.",
    "أعلنت Reuters أن 1,250 شخصا غادروا المدينة 🙂 أمس.",
    "𝐀 نص قصير",
    "ونقلت الصحيفة عن مصادر مطلعة قولها " * 400,
]


def _made(path: Path) -> None:
    with open_store(path) as store:
        for n, text in enumerate(TEXTS):
            store.add_article(NewArticle(text=text, title=f"مقال {n}"))


def _before_lengths(path: Path) -> None:
    """The database as an annotator before the lengths index made it."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(f"DROP INDEX {listing.LENGTHS_INDEX}")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0007_list_lengths'")
        conn.execute("UPDATE metadata SET value = '6' WHERE key = 'db_version'")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _plans(path: Path, readonly: bool) -> tuple[list[int], list[str]]:
    """The lengths a list shows, and the query plans of what the store ran for it."""
    with open_store(path, readonly=readonly) as store:
        ran: list[str] = []
        store.db.conn.set_trace_callback(ran.append)
        lengths = [s.length for s in store.summaries(limit=200)]
        store.db.conn.set_trace_callback(None)
        plans = [
            " ".join(str(step[3]) for step in store.db.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
            for sql in ran
            if sql.lstrip().upper().startswith("SELECT") and "annotation_count" in sql
        ]
    return lengths, plans


def test_the_list_takes_lengths_from_the_index_in_code_points(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _made(db)
    lengths, plans = _plans(db, readonly=False)
    assert lengths == [len(t) for t in TEXTS]
    assert plans and all(f"USING INDEX {listing.LENGTHS_INDEX}" in p for p in plans)
    # A window by key and a search go through it too.
    with open_store(db, readonly=True) as store:
        ids = store.article_ids()
        assert [s.length for s in store.summaries(after=ids[0], limit=2)] == [
            len(TEXTS[1]),
            len(TEXTS[2]),
        ]
        assert [s.length for s in store.summaries(query="الصحيفة")] == [len(TEXTS[3])]
    assert [r["length"] for r in listing.summaries(db)] == [len(t) for t in TEXTS]


def test_an_older_database_opened_for_writing_gets_the_index(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _made(db)
    _before_lengths(db)
    lengths, plans = _plans(db, readonly=False)
    assert lengths == [len(t) for t in TEXTS]
    assert plans and all(f"USING INDEX {listing.LENGTHS_INDEX}" in p for p in plans)
    with open_store(db, readonly=True) as store:
        assert store.meta("db_version") == "7"
    # Articles added after the migration are in the index as well.
    with open_store(db) as store:
        store.add_article(NewArticle(text="نص جديد"))
    assert listing.summaries(db)[-1]["length"] == len("نص جديد")


def test_an_older_database_read_only_is_listed_the_same_and_untouched(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _made(db)
    _before_lengths(db)
    before = db.read_bytes()
    lengths, plans = _plans(db, readonly=True)
    assert lengths == [len(t) for t in TEXTS]
    assert plans and not any(listing.LENGTHS_INDEX in p for p in plans)
    assert [r["length"] for r in listing.summaries(db)] == [len(t) for t in TEXTS]
    assert db.read_bytes() == before


def test_a_status_is_read_from_the_index_without_the_text(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _made(db)
    with open_store(db) as store:
        store.set_status(4, "done")
        ran: list[str] = []
        store.db.conn.set_trace_callback(ran.append)
        assert store.article_status(4) == "done"
        store.db.conn.set_trace_callback(None)
        plans = [
            " ".join(str(step[3]) for step in store.db.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
            for sql in ran
            if "status" in sql
        ]
    assert plans and all(f"COVERING INDEX {listing.LENGTHS_INDEX}" in p for p in plans)
    # A status filter and the list's window read everything from the index too.
    assert [(s.id, s.status, s.length) for s in listing_rows(db, "done")] == [
        (4, "done", len(TEXTS[3]))
    ]


def listing_rows(db: Path, status: str) -> list[ArticleSummary]:
    with open_store(db, readonly=True) as store:
        return store.summaries(status=status)
