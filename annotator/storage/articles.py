"""Article queries and changes of the store."""

from __future__ import annotations

import json
import re
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import (
    STATUSES,
    Article,
    ArticleSummary,
    NewArticle,
    now_iso,
)
from annotator.core.normalize import search_index_form
from annotator.core.text import sha256_hex
from annotator.storage.base import StoreBase

_TEXT_CACHE_SIZE = 16
# A query word as the 'ascii' tokenizer cuts it: runs of letters and digits.
_QUERY_WORD = re.compile(r"[^\W_]+")


def search_match(query: str) -> str | None:
    """The FTS5 query for a user's words, in the search form: every word must occur;
    the last one also matches as a prefix (the box searches as you type).

    Only the last word is a prefix because a prefix query scans the index (about ten
    times slower over 100,000 articles); earlier words are complete.
    None when the query holds no word at all (only punctuation or diacritics).
    """
    words = _QUERY_WORD.findall(search_index_form(query))
    if not words:
        return None
    return " ".join([*(f'"{w}"' for w in words[:-1]), f'"{words[-1]}"*'])


class ArticleQueries(StoreBase):
    """Articles: adding, reading, listing, searching, status and reading positions."""

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
        after: int | None = None,
    ) -> list[ArticleSummary]:
        """Articles for a list: id, title, status, annotation count and length.

        Args:
            status: only articles with this status.
            query: only articles matching this search (see ``search``).
            offset, limit: a window of the list, so that a long corpus loads lazily.
            after: only articles listed after this id (the last one of the previous
                window). A window found by key costs the same at the end of the list as
                at its start, where an ``offset`` walks every row before it.
        """
        where: list[str] = []
        params: list[str | int] = []
        source = "articles a"
        order = "a.id"
        if query is not None and query.strip():
            match = search_match(query)
            if match is None:
                return []
            # Joined from the index side, in its rowid order: a window stops after
            # ``limit`` matches instead of collecting every match first.
            source = "articles_fts f JOIN articles a ON a.id = f.rowid"
            order = "f.rowid"
            where.append("articles_fts MATCH ?")
            params.append(match)
        if status:
            where.append("a.status = ?")
            params.append(status)
        if after is not None:
            where.append(f"{order} > ?")
            params.append(after)
        sql = (
            "SELECT a.id, a.title, a.status, length(a.text) AS length, "
            "(SELECT count(*) FROM annotations n WHERE n.article_id = a.id) AS annotation_count "
            f"FROM {source}"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {order}"
        )
        if limit is not None:
            sql += " LIMIT ?" + (" OFFSET ?" if offset else "")
            params += [limit, offset] if offset else [limit]
        return [ArticleSummary(**r) for r in self._read(sql, params)]

    def count_articles(self, status: str | None = None, query: str | None = None) -> int:
        """How many articles ``summaries`` would list with the same filters."""
        if query is not None and query.strip():
            match = search_match(query)
            if match is None:
                return 0
            if not status:
                sql, params = (
                    "SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?",
                    [match],
                )
            else:
                sql = (
                    "SELECT count(*) AS n FROM articles_fts f JOIN articles a ON a.id = f.rowid "
                    "WHERE articles_fts MATCH ? AND a.status = ?"
                )
                params = [match, status]
        elif status:
            sql, params = "SELECT count(*) AS n FROM articles WHERE status = ?", [status]
        else:
            sql, params = "SELECT count(*) AS n FROM articles", []
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
