"""Rolling backups: a consistent copy of the database each time it is opened for writing.

Copies are made with SQLite's backup API (safe while other connections write) into a
folder beside the database, NAME.db.backups/, and only the newest few are kept. No copy
is made when the newest one is younger than BACKUP_INTERVAL (so that many short
command-line runs do not push every older copy out), nor when the database has not
changed since the newest copy was taken.

Several processes may back up one database at once: each writes its own partial file
(named after its host and process) and renames it into place when it is whole; only
partial files whose writer is gone are removed. A failed backup is a warning, never a
reason to refuse work.

This module imports nothing but the standard library at the top, so that it also runs
as a small script (``python backups.py DB``): the helper process that copies a large
database while a short command goes on (see ``start_helper``).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import subprocess

KEEP = 5
BACKUP_INTERVAL = timedelta(minutes=10)
# A partial copy untouched this long is left over even if its writer's host is another.
STALE_AFTER = timedelta(hours=1)
# Above this size a command-line write does not wait for the copy (see start_helper).
HELPER_OVER = 64 * 1024 * 1024
# A file time this close to now may still be shared by a later write (coarse clocks).
_SETTLED_NS = 2_000_000_000
_STAMP = "%Y%m%dT%H%M%S%fZ"
_STAMP_FORM = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{1,6})Z", re.ASCII)
_STATE = "state.json"
SNAPSHOT_LINE = "snapshot"


def backup_folder(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.name}.backups")


def backups(db_path: Path) -> list[Path]:
    """The rolling backups of a database, oldest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.db"))


def file_state(db_path: Path) -> list[Any] | None:
    """What the database and its WAL look like on disk, or None when it cannot be trusted.

    Every commit writes the WAL (or, without one, the file), which moves its modification
    time to the current time. A state whose times are a few seconds old therefore
    changes with the next write, even on a file system with coarse times; a state with
    fresher times is not trusted (None), and the next backup is made regardless.
    """
    now = time.time_ns()
    state: list[Any] = []
    for path in (db_path, Path(f"{db_path}-wal")):
        try:
            st = path.stat()
        except FileNotFoundError:
            state.append(None)
            continue
        except OSError:
            return None
        if now - st.st_mtime_ns < _SETTLED_NS:
            return None
        state.append([st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns])
    return state


def due(db_path: Path, now: datetime | None = None, state: Any = "now") -> bool:
    """Whether opening the database for writing should make a new backup.

    Args:
        state: the file's state (``file_state``) before this process opened it, when
            that is known; by default, its state now.
    """
    now = now or datetime.now(UTC)
    existing = backups(db_path)
    if not existing:
        return True
    newest = _taken(existing[-1], db_path)
    if newest is not None and abs(now - newest) < BACKUP_INTERVAL:
        return False
    recorded = _recorded_state(db_path)
    current = file_state(db_path) if state == "now" else state
    return not (current is not None and recorded == {"backup": existing[-1].name, "state": current})


def rotate(
    conn: sqlite3.Connection, db_path: Path, now: datetime | None = None, state: Any = "now"
) -> Path | None:
    """Write a new backup unless one is not due (see ``due``); keep the newest KEEP.

    The copy holds what ``conn`` sees: its open read transaction, if it has one.

    Args:
        state: the file's state before ``conn`` was opened (opening makes a fresh
            -wal file), when the caller took it; by default, its state now.

    Returns:
        The new backup's path, or None when no backup was due.
    """
    now = now or datetime.now(UTC)
    state = file_state(db_path) if state == "now" else state
    if not due(db_path, now, state):
        return None
    folder = backup_folder(db_path)
    folder.mkdir(exist_ok=True)
    remove_stale_partials(folder)
    import secrets

    target = folder / f"{db_path.stem}-{now.strftime(_STAMP)}.db"
    partial = folder / (f"{target.stem}.{_host()}.{os.getpid()}.{secrets.token_hex(4)}.partial")
    try:
        dest = sqlite3.connect(str(partial))
        try:
            conn.backup(dest)
        finally:
            dest.close()
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _record_state(db_path, target, state)
    for old in backups(db_path)[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


def remove_stale_partials(folder: Path) -> None:
    """Remove partial copies whose writer is gone (killed, or its disk was full)."""
    for partial in folder.glob("*.partial"):
        parts = partial.name.split(".")
        owner_gone = False
        if len(parts) >= 5 and parts[-4] == _host() and parts[-3].isdigit():
            owner_gone = not process_alive(int(parts[-3]))
        try:
            old = time.time() - partial.stat().st_mtime > STALE_AFTER.total_seconds()
        except OSError:
            continue
        if owner_gone or old or len(parts) < 5:
            partial.unlink(missing_ok=True)


def _host() -> str:
    import socket

    return "".join(c for c in socket.gethostname() if c.isalnum() or c == "-") or "host"


def process_alive(pid: int) -> bool:
    """Whether a process of this machine with this id is running (this one is)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _recorded_state(db_path: Path) -> Any:
    try:
        return json.loads((backup_folder(db_path) / _STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _record_state(db_path: Path, backup: Path, state: list[Any] | None) -> None:
    folder = backup_folder(db_path)
    import secrets

    temp = folder / f".{_STATE}.{os.getpid()}.{secrets.token_hex(4)}"
    try:
        temp.write_text(json.dumps({"backup": backup.name, "state": state}), encoding="utf-8")
        temp.replace(folder / _STATE)
    except OSError:
        temp.unlink(missing_ok=True)


def _taken(backup: Path, db_path: Path) -> datetime | None:
    """When a backup was taken, from its name (file times change when files are copied).

    Read by a pattern of the ``_STAMP`` form, not ``strptime``: the window's backup
    thread asks this while the window starts, and ``strptime`` would import its
    locale and calendar machinery (about 15 ms) in the middle of the start.
    """
    found = _STAMP_FORM.fullmatch(backup.stem.removeprefix(f"{db_path.stem}-"))
    if found is None:
        return None
    try:
        year, month, day, hour, minute, second = (int(found[n]) for n in range(1, 7))
        micro = int(found[7].ljust(6, "0"))
        return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)
    except ValueError:
        return None


def rotate_in_background(
    db_path: Path, on_error: Callable[[str], None] | None = None
) -> threading.Thread:
    """Make the rolling backup on a thread of its own, with its own read connection.

    A large database takes seconds to copy; the window starts at once instead of
    waiting. WAL lets the copy read a consistent snapshot while the annotator writes.
    A copy cut short by the program closing is left as a .partial file and removed by
    a later backup; the newest complete copies are never touched until a new one is
    whole.
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


def start_helper(db_path: Path, state: Any, wait: float = 10.0) -> None:
    """Copy a large database in a process of its own, from a snapshot taken now.

    Returns once the helper holds its read snapshot (the database as it is before the
    caller writes), not when the copy is done: the caller's command goes on and may
    exit while the helper copies.

    Raises:
        OSError: the helper could not start, or did not take its snapshot in time.
    """
    import subprocess

    proc = subprocess.Popen(
        [sys.executable, "-I", __file__, str(db_path), json.dumps(state)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    # Kept until this process exits: the helper outlives the command that started it.
    _helpers.append(proc)
    stdout = proc.stdout
    assert stdout is not None
    ready: list[str] = []
    reader = threading.Thread(target=lambda: ready.append(stdout.readline()), daemon=True)
    reader.start()
    reader.join(wait)
    if not ready or ready[0].strip() != SNAPSHOT_LINE:
        proc.kill()
        raise OSError("the backup helper did not take its snapshot")
    stdout.close()


_helpers: list[subprocess.Popen[str]] = []


def _helper_main(db: str, state: Any) -> int:
    """The helper process: take a snapshot, say so, then copy it."""
    from urllib.parse import quote

    db_path = Path(db)
    conn = sqlite3.connect(
        f"file:{quote(str(db_path.resolve()))}?mode=rw", uri=True, isolation_level=None
    )
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        print(SNAPSHOT_LINE, flush=True)
        sys.stdout.close()
        rotate(conn, db_path, state=state)
    except (OSError, sqlite3.Error):
        return 1
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(_helper_main(sys.argv[1], json.loads(sys.argv[2])))
