"""The store's handle on its connection: the part of sqlite-utils' ``Database`` that
the queries use, without importing sqlite-utils.

Importing sqlite-utils costs more than the rest of a short command (it loads its plugins
and numpy when installed), and opening an up-to-date database needs none of it. The
full ``Database`` is built on first use of anything else (``db["table"]``,
``db.table_names()``, migrations), on the same connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


class StoreDatabase:
    """One connection with sqlite-utils' ``execute``, ``atomic`` and ``close``.

    Args:
        conn: a connection in autocommit mode (``isolation_level=None``), as
            ``annotator.storage.files.connect`` makes them.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # What sqlite-utils' Database sets on every connection it wraps.
        conn.execute("PRAGMA recursive_triggers = ON")
        self._full: Database | None = None

    def execute(
        self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
    ) -> sqlite3.Cursor:
        """Run one statement; outside a transaction, a write is committed at once."""
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    @contextmanager
    def atomic(self) -> Iterator[StoreDatabase]:
        """One transaction, or a savepoint of the one already open (as sqlite-utils)."""
        conn = self.conn
        if not conn.in_transaction:
            conn.execute("BEGIN")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            try:
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return
        import secrets

        savepoint = f"annotator_{secrets.token_hex(8)}"
        conn.execute(f"SAVEPOINT {savepoint}")
        try:
            yield self
        except BaseException:
            # A trigger's RAISE(ROLLBACK) may have ended the whole transaction already.
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {savepoint}")

    def close(self) -> None:
        self.conn.close()

    def full(self) -> Database:
        """sqlite-utils' ``Database`` on this connection, built on first use."""
        if self._full is None:
            from sqlite_utils import Database

            self._full = Database(self.conn)
        return self._full

    def __getitem__(self, table: str) -> Any:
        return self.full()[table]

    def __getattr__(self, name: str) -> Any:
        # Only reached for what this class lacks: the rest of sqlite-utils' API.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.full(), name)
