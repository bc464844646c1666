"""Whether an open SQLite file is an annotator database this version can read.

Kept apart from the store so that a reader that needs none of the store's queries
(``annotator list``) checks a file exactly as ``open_store`` does.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator import __version__
from annotator.core.errors import StorageError
from annotator.storage import files, versions


def check_ours(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse another application's database and one made by a newer annotator.

    Raises:
        StorageError: one line naming the file.
    """
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    if app_id != files.APPLICATION_ID:
        if not tables:
            # Every annotator database is built complete before it appears (see
            # annotator.storage.store._create), so an empty one was made by something else.
            raise StorageError(
                f"{path} is an empty SQLite database of another application (no tables); "
                "annotator will not change it"
            )
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise StorageError(
            f"{path} is a SQLite database of another application (tables: {shown}); "
            "annotator will not change it"
        )
    if versions.MIGRATIONS_TABLE in tables:
        unknown = set(versions.applied(conn)) - set(versions.MIGRATION_NAMES)
        if unknown:
            raise StorageError(
                f"{path} was made by a newer annotator (it has migrations "
                f"{', '.join(sorted(unknown))}): upgrade annotator"
            )
    if "metadata" in tables:
        row = conn.execute("SELECT value FROM metadata WHERE key = 'db_version'").fetchone()
        version = int(row[0]) if row and str(row[0]).isdigit() else 0
        if version > versions.LATEST_VERSION:
            raise StorageError(
                f"{path} was made by a newer annotator (database version {version}; this "
                f"version {__version__} reads up to {versions.LATEST_VERSION}): upgrade annotator"
            )
