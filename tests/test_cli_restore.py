"""`annotator restore DB BACKUP`: the backup goes in, the replaced file and its WAL stay."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from annotator.core.model import NewArticle
from annotator.storage import backups, open_store

CLI = [sys.executable, "-m", "annotator"]

# Commits a title change and five annotations, then dies: they live only in the WAL.
_HOT_WAL = textwrap.dedent(
    """
    import sqlite3, sys, os, signal
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE articles SET title = 'بعد التعديل'")
    for n in range(5):
        conn.execute(
            "INSERT INTO annotations (article_id, label, start, \\"end\\", text, annotator, "
            "created, modified) VALUES (1, 'CUE', 0, 3, 'قال', 'omar', ?, 'x')", [str(n)]
        )
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)


def _work_with_hot_wal(tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / "work.db"
    with open_store(db) as store:
        store.add_article(NewArticle(text="قال الوزير إن المحادثات مستمرة", title="قبل"))
    with open_store(db):
        pass
    (backup,) = backups.backups(db)
    proc = subprocess.run([sys.executable, "-c", _HOT_WAL, str(db)], timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert Path(f"{db}-wal").stat().st_size > 0
    return db, backup


def test_restore_keeps_the_replaced_file_with_its_wal(tmp_path: Path) -> None:
    db, backup = _work_with_hot_wal(tmp_path)
    done = _run("restore", str(db), str(backup))
    assert done.returncode == 0, done.stderr
    assert "Restored" in done.stdout and "kept as" in done.stdout
    with open_store(db, readonly=True) as store:
        assert store.article(1).title == "قبل" and store.annotations(1) == []
    (kept,) = tmp_path.glob("work.db.replaced-*[0-9]Z")
    assert Path(f"{kept}-wal").stat().st_size > 0
    # The kept file reads with its WAL: every value committed before the kill.
    conn = sqlite3.connect(kept)
    assert conn.execute("SELECT title FROM articles").fetchone()[0] == "بعد التعديل"
    created = [r[0] for r in conn.execute("SELECT created FROM annotations ORDER BY id")]
    conn.close()
    assert created == ["0", "1", "2", "3", "4"]


def test_restore_refuses_mistakes_in_one_line_and_changes_nothing(tmp_path: Path) -> None:
    db, backup = _work_with_hot_wal(tmp_path)
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("قال", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    for wrong, message in (
        (tmp_path / "missing.db", "does not exist"),
        (not_a_db, "not a SQLite database"),
        (Path(f"{db}-wal"), "is the wal file of a database"),
        (db, "is the database itself"),
    ):
        done = _run("restore", str(db), str(wrong))
        assert done.returncode == 2, (wrong, done.stderr)
        assert message in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
        after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        assert after == before, wrong
    assert backup.exists()
