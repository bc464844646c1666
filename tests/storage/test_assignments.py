"""The plan in the database: the migration of an older file, and reading one read-only
that was never migrated."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.model import NewArticle
from annotator.storage import open_store
from annotator.storage.migrations import LATEST_VERSION

TEXT = "قال المتحدث باسم البنتاغون بيتر كوك إن النقاش كان مهنيا وبناء."


def _older(path: Path) -> Path:
    """A database as the version before the plan made it."""
    with open_store(path) as store:
        store.add_article(NewArticle(text=TEXT))
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DROP TRIGGER assignments_follow_status")
        conn.execute("DROP TABLE assignments")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0006_assignments'")
        conn.execute(f"UPDATE metadata SET value = '{LATEST_VERSION - 1}' WHERE key = 'db_version'")
    conn.close()
    return path


def test_an_older_database_read_only_has_no_plan_and_is_not_changed(tmp_path: Path) -> None:
    path = _older(tmp_path / "old.db")
    before = path.read_bytes()
    with open_store(path, readonly=True) as store:
        assert store.progress() == [] and store.assignments() == []
        assert store.mine("salma") is None and store.last_round() == 0
        assert store.finished_by() == {} and store.shared_readiness().shared == 0
    assert path.read_bytes() == before


def test_an_older_database_gets_the_plan_when_opened_for_writing(tmp_path: Path) -> None:
    path = _older(tmp_path / "old.db")
    with open_store(path) as store:
        assert store.has_plan_table() and store.assignments() == []
        assert store.meta("db_version") == str(LATEST_VERSION)
    assert len(list(tmp_path.glob(f"old.db.v{LATEST_VERSION - 1}-*.bak"))) == 1
