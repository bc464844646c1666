"""What a short command loads: `annotator --help` and `annotator list` start in a fraction
of the time a full import takes, so the heavy modules must stay off their path."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.model import NewArticle
from annotator.storage import open_store

# Run as the console script runs: the command, then a record of every module loaded.
_RUN = """
import atexit, json, sys
record = sys.argv[1]
atexit.register(lambda: open(record, "w").write(json.dumps(sorted(sys.modules))))
sys.argv = ["annotator", *sys.argv[2:]]
from annotator.cli import main
main()
"""

# Loaded by no short command: the migration machinery (sqlite-utils, and numpy, which
# sqlite-utils loads when it is installed), any file format, the recommenders, the
# agreement code and the window.
_HEAVY = (
    "sqlite_utils",
    "numpy",
    "PySide6",
    "annotator.gui",
    "annotator.storage.migrations",
    "annotator.storage.backups",
    "annotator.suggest.engine",
    "annotator.core.agreement",
    "annotator.core.schema",
    "annotator.formats.base",
    "annotator.formats.export",
    "annotator.formats.importer",
)


def _modules_of(tmp_path: Path, *args: str) -> tuple[str, list[str]]:
    record = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", _RUN, str(record), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout, json.loads(record.read_text())


def _heavy(modules: list[str]) -> list[str]:
    formats = [
        m
        for m in modules
        if m.startswith("annotator.formats.")
        and m not in ("annotator.formats.registry", "annotator.formats.__init__")
    ]
    return [m for m in modules if m.split(".")[0] in _HEAVY or m in _HEAVY] + formats


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    db = tmp_path / "small.db"
    with open_store(db) as store:
        store.add_article(NewArticle(text="قال الوزير إن الاجتماع انتهى.", title="الاجتماع"))
    return db


def test_help_loads_nothing_heavy(tmp_path: Path) -> None:
    out, modules = _modules_of(tmp_path, "--help")
    assert "Commands:" in out and "export" in out and "suggest" in out
    assert _heavy(modules) == []
    # Not even the store: help opens nothing.
    assert "annotator.storage.store" not in modules


def test_list_loads_nothing_heavy(tmp_path: Path, small_db: Path) -> None:
    out, modules = _modules_of(tmp_path, "list", str(small_db))
    assert "الاجتماع" in out and "new" in out
    assert _heavy(modules) == []
    # Without a search, none of the store's queries either: the file is checked and read
    # by annotator.storage.listing alone.
    assert "annotator.storage.listing" in modules
    assert [m for m in modules if m.startswith("annotator.storage.")] == [
        "annotator.storage.files",
        "annotator.storage.listing",
        "annotator.storage.ours",
        "annotator.storage.versions",
    ]
    # Nor the records (their classes cost more to build than the list to read).
    assert [m for m in modules if m.startswith("annotator.core.")] == [
        "annotator.core.errors",
        "annotator.core.statuses",
        "annotator.core.terminal",
    ]


def test_list_with_a_search_still_goes_through_the_store(tmp_path: Path, small_db: Path) -> None:
    out, modules = _modules_of(tmp_path, "list", str(small_db), "--search", "الوزير")
    assert "الاجتماع" in out
    assert "annotator.storage.store" in modules
    out, _ = _modules_of(tmp_path, "list", str(small_db), "--search", "مؤتمر")
    assert out == ""


def test_every_subcommand_help_loads_nothing_heavy(tmp_path: Path) -> None:
    for command in ("export", "import", "suggest", "agreement", "merge", "assign", "restore"):
        out, modules = _modules_of(tmp_path, command, "--help")
        assert "Usage:" in out
        assert _heavy(modules) == [], command


def test_a_database_due_a_migration_still_migrates_with_a_backup(tmp_path: Path) -> None:
    # Made by an older annotator: the last migration's table and record are missing.
    db = tmp_path / "old.db"
    with open_store(db) as store:
        store.add_article(NewArticle(text="نص قديم", title="old"))
    conn = sqlite3.connect(db)
    conn.execute("DROP INDEX articles_length")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0007_list_lengths'")
    conn.execute("UPDATE metadata SET value = '6' WHERE key = 'db_version'")
    conn.commit()
    conn.close()
    text = tmp_path / "new.txt"
    text.write_text("نص جديد", encoding="utf-8")
    out, modules = _modules_of(tmp_path, "import", str(db), str(text))
    assert "Imported 1 articles" in out
    assert "sqlite_utils" in modules  # the migration machinery came when it was due
    conn = sqlite3.connect(db)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    conn.close()
    assert "articles_length" in indexes
    assert len(list(tmp_path.glob("old.db.v6-*.bak"))) == 1


def test_store_connections_keep_what_sqlite_utils_set(small_db: Path) -> None:
    for readonly in (False, True):
        with open_store(small_db, readonly=readonly) as store:
            conn = store.db.conn
            assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
            # The rest of sqlite-utils' API is still there, on the same connection.
            assert store.db["articles"].count == 1
            assert store.db.full().conn is conn
