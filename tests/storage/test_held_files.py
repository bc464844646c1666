"""A file this process already has open is not opened again outside SQLite.

Closing any descriptor of a file drops every POSIX lock this process holds on it,
SQLite's included. Another process closing its last connection then checkpoints and
deletes the WAL under our connection, whose later commits land in a deleted file: no
other process sees them, and a kill loses them. Opening the same database twice in
one process (the window reopening its file, an export on its own connection) must
not do that.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import StorageError
from annotator.core.model import NewArticle
from annotator.storage import files, open_store

_WRITE_AND_CLOSE = (
    "import sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "c.execute(\"INSERT INTO metadata (key, value) VALUES ('other', '1')\")\n"
    "c.close()\n"
)
_COUNT = (
    "import sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1])\n"
    "row = c.execute('SELECT count(*) FROM articles WHERE text = ?', [sys.argv[2]]).fetchone()\n"
    "print(row[0])\n"
)


def test_opening_the_same_file_again_keeps_our_locks(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.add_article(NewArticle(text="قبل"))
        with open_store(db_path, readonly=True) as again:  # as an export would
            assert again.count_articles() == 1
        assert files.held(db_path)
        # Another process writes and closes its last connection.
        subprocess.run([sys.executable, "-c", _WRITE_AND_CLOSE, str(db_path)], check=True)
        assert Path(f"{db_path}-wal").exists(), "the WAL was deleted under an open connection"
        store.add_article(NewArticle(text="بعد"))
        seen = subprocess.run(
            [sys.executable, "-c", _COUNT, str(db_path), "بعد"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert seen.stdout.strip() == "1", "another process cannot see a committed change"
    assert not files.held(db_path)


def test_a_file_no_longer_held_is_inspected_again(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    open_store(path).close()
    assert not files.held(path)
    path.write_bytes(b"not a database" * 100)  # the same inode, now damaged
    with pytest.raises(StorageError, match="not a SQLite database"):
        open_store(path)
