"""The base of the store: connection, transactions, metadata and the schema copy."""

from __future__ import annotations

import functools
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Self, TypeVar

from annotator import __version__
from annotator.core.errors import AnnotatorError, StorageError
from annotator.core.model import (
    now_iso,
)
from annotator.paths import default_schema_path
from annotator.storage import files, versions
from annotator.storage.connection import StoreDatabase
from annotator.storage.versions import LATEST_VERSION

if TYPE_CHECKING:
    # Loaded when a schema is first read: listing articles needs none.
    from annotator.core.schema import Schema

# How often a writer waiting for the write lock tries again (SQLite's own busy handler
# sleeps up to 100 ms between tries, and so misses the short pauses a long merge or
# import leaves between its chunks; see annotator.storage.chunks).
_RETRY_SECONDS = 0.002


def _begin_immediate(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, waiting for the write lock up to the connection's busy timeout."""
    timeout_ms = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or time.monotonic() >= deadline:
                    raise
            time.sleep(_RETRY_SECONDS)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {timeout_ms}")


_P = ParamSpec("_P")
_R = TypeVar("_R")


def one_snapshot(fn: Callable[Concatenate[Any, _P], _R]) -> Callable[Concatenate[Any, _P], _R]:
    """Run ``fn(store, ...)`` inside ``store.snapshot()``: all its reads see one state."""

    @functools.wraps(fn)
    def wrapper(store: Any, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with store.snapshot():
            return fn(store, *args, **kwargs)

    return wrapper


class StoreBase:
    """One open database: its connection, transactions, metadata and schema.

    The queries live in mixins (articles, annotations, reports) built on this.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self.db = StoreDatabase(conn)
        self._schema: Schema | None = None
        self._texts: OrderedDict[int, str] = OrderedDict()
        # The digest of each kept text's row when it was read (see ``article``).
        self._digests: dict[int, Any] = {}
        self._list_source: str | None = None
        # Articles whose rows were found sound, with the state of the database then
        # (see ``any_damaged``).
        self._sound: dict[int, int] = {}
        # Problems met on opening that did not stop it (a backup that failed).
        self.warnings: list[str] = []

    # ----------------------------------------------------------------- lifecycle

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _prepare(self, schema: Schema | None, new: bool = False) -> None:
        conn = self.db.conn
        try:
            # Every annotator database is made in WAL mode, which the file remembers;
            # switching mode needs an exclusive lock, so it is done only on creation.
            if new or conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            # FULL: a commit is on disk before the call returns, even across a power cut.
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            raise files.describe(exc, self.path) from None
        known = versions.MIGRATION_NAMES
        applied = set(versions.applied(conn))
        if applied - set(known):
            raise StorageError(
                f"{self.path} was made by a newer annotator (it has migrations "
                f"{', '.join(sorted(applied - set(known)))}): upgrade annotator"
            )
        if applied and len(applied) < len(known):
            self._backup_before_migration(len(applied))
        with self.transaction():
            fresh = not applied
            if set(known) - applied:
                # sqlite-utils is imported here only: an up-to-date database needs none.
                from annotator.storage.migrations import migrations

                migrations.apply(self.db.full())
            schema_rows = self.db.execute("SELECT count(*) FROM schema").fetchone()[0]
            if fresh and not schema_rows:
                self.db.execute(f"PRAGMA application_id = {files.APPLICATION_ID}")
                from annotator.core import schema as schema_module

                chosen = schema or schema_module.load(default_schema_path())
                self._write_schema(chosen)
                self._set_meta("created", now_iso())
                self._set_meta("app", "annotator")
            # Written only when they change: an open that changes nothing writes
            # nothing, so the rolling backup can tell the file is as it was.
            for key, value in (
                ("db_version", str(LATEST_VERSION)),
                ("annotator_version", __version__),
            ):
                if self.meta(key) != value:
                    self._set_meta(key, value)

    def _backup_before_migration(self, from_version: int) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.v{from_version}-{stamp}.bak")
        self.backup_to(target)
        return target

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the database, made with SQLite's backup API."""
        dest = sqlite3.connect(str(target))
        try:
            self.db.conn.backup(dest)
        except sqlite3.Error as exc:
            raise files.describe(exc, target) from None
        finally:
            dest.close()

    # -------------------------------------------------------------- transactions

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic change, committed when the block ends. Nested calls become
        savepoints of the outer one (sqlite-utils' ``db.atomic()``).

        The outer transaction starts with BEGIN IMMEDIATE rather than atomic()'s plain
        BEGIN: it takes the write lock up front, so that a second process waits for it
        (busy timeout) instead of failing half-way when a read turns into a write.
        """
        if self.readonly:
            raise StorageError(f"{self.path} is open read-only; changes cannot be saved")
        conn = self.db.conn
        try:
            if conn.in_transaction:
                with self.db.atomic():
                    yield
                return
            _begin_immediate(conn)
            try:
                yield
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            self._texts.clear()
            self._digests.clear()
            raise files.describe(exc, self.path) from None
        except BaseException:
            # A rolled-back article may be cached, and its id is given to the next one.
            self._texts.clear()
            self._digests.clear()
            raise

    def chunked(self) -> AbstractContextManager[Callable[[], None]]:
        """A long write that commits at its caller's boundaries (see storage.chunks)."""
        from annotator.storage.chunks import chunked

        return chunked(self)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read everything inside the block from one state of the database.

        One read transaction: commits that other programs make meanwhile are not seen,
        so a reader never meets a relation whose annotation it did not read, or half of
        a merge. Writers go on (WAL); only a checkpoint waits for the block to end.
        Inside a transaction already, the block simply belongs to it.
        """
        conn = self.db.conn
        if conn.in_transaction:
            yield
            return
        try:
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            raise files.describe(exc, self.path) from None
        try:
            yield
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")

    def _read(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        try:
            cursor = self.db.conn.execute(sql, params)
            columns = [d[0] for d in cursor.description]
            return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise files.describe(exc, self.path) from None

    # ------------------------------------------------------------ metadata/schema

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO metadata (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def meta(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM metadata WHERE key = ?", [key])
        return rows[0]["value"] if rows else None

    def _write_schema(self, schema: Schema) -> None:
        self.db.execute(
            "INSERT INTO schema (id, name, toml, updated) VALUES (1, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, toml = excluded.toml, "
            "updated = excluded.updated",
            [schema.name, schema.to_toml(), now_iso()],
        )
        self._schema = schema

    @property
    def schema(self) -> Schema:
        """The schema this database was annotated with (its own copy)."""
        if self._schema is None:
            rows = self._read("SELECT toml FROM schema WHERE id = 1")
            if not rows:
                raise StorageError(f"{self.path} has no schema; it is not a complete database")
            from annotator.core import schema as schema_module

            self._schema = schema_module.loads(rows[0]["toml"], f"{self.path} (schema table)")
        return self._schema

    def set_schema(self, schema: Schema) -> None:
        """Replace the schema; refused while annotations use labels it lacks."""
        used = {r["label"] for r in self._read("SELECT DISTINCT label FROM annotations")}
        missing = used - set(schema.labels)
        if missing:
            raise AnnotatorError(
                f"the new schema lacks labels in use: {', '.join(sorted(missing))}"
            )
        with self.transaction():
            self._write_schema(schema)
