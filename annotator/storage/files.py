"""Opening a database file safely: refuse what is not ours before anything is written.

Every check here reads only. A file that is empty, not SQLite, truncated, damaged,
another application's, from a newer annotator, read-only, or a folder gets one clear
line naming the file, and its bytes stay exactly as they were.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import threading
import weakref
from pathlib import Path
from urllib.parse import quote

from annotator.core.errors import StorageError

SQLITE_MAGIC = b"SQLite format 3\x00"
# PRAGMA application_id of every annotator database: "ANNT".
APPLICATION_ID = 0x414E4E54
BUSY_TIMEOUT_MS = 10_000
# A full integrity check reads the whole file; small files get one on every open.
QUICK_CHECK_LIMIT = 64 * 1024 * 1024


class _Connection(sqlite3.Connection):
    """A connection of this process to a database file (weakly referenced below)."""


# Connections this process holds, by the file's (device, inode). SQLite keeps POSIX
# locks on an open database, and closing *any* descriptor of that file in this process
# drops them all. Another process may then checkpoint and delete the WAL under our open
# connection, whose later commits go to a deleted file: unseen by others, and lost if
# this process is killed. So a file this process already holds is never opened again
# outside SQLite; its header was checked when it was first opened.
_held: dict[tuple[int, int], weakref.WeakSet[_Connection]] = {}
_held_lock = threading.Lock()


def _key(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _hold(conn: sqlite3.Connection, path: Path) -> None:
    key = _key(path)
    if key is not None and isinstance(conn, _Connection):
        with _held_lock:
            for gone in [k for k, conns in _held.items() if not conns]:
                del _held[gone]
            _held.setdefault(key, weakref.WeakSet()).add(conn)


def held(path: Path) -> bool:
    """Whether this process has the file open through SQLite right now."""
    key = _key(path)
    with _held_lock:
        conns = list(_held.get(key, ())) if key is not None else []
    for conn in conns:
        try:
            conn.in_transaction  # noqa: B018 - raises once the connection is closed
        except sqlite3.ProgrammingError:
            continue
        return True
    return False


def inspect_file(path: Path) -> bool:
    """Check a path before it is opened.

    Returns:
        True when the file exists (and looks like an intact SQLite file), False when
        there is no file yet.

    Raises:
        StorageError: the path is a folder, an empty file, not SQLite, or truncated.
    """
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file")
    if not path.exists():
        if not path.parent.is_dir():
            raise StorageError(f"{path}: the folder {path.parent} does not exist")
        return False
    if not path.is_file():
        raise StorageError(f"{path} is not a regular file")
    if held(path):
        # Reading the header would drop this process's locks on it (see _held).
        return True
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(100)
    except PermissionError:
        raise StorageError(f"{path} cannot be read: permission denied") from None
    except OSError as exc:
        raise StorageError(f"{path} cannot be read: {exc.strerror}") from None
    if size == 0:
        raise StorageError(f"{path} is an empty file, not an annotator database")
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        raise StorageError(f"{path} is not a SQLite database (annotator databases are)")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise StorageError(f"{path} is damaged: its header gives an impossible page size")
    change_counter, page_count = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    if wal_pending(path):
        # Committed pages still in the WAL (a checkpoint cut short by a full disk or a
        # kill) may be all the main file lacks: only SQLite can tell, with the WAL.
        return True
    if size % page_size:
        raise StorageError(
            f"{path} is truncated or damaged: {size} bytes is not a whole number of "
            f"{page_size}-byte pages"
        )
    if valid_for == change_counter and page_count and size < page_count * page_size:
        raise StorageError(
            f"{path} is truncated: its header counts {page_count} pages, the file holds "
            f"{size // page_size}"
        )
    return True


def wal_pending(path: Path) -> bool:
    """Whether a non-empty -wal file lies beside the database: committed work may be in it."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def connect(path: Path, readonly: bool, immutable_fallback: bool = True) -> sqlite3.Connection:
    """Open a connection with the settings every annotator connection uses.

    Args:
        immutable_fallback: when a read-only open fails (a WAL database in a folder
            nobody can write), read the file as immutable. A reader that must see a
            consistent snapshot while others may write (the backup) passes False.
    """
    try:
        if readonly:
            conn = _connect_readonly(path, immutable_fallback)
        else:
            conn = sqlite3.connect(
                str(path),
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                factory=_Connection,
            )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Reading the catalogue is what first touches the pages: damage shows here.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _hold(conn, path)
    except sqlite3.DatabaseError as exc:
        raise describe(exc, path) from None
    return conn


def _connect_readonly(path: Path, immutable_fallback: bool = True) -> sqlite3.Connection:
    resolved = quote(str(path.resolve()))
    if writable(path):
        # A read-write connection that never writes: as the last one to close, it
        # removes the -wal and -shm files SQLite made for it, which a read-only
        # connection would leave behind (in a shared folder they lock the owner out).
        conn = sqlite3.connect(
            f"file:{resolved}?mode=rw", uri=True, isolation_level=None, factory=_Connection
        )
        conn.execute("PRAGMA query_only = ON")
        return conn
    uri = f"file:{resolved}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, factory=_Connection)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        if not immutable_fallback:
            raise
        if wal_pending(path):
            # Immutable mode ignores the WAL: it would show the file without its
            # latest committed changes, as if they had never been made.
            raise StorageError(
                f"{path} has committed changes in {path.name}-wal that cannot be read in a "
                "folder annotator cannot write; copy the database together with its -wal "
                "file to a writable folder and open the copy"
            ) from None
        # A WAL database in a folder we cannot write: SQLite cannot make its -shm file.
        # Nobody can write there either, so reading it as immutable is safe.
        return sqlite3.connect(
            uri + "&immutable=1", uri=True, isolation_level=None, factory=_Connection
        )


def verify(conn: sqlite3.Connection, path: Path, size: int) -> None:
    """Deep check of a small file: catches damage inside pages."""
    if size > QUICK_CHECK_LIMIT:
        return
    try:
        result = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise describe(exc, path) from None
    if result != "ok":
        raise StorageError(f"{path} is damaged: SQLite's check says {result!r}")


def writable(path: Path) -> bool:
    """Whether the file and its folder can be written (WAL needs the -wal and -shm files)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def describe(exc: sqlite3.Error, path: Path) -> StorageError:
    """Turn a SQLite error into one line that names the file and says what to do."""
    message = str(exc).lower()
    if "locked" in message or "busy" in message:
        return StorageError(
            f"{path} is locked by another program that is writing to it; try again when it is done"
        )
    if "full" in message:
        return StorageError(f"{path}: the disk is full; the last change was not saved")
    if "readonly" in message or "read-only" in message:
        return StorageError(f"{path} is read-only; changes cannot be saved")
    if "not a database" in message or "file is encrypted" in message:
        return StorageError(f"{path} is not a SQLite database (annotator databases are)")
    if "malformed" in message or "corrupt" in message:
        return StorageError(
            f"{path} is damaged ({exc}); restore it from a backup with "
            f"`annotator restore {path} BACKUP` (see {path.name}.backups/)"
        )
    if "unable to open" in message:
        return StorageError(f"{path} cannot be opened: check that it exists and can be read")
    return StorageError(f"{path}: {exc}")
