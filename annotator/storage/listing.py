"""The list of articles of a database, read without the store's queries.

``annotator list`` is a short command: loading every query of the store (and what they
load) would cost it more than its reading. This opens the file read-only with the same
checks as ``open_store(path, readonly=True)`` and runs the same query as
``Store.summaries`` without a search; a search goes through the store.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from annotator.core.errors import StorageError
from annotator.storage import files
from annotator.storage.ours import check_ours

# What a list shows of each article, in the order of ``ArticleSummary``'s fields
# (``Store.summaries`` selects the same).
SUMMARY_COLUMNS = (
    "a.id, a.title, a.status, "
    "(SELECT count(*) FROM annotations n WHERE n.article_id = a.id) AS annotation_count, "
    "length(a.text) AS length"
)
# The index of every article's length, status and title (migration 0007_list_lengths): a
# list that reads the articles through it takes all it shows from the index instead of
# reading each row and counting the characters of its whole text. A database of an older
# version opened read-only has none.
LENGTHS_INDEX = "articles_length"


def articles_source(conn: sqlite3.Connection) -> str:
    """The ``FROM`` item naming the articles as ``a`` for a list's query: through the
    lengths index when the database has it."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ? AND tbl_name = 'articles'",
        [LENGTHS_INDEX],
    ).fetchone()
    return f"articles a INDEXED BY {LENGTHS_INDEX}" if found else "articles a"


def _title(value: Any) -> str:
    if isinstance(value, str):
        return value
    from annotator.storage.rows import title_for_display

    return title_for_display(value)


def summaries(path: str | Path, status: str | None = None) -> list[dict[str, Any]]:
    """Every article of the database at ``path`` (those with ``status`` only), by id:
    each as the ``__dict__`` of the ``ArticleSummary`` that ``Store.summaries`` gives
    (the records themselves are not built: a short command does not load them).

    Raises:
        StorageError: one line naming the file, as ``open_store`` gives it; the file is
            left untouched.
    """
    path = Path(path).expanduser()
    if not files.inspect_file(path):
        raise StorageError(f"{path} does not exist")
    conn = files.connect(path, readonly=True)
    try:
        files.verify(conn, path, path.stat().st_size)
        check_ours(conn, path)
        params: list[Any] = []
        try:
            sql = f"SELECT {SUMMARY_COLUMNS} FROM {articles_source(conn)}"
            if status:
                sql += " WHERE a.status = ?"
                params.append(status)
            cursor = conn.execute(sql + " ORDER BY a.id", params)
            columns = [d[0] for d in cursor.description]
            rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise files.describe(exc, path) from None
    finally:
        conn.close()
    for row in rows:
        row["title"] = _title(row["title"])
    return rows
