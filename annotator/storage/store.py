"""The annotator database: one SQLite file that holds articles, annotations, relations,
the schema it was annotated with, and metadata.

Every change is one transaction, committed before the call returns: a second
connection sees it at once, and a crash after the return loses nothing.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.errors import ReadOnlyError, StorageError
from annotator.storage import files
from annotator.storage.adjudication import AdjudicationQueries
from annotator.storage.annotations import AnnotationQueries
from annotator.storage.articles import ArticleQueries, search_match
from annotator.storage.assignments import AssignmentQueries
from annotator.storage.base import StoreBase
from annotator.storage.bulk import BulkQueries
from annotator.storage.ours import check_ours
from annotator.storage.reports import AnnotatedArticle, ReportQueries
from annotator.storage.suggestions import SuggestionQueries

if TYPE_CHECKING:
    from annotator.core.schema import Schema

__all__ = ["AnnotatedArticle", "Store", "StoreBase", "open_store", "search_match"]


def open_store(
    path: str | Path,
    *,
    create: bool = True,
    readonly: bool = False,
    schema: Schema | None = None,
    backup: bool = True,
) -> Store:
    """Open (or create) an annotator database.

    Args:
        path: the database file.
        create: make a new database when there is no file.
        readonly: open for reading only; nothing is ever written.
        schema: the schema of a new database (the default schema when None).
        backup: keep a rolling backup copy (see ``annotator.storage.backups``) when an
            existing database is opened for writing.

    Raises:
        StorageError: one line naming the file; the file is left untouched.
    """
    path = Path(path).expanduser()
    exists = files.inspect_file(path)
    if not exists:
        if readonly or not create:
            raise StorageError(f"{path} does not exist")
        _refuse_side_file_name(path)
        _create(path, schema)
        backup = False
    elif not readonly and not files.writable(path):
        raise ReadOnlyError(
            f"{path} is read-only (or its folder is): annotator needs to write beside it; "
            "copy it somewhere writable, or open it read-only"
        )
    # Before connecting, which makes a fresh -wal file: the rolling backup compares it.
    state = None
    if exists and backup and not readonly:
        # Imported only here: a reader (annotator list) never backs up.
        from annotator.storage import backups

        state = backups.file_state(path)
    conn = files.connect(path, readonly)
    try:
        files.verify(conn, path, path.stat().st_size)
        check_ours(conn, path)
        store = Store(path, conn, readonly=readonly)
        if not readonly:
            if backup:
                store.warnings.extend(_back_up(conn, path, state))
            store._prepare(schema)
        return store
    except BaseException:
        conn.close()
        raise


def _back_up(conn: sqlite3.Connection, path: Path, state: Any) -> list[str]:
    """The rolling backup of a database about to be written; its failure is a warning.

    A large file is copied by a helper process from a snapshot taken before anything is
    written, so that a short command does not wait for the whole copy.
    """
    from annotator.storage import backups

    try:
        if not backups.due(path, state=state):
            return []
        if path.stat().st_size > backups.HELPER_OVER:
            backups.start_helper(path, state)
        else:
            backups.rotate(conn, path, state=state)
    except (OSError, sqlite3.Error) as exc:
        return [
            f"{path}: the rolling backup could not be written ({exc}); the work goes on "
            "without it (free some space or check the permissions of "
            f"{backups.backup_folder(path).name})"
        ]
    return []


def _create(path: Path, schema: Schema | None) -> None:
    """Make a new database so that no other process ever sees it half made.

    It is built complete under a temporary name beside its final place, then linked
    into place, which fails if another process created the file first; that file is
    then simply used.
    """
    import secrets

    _clear_abandoned_creations(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.creating")
    try:
        conn = files.connect(temp, readonly=False)
        try:
            Store(temp, conn)._prepare(schema, new=True)
        finally:
            conn.close()
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
        except OSError:
            # A file system without hard links: a rename, unless somebody was first.
            if not path.exists():
                os.replace(temp, path)
    except StorageError as exc:
        raise StorageError(str(exc).replace(str(temp), str(path))) from None
    except OSError as exc:
        raise StorageError(f"{path} cannot be created: {exc.strerror}") from None
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm"), Path(f"{temp}-journal")):
            leftover.unlink(missing_ok=True)


def _refuse_side_file_name(path: Path) -> None:
    """A new database must not be named like another database's -wal, -shm or -journal:
    SQLite would take it for that file, and delete or rewrite it."""
    for suffix in ("-wal", "-shm", "-journal"):
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            owner = path.name.removesuffix(suffix)
            raise StorageError(
                f"{path}: SQLite keeps the {suffix[1:]} file of {owner} under this name and "
                f"would delete a database made here; choose a name that does not end in {suffix}"
            )


def _clear_abandoned_creations(path: Path) -> None:
    """Remove half-built databases (and their side files) of processes that died."""
    import glob

    from annotator.storage import backups

    for temp in path.parent.glob(f".{glob.escape(path.name)}.*.creating*"):
        parts = temp.name[len(path.name) + 2 :].split(".")
        if not parts[0].isdigit() or backups.process_alive(int(parts[0])):
            continue
        temp.unlink(missing_ok=True)


class Store(
    SuggestionQueries,
    ArticleQueries,
    AnnotationQueries,
    ReportQueries,
    AdjudicationQueries,
    AssignmentQueries,
    BulkQueries,
):
    """Queries and changes over one open database."""
