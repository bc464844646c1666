"""Rolling backups: a consistent copy of the database each time it is opened for writing.

Copies are made with SQLite's backup API (safe while other connections write) into a
folder beside the database, NAME.db.backups/, and only the newest few are kept. A copy
younger than BACKUP_INTERVAL is not renewed, so that many short command-line runs do
not push every older copy out.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

KEEP = 5
BACKUP_INTERVAL = timedelta(minutes=10)
_STAMP = "%Y%m%dT%H%M%S%fZ"


def backup_folder(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.name}.backups")


def backups(db_path: Path) -> list[Path]:
    """The rolling backups of a database, oldest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.db"))


def rotate(conn: sqlite3.Connection, db_path: Path, now: datetime | None = None) -> Path | None:
    """Write a new backup unless a recent one exists; keep the newest KEEP.

    Returns:
        The new backup's path, or None when a recent one already existed.
    """
    now = now or datetime.now(UTC)
    existing = backups(db_path)
    if existing:
        newest = _taken(existing[-1], db_path)
        if newest is not None and abs(now - newest) < BACKUP_INTERVAL:
            return None
    folder = backup_folder(db_path)
    folder.mkdir(exist_ok=True)
    for stale in folder.glob("*.partial"):
        # Left by a backup that was cut short (the program was closed or killed).
        stale.unlink(missing_ok=True)
    target = folder / f"{db_path.stem}-{now.strftime(_STAMP)}.db"
    partial = target.with_suffix(".partial")
    dest = sqlite3.connect(str(partial))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    partial.replace(target)
    for old in backups(db_path)[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


def _taken(backup: Path, db_path: Path) -> datetime | None:
    """When a backup was taken, from its name (file times change when files are copied)."""
    try:
        return datetime.strptime(backup.stem.removeprefix(f"{db_path.stem}-"), _STAMP).replace(
            tzinfo=UTC
        )
    except ValueError:
        return None


def rotate_in_background(
    db_path: Path, on_error: Callable[[str], None] | None = None
) -> threading.Thread:
    """Make the rolling backup on a thread of its own, with its own read connection.

    A large database takes seconds to copy; the window starts at once instead of
    waiting. WAL lets the copy read a consistent snapshot while the annotator writes.
    A copy cut short by the program closing is left as a .partial file and cleaned up
    next time; the newest complete copies are never touched until a new one is whole.
    """

    def work() -> None:
        from annotator.storage import files

        try:
            conn = files.connect(db_path, readonly=True, immutable_fallback=False)
            try:
                rotate(conn, db_path)
            finally:
                conn.close()
        except Exception as exc:  # reported, never raised: a backup must not stop work
            if on_error is not None:
                on_error(f"{db_path}: the rolling backup could not be written ({exc})")

    thread = threading.Thread(target=work, name="annotator-backup", daemon=True)
    thread.start()
    return thread
