"""Ids are never handed out twice (migration 0003_no_id_reuse), and the migration keeps
every row, index, trigger and foreign key of an existing database."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from sqlite_utils import Database

from annotator.core.model import NewArticle, now_iso
from annotator.core.schema import load
from annotator.paths import default_schema_path
from annotator.storage import files, open_store
from annotator.storage.migrations import LATEST_VERSION, migrations

TEXT = "قال المتحدث باسم الوزارة إن المحادثات مستمرة"


def _version_2_database(path: Path) -> None:
    """A database as annotator wrote it before 0003: two annotators' work in it."""
    db = Database(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db, stop_before="0003_no_id_reuse")
    db.execute(f"PRAGMA application_id = {files.APPLICATION_ID}")
    schema = load(default_schema_path())
    stamp = now_iso()
    with db.atomic():
        db.execute(
            "INSERT INTO schema (id, name, toml, updated) VALUES (1, ?, ?, ?)",
            [schema.name, schema.to_toml(), stamp],
        )
        for key, value in (("app", "annotator"), ("db_version", "2"), ("created", stamp)):
            db.execute("INSERT INTO metadata (key, value) VALUES (?, ?)", [key, value])
        db.execute(
            "INSERT INTO articles (id, title, text, text_sha256, created) "
            "VALUES (1, 't', ?, 'x', ?)",
            [TEXT, stamp],
        )
        for aid, label, start, end, who in (
            (1, "CUE", 0, 3, "salma"),
            (2, "SOURCE", 4, 24, "salma"),
            (3, "CLAIM", 28, 44, "salma"),
            (7, "SOURCE", 4, 24, "omar"),
        ):
            db.execute(
                'INSERT INTO annotations (id, article_id, label, start, "end", text, annotator, '
                "created, modified) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)",
                [aid, label, start, end, TEXT[start:end], who, stamp, stamp],
            )
        db.execute(
            "INSERT INTO relations (id, article_id, type, from_id, to_id, annotator, created) "
            "VALUES (5, 1, 'ATTRIBUTED_TO', 3, 2, 'salma', ?)",
            [stamp],
        )
        db.execute(
            'INSERT INTO adjudication (id, article_id, gold, candidate, label, start, "end", '
            "decision, created) VALUES (4, 1, 'gold', '[]', 'SOURCE', 4, 24, 'rejected', ?)",
            [stamp],
        )
    db.close()


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("articles", "annotations", "relations", "adjudication")
        }
    finally:
        conn.close()


def test_an_existing_database_keeps_every_row_and_never_reuses_an_id(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _version_2_database(path)
    before = _rows(path)
    with open_store(path) as store:
        assert store.meta("db_version") == str(LATEST_VERSION)
        assert _rows(path) == before
        conn = store.db.conn
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"annotations_article", "relations_article", "relations_from", "relations_to"} <= (
            indexes
        )
        # The highest ids are deleted; new rows still get new ids.
        store.delete_annotation(7)
        fresh = store.create_annotation(1, "SOURCE", 4, 24, "omar")
        assert fresh.id == 8
        decision = store.decisions(1, "gold")[0]
        store.delete_decision(decision.id)
        again = store.record_decision(replace(decision, id=0))
        assert again.id == 5
        # Foreign keys still point at the rebuilt tables: a deletion cascades.
        store.delete_annotation(3)
        assert store.relations(1) == []
    assert len(list(tmp_path.glob("old.db.v2-*.bak"))) == 1


def test_a_new_database_never_reuses_ids(tmp_path: Path) -> None:
    with open_store(tmp_path / "new.db") as store:
        conn = sqlite3.connect(tmp_path / "new.db")
        tables = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
        conn.close()
        for table in ("annotations", "relations", "adjudication"):
            assert "AUTOINCREMENT" in tables[table]
        aid, _ = store.add_article(NewArticle(text=TEXT))
        first = store.create_annotation(aid, "CUE", 0, 3, "salma")
        store.delete_annotation(first.id)
        assert store.create_annotation(aid, "CUE", 0, 3, "omar").id != first.id
