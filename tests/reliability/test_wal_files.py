"""The WAL beside a database: never ignored, never deleted, never left behind by a reader.

These use real short writes (a small tmpfs, as root) and real processes.
"""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.core.errors import StorageError
from annotator.core.model import NewArticle
from annotator.storage import open_store
from tests.reliability.disks import fill, remount_read_only, small_disk

CLI = [sys.executable, "-m", "annotator"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_without_checkpoint(db: Path, notes: int) -> None:
    """Commit ``notes`` annotations with notes whose pages stay in the WAL."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    aid = conn.execute("SELECT id FROM articles").fetchone()[0]
    for n in range(notes):
        conn.execute(
            'INSERT INTO annotations (article_id, label, start, "end", text, note, annotator, '
            "created, modified) VALUES (?, 'CUE', 0, 3, 'قال', ?, 'salma', 'x', 'x')",
            [aid, f"ملاحظة {n} " + "ن" * 6000],
        )
    _cut_short_checkpoint(db, conn)


def _cut_short_checkpoint(db: Path, conn: sqlite3.Connection) -> None:
    filler = fill(db.parent, 200_000)
    with pytest.raises(sqlite3.OperationalError, match="full"):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # The last connection closing tries again and is cut short again: the WAL stays.
    conn.close()
    filler.unlink()


def test_a_checkpoint_cut_short_by_a_full_disk_loses_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "32m") as disk:
        db = disk / "work.db"
        with open_store(db) as store:
            store.add_article(NewArticle(text="قال الوزير إن المحادثات مستمرة", title="أول"))
        _write_without_checkpoint(db, 300)
        header_pages = int.from_bytes(db.read_bytes()[28:32], "big")
        assert header_pages * 4096 > db.stat().st_size, "the checkpoint was not cut short"
        assert Path(f"{db}-wal").stat().st_size > 0
        wal_before = _digest(Path(f"{db}-wal"))

        listed = _run("stats", str(db), "--json")
        assert listed.returncode == 0, listed.stderr
        assert '"CUE": 300' in listed.stdout
        shown = _run("show", str(db), "1")
        assert shown.returncode == 0 and "ملاحظة 299 " in shown.stdout
        # A writer opens it too, and what was committed is all there.
        imported = _run("import", str(db), str(_text_file(tmp_path)))
        assert imported.returncode == 0, imported.stderr
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        notes = [r[0] for r in conn.execute("SELECT note FROM annotations ORDER BY id")]
        conn.close()
        assert [n.split()[1] for n in notes] == [str(n) for n in range(300)]
        assert wal_before  # the WAL was read, never thrown away


def _text_file(tmp_path: Path) -> Path:
    path = tmp_path / "new.txt"
    path.write_text("أكدت الوزارة أن الاجتماع انتهى", encoding="utf-8")
    return path


_HOT_WAL = textwrap.dedent(
    """
    import sqlite3, sys, os, signal
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE articles SET title = 'بعد التعديل'")
    for n in range(5):
        conn.execute(
            "INSERT INTO annotations (article_id, label, start, \\"end\\", text, annotator, "
            "created, modified) VALUES (1, 'CUE', 0, 3, 'قال', 'omar', 'x', 'x')"
        )
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def _killed_writer(db: Path) -> None:
    """A process commits a title change and 5 annotations, then is killed: a hot WAL."""
    proc = subprocess.run([sys.executable, "-c", _HOT_WAL, str(db)], timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert Path(f"{db}-wal").stat().st_size > 0


def test_a_hot_wal_in_a_read_only_folder_is_never_shown_as_stale_data(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "4m") as disk:
        db = disk / "work.db"
        with open_store(db) as store:
            store.add_article(NewArticle(text="قال الوزير إن المحادثات مستمرة", title="قبل"))
        _killed_writer(db)
        Path(f"{db}-shm").unlink()
        remount_read_only(disk)
        with pytest.raises(StorageError, match="committed changes in work.db-wal") as info:
            open_store(db, readonly=True)
        assert "\n" not in str(info.value)
        listed = _run("list", str(db))
        assert listed.returncode == 2 and "قبل" not in listed.stdout
        assert "work.db-wal" in listed.stderr and "Traceback" not in listed.stderr


def test_read_commands_leave_no_wal_or_shm_behind(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    with open_store(db) as store:
        aid, _ = store.add_article(NewArticle(text="قال الوزير", title="عنوان"))
        store.create_annotation(aid, "CUE", 0, 3, "salma")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.db"]
    before = _digest(db)
    for args in (["list", str(db)], ["show", str(db), str(aid)], ["stats", str(db)]):
        done = _run(*args)
        assert done.returncode == 0, done.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.db"], args
    out = tmp_path / "out"
    out.mkdir()
    assert _run("export", str(db), str(out / "a.jsonl"), "--format", "jsonl").returncode == 0
    assert _run("agreement", str(db), "--json").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "shared.db"]
    assert _digest(db) == before


def test_a_reader_beside_a_live_writer_leaves_the_writers_wal_alone(tmp_path: Path) -> None:
    db = tmp_path / "work.db"
    with open_store(db) as store:
        aid, _ = store.add_article(NewArticle(text="قال الوزير", title="عنوان"))
        store.db.conn.execute("PRAGMA wal_autocheckpoint = 0")
        store.create_annotation(aid, "CUE", 0, 3, "salma")
        done = _run("show", str(db), str(aid))
        assert done.returncode == 0 and "salma" in done.stdout
        assert Path(f"{db}-wal").stat().st_size > 0
        store.create_annotation(aid, "SOURCE", 4, 10, "salma")
    with open_store(db, readonly=True) as store:
        assert [a.label for a in store.annotations(aid)] == ["CUE", "SOURCE"]


def test_no_advice_anywhere_deletes_a_wal() -> None:
    root = Path(__file__).resolve().parents[2]
    texts = [root / "README.md", *sorted((root / "annotator").rglob("*.py"))]
    for path in texts:
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "-wal" in line and any(w in line for w in ("rm ", "rm -", "unlink", "del ")):
                pytest.fail(f"{path.name}: {line.strip()}")
