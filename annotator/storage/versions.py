"""Which database versions this annotator knows, read without the migration machinery.

Opening an up-to-date database only needs to compare the names of the migrations it has
applied with these, which plain ``sqlite3`` can do; ``annotator.storage.migrations``
(and sqlite-utils with it) is imported only when a migration is due. A test checks that
this list and the registered migrations agree.
"""

from __future__ import annotations

import sqlite3

MIGRATION_SET = "annotator"
MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_NAMES = (
    "0001_initial",
    "0002_adjudication",
    "0003_no_id_reuse",
    "0004_search_index_no_copy",
    "0005_suggestions",
    "0006_assignments",
    "0007_list_lengths",
)
LATEST_VERSION = len(MIGRATION_NAMES)


def applied(conn: sqlite3.Connection) -> list[str]:
    """The names of the migrations applied to a database, oldest first (read only)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if exists is None:
        return []
    return [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET],
        )
    ]
