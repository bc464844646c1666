"""The annotator database: one SQLite file that holds articles, annotations, relations,
the schema it was annotated with, and metadata.

Every change is one transaction, committed before the call returns: a second
connection sees it at once, and a crash after the return loses nothing.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from annotator import __version__
from annotator.core import schema as schema_module
from annotator.core.errors import AnnotatorError, InvariantError, StorageError
from annotator.core.model import (
    STATUSES,
    Annotation,
    Article,
    ArticleSummary,
    NewArticle,
    Relation,
    check_span,
    now_iso,
)
from annotator.core.normalize import search_index_form
from annotator.core.schema import Schema
from annotator.core.text import sha256_hex
from annotator.paths import default_schema_path
from annotator.storage import backups, files
from annotator.storage.migrations import LATEST_VERSION, migrations, names

_TEXT_CACHE_SIZE = 16
# A query word as the 'ascii' tokenizer cuts it: runs of letters and digits.
_QUERY_WORD = re.compile(r"[^\W_]+")
# Articles read per query by ``annotated_articles``: few enough to keep memory flat on a
# large corpus, many enough that per-query overhead does not show.
BULK_BATCH = 200


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article with its annotations (in reading order) and the relations between them."""

    article: Article
    annotations: list[Annotation]
    relations: list[Relation]


def search_match(query: str) -> str | None:
    """The FTS5 query for a user's words: every word, as a prefix, in the search form.

    None when the query holds no word at all (only punctuation or diacritics).
    """
    words = _QUERY_WORD.findall(search_index_form(query))
    return " ".join(f'"{w}"*' for w in words) if words else None


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
        _create(path, schema)
        backup = False
    elif not readonly and not files.writable(path):
        raise StorageError(
            f"{path} is read-only (or its folder is): annotator needs to write beside it; "
            "copy it somewhere writable, or open it read-only"
        )
    conn = files.connect(path, readonly)
    try:
        files.verify(conn, path, path.stat().st_size)
        _check_ours(conn, path)
        store = Store(path, conn, readonly=readonly)
        if not readonly:
            if backup:
                try:
                    backups.rotate(conn, path)
                except (OSError, sqlite3.Error) as exc:
                    raise StorageError(
                        f"{path}: cannot write the rolling backup beside it ({exc}); "
                        "free some space or check the folder's permissions"
                    ) from None
            store._prepare(schema)
        return store
    except BaseException:
        conn.close()
        raise


def _create(path: Path, schema: Schema | None) -> None:
    """Make a new database so that no other process ever sees it half made.

    It is built complete under a temporary name beside its final place, then linked
    into place, which fails if another process created the file first; that file is
    then simply used.
    """
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


def _check_ours(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    if app_id != files.APPLICATION_ID:
        if not tables:
            return
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise StorageError(
            f"{path} is a SQLite database of another application (tables: {shown}); "
            "annotator will not change it"
        )
    if "metadata" in tables:
        row = conn.execute("SELECT value FROM metadata WHERE key = 'db_version'").fetchone()
        version = int(row[0]) if row and str(row[0]).isdigit() else 0
        if version > LATEST_VERSION:
            raise StorageError(
                f"{path} was made by a newer annotator (database version {version}; this "
                f"version {__version__} reads up to {LATEST_VERSION}): upgrade annotator"
            )


class Store:
    """Queries and changes over one open database."""

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self.db = Database(conn)
        self._schema: Schema | None = None
        self._texts: OrderedDict[int, str] = OrderedDict()

    # ----------------------------------------------------------------- lifecycle

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
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
        known = names()
        applied = {m.name for m in migrations.applied(self.db)}
        if applied - set(known):
            raise StorageError(
                f"{self.path} was made by a newer annotator (it has migrations "
                f"{', '.join(sorted(applied - set(known)))}): upgrade annotator"
            )
        if applied and len(applied) < len(known):
            self._backup_before_migration(len(applied))
        with self.transaction():
            fresh = not applied
            migrations.apply(self.db)
            if fresh and not self.db["schema"].count:
                self.db.execute(f"PRAGMA application_id = {files.APPLICATION_ID}")
                chosen = schema or schema_module.load(default_schema_path())
                self._write_schema(chosen)
                self._set_meta("created", now_iso())
                self._set_meta("app", "annotator")
            self._set_meta("db_version", str(LATEST_VERSION))
            self._set_meta("annotator_version", __version__)

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
        """One atomic change. Nested calls become savepoints of the outer one.

        The outer transaction starts with BEGIN IMMEDIATE, so that a second process
        waits for the write lock (busy timeout) instead of failing half-way.
        """
        if self.readonly:
            raise StorageError(f"{self.path} is open read-only; changes cannot be saved")
        conn = self.db.conn
        try:
            if conn.in_transaction:
                with self.db.atomic():
                    yield
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                with self.db.atomic():
                    yield
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise files.describe(exc, self.path) from None

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

    # ------------------------------------------------------------------ articles

    def article_text(self, article_id: int) -> str:
        """The canonical text of an article (cached: texts never change)."""
        text = self._texts.get(article_id)
        if text is None:
            rows = self._read("SELECT text FROM articles WHERE id = ?", [article_id])
            if not rows:
                raise AnnotatorError(f"there is no article {article_id} in {self.path}")
            text = rows[0]["text"]
            self._texts[article_id] = text
            if len(self._texts) > _TEXT_CACHE_SIZE:
                self._texts.popitem(last=False)
        else:
            self._texts.move_to_end(article_id)
        return text

    def article(self, article_id: int) -> Article:
        rows = self._read("SELECT * FROM articles WHERE id = ?", [article_id])
        if not rows:
            raise AnnotatorError(f"there is no article {article_id} in {self.path}")
        return _article(rows[0])

    def find_article_by_sha(self, text_sha256: str) -> int | None:
        rows = self._read("SELECT id FROM articles WHERE text_sha256 = ?", [text_sha256])
        return rows[0]["id"] if rows else None

    def add_article(self, article: NewArticle) -> tuple[int, bool]:
        """Store an article whose text is already canonical.

        Returns:
            (article id, True) when stored, or (id of the existing article, False) when
            the same text is already in the database.
        """
        return self.add_articles([article])[0]

    def add_articles(self, articles: list[NewArticle]) -> list[tuple[int, bool]]:
        """Store several articles in one transaction; each is one row, so each is atomic.

        Returns:
            For each article, (id, True) when stored or (existing id, False) for a text
            already in the database or earlier in the list.
        """
        for article in articles:
            if article.status not in STATUSES:
                raise AnnotatorError(f"unknown status {article.status!r}")
        digests = [sha256_hex(a.text) for a in articles]
        stamp = now_iso()
        results: list[tuple[int, bool]] = []
        with self.transaction():
            known = self._ids_by_sha(digests)
            next_id = (self._read("SELECT max(id) AS m FROM articles")[0]["m"] or 0) + 1
            rows, index_rows = [], []
            for article, digest in zip(articles, digests, strict=True):
                if digest in known:
                    results.append((known[digest], False))
                    continue
                known[digest] = next_id
                results.append((next_id, True))
                rows.append(
                    (
                        next_id,
                        article.title,
                        article.text,
                        article.status,
                        article.source,
                        article.url,
                        article.published,
                        json.dumps(article.meta, ensure_ascii=False),
                        digest,
                        stamp,
                    )
                )
                index_rows.append(
                    (next_id, search_index_form(article.title), search_index_form(article.text))
                )
                next_id += 1
            self.db.conn.executemany(
                "INSERT INTO articles (id, title, text, status, source, url, published, meta, "
                "text_sha256, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            self.db.conn.executemany(
                "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", index_rows
            )
        return results

    def _ids_by_sha(self, digests: list[str]) -> dict[str, int]:
        rows = self._read(
            "SELECT text_sha256, id FROM articles WHERE text_sha256 IN "
            "(SELECT value FROM json_each(?))",
            [json.dumps(digests)],
        )
        return {r["text_sha256"]: r["id"] for r in rows}

    def article_ids(self, status: str | None = None) -> list[int]:
        if status:
            rows = self._read("SELECT id FROM articles WHERE status = ? ORDER BY id", [status])
        else:
            rows = self._read("SELECT id FROM articles ORDER BY id")
        return [r["id"] for r in rows]

    def summaries(
        self,
        status: str | None = None,
        query: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[ArticleSummary]:
        """Articles for a list: id, title, status, annotation count and length.

        Args:
            status: only articles with this status.
            query: only articles matching this search (see ``search``).
            offset, limit: a window of the list, so that a long corpus loads lazily.
        """
        where, params = [], []
        if status:
            where.append("a.status = ?")
            params.append(status)
        if query is not None and query.strip():
            match = search_match(query)
            if match is None:
                return []
            where.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(match)
        sql = (
            "SELECT a.id, a.title, a.status, length(a.text) AS length, "
            "(SELECT count(*) FROM annotations n WHERE n.article_id = a.id) AS annotation_count "
            "FROM articles a"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY a.id"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [ArticleSummary(**r) for r in self._read(sql, params)]

    def count_articles(self, status: str | None = None, query: str | None = None) -> int:
        """How many articles ``summaries`` would list with the same filters."""
        where, params = [], []
        if status:
            where.append("status = ?")
            params.append(status)
        if query is not None and query.strip():
            match = search_match(query)
            if match is None:
                return 0
            where.append("id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(match)
        sql = "SELECT count(*) AS n FROM articles" + (" WHERE " + " AND ".join(where) if where else "")
        return self._read(sql, params)[0]["n"]

    def search(self, query: str, limit: int = 10_000) -> list[int]:
        """Ids of articles whose title or text holds every word of ``query``.

        Matching ignores diacritics, tatweel and alef, ya and ta marbuta variants: the
        query and the index are normalised alike. Each word matches as a prefix.
        """
        match = search_match(query)
        if match is None:
            return []
        rows = self._read(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid LIMIT ?",
            [match, limit],
        )
        return [r["rowid"] for r in rows]

    def article_status(self, article_id: int) -> str:
        """An article's status, without reading its text (the window asks after every change)."""
        rows = self._read("SELECT status FROM articles WHERE id = ?", [article_id])
        if not rows:
            raise AnnotatorError(f"there is no article {article_id} in {self.path}")
        return rows[0]["status"]

    def set_status(self, article_id: int, status: str) -> str:
        """Set an article's status; returns the previous one."""
        if status not in STATUSES:
            raise AnnotatorError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
        with self.transaction():
            previous = self.article(article_id).status
            self.db.execute("UPDATE articles SET status = ? WHERE id = ?", [status, article_id])
        return previous

    def neighbour(self, article_id: int, step: int, unfinished: bool = False) -> int | None:
        """The next (step=1) or previous (step=-1) article id, optionally not done."""
        op, order = (">", "ASC") if step > 0 else ("<", "DESC")
        extra = " AND status != 'done'" if unfinished else ""
        rows = self._read(
            f"SELECT id FROM articles WHERE id {op} ?{extra} ORDER BY id {order} LIMIT 1",
            [article_id],
        )
        if rows:
            return rows[0]["id"]
        if unfinished:
            rows = self._read(
                f"SELECT id FROM articles WHERE status != 'done' AND id != ? ORDER BY id {order} LIMIT 1",
                [article_id],
            )
            return rows[0]["id"] if rows else None
        return None

    def reading_position(self, article_id: int, annotator: str) -> int:
        rows = self._read(
            "SELECT position FROM reading_positions WHERE article_id = ? AND annotator = ?",
            [article_id, annotator],
        )
        return rows[0]["position"] if rows else 0

    def set_reading_position(self, article_id: int, annotator: str, position: int) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO reading_positions (article_id, annotator, position) VALUES (?, ?, ?) "
                "ON CONFLICT(article_id, annotator) DO UPDATE SET position = excluded.position",
                [article_id, annotator, position],
            )

    # --------------------------------------------------------------- annotations

    def annotations(self, article_id: int, annotator: str | None = None) -> list[Annotation]:
        sql = "SELECT * FROM annotations WHERE article_id = ?"
        params: list[Any] = [article_id]
        if annotator is not None:
            sql += " AND annotator = ?"
            params.append(annotator)
        return [_annotation(r) for r in self._read(sql + " ORDER BY start, \"end\" DESC, id", params)]

    def annotation(self, annotation_id: int) -> Annotation:
        rows = self._read("SELECT * FROM annotations WHERE id = ?", [annotation_id])
        if not rows:
            raise AnnotatorError(f"there is no annotation {annotation_id}")
        return _annotation(rows[0])

    def create_annotation(
        self,
        article_id: int,
        label: str,
        start: int,
        end: int,
        annotator: str = "",
        attributes: dict[str, Any] | None = None,
        note: str = "",
    ) -> Annotation:
        """Store a new span. Its text is taken from the article, so it always matches.

        The article moves from new to in_progress in the same transaction.
        """
        text = self.article_text(article_id)
        check_span(text, start, end, what=f"{label} annotation")
        stamp = now_iso()
        record = Annotation(
            id=0,
            article_id=article_id,
            label=label,
            start=start,
            end=end,
            text=text[start:end],
            attributes=dict(attributes or {}),
            note=note,
            annotator=annotator,
            created=stamp,
            modified=stamp,
        )
        return self.insert_annotation(record)

    def insert_annotation(self, record: Annotation, keep_id: bool = False) -> Annotation:
        """Store a complete annotation record, checking it against the article and schema.

        Args:
            record: the annotation; its text must equal the article text at its offsets.
            keep_id: reuse record.id (undo of a delete), instead of a new id.
        """
        self.schema.label(record.label)
        self.schema.check_attributes(record.label, record.attributes)
        check_span(
            self.article_text(record.article_id),
            record.start,
            record.end,
            record.text,
            what=f"{record.label} annotation",
        )
        values = [
            record.article_id,
            record.label,
            record.start,
            record.end,
            record.text,
            json.dumps(record.attributes, ensure_ascii=False),
            record.note,
            record.annotator,
            record.created or now_iso(),
            record.modified or now_iso(),
        ]
        columns = 'article_id, label, start, "end", text, attributes, note, annotator, created, modified'
        with self.transaction():
            if keep_id:
                cursor = self.db.execute(
                    f"INSERT INTO annotations (id, {columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [record.id, *values],
                )
            else:
                cursor = self.db.execute(
                    f"INSERT INTO annotations ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values,
                )
            self.db.execute(
                "UPDATE articles SET status = 'in_progress' WHERE id = ? AND status = 'new'",
                [record.article_id],
            )
            new_id = int(cursor.lastrowid or record.id)
        return self.annotation(new_id)

    def update_annotation(self, annotation_id: int, **changes: Any) -> Annotation:
        """Change label, start, end, attributes or note of one annotation.

        A new start or end takes its text from the article. Returns the updated record.
        """
        allowed = {"label", "start", "end", "attributes", "note"}
        unknown = set(changes) - allowed
        if unknown:
            raise AnnotatorError(f"cannot change {', '.join(sorted(unknown))} of an annotation")
        with self.transaction():
            current = self.annotation(annotation_id)
            updated = current.with_changes(**changes)
            text = self.article_text(current.article_id)
            check_span(text, updated.start, updated.end, what=f"annotation {annotation_id}")
            updated = updated.with_changes(text=text[updated.start : updated.end], modified=now_iso())
            self.schema.label(updated.label)
            self.schema.check_attributes(updated.label, updated.attributes)
            self.db.execute(
                'UPDATE annotations SET label = ?, start = ?, "end" = ?, text = ?, attributes = ?, '
                "note = ?, modified = ? WHERE id = ?",
                [
                    updated.label,
                    updated.start,
                    updated.end,
                    updated.text,
                    json.dumps(updated.attributes, ensure_ascii=False),
                    updated.note,
                    updated.modified,
                    annotation_id,
                ],
            )
        return updated

    def delete_annotation(self, annotation_id: int) -> tuple[Annotation, list[Relation]]:
        """Delete a span and the relations that touch it.

        Returns:
            What was deleted, so that an undo can put it back exactly.
        """
        with self.transaction():
            removed = self.annotation(annotation_id)
            links = self._relations_where("from_id = ? OR to_id = ?", [annotation_id, annotation_id])
            self.db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])
        return removed, links

    def restore(self, annotations: list[Annotation], relations: list[Relation]) -> None:
        """Put back deleted annotations and relations with their original ids."""
        with self.transaction():
            for record in annotations:
                self.insert_annotation(record, keep_id=True)
            for relation in relations:
                self.insert_relation(relation, keep_id=True)

    # ----------------------------------------------------------------- relations

    def relations(self, article_id: int) -> list[Relation]:
        return self._relations_where("article_id = ?", [article_id])

    def relations_of(self, annotation_id: int) -> list[Relation]:
        return self._relations_where("from_id = ? OR to_id = ?", [annotation_id, annotation_id])

    def _relations_where(self, where: str, params: list[Any]) -> list[Relation]:
        rows = self._read(f"SELECT * FROM relations WHERE {where} ORDER BY id", params)
        return [Relation(**r) for r in rows]

    def create_relation(self, type_: str, from_id: int, to_id: int, annotator: str = "") -> Relation:
        """Link two annotations of one article with a relation type the schema allows."""
        source = self.annotation(from_id)
        record = Relation(
            id=0,
            article_id=source.article_id,
            type=type_,
            from_id=from_id,
            to_id=to_id,
            annotator=annotator,
            created=now_iso(),
        )
        return self.insert_relation(record)

    def insert_relation(self, record: Relation, keep_id: bool = False) -> Relation:
        rel_type = self.schema.relation(record.type)
        source = self.annotation(record.from_id)
        target = self.annotation(record.to_id)
        if record.from_id == record.to_id:
            raise AnnotatorError("an annotation cannot be linked to itself")
        if source.article_id != target.article_id or source.article_id != record.article_id:
            raise AnnotatorError("a relation links two annotations of the same article")
        if not rel_type.allows(source.label, target.label):
            raise AnnotatorError(
                f"{record.type} cannot link {source.label} to {target.label}; it links "
                f"{'/'.join(rel_type.sources)} to {'/'.join(rel_type.targets)}"
            )
        columns = "article_id, type, from_id, to_id, annotator, created"
        values = [
            record.article_id,
            record.type,
            record.from_id,
            record.to_id,
            record.annotator,
            record.created or now_iso(),
        ]
        with self.transaction():
            duplicate = self._read(
                "SELECT id FROM relations WHERE type = ? AND from_id = ? AND to_id = ? AND annotator = ?",
                [record.type, record.from_id, record.to_id, record.annotator],
            )
            if duplicate and not keep_id:
                raise AnnotatorError(
                    f"annotations {record.from_id} and {record.to_id} are already linked by {record.type}"
                )
            if keep_id:
                cursor = self.db.execute(
                    f"INSERT INTO relations (id, {columns}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [record.id, *values],
                )
            else:
                cursor = self.db.execute(
                    f"INSERT INTO relations ({columns}) VALUES (?, ?, ?, ?, ?, ?)", values
                )
            new_id = int(cursor.lastrowid or record.id)
        return self._relations_where("id = ?", [new_id])[0]

    def delete_relation(self, relation_id: int) -> Relation:
        with self.transaction():
            found = self._relations_where("id = ?", [relation_id])
            if not found:
                raise AnnotatorError(f"there is no relation {relation_id}")
            self.db.execute("DELETE FROM relations WHERE id = ?", [relation_id])
        return found[0]

    # --------------------------------------------------------------------- stats

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts of annotations per label and per annotator, and of articles per status."""
        def counts(sql: str) -> dict[str, int]:
            return {str(r["k"]): r["n"] for r in self._read(sql)}

        return {
            "status": dict.fromkeys(STATUSES, 0)
            | counts("SELECT status AS k, count(*) AS n FROM articles GROUP BY status"),
            "label": counts("SELECT label AS k, count(*) AS n FROM annotations GROUP BY label ORDER BY label"),
            "annotator": counts(
                "SELECT annotator AS k, count(*) AS n FROM annotations GROUP BY annotator ORDER BY annotator"
            ),
            "relation": counts("SELECT type AS k, count(*) AS n FROM relations GROUP BY type ORDER BY type"),
        }

    def articles_per_annotator(self) -> dict[str, int]:
        """For each annotator, how many articles hold at least one of their annotations."""
        rows = self._read(
            "SELECT annotator, count(DISTINCT article_id) AS n FROM annotations GROUP BY annotator ORDER BY annotator"
        )
        return {r["annotator"]: r["n"] for r in rows}

    def annotation_texts(self, label: str) -> list[str]:
        """The covered text of every annotation with ``label``."""
        return [r["text"] for r in self._read("SELECT text FROM annotations WHERE label = ? ORDER BY id", [label])]

    def verify_annotations(self) -> list[str]:
        """Every annotation whose stored text no longer matches its article, described."""
        problems = []
        for row in self._read(
            'SELECT n.id, n.label, n.start, n."end", n.text, n.article_id FROM annotations n'
        ):
            try:
                check_span(
                    self.article_text(row["article_id"]),
                    row["start"],
                    row["end"],
                    row["text"],
                    what=f"annotation {row['id']} ({row['label']}) of article {row['article_id']}",
                )
            except InvariantError as exc:
                problems.append(str(exc))
        return problems

    # ---------------------------------------------------------------- bulk reads

    def select_article_ids(
        self, status: str | None = None, ids: Sequence[int] | None = None
    ) -> list[int]:
        """Ids of the articles with ``status`` among ``ids`` (every article when None), in order.

        Raises:
            AnnotatorError: an id in ``ids`` names no article.
        """
        chosen = self.article_ids(status)
        if ids is None:
            return chosen
        known = set(self.article_ids())
        missing = [i for i in dict.fromkeys(ids) if i not in known]
        if missing:
            raise AnnotatorError(
                f"there is no article {', '.join(map(str, missing))} in {self.path}"
            )
        wanted = set(ids)
        return [i for i in chosen if i in wanted]

    def annotator_names(self) -> list[str]:
        """Every annotator name that has at least one annotation, sorted."""
        rows = self._read("SELECT DISTINCT annotator FROM annotations ORDER BY annotator")
        return [r["annotator"] for r in rows]

    def annotated_articles(
        self,
        article_ids: Sequence[int],
        annotator: str | None = None,
        batch: int = BULK_BATCH,
    ) -> Iterator[AnnotatedArticle]:
        """Articles with their annotations and relations, three queries per ``batch`` articles.

        Annotations come in reading order (start, longer first, id), as ``annotations``
        gives them. With ``annotator``, only that annotator's annotations are read, and
        only relations whose two ends are among them.
        """
        for first in range(0, len(article_ids), batch):
            chunk = list(article_ids[first : first + batch])
            ids_json = json.dumps(chunk)
            articles = {
                r["id"]: _article(r)
                for r in self._read(
                    "SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                    [ids_json],
                )
            }
            annotations: dict[int, list[Annotation]] = {i: [] for i in chunk}
            sql = (
                "SELECT * FROM annotations WHERE article_id IN (SELECT value FROM json_each(?))"
            )
            params: list[Any] = [ids_json]
            if annotator is not None:
                sql += " AND annotator = ?"
                params.append(annotator)
            for row in self._read(sql + ' ORDER BY article_id, start, "end" DESC, id', params):
                annotations[row["article_id"]].append(_annotation(row))
            relations: dict[int, list[Relation]] = {i: [] for i in chunk}
            for row in self._read(
                "SELECT * FROM relations WHERE article_id IN (SELECT value FROM json_each(?)) "
                "ORDER BY article_id, id",
                [ids_json],
            ):
                relations[row["article_id"]].append(Relation(**row))
            for article_id in chunk:
                if article_id not in articles:
                    continue
                kept = annotations[article_id]
                links = relations[article_id]
                if annotator is not None:
                    present = {a.id for a in kept}
                    links = [r for r in links if r.from_id in present and r.to_id in present]
                yield AnnotatedArticle(articles[article_id], kept, links)


def _article(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        status=row["status"],
        source=row["source"],
        url=row["url"],
        published=row["published"],
        meta=json.loads(row["meta"] or "{}"),
        text_sha256=row["text_sha256"],
        created=row["created"],
    )


def _annotation(row: dict[str, Any]) -> Annotation:
    return Annotation(
        id=row["id"],
        article_id=row["article_id"],
        label=row["label"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        attributes=json.loads(row["attributes"] or "{}"),
        note=row["note"],
        annotator=row["annotator"],
        created=row["created"],
        modified=row["modified"],
    )
