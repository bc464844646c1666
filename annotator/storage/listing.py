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
from annotator.core.model import ArticleSummary
from annotator.storage import files
from annotator.storage.ours import check_ours
from annotator.storage.rows import title_for_display

# What a list shows of each article (``Store.summaries`` selects the same).
SUMMARY_COLUMNS = (
    "a.id, a.title, a.status, length(a.text) AS length, "
    "(SELECT count(*) FROM annotations n WHERE n.article_id = a.id) AS annotation_count"
)


def summaries(path: str | Path, status: str | None = None) -> list[ArticleSummary]:
    """Every article of the database at ``path`` (those with ``status`` only), by id.

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
        sql = f"SELECT {SUMMARY_COLUMNS} FROM articles a"
        params: list[Any] = []
        if status:
            sql += " WHERE a.status = ?"
            params.append(status)
        try:
            cursor = conn.execute(sql + " ORDER BY a.id", params)
            columns = [d[0] for d in cursor.description]
            rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise files.describe(exc, path) from None
    finally:
        conn.close()
    return [ArticleSummary(**(r | {"title": title_for_display(r["title"])})) for r in rows]
