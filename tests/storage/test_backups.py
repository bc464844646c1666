"""Rolling backups on opening, and restoring one."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from annotator.core.model import NewArticle
from annotator.storage import backups, open_store


def test_opening_an_existing_database_keeps_a_backup(db_path: Path) -> None:
    with open_store(db_path) as store:
        aid, _ = store.add_article(NewArticle(text="قال الوزير"))
        store.create_annotation(aid, "CUE", 0, 3, "salma")
    assert backups.backups(db_path) == []  # a brand-new database has nothing to lose
    with open_store(db_path) as store:
        store.create_annotation(aid, "SOURCE", 4, 10, "salma")
    copies = backups.backups(db_path)
    assert len(copies) == 1
    with open_store(copies[0], readonly=True) as old:
        assert [a.label for a in old.annotations(aid)] == ["CUE"]


def test_only_the_newest_few_are_kept_and_recent_ones_are_not_renewed(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.add_article(NewArticle(text="نص"))
        conn = store.db.conn
        start = datetime(2026, 1, 1, tzinfo=UTC)
        made = [backups.rotate(conn, db_path, start + timedelta(hours=h)) for h in range(8)]
        assert all(made)
        assert backups.backups(db_path) == made[-backups.KEEP :]
        assert backups.rotate(conn, db_path, start + timedelta(hours=7, minutes=5)) is None


def test_a_backup_restores_by_copying_it_back(db_path: Path) -> None:
    with open_store(db_path) as store:
        aid, _ = store.add_article(NewArticle(text="قال الوزير"))
        store.create_annotation(aid, "CUE", 0, 3)
    with open_store(db_path) as store:
        store.delete_annotation(store.annotations(aid)[0].id)
    shutil.copyfile(backups.backups(db_path)[-1], db_path)
    for side in ("-wal", "-shm"):
        Path(f"{db_path}{side}").unlink(missing_ok=True)
    with open_store(db_path, readonly=True) as store:
        assert [a.label for a in store.annotations(aid)] == ["CUE"]


def test_a_background_backup_does_not_block_writes(db_path: Path) -> None:
    with open_store(db_path) as store:
        aid, _ = store.add_article(NewArticle(text="قال الوزير"))
    with open_store(db_path, backup=False) as store:
        thread = backups.rotate_in_background(db_path)
        store.create_annotation(aid, "CUE", 0, 3)  # the writer is not held up
        thread.join(30)
    assert len(backups.backups(db_path)) == 1
    assert not list(backups.backup_folder(db_path).glob("*.partial"))


def test_a_cut_short_backup_is_cleaned_up(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.add_article(NewArticle(text="نص"))
    folder = backups.backup_folder(db_path)
    folder.mkdir()
    (folder / "work-20260101T000000000000Z.partial").write_bytes(b"half")
    with open_store(db_path):
        pass
    assert not list(folder.glob("*.partial")) and len(backups.backups(db_path)) == 1


def test_background_errors_are_reported_not_raised(tmp_path: Path) -> None:
    errors: list[str] = []
    backups.rotate_in_background(tmp_path / "missing.db", errors.append).join(10)
    assert errors and "rolling backup could not be written" in errors[0]


def test_a_backup_s_time_is_read_from_its_name_to_the_microsecond(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.add_article(NewArticle(text="نص"))
        conn = store.db.conn
        taken = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)
        assert backups.rotate(conn, db_path, taken) is not None
        store.add_article(NewArticle(text="نص آخر"))
        # Changed since, but the newest copy is not yet BACKUP_INTERVAL old.
        almost = taken + backups.BACKUP_INTERVAL - timedelta(microseconds=1)
        assert backups.rotate(conn, db_path, almost) is None
        later = taken + backups.BACKUP_INTERVAL + timedelta(microseconds=1)
        assert backups.rotate(conn, db_path, later) is not None
        assert len(backups.backups(db_path)) == 2
