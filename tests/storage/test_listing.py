"""The article list read without the store's queries (``annotator list`` without a
search) lists what ``Store.summaries`` lists and refuses what ``open_store`` refuses,
with the same line, leaving the file untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import pytest

from annotator.core.errors import StorageError
from annotator.core.model import ArticleSummary, NewArticle
from annotator.storage import listing, open_store


def _healthy(path: Path, articles: int = 3) -> None:
    with open_store(path) as store:
        for n in range(articles):
            store.add_article(NewArticle(text=f"قال الوزير إن المقال {n} " + "نص " * 50))
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _noise(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _text(path: Path) -> None:
    path.write_text("قال الوزير", encoding="utf-8")


def _truncated(path: Path) -> None:
    _healthy(path, 40)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _other_application(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()


def _empty_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")
    conn.close()


def _newer_version(path: Path) -> None:
    _healthy(path, 1)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE metadata SET value = '999' WHERE key = 'db_version'")
    conn.commit()
    conn.close()


def _unknown_migration(path: Path) -> None:
    _healthy(path, 1)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('annotator', '0099_future', 'x')"
    )
    conn.commit()
    conn.close()


def _folder(path: Path) -> None:
    path.mkdir()


def _missing(path: Path) -> None:
    pass


BAD: dict[str, Callable[[Path], None]] = {
    "empty file": _empty,
    "random bytes": _noise,
    "text file": _text,
    "truncated": _truncated,
    "another application": _other_application,
    "empty SQLite file": _empty_sqlite,
    "newer version": _newer_version,
    "unknown migration": _unknown_migration,
    "folder": _folder,
    "missing": _missing,
}


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


@pytest.mark.parametrize("kind", list(BAD))
def test_refuses_what_open_store_refuses_with_the_same_line(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "bad.db"
    BAD[kind](path)
    before = _digest(path)
    with pytest.raises(StorageError) as by_store:
        open_store(path, readonly=True)
    with pytest.raises(StorageError) as by_listing:
        listing.summaries(path)
    assert str(by_listing.value) == str(by_store.value)
    assert str(path) in str(by_listing.value) and "\n" not in str(by_listing.value)
    assert _digest(path) == before
    assert not Path(f"{path}-wal").exists() or kind == "truncated"


def test_missing_folder_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "x.db"
    with pytest.raises(StorageError, match="the folder .*nowhere does not exist"):
        listing.summaries(path)


def test_lists_what_the_store_lists(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    _healthy(path, 4)
    with open_store(path) as store:
        ids = [s.id for s in store.summaries()]
        store.create_annotation(ids[1], "CLAIM", 0, 3)
        store.create_annotation(ids[1], "SOURCE", 4, 10)
        store.set_status(ids[2], "done")
        store.set_status(ids[3], "in_progress")
        # A title damaged by another tool is named, not refused.
        store.db.conn.execute("UPDATE articles SET title = ? WHERE id = ?", [b"\x00", ids[0]])
    before = _digest(path)
    with open_store(path, readonly=True) as store:
        expected = {status: store.summaries(status=status) for status in (None, "done", "new")}
    for status, rows in expected.items():
        listed = listing.summaries(path, status)
        assert listed == [r.__dict__ for r in rows]
        # The same keys in the same order: the --json lines are unchanged.
        assert [list(r) for r in listed] == [list(r.__dict__) for r in rows]
    assert list(listing.summaries(path)[0]) == [f.name for f in fields(ArticleSummary)]
    assert [r.annotation_count for r in expected[None]] == [0, 2, 0, 0]
    assert expected[None][0].title.startswith("(damaged title")
    assert [r.id for r in expected["done"]] == [ids[2]]
    assert _digest(path) == before


def test_the_command_gives_one_line_for_a_bad_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    _other_application(path)
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "list", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"annotator: error: {path} is a SQLite database of another application "
        "(tables: invoices); annotator will not change it"
    ]
