"""`annotator restore DB BACKUP`: put a backup in place of a database, losing nothing.

The file being replaced is kept aside with its -wal and -shm files, renamed together
so that SQLite still pairs them: committed work that only the WAL holds is never
thrown away, and the kept file opens like any database. Registered on the `annotator`
group in annotator.cli. No Qt.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import click

from annotator.cli.common import UserError, user_errors
from annotator.core.errors import AnnotatorError, StorageError

SIDE_FILES = ("-wal", "-shm", "-journal")


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _check_backup(db: Path, backup: Path) -> int:
    """Refuse a backup that is not a healthy annotator database; its article count."""
    if backup.is_file() and db.exists() and backup.resolve() == db.resolve():
        raise AnnotatorError(f"{backup} is the database itself; name a backup of it")
    for suffix in SIDE_FILES:
        if backup.name.endswith(suffix):
            raise AnnotatorError(
                f"{backup} is the {suffix[1:]} file of a database, not a backup; name the "
                f"backup file itself"
            )
    return _articles(backup)


def _articles(path: Path) -> int:
    """Open a database read-only, as every command would, and count its articles."""
    from annotator.storage import open_store

    store = open_store(path, readonly=True)
    try:
        return store.count_articles()
    finally:
        store.close()


def keep_aside(db: Path, stamp: str) -> Path | None:
    """Rename DB and its side files to DB.replaced-STAMP (and -wal, -shm beside it).

    The WAL goes first: a WAL left beside a different main file would be read into it.

    Returns:
        The new name of the main file, or None when there was nothing to keep.
    """
    kept = db.with_name(f"{db.name}.replaced-{stamp}")
    present = [s for s in SIDE_FILES if _side(db, s).exists()]
    if not db.exists() and not present:
        return None
    for suffix in present:
        os.replace(_side(db, suffix), _side(kept, suffix))
    if db.exists():
        os.replace(db, kept)
    return kept


def place(backup: Path, db: Path) -> None:
    """Copy the backup to DB through a temporary file, so DB appears whole or not at all."""
    import secrets
    import shutil

    temp = db.with_name(f".{db.name}.{os.getpid()}.{secrets.token_hex(4)}.restoring")
    try:
        with backup.open("rb") as src, temp.open("xb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(temp, db)
    finally:
        temp.unlink(missing_ok=True)


@click.command()
@click.argument("db", type=click.Path(path_type=Path))
@click.argument("backup", type=click.Path(path_type=Path))
def restore(db: Path, backup: Path) -> None:
    """Replace DB with BACKUP (a rolling or migration backup, or any annotator database).

    Close every window on DB first. The current DB is kept, with its -wal and -shm
    files, as DB.replaced-TIMESTAMP: nothing it holds is deleted, and it opens like any
    database.
    """

    if db.is_dir():
        raise UserError(f"{db} is a folder, not a database file")
    if not db.parent.is_dir():
        raise UserError(f"{db}: the folder {db.parent} does not exist")
    with user_errors():
        articles = _check_backup(db, backup)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    try:
        kept = keep_aside(db, stamp)
        place(backup, db)
    except OSError as exc:
        raise UserError(f"{db} cannot be restored: {exc.strerror or exc}") from None
    with user_errors():
        try:
            _articles(db)
        except StorageError as exc:
            raise StorageError(f"the restored file cannot be read: {exc}") from None
    aside = f"; the replaced file is kept as {kept}" if kept else ""
    click.echo(f"Restored {db} from {backup} ({articles} articles){aside}")
