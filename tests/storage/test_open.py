"""Files that are not a healthy annotator database get one clear line and stay untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from annotator.core.errors import StorageError
from annotator.core.model import NewArticle
from annotator.storage import files, open_store, versions
from annotator.storage import migrations as migrations_module


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _healthy(path: Path, articles: int = 40) -> None:
    with open_store(path) as store:
        for n in range(articles):
            store.add_article(NewArticle(text=f"مقال رقم {n} " + "نص " * 200))
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _expect_refusal(path: Path, message: str, **kwargs: object) -> None:
    before = _digest(path) if path.is_file() else None
    with pytest.raises(StorageError, match=message) as info:
        open_store(path, **kwargs)
    text = str(info.value)
    assert "\n" not in text and str(path) in text
    if before is not None:
        assert _digest(path) == before


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    _expect_refusal(path, "is an empty file, not an annotator database")


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.db"
    path.write_bytes(os.urandom(8192))
    _expect_refusal(path, "is not a SQLite database")


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("قال الوزير", encoding="utf-8")
    _expect_refusal(path, "is not a SQLite database")


def test_truncated_database(tmp_path: Path) -> None:
    path = tmp_path / "cut.db"
    _healthy(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _expect_refusal(path, "is truncated")


def test_truncated_mid_page(tmp_path: Path) -> None:
    path = tmp_path / "cut.db"
    _healthy(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 100])
    _expect_refusal(path, "is truncated or damaged")


def test_damaged_pages(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    _healthy(path)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data) - page, page):
        data[offset : offset + 64] = os.urandom(64)
    path.write_bytes(bytes(data))
    _expect_refusal(path, "is damaged|not a SQLite database|malformed")


def test_database_of_another_application(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    _expect_refusal(path, r"another application \(tables: invoices\)")


def test_database_of_a_newer_annotator(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    _healthy(path, 1)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE metadata SET value = '999' WHERE key = 'db_version'")
    conn.commit()
    conn.close()
    _expect_refusal(path, "was made by a newer annotator .*upgrade annotator")
    _expect_refusal(path, "newer annotator", readonly=True)


def test_unknown_migration_means_newer(tmp_path: Path) -> None:
    path = tmp_path / "future2.db"
    _healthy(path, 1)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('annotator', '0099_future', 'x')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="newer annotator.*0099_future"):
        open_store(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_file(tmp_path: Path) -> None:  # pragma: no cover - runs as a normal user
    path = tmp_path / "ro.db"
    _healthy(path, 1)
    path.chmod(0o444)
    _expect_refusal(path, "is read-only")


def test_read_only_file_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ro.db"
    _healthy(path, 2)
    path.chmod(0o444)
    # root passes permission checks; pretend to be an ordinary user for the check itself.
    monkeypatch.setattr(files.os, "access", lambda p, mode: mode != os.W_OK)
    _expect_refusal(path, "is read-only .*open it read-only")
    with open_store(path, readonly=True) as store:
        assert store.count_articles() == 2
        with pytest.raises(StorageError, match="read-only"):
            store.add_article(NewArticle(text="جديد"))
    path.chmod(0o644)


def test_read_only_folder_can_still_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "corpus.db"
    _healthy(path, 3)
    before = _digest(path)
    folder.chmod(0o555)
    try:
        monkeypatch.setattr(files.os, "access", lambda p, mode: mode != os.W_OK)
        _expect_refusal(path, "is read-only \\(or its folder is\\)")
        with open_store(path, readonly=True) as store:
            assert store.count_articles() == 3
        assert _digest(path) == before
    finally:
        folder.chmod(0o755)


def test_a_folder(tmp_path: Path) -> None:
    _expect_refusal(tmp_path, "is a folder, not a database file")


def test_missing_file_when_reading(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        open_store(tmp_path / "nope.db", readonly=True)
    assert not (tmp_path / "nope.db").exists()


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "x.db")


_HOLD_LOCK = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO metadata (key, value) VALUES ('held', '1')")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("COMMIT")
    """
)


def _lock_holder(path: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_a_second_writer_waits_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    with open_store(path) as store:
        aid, _ = store.add_article(NewArticle(text="قال الوزير"))
        holder = _lock_holder(path, 0.7)
        started = time.monotonic()
        store.create_annotation(aid, "CUE", 0, 3)
        assert time.monotonic() - started > 0.3
        holder.wait(5)
        holder.stdout.close()
        assert len(store.annotations(aid)) == 1


def test_a_database_locked_too_long_gets_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "shared.db"
    with open_store(path) as store:
        aid, _ = store.add_article(NewArticle(text="قال الوزير"))
        store.db.conn.execute("PRAGMA busy_timeout = 200")
        holder = _lock_holder(path, 3)
        try:
            with pytest.raises(StorageError, match="is locked by another program"):
                store.create_annotation(aid, "CUE", 0, 3)
            assert store.annotations(aid) == []
        finally:
            holder.kill()
            holder.wait()
            holder.stdout.close()


def test_a_migration_is_preceded_by_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    _healthy(path, 2)
    registered = list(migrations_module.migrations._migrations)

    @migrations_module.migrations(name="9999_test_extra_column")
    def _extra(db):  # type: ignore[no-untyped-def]
        db.execute("ALTER TABLE articles ADD COLUMN extra TEXT")

    monkeypatch.setattr(
        migrations_module.migrations, "_migrations", migrations_module.migrations._migrations
    )
    # A version that knows one more migration lists it beside the registered ones.
    monkeypatch.setattr(
        versions, "MIGRATION_NAMES", (*versions.MIGRATION_NAMES, "9999_test_extra_column")
    )
    try:
        with open_store(path) as store:
            assert "extra" in store.db["articles"].columns_dict
        # Named after the version it was made from: every migration before this one.
        backups = list(tmp_path.glob(f"old.db.v{len(registered)}-*.bak"))
        assert len(backups) == 1
        conn = sqlite3.connect(backups[0])
        cols = [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
        count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        conn.close()
        assert "extra" not in cols and count == 2
    finally:
        migrations_module.migrations._migrations[:] = registered


def test_latest_version_counts_the_migrations() -> None:
    assert len(migrations_module.names()) == migrations_module.LATEST_VERSION


def test_the_versions_list_names_every_registered_migration_in_order() -> None:
    # Opening compares applied migrations with this list, without sqlite-utils.
    assert list(versions.MIGRATION_NAMES) == migrations_module.names()
