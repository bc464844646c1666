"""Annotation and relation queries and changes of the store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import (
    READING_ORDER_SQL,
    Annotation,
    Relation,
    check_span,
    now_iso,
)
from annotator.storage import files
from annotator.storage import rows as rows_module
from annotator.storage.base import StoreBase

# How many articles found sound are remembered (see ``any_damaged``).
_SOUND_KEPT = 64


class AnnotationQueries(StoreBase):
    """Annotations and the relations between them."""

    if TYPE_CHECKING:
        # ArticleQueries provides it in the assembled Store.
        def article_text(self, article_id: int) -> str: ...

    def annotations(
        self,
        article_id: int,
        annotator: str | None = None,
        within: tuple[int, int] | None = None,
    ) -> list[Annotation]:
        """An article's annotations in reading order (only ``annotator``'s when given;
        only those overlapping code points ``within`` when given)."""
        sql = f"SELECT {rows_module.ANNOTATION_SELECT} FROM annotations WHERE article_id = ?"
        params: list[Any] = [article_id]
        if within is not None:
            sql += ' AND start < ? AND "end" > ?'
            params += [within[1], within[0]]
        if annotator is not None:
            sql += " AND annotator = ?"
            params.append(annotator)
        try:
            found = self.db.conn.execute(f"{sql} ORDER BY {READING_ORDER_SQL}", params).fetchall()
        except sqlite3.Error as exc:
            raise files.describe(exc, self.path) from None
        return rows_module.annotation_records(found, self.path)

    def annotation(self, annotation_id: int) -> Annotation:
        rows = self._read("SELECT * FROM annotations WHERE id = ?", [annotation_id])
        if not rows:
            raise AnnotatorError(f"there is no annotation {annotation_id}")
        return _annotation(rows[0], self.path)

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
        columns = (
            'article_id, label, start, "end", text, attributes, note, annotator, created, modified'
        )
        with self.transaction():
            if keep_id:
                cursor = self.db.execute(
                    f"INSERT INTO annotations (id, {columns}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        # The row is exactly what was written: no need to read it back.
        return record.with_changes(id=new_id, created=values[8], modified=values[9])

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
            updated = updated.with_changes(
                text=text[updated.start : updated.end], modified=now_iso()
            )
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
            links = self._relations_where(
                "from_id = ? OR to_id = ?", [annotation_id, annotation_id]
            )
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

    def any_damaged(self, article_id: int) -> bool:
        """Whether reading the article's annotations or relations would refuse a row
        (checked by SQLite, no row read).

        An article found sound is not checked again while no other connection has
        written to the database since (``PRAGMA data_version``): what this store writes
        is sound, so opening a long article again skips the pass over its rows.
        """
        sql = (
            "SELECT EXISTS (SELECT 1 FROM annotations WHERE article_id = ? AND NOT "
            f"{rows_module.ANNOTATION_SOUND}) OR EXISTS (SELECT 1 FROM relations "
            f"WHERE article_id = ? AND NOT {rows_module.RELATION_SOUND})"
        )
        conn = self.db.conn
        try:
            state = conn.execute("PRAGMA data_version").fetchone()[0]
            if self._sound.get(article_id) == state:
                return False
            damaged = bool(conn.execute(sql, [article_id, article_id]).fetchone()[0])
        except sqlite3.Error as exc:
            raise files.describe(exc, self.path) from None
        if not damaged:
            if len(self._sound) >= _SOUND_KEPT:
                self._sound.clear()
            self._sound[article_id] = state
        return damaged

    def relations_touching(self, article_id: int, annotation_ids: list[int]) -> list[Relation]:
        """The article's relations from or to any of ``annotation_ids``."""
        ids = json.dumps(annotation_ids)
        return self._relations_where(
            "article_id = ? AND (from_id IN (SELECT value FROM json_each(?)) "
            "OR to_id IN (SELECT value FROM json_each(?)))",
            [article_id, ids, ids],
        )

    def relations_of(self, annotation_id: int) -> list[Relation]:
        return self._relations_where("from_id = ? OR to_id = ?", [annotation_id, annotation_id])

    def _relations_where(self, where: str, params: list[Any]) -> list[Relation]:
        rows = self._read(f"SELECT * FROM relations WHERE {where} ORDER BY id", params)
        return [rows_module.relation(r, self.path) for r in rows]

    def create_relation(
        self, type_: str, from_id: int, to_id: int, annotator: str = ""
    ) -> Relation:
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
                "SELECT id FROM relations "
                "WHERE type = ? AND from_id = ? AND to_id = ? AND annotator = ?",
                [record.type, record.from_id, record.to_id, record.annotator],
            )
            if duplicate and not keep_id:
                raise AnnotatorError(
                    f"annotations {record.from_id} and {record.to_id} "
                    f"are already linked by {record.type}"
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


def _annotation(row: dict[str, Any], where: Path | str = "the database") -> Annotation:
    return rows_module.annotation(row, where)
