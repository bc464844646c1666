"""Article queries and changes of the store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import (
    STATUSES,
    Article,
    ArticleSummary,
    NewArticle,
    now_iso,
)
from annotator.core.prepared import PreparedArticle
from annotator.core.search import finds, parse_query
from annotator.storage import files
from annotator.storage import rows as rows_module
from annotator.storage.base import StoreBase
from annotator.storage.listing import SUMMARY_COLUMNS, articles_source

_TEXT_CACHE_SIZE = 16
_ALL_BUT_TEXT = ", ".join(c for c in rows_module.ARTICLE_COLUMNS if c != "text")
_SEARCH_FUNCTION = "annotator_finds"
_LAST_ID = "last_article_id"
_INDEX_ONLY = "articles_fts MATCH ?"


def search_match(query: str, stem: bool = False) -> str | None:
    """The FTS5 query that every article matching ``query`` satisfies (see
    annotator.core.search); None when the query holds no word at all."""
    parsed = parse_query(query, stem)
    return parsed.index_match() if parsed is not None else None


def _finds(query: str, stem: int, title: str, text: str) -> int:
    return int(finds(query, f"{title}\n{text}", bool(stem)))


class ArticleQueries(StoreBase):
    """Articles: adding, reading, listing, searching, status and reading positions."""

    # (data version, changes made here, max id) when last checked, and whether the ids
    # were 1..max(id) then.
    _dense_ids: tuple[tuple[int, int, int], bool] | None = None

    def article_text(self, article_id: int) -> str:
        """The canonical text of an article (cached: texts never change)."""
        text = self._texts.get(article_id)
        if text is None:
            rows = self._read("SELECT text, text_sha256 FROM articles WHERE id = ?", [article_id])
            if not rows:
                raise AnnotatorError(f"there is no article {article_id} in {self.path}")
            text = rows_module.text_of(rows[0]["text"], f"article {article_id}", "text", self.path)
            self._keep_text(article_id, text, rows[0]["text_sha256"])
        else:
            self._texts.move_to_end(article_id)
        return text

    def article(self, article_id: int, keep_text: bool = False) -> Article:
        """An article; its text is taken from the cache of texts when there (texts never
        change: the cached one is used while the row's digest is the one read with it),
        and kept in it when ``keep_text`` (an article opened in a window, which is opened
        again and again)."""
        text = self._texts.get(article_id)
        row = self._article_row(article_id, "*" if text is None else _ALL_BUT_TEXT)
        if text is not None and row["text_sha256"] == self._digests.get(article_id):
            row["text"] = text
            self._texts.move_to_end(article_id)
            return _article(row, self.path)
        if text is not None:
            # Another program changed the row under the cached text: read it whole.
            self._texts.pop(article_id, None)
            row = self._article_row(article_id, "*")
        article = _article(row, self.path)
        if keep_text:
            self._keep_text(article_id, article.text, row["text_sha256"])
        return article

    def _article_row(self, article_id: int, columns: str) -> dict[str, Any]:
        rows = self._read(f"SELECT {columns} FROM articles WHERE id = ?", [article_id])
        if not rows:
            raise AnnotatorError(f"there is no article {article_id} in {self.path}")
        return rows[0]

    def _keep_text(self, article_id: int, text: str, digest: Any) -> None:
        self._texts[article_id] = text
        self._digests[article_id] = digest
        if len(self._texts) > _TEXT_CACHE_SIZE:
            dropped, _ = self._texts.popitem(last=False)
            self._digests.pop(dropped, None)

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
        return self.add_prepared_articles([PreparedArticle.of(a) for a in articles])

    def add_prepared_articles(self, prepared: list[PreparedArticle]) -> list[tuple[int, bool]]:
        """``add_articles`` of articles whose digest and index forms are already made."""
        for item in prepared:
            if item.article.status not in STATUSES:
                raise AnnotatorError(f"unknown status {item.article.status!r}")
        digests = [p.text_sha256 for p in prepared]
        stamp = now_iso()
        results: list[tuple[int, bool]] = []
        with self.transaction():
            known = self._ids_by_sha(digests)
            # Past every id ever given: the search index cannot delete its rows by id, so
            # a row left behind by another program's delete must never name a new article.
            next_id = (
                max(
                    self._read("SELECT max(id) AS m FROM articles")[0]["m"] or 0,
                    int(self.meta(_LAST_ID) or 0),
                )
                + 1
            )
            rows, index_rows = [], []
            for item, digest in zip(prepared, digests, strict=True):
                article = item.article
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
                index_rows.append((next_id, item.title_index, item.text_index))
                next_id += 1
            self.db.conn.executemany(
                "INSERT INTO articles (id, title, text, status, source, url, published, meta, "
                "text_sha256, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            self.db.conn.executemany(
                "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", index_rows
            )
            if index_rows:
                self._set_meta(_LAST_ID, str(next_id - 1))
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
        stem: bool = False,
        after: int | None = None,
    ) -> list[ArticleSummary]:
        """Articles for a list: id, title, status, annotation count and length.

        Args:
            status: only articles with this status.
            query: only articles matching this search (see ``search``).
            offset, limit: a window of the list, so that a long corpus loads lazily.
            stem: the search's suffix mode.
            after: only articles listed after this id (the last one of the previous
                window). A window found by key costs the same at the end of the list as
                at its start, where an ``offset`` walks every row before it.
        """
        where: list[str] = []
        params: list[Any] = []
        articles = source = self._articles_source()
        order = "a.id"
        if query is not None and query.strip():
            condition = self._search_condition(query, stem)
            if condition is None:
                return []
            # Joined from the index side, in its rowid order: a window stops after
            # ``limit`` matches instead of collecting every match first.
            source = f"articles_fts f JOIN {articles} ON a.id = f.rowid"
            order = "f.rowid"
            where.append(condition[0])
            params += condition[1]
        if status:
            where.append("a.status = ?")
            params.append(status)
        if after is not None:
            where.append(f"{order} > ?")
            params.append(after)
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM {source}"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {order}"
        )
        if limit is not None:
            sql += " LIMIT ?" + (" OFFSET ?" if offset else "")
            params += [limit, offset] if offset else [limit]
        try:
            found = self.db.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise files.describe(exc, self.path) from None
        shown = rows_module.title_for_display
        return [
            ArticleSummary(i, shown(title), status, count, n)
            for i, title, status, count, n in found
        ]

    def _articles_source(self) -> str:
        """The articles for a list's query (see listing.articles_source), looked up once:
        a database opened for writing has been migrated, and one opened read-only is
        never given the index by this store."""
        if self._list_source is None:
            try:
                self._list_source = articles_source(self.db.conn)
            except sqlite3.Error as exc:
                raise files.describe(exc, self.path) from None
        return self._list_source

    def count_articles(
        self, status: str | None = None, query: str | None = None, stem: bool = False
    ) -> int:
        """How many articles ``summaries`` would list with the same filters."""
        params: list[Any]
        if query is not None and query.strip():
            condition = self._search_condition(query, stem)
            if condition is None:
                return 0
            if not status and condition[0] == _INDEX_ONLY:
                with self.snapshot():
                    return self._count_in_index(condition[1])
            sql = (
                "SELECT count(*) AS n FROM articles_fts f JOIN articles a ON a.id = f.rowid "
                f"WHERE {condition[0]}"
            )
            params = list(condition[1])
            if status:
                sql += " AND a.status = ?"
                params.append(status)
        elif status:
            sql, params = "SELECT count(*) AS n FROM articles WHERE status = ?", [status]
        else:
            sql, params = "SELECT count(*) AS n FROM articles", []
        return self._read(sql, params)[0]["n"]

    def _count_in_index(self, params: list[Any]) -> int:
        """The number of articles an index-only search matches, counted in the index
        alone when no index row can name a missing article.

        Joining each match to its article row costs a page of the large articles table
        per match (about 65 ms for 100,000 matches); the index counts its own rows in
        about 6 ms. An index row outlives its article only when another program deleted
        the article, and ids are never given twice: when the articles' ids are exactly
        1..max(id), a row left behind has an id above max(id), which the count leaves out.
        Otherwise (a package of some of a corpus's articles, a deletion) the join decides.
        """
        top = self._read("SELECT max(id) AS m FROM articles")[0]["m"]
        if top is None:
            return 0
        if self._ids_dense(top):
            return self._read(
                f"SELECT count(*) AS n FROM articles_fts WHERE {_INDEX_ONLY} AND rowid <= ?",
                [*params, top],
            )[0]["n"]
        return self._read(
            "SELECT count(*) AS n FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            f"WHERE {_INDEX_ONLY}",
            params,
        )[0]["n"]

    def _ids_dense(self, top: int) -> bool:
        """Whether the articles' ids are exactly 1..``top`` (their max), remembered until
        this connection or another one changes the database."""
        version = self._read("PRAGMA data_version")[0]["data_version"]
        key = (version, self.db.conn.total_changes, top)
        if self._dense_ids is None or self._dense_ids[0] != key:
            count = self._read("SELECT count(*) AS n FROM articles")[0]["n"]
            self._dense_ids = (key, count == top)
        return self._dense_ids[1]

    def search(self, query: str, limit: int = 10_000, stem: bool = False) -> list[int]:
        """Ids of articles whose title or text holds every word and phrase of ``query``,
        as annotator.core.search matches them (the window's find matches alike)."""
        condition = self._search_condition(query, stem)
        if condition is None:
            return []
        rows = self._read(
            "SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            f"WHERE {condition[0]} ORDER BY f.rowid LIMIT ?",
            [*condition[1], limit],
        )
        return [r["id"] for r in rows]

    def _search_condition(self, query: str, stem: bool) -> tuple[str, list[Any]] | None:
        """The WHERE condition (over ``articles_fts f JOIN articles a``) of a search.

        The index decides single words alone; phrases and suffix mode also run the
        core's matcher over the candidates' texts, so the result is always the matcher's.
        """
        parsed = parse_query(query, stem)
        if parsed is None:
            return None
        if parsed.exact_in_index:
            return _INDEX_ONLY, [parsed.index_match()]
        self.db.conn.create_function(_SEARCH_FUNCTION, 4, _finds, deterministic=True)
        return (
            f"articles_fts MATCH ? AND {_SEARCH_FUNCTION}(?, ?, a.title, a.text)",
            [parsed.index_match(), query, int(stem)],
        )

    def article_status(self, article_id: int) -> str:
        """An article's status, without reading its text (the window asks after every change):
        from the lengths index when the database has it (a row's status is stored after
        its text, which SQLite would otherwise walk through)."""
        rows = self._read(
            f"SELECT a.status FROM {self._articles_source()} WHERE a.id = ?", [article_id]
        )
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
                "SELECT id FROM articles WHERE status != 'done' AND id != ? "
                f"ORDER BY id {order} LIMIT 1",
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


def _article(row: dict[str, Any], where: Path | str = "the database") -> Article:
    return rows_module.article(row, where)
