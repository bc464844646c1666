"""Databases changed outside annotator: each case is one UPDATE on a healthy file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.model import NewArticle
from annotator.storage import open_store

TEXT = "قال المتحدث باسم البنتاغون بيتر كوك إن النقاش كان «مهنيا وبناء»."
NESTED_TOML = "x = " + "[" * 5000 + "]" * 5000

# case: (SQL run on the healthy file, what the one-line refusal says; None: no refusal)
CRAFTED: dict[str, tuple[str, str | None]] = {
    "attributes not JSON": (
        "UPDATE annotations SET attributes = 'not json{' WHERE id = 1",
        "annotation 1 is damaged (attributes: not valid JSON)",
    ),
    "attributes a JSON list": (
        "UPDATE annotations SET attributes = '[1, 2]' WHERE id = 1",
        "annotation 1 is damaged (attributes: a JSON list, not an object)",
    ),
    "meta not JSON": (
        "UPDATE articles SET meta = '{oops' WHERE id = 1",
        "article 1 is damaged (meta: not valid JSON)",
    ),
    "BLOB title": (
        "UPDATE articles SET title = x'00ff41' WHERE id = 1",
        "article 1 is damaged (title: a BLOB of 3 bytes, not text)",
    ),
    "BLOB text": (
        "UPDATE articles SET text = x'00ff41' WHERE id = 1",
        "article 1 is damaged (text: a BLOB of 3 bytes, not text)",
    ),
    "BLOB note": (
        "UPDATE annotations SET note = x'ff' WHERE id = 1",
        "annotation 1 is damaged (note: a BLOB of 1 bytes, not text)",
    ),
    "annotation past the end": (
        'UPDATE annotations SET start = 100000, "end" = 100000 + length(text) WHERE id = 1',
        None,
    ),
    "schema nested too deeply": (
        f"UPDATE schema SET toml = '{NESTED_TOML}' WHERE id = 1",
        "not a schema: arrays or tables nested too deeply",
    ),
}


def healthy(path: Path) -> None:
    """Two articles, annotations by two annotators, a link."""
    with open_store(path) as store:
        first, _ = store.add_article(NewArticle(text=TEXT, title="أول"))
        store.add_article(NewArticle(text=TEXT + " 2", title="ثان"))
        s, c = TEXT.index("المتحدث"), TEXT.index("النقاش")
        source = store.create_annotation(
            first, "SOURCE", s, c - 4, "salma", {"source_kind": "person"}
        )
        claim = store.create_annotation(first, "CLAIM", c, len(TEXT) - 1, "salma", note="ملاحظة")
        store.create_relation("ATTRIBUTED_TO", claim.id, source.id, "salma")
        store.create_annotation(first, "SOURCE", s, c - 4, "omar")
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def craft(path: Path, case: str) -> None:
    healthy(path)
    conn = sqlite3.connect(path)
    conn.execute(CRAFTED[case][0])
    conn.commit()
    conn.close()
