"""Rolling backups never race, never refuse work, and never make a short command wait.

Real processes on an existing database whose newest backup is old.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from annotator.core.model import NewArticle
from annotator.storage import backups, open_store
from tests.reliability.disks import fill, small_disk

CLI = [sys.executable, "-m", "annotator"]
TRIALS = 5 if os.environ.get("ANNOTATOR_STRESS") else 2


def _existing(db: Path, padding_mb: int) -> int:
    """A database of about ``padding_mb`` MB with one article; returns its id."""
    with open_store(db) as store:
        aid, _ = store.add_article(NewArticle(text="قال الوزير إن المحادثات مستمرة"))
        with store.transaction():
            for n in range(padding_mb):
                store.db.execute(
                    "INSERT INTO metadata (key, value) VALUES (?, ?)", [f"pad{n}", "ب" * 500_000]
                )
    return aid


def _age_backups(db: Path, hours: int = 2) -> None:
    """Make every backup look taken hours ago (as after a night), in order."""
    record = backups.backup_folder(db) / "state.json"
    state = json.loads(record.read_text(encoding="utf-8")) if record.exists() else None
    copies = backups.backups(db)
    for n, path in enumerate(copies):
        old = datetime.now(UTC) - timedelta(hours=hours, minutes=len(copies) - n)
        moved = path.with_name(f"{db.stem}-{old.strftime('%Y%m%dT%H%M%S%fZ')}.db")
        path.rename(moved)
        if state and state["backup"] == path.name:
            state["backup"] = moved.name
    if state:
        record.write_text(json.dumps(state), encoding="utf-8")


def _jsonl(path: Path, count: int, tag: str) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for n in range(count):
            fh.write(json.dumps({"text": f"أعلن المتحدث {tag} رقم {n} أن الاجتماع انتهى"}) + "\n")
    return path


def _articles(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def test_two_imports_with_an_old_backup_both_succeed_and_both_back_up(tmp_path: Path) -> None:
    db = tmp_path / "work.db"
    _existing(db, 40)
    with open_store(db):
        pass
    expected = 1
    for trial in range(TRIALS):
        # New articles every trial: the file changes, so a new backup is due each time
        # (an unchanged file rightly gets none).
        inputs = [_jsonl(tmp_path / f"{t}{trial}.jsonl", 10, f"{t}{trial}") for t in "ab"]
        _age_backups(db)
        procs = [
            subprocess.Popen(
                [*CLI, "import", str(db), str(path), "-q"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for path in inputs
        ]
        outs = [p.communicate(timeout=120) for p in procs]
        for proc, (_out, err) in zip(procs, outs, strict=True):
            assert proc.returncode == 0, (trial, err)
            assert "backup" not in err, (trial, err)
        expected += 20
        assert _articles(db) == expected
        folder = backups.backup_folder(db)
        assert not list(folder.glob("*.partial"))
        newest = backups.backups(db)[-1]
        assert datetime.now(UTC) - backups._taken(newest, db) < timedelta(minutes=5)  # type: ignore[operator]
        conn = sqlite3.connect(newest)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()


def test_a_partial_copy_is_removed_only_when_its_writer_is_gone(tmp_path: Path) -> None:
    folder = tmp_path / "work.db.backups"
    folder.mkdir()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    host = backups._host()
    writing = folder / f"work-20260101T000000000000Z.{host}.{live.pid}.aaaa.partial"
    left = folder / f"work-20260101T000000000000Z.{host}.{dead.pid}.bbbb.partial"
    for path in (writing, left):
        path.write_bytes(b"half")
    try:
        backups.remove_stale_partials(folder)
        assert writing.exists() and not left.exists()
    finally:
        live.kill()
        live.wait()
    backups.remove_stale_partials(folder)
    assert not writing.exists()


def test_a_backup_that_does_not_fit_is_a_warning_and_the_import_goes_on(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "12m") as disk:
        db = disk / "work.db"
        _existing(db, 6)
        with open_store(db, backup=False) as store:
            store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        filler = fill(disk, 1_500_000)
        done = subprocess.run(
            [*CLI, "import", str(db), str(_jsonl(tmp_path / "a.jsonl", 10, "a"))],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        warnings = [line for line in done.stderr.splitlines() if "warning" in line]
        assert len(warnings) == 1 and "rolling backup could not be written" in warnings[0]
        assert "Imported 10 articles" in done.stdout
        assert _articles(db) == 11
        assert not list(backups.backup_folder(db).glob("*.partial"))
        filler.unlink()


def test_no_copy_when_nothing_changed_since_the_newest_backup(tmp_path: Path) -> None:
    db = tmp_path / "work.db"
    aid = _existing(db, 1)
    settled = time.time() - 3600
    os.utime(db, (settled, settled))
    with open_store(db):
        pass
    (first,) = backups.backups(db)
    _age_backups(db)
    # Hours later, the file has not changed: opening it again copies nothing.
    with open_store(db):
        pass
    assert len(backups.backups(db)) == 1 and backups.backups(db)[0] != first
    with open_store(db) as store:
        store.create_annotation(aid, "CUE", 0, 3, "salma")
    assert len(backups.backups(db)) == 1  # not due: unchanged at the start of that open
    _age_backups(db)
    # Instead of waiting the few seconds after which a file time is trusted:
    written = db.stat().st_mtime - 60
    os.utime(db, (written, written))
    with open_store(db):
        pass
    copies = backups.backups(db)
    assert len(copies) == 2  # one change since the newest copy: a new one
    with open_store(copies[-1], readonly=True) as store:
        assert [a.label for a in store.annotations(aid)] == ["CUE"]


def test_a_short_write_to_a_large_database_does_not_wait_for_its_copy(tmp_path: Path) -> None:
    db = tmp_path / "big.db"
    _existing(db, 300)
    with open_store(db, backup=False) as store:
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # The copy's time once the file is in the page cache, as it is for the imports
        # below (the best of two: the first copy also reads the file from the disk).
        copy_seconds = float("inf")
        for _ in range(2):
            started = time.monotonic()
            store.backup_to(tmp_path / "reference-copy.db")
            copy_seconds = min(copy_seconds, time.monotonic() - started)
            (tmp_path / "reference-copy.db").unlink()
    assert db.stat().st_size > backups.HELPER_OVER
    started = time.monotonic()
    done = subprocess.run(
        [*CLI, "import", str(db), str(_jsonl(tmp_path / "a.jsonl", 10, "a"))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    import_seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert _articles(db) == 11
    # The helper's copy holds the database as it was before the import wrote.
    deadline = time.monotonic() + 60
    while not backups.backups(db) and time.monotonic() < deadline:
        time.sleep(0.1)
    (copy,) = backups.backups(db)
    assert _articles(copy) == 1
    print(f"copy {copy_seconds:.2f} s, import of 10 articles {import_seconds:.2f} s")
    with open_store(db, backup=False) as store:
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # Measured against a command that copies first: the same import with the helper off.
    _age_backups(db)
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    (tmp_path / "sitecustomize.py").write_text(
        "import annotator.storage.backups as b\nb.HELPER_OVER = 1 << 62\n", encoding="utf-8"
    )
    started = time.monotonic()
    waited = subprocess.run(
        [*CLI, "import", str(db), str(_jsonl(tmp_path / "b.jsonl", 10, "b"))],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    waiting_seconds = time.monotonic() - started
    assert waited.returncode == 0, waited.stderr
    print(f"the same import copying first: {waiting_seconds:.2f} s")
    # The short write returned before a copy of the database could have been made, and
    # sooner than the same write made to copy first.
    assert import_seconds < copy_seconds, (import_seconds, copy_seconds)
    assert import_seconds < waiting_seconds, (import_seconds, waiting_seconds)


@pytest.mark.parametrize("readonly", [False, True])
def test_a_newer_database_is_left_byte_for_byte(tmp_path: Path, readonly: bool) -> None:
    db = tmp_path / "future.db"
    _existing(db, 0)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('annotator', '0099_future', 'x')"
    )
    conn.commit()
    conn.close()
    os.utime(db, (time.time() - 3600,) * 2)
    before = db.read_bytes()
    args = (
        ["list", str(db)] if readonly else ["import", str(db), str(_jsonl(tmp_path / "a", 1, "a"))]
    )
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "newer annotator" in done.stderr and len(done.stderr.splitlines()) == 1
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("future")) == [
        "future.db"
    ]


def test_an_empty_sqlite_file_of_another_program_is_refused_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    before = db.read_bytes()
    assert before
    for args in (["import", str(db), str(_jsonl(tmp_path / "a", 1, "a"))], ["list", str(db)]):
        done = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, done.stderr
        assert "empty SQLite database of another application" in done.stderr
        assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("other")) == ["other.db"]


def test_the_windows_backup_and_an_import_at_once_both_complete(tmp_path: Path) -> None:
    db = tmp_path / "work.db"
    _existing(db, 60)
    with open_store(db):
        pass
    for trial in range(TRIALS):
        _age_backups(db)
        errors: list[str] = []
        # The window opens the file and copies it on its thread, as gui/app.py does.
        with open_store(db, backup=False) as window:
            proc = subprocess.Popen(
                [*CLI, "import", str(db), str(_jsonl(tmp_path / f"{trial}.jsonl", 10, str(trial)))],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            # The window starts its copy while the import's own copy is being written.
            folder = backups.backup_folder(db)
            deadline = time.monotonic() + 30
            while not list(folder.glob("*.partial")) and time.monotonic() < deadline:
                time.sleep(0.001)
            assert list(folder.glob("*.partial")), "the import made no backup"
            thread = backups.rotate_in_background(db, errors.append)
            window.create_annotation(1, "CUE", 0, 3, "salma")
            thread.join(60)
            _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and "backup" not in err, (trial, err)
        assert errors == [], (trial, errors)
        assert not list(backups.backup_folder(db).glob("*.partial"))
        newest = backups.backups(db)[-1]
        assert datetime.now(UTC) - backups._taken(newest, db) < timedelta(minutes=5)  # type: ignore[operator]
