"""Suggestion queries and decisions of the store (see annotator.core.suggestions)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.errors import AnnotatorError
from annotator.core.extents import Covered
from annotator.core.model import Annotation, Relation, check_span, now_iso
from annotator.core.suggestions import Accepted, Suggestion, SuggestionLink
from annotator.storage import files
from annotator.storage import rows as rows_module
from annotator.storage.annotations import AnnotationQueries
from annotator.storage.articles import ArticleQueries

if TYPE_CHECKING:
    from annotator.suggest.model import Candidates, LinkRow, SpanRow

# A pending suggestion is shown only while no annotation of its label overlaps it. The
# SQL form serves counts; listing one article filters in Python (``Covered``), since
# the subquery scans every annotation that starts before each suggestion ends.
_VISIBLE = """
    NOT EXISTS (
        SELECT 1 FROM annotations a
        WHERE a.article_id = s.article_id AND a.label = s.label
          AND a.start < s."end" AND a."end" > s.start
    )"""


class SuggestionQueries(ArticleQueries, AnnotationQueries):
    """Pending, accepted and rejected suggestions, and turning them into annotations."""

    def store_candidates(
        self, article_id: int, candidates: Candidates, replace: bool = True
    ) -> tuple[int, int]:
        """Store one article's candidates as pending suggestions.

        A candidate is left out when the same span was already suggested (whatever was
        decided about it: a rejected one never comes back) or when an annotation of the
        same label overlaps it. With ``replace``, pending suggestions of the same
        recommenders that are not proposed again are dropped first.

        Returns:
            (suggestions stored, links stored).
        """
        spans, links = candidates.rows()
        return self.store_candidate_rows(article_id, spans, links, replace)

    def store_candidate_rows(
        self,
        article_id: int,
        spans: Sequence[SpanRow],
        links: Sequence[LinkRow],
        replace: bool = True,
    ) -> tuple[int, int]:
        """``store_candidates`` for candidates given as rows (``Candidates.rows``), as a
        worker process sends them back: in one transaction, one ``executemany`` per table.
        """
        text = self.article_text(article_id)
        recommenders = {row[5] for row in spans}
        stamp = now_iso()
        known_labels = set(self.schema.labels)
        conn = self.db.conn
        with self.transaction():
            if replace and recommenders:
                marks = ", ".join("?" for _ in recommenders)
                conn.execute(
                    f"DELETE FROM suggestions WHERE article_id = ? AND state = 'pending' "
                    f"AND recommender IN ({marks})",
                    [article_id, *sorted(recommenders)],
                )
            existing = {
                (label, start, end): sid
                for sid, label, start, end in conn.execute(
                    'SELECT id, label, start, "end" FROM suggestions WHERE article_id = ?',
                    [article_id],
                )
            }
            covered = self._covered(article_id)
            # Ids given up front (the write lock is held): links need them, and
            # ``executemany`` tells no row's id.
            last_id = int(
                conn.execute("SELECT coalesce(max(id), 0) FROM suggestions").fetchone()[0]
            )
            ids: dict[int, int] = {}
            new_rows: list[tuple[int, int, str, int, int, str, str, float, str]] = []
            for key, label, start, end, score, recommender in spans:
                if label not in known_labels:
                    continue
                extent = (label, start, end)
                found = existing.get(extent)
                if found is not None:
                    ids[key] = found
                    continue
                if covered.overlaps(label, start, end):
                    continue
                check_span(text, start, end, what=f"{label} suggestion")
                last_id += 1
                new_rows.append(
                    (
                        last_id,
                        article_id,
                        label,
                        start,
                        end,
                        text[start:end],
                        recommender,
                        float(score),
                        stamp,
                    )
                )
                ids[key] = existing[extent] = last_id
            conn.executemany(
                'INSERT INTO suggestions (id, article_id, label, start, "end", text, '
                "recommender, score, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new_rows,
            )
            link_rows = []
            for type_, from_key, to_key, score, recommender in links:
                a, b = ids.get(from_key), ids.get(to_key)
                if a is None or b is None or a == b:
                    continue
                link_rows.append((article_id, type_, a, b, recommender, float(score)))
            cursor = conn.executemany(
                "INSERT OR IGNORE INTO suggestion_links (article_id, type, from_id, to_id, "
                "recommender, score) VALUES (?, ?, ?, ?, ?, ?)",
                link_rows,
            )
            stored_links = cursor.rowcount if link_rows and cursor.rowcount > 0 else 0
        return len(new_rows), stored_links

    # -------------------------------------------------------------------- queries

    def suggestions(self, article_id: int, state: str | None = "pending") -> list[Suggestion]:
        """An article's suggestions; pending ones that an annotation of their label now
        overlaps are left out."""
        sql = f"SELECT {rows_module.SUGGESTION_SELECT} FROM suggestions s WHERE s.article_id = ?"
        params: list[Any] = [article_id]
        if state is not None:
            sql += " AND s.state = ?"
            params.append(state)
        try:
            rows = self.db.conn.execute(sql + ' ORDER BY s.start, s."end" DESC, s.id', params)
            found = rows_module.suggestion_records(rows.fetchall(), self.path)
        except sqlite3.Error as exc:
            raise files.describe(exc, self.path) from None
        if state == "pending" and found:
            covered = self._covered(article_id)
            found = [s for s in found if not covered.overlaps(s.label, s.start, s.end)]
        return found

    def has_suggestions(self, article_id: int) -> bool:
        """Whether an article has any suggestion, whatever was decided about it."""
        return bool(
            self._read("SELECT 1 FROM suggestions WHERE article_id = ? LIMIT 1", [article_id])
        )

    def _covered(self, article_id: int) -> Covered:
        rows = self._read(
            'SELECT id, label, start, "end" FROM annotations WHERE article_id = ?', [article_id]
        )
        return Covered(rows_module.extent(r, self.path) for r in rows)

    def suggestion(self, suggestion_id: int) -> Suggestion:
        rows = self._read("SELECT * FROM suggestions WHERE id = ?", [suggestion_id])
        if not rows:
            raise AnnotatorError(f"there is no suggestion {suggestion_id}")
        return rows_module.suggestion(rows[0], self.path)

    def suggestion_links(
        self, article_id: int, state: str | None = "pending"
    ) -> list[SuggestionLink]:
        sql = (
            "SELECT id, article_id, type, from_id, to_id, recommender, score, state, "
            "relation_id FROM suggestion_links WHERE article_id = ?"
        )
        params: list[Any] = [article_id]
        if state is not None:
            sql += " AND state = ?"
            params.append(state)
        from annotator.core.suggestions import SuggestionLink

        try:
            rows = self.db.conn.execute(sql + " ORDER BY id", params).fetchall()
        except sqlite3.Error as exc:
            raise files.describe(exc, self.path) from None
        return [SuggestionLink(*row) for row in rows]

    def pending_suggestion_links_by_batch(
        self, article_id: int, size: int
    ) -> Iterator[list[SuggestionLink]]:
        """An article's pending suggestion links, ``size`` at a time, in id order; each
        batch read when asked for."""
        from annotator.core.suggestions import SuggestionLink

        sql = (
            "SELECT id, article_id, type, from_id, to_id, recommender, score, state, "
            "relation_id FROM suggestion_links WHERE article_id = ? AND state = 'pending' "
            "AND id > ? ORDER BY id LIMIT ?"
        )
        last = 0
        while True:
            try:
                rows = self.db.conn.execute(sql, [article_id, last, size]).fetchall()
            except sqlite3.Error as exc:
                raise files.describe(exc, self.path) from None
            if not rows:
                return
            last = rows[-1][0]
            yield [SuggestionLink(*row) for row in rows]
            if len(rows) < size:
                return

    def pending_suggestions_by_stretch(
        self, article_id: int, first: tuple[int, int], width: int
    ) -> Iterator[list[Suggestion]]:
        """An article's pending suggestions, as ``suggestions`` gives them, a stretch of
        the text at a time: those that start in ``first`` (start, end in code points),
        then the rest in stretches of ``width`` characters from the start of the text.

        Each stretch is read when asked for, so that a window can show the visible
        paragraphs' suggestions first and read the rest between frames. Annotations
        are those of the first stretch's reading: a change meanwhile asks again.
        """
        covered = self._covered(article_id)
        length = len(self.article_text(article_id))
        low, high = max(0, first[0]), min(length, first[1])
        stretches = [(low, high)]
        for begin, stop in ((0, low), (high, length)):
            stretches += [(at, min(stop, at + width)) for at in range(begin, stop, width)]
        sql = (
            f"SELECT {rows_module.SUGGESTION_SELECT} FROM suggestions s "
            "WHERE s.article_id = ? AND s.state = 'pending' AND s.start >= ? AND s.start < ? "
            'ORDER BY s.start, s."end" DESC, s.id'
        )
        for begin, stop in stretches:
            if begin >= stop:
                continue
            try:
                rows = self.db.conn.execute(sql, [article_id, begin, stop]).fetchall()
            except sqlite3.Error as exc:
                raise files.describe(exc, self.path) from None
            found = rows_module.suggestion_records(rows, self.path)
            yield [s for s in found if not covered.overlaps(s.label, s.start, s.end)]

    def suggestion_counts(self, article_id: int | None = None) -> dict[str, int]:
        """How many suggestions are in each state (pending ones as the window shows them)."""
        counts = {"pending": 0, "accepted": 0, "rejected": 0}
        where = "WHERE s.article_id = ?" if article_id is not None else ""
        params = [article_id] if article_id is not None else []
        for row in self._read(
            f"SELECT s.state, count(*) AS n FROM suggestions s {where} "
            f"{'AND' if where else 'WHERE'} (s.state <> 'pending' OR {_VISIBLE}) "
            "GROUP BY s.state",
            params,
        ):
            counts[row["state"]] = row["n"]
        return counts

    def provenance(self, annotation_id: int) -> Suggestion | None:
        """The accepted suggestion an annotation came from, if any."""
        rows = self._read(
            "SELECT * FROM suggestions WHERE annotation_id = ? AND state = 'accepted'",
            [annotation_id],
        )
        return rows_module.suggestion(rows[0], self.path) if rows else None

    def annotated_article_count(self) -> int:
        """How many articles hold at least one annotation (what learning needs first)."""
        rows = self._read("SELECT count(DISTINCT article_id) AS n FROM annotations")
        return int(rows[0]["n"])

    def training_spans(self, limit: int = 2000) -> list[tuple[str, list[tuple[str, int, int]]]]:
        """The most recently annotated articles' texts and spans, for learning."""
        ids = [
            r["article_id"]
            for r in self._read(
                "SELECT article_id FROM annotations GROUP BY article_id "
                "ORDER BY max(modified) DESC LIMIT ?",
                [limit],
            )
        ]
        return [
            (
                self.article_text(i),
                [(a.label, a.start, a.end) for a in self.annotations(i)],
            )
            for i in sorted(ids)
        ]

    # ------------------------------------------------------------------ decisions

    def accept_suggestions(self, suggestion_ids: list[int], annotator: str) -> Accepted:
        """Make pending suggestions annotations of ``annotator``, in one transaction.

        Every pending link whose two ends are then annotations (accepted suggestions,
        or an annotation of the same label already over the suggested span) becomes a
        relation, when the schema allows it.
        """
        from annotator.core.suggestions import Accepted

        done = Accepted()
        stamp = now_iso()
        with self.transaction():
            article_ids = set()
            for sid in suggestion_ids:
                s = self.suggestion(sid)
                if s.state != "pending":
                    continue
                article_ids.add(s.article_id)
                annotation = self.create_annotation(
                    s.article_id, s.label, s.start, s.end, annotator
                )
                self.db.execute(
                    "UPDATE suggestions SET state = 'accepted', annotation_id = ?, decided_by = ?, "
                    "decided = ? WHERE id = ?",
                    [annotation.id, annotator, stamp, sid],
                )
                done.annotations.append(annotation)
                done.suggestion_ids.append(sid)
            for article_id in article_ids:
                self._accept_links(article_id, annotator, done)
        return done

    def _accept_links(self, article_id: int, annotator: str, done: Accepted) -> None:
        for link in self.suggestion_links(article_id):
            a = self._annotation_for(link.from_id)
            b = self._annotation_for(link.to_id)
            if a is None or b is None or a == b:
                continue
            if not ({link.from_id, link.to_id} & set(done.suggestion_ids)):
                continue
            relation_type = self.schema.relations.get(link.type)
            labels = (self.annotation(a).label, self.annotation(b).label)
            if relation_type is None or not relation_type.allows(*labels):
                continue
            if self._read(
                "SELECT 1 FROM relations WHERE type = ? AND from_id = ? AND to_id = ?",
                [link.type, a, b],
            ):
                continue
            relation = self.create_relation(link.type, a, b, annotator)
            self.db.execute(
                "UPDATE suggestion_links SET state = 'accepted', relation_id = ? WHERE id = ?",
                [relation.id, link.id],
            )
            done.relations.append(relation)
            done.link_ids.append(link.id)

    def _annotation_for(self, suggestion_id: int) -> int | None:
        s = self.suggestion(suggestion_id)
        if s.state == "accepted" and s.annotation_id is not None:
            return s.annotation_id
        if s.state == "rejected":
            return None
        rows = self._read(
            "SELECT id FROM annotations WHERE article_id = ? AND label = ? AND start < ? "
            'AND "end" > ? ORDER BY abs(start - ?) + abs("end" - ?), id LIMIT 1',
            [s.article_id, s.label, s.end, s.start, s.start, s.end],
        )
        return rows[0]["id"] if rows else None

    def undo_accepted(self, accepted: Accepted) -> None:
        """Take back an acceptance: its annotations and relations go, the rows are pending."""
        with self.transaction():
            for relation in accepted.relations:
                self.db.execute("DELETE FROM relations WHERE id = ?", [relation.id])
            for annotation in accepted.annotations:
                self.db.execute("DELETE FROM annotations WHERE id = ?", [annotation.id])
            self._set_states(accepted.suggestion_ids, "pending", "", None)
            for link_id in accepted.link_ids:
                self.db.execute(
                    "UPDATE suggestion_links SET state = 'pending', relation_id = NULL "
                    "WHERE id = ?",
                    [link_id],
                )

    def redo_accepted(self, accepted: Accepted) -> None:
        """Accept again with the very same annotation and relation ids."""
        with self.transaction():
            self.restore(accepted.annotations, accepted.relations)
            stamp = now_iso()
            for sid, annotation in zip(accepted.suggestion_ids, accepted.annotations, strict=True):
                self.db.execute(
                    "UPDATE suggestions SET state = 'accepted', annotation_id = ?, decided_by = ?, "
                    "decided = ? WHERE id = ?",
                    [annotation.id, annotation.annotator, stamp, sid],
                )
            for link_id, relation in zip(accepted.link_ids, accepted.relations, strict=True):
                self.db.execute(
                    "UPDATE suggestion_links SET state = 'accepted', relation_id = ? WHERE id = ?",
                    [relation.id, link_id],
                )

    def set_suggestion_state(self, suggestion_ids: list[int], state: str, who: str) -> None:
        """Reject suggestions (or, for an undo, make them pending again)."""
        if state not in ("pending", "rejected"):
            raise AnnotatorError(f"a suggestion cannot be set to {state!r} directly")
        with self.transaction():
            self._set_states(suggestion_ids, state, who, None)

    def _set_states(
        self, suggestion_ids: list[int], state: str, who: str, annotation_id: int | None
    ) -> None:
        stamp = now_iso() if state != "pending" else ""
        for sid in suggestion_ids:
            self.db.execute(
                "UPDATE suggestions SET state = ?, annotation_id = ?, decided_by = ?, decided = ? "
                "WHERE id = ?",
                [state, annotation_id, who, stamp, sid],
            )


__all__ = ["Annotation", "Relation", "SuggestionQueries"]
