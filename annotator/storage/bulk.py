"""Bulk writes and reads of whole annotated articles: the native import and export.

Importing many annotated articles one annotation at a time costs a savepoint, two
statements and a read-back per row. ``add_annotated_articles`` checks every record in
Python first (labels and attributes against the schema, each span against its text
unless its reader has, each link's type, ends and repeats), then stores the articles
that are new with one ``executemany`` per table: a refused record leaves nothing
behind, and the ids of the new annotations are given up front, so links need no
read-back. A record that the import's reading process has checked against this
store's schema, with its rows made (``annotator.core.prepared.make_ready``), is not
checked again: its rows only get their ids. One checked against another schema is
checked here.

``article_rows`` reads articles with their annotation and relation rows as plain
tuples, for a writer that copies fields: the damaged-row checks of
``annotator.storage.rows`` run in SQL (one flag per row), and only a flagged row is
read again and checked field by field, which names what is wrong with it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import READING_ORDER_SQL, STATUSES, check_span, now_iso
from annotator.core.prepared import PackedRecord, PreparedArticle, check_link
from annotator.core.records import (
    AnnotationRow,
    ArticleRows,
    RelationRow,
    StoredRecord,
)
from annotator.storage import files
from annotator.storage import rows as rows_module
from annotator.storage.base import StoreBase

if TYPE_CHECKING:
    from annotator.core.schema import Schema

# Articles read per query by ``article_rows`` (as ``ReportQueries.annotated_articles``).
ROWS_BATCH = 200
# json.dumps(value, ensure_ascii=False), without making an encoder per call.
_dumps = json.JSONEncoder(ensure_ascii=False).encode
# Distinct attribute texts remembered as checked; cleared when full, so memory stays flat.
_CANONICAL_CACHE = 4096

# Each row with a last column: whether it can be copied as is (the record path, which
# names a damaged row, reads any other).
_ANNOTATION_ROWS = (
    'SELECT id, label, start, "end", text, attributes, note, annotator, created, modified, '
    f"article_id, {rows_module.integers_sql('article_id', 'start', rows_module.END)} AND "
    + rows_module.texts_sql(
        "label", "text", "attributes", "note", "annotator", "created", "modified", nullable=False
    )
    + " FROM annotations WHERE article_id IN (SELECT value FROM json_each(?))"
)
_RELATION_ROWS = (
    "SELECT id, type, from_id, to_id, annotator, created, article_id, "
    f"{rows_module.integers_sql('article_id', 'from_id', 'to_id')} AND "
    f"{rows_module.texts_sql('type', 'annotator', 'created', nullable=False)} "
    "FROM relations WHERE article_id IN (SELECT value FROM json_each(?)) "
    "ORDER BY article_id, id"
)


class BulkQueries(StoreBase):
    """Whole annotated articles in and out, a table at a time."""

    if TYPE_CHECKING:
        # ArticleQueries provides it in the assembled Store.
        def add_prepared_articles(
            self, prepared: list[PreparedArticle]
        ) -> list[tuple[int, bool]]: ...

    def add_annotated_articles(
        self, records: Sequence[PackedRecord], annotator: str = ""
    ) -> list[StoredRecord]:
        """Store new articles with their annotations and links, one statement per table.

        Each record is checked whole before anything is written, and stored whole or
        not at all. A record whose text is already in the store (or earlier in
        ``records``) is neither stored nor refused: its ``StoredRecord`` has
        ``created`` False and the existing article's id, for the caller's one-by-one
        path, which merges the work that came back.

        Args:
            records: articles with their spans and links (code points of the text);
                their digests and index forms are made here when not yet made.
            annotator: the name given to spans and links that name nobody.

        Returns:
            One ``StoredRecord`` per record, in order.
        """
        schema = self.schema
        results = [StoredRecord() for _ in records]
        valid: list[tuple[int, PackedRecord]] = []
        links_passed: set[tuple[Any, ...]] = set()
        # Whether each schema a reader checked records against is this store's.
        same_schema: dict[int, bool] = {}
        for n, record in enumerate(records):
            if record.ready_spans is not None:
                checked = record.checked_with
                same = same_schema.get(id(checked))
                if same is None:
                    same = same_schema[id(checked)] = checked is schema or (
                        checked is not None
                        and checked.labels == schema.labels
                        and checked.relations == schema.relations
                    )
                if same:
                    valid.append((n, record))
                    continue
                record = record.unready()
            try:
                _check_record(schema, record, annotator, links_passed)
            except AnnotatorError as exc:
                results[n] = StoredRecord(refused=str(exc))
                continue
            valid.append((n, record))
        if not valid:
            return results
        stamp = now_iso()
        with self.transaction():
            stored = self.add_prepared_articles([record.ready() for _, record in valid])
            next_id = self._next_annotation_id()
            # Checked attributes map names to allowed texts (or None), so equal items
            # are equal JSON: each distinct set is dumped once.
            dumped: dict[Any, str] = {}
            spans: list[tuple[Any, ...]] = []
            links: list[tuple[Any, ...]] = []
            for (n, record), (article_id, created) in zip(valid, stored, strict=True):
                if not created:
                    results[n] = StoredRecord(article_id=article_id)
                    continue
                if record.ready_spans is not None and record.ready_links is not None:
                    # Checked and made by the reader: only the ids are given here.
                    first = next_id
                    spans.extend(
                        [(i, article_id, *row) for i, row in enumerate(record.ready_spans, first)]
                    )
                    next_id += len(record.ready_spans)
                    links.extend(
                        [
                            (article_id, kind, first + source, first + target, who, made)
                            for kind, source, target, who, made in record.ready_links
                        ]
                    )
                    results[n] = StoredRecord(
                        article_id, True, len(record.ready_spans), len(record.ready_links)
                    )
                    continue
                ids: dict[Any, int] = {}
                for (
                    key,
                    label,
                    start,
                    end,
                    span_text,
                    values,
                    note,
                    who,
                    made,
                    changed,
                ) in record.spans:
                    ids[key] = next_id
                    attributes = dumped.get(id(values))
                    if attributes is None:
                        items = tuple(values.items())
                        attributes = dumped.get(items)
                        if attributes is None:
                            attributes = dumped[items] = _dumps(values)
                        # Packed records share equal attribute sets: one lookup by object
                        # (the records outlive this loop, so no id is given twice).
                        dumped[id(values)] = attributes
                    spans.append(
                        (
                            next_id,
                            article_id,
                            label,
                            start,
                            end,
                            span_text,
                            attributes,
                            note,
                            who or annotator,
                            made or stamp,
                            changed or stamp,
                        )
                    )
                    next_id += 1
                links.extend(
                    (article_id, kind, ids[source], ids[target], who or annotator, made or stamp)
                    for kind, source, target, who, made in record.links
                )
                results[n] = StoredRecord(article_id, True, len(record.spans), len(record.links))
            self.db.conn.executemany(
                'INSERT INTO annotations (id, article_id, label, start, "end", text, '
                "attributes, note, annotator, created, modified) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                spans,
            )
            self.db.conn.executemany(
                "INSERT INTO relations (article_id, type, from_id, to_id, annotator, created) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                links,
            )
        return results

    def newest_article_id(self) -> int:
        """The largest article id stored (0 when none): an article stored later has a
        larger one (see ``add_prepared_articles``)."""
        return int(self._read("SELECT coalesce(max(id), 0) AS m FROM articles")[0]["m"])

    def count_articles_after(self, article_id: int) -> int:
        """How many stored articles have an id above ``article_id`` (a range of rows,
        not a count of the whole table)."""
        rows = self._read("SELECT count(*) AS n FROM articles WHERE id > ?", [article_id])
        return int(rows[0]["n"])

    def _next_annotation_id(self) -> int:
        """Past every annotation id ever given (the table is AUTOINCREMENT: an id an
        undo step remembers is never given again)."""
        row = self._read(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'annotations'), "
            "0), coalesce((SELECT max(id) FROM annotations), 0)) AS m"
        )
        return int(row[0]["m"]) + 1

    # ------------------------------------------------------------------ reading

    def article_rows(
        self,
        article_ids: Sequence[int],
        annotator: str | None = None,
        batch: int = ROWS_BATCH,
    ) -> Iterator[ArticleRows]:
        """Articles with their annotation and relation rows, in id order, three queries
        per ``batch`` of ids.

        The same selection and row order as ``annotated_articles``. The three queries
        are read side by side, one article at a time, so memory holds one article and
        its rows, however many a batch has. The attributes come as their stored JSON
        text when it is already in annotator's own form (checked once per distinct
        text), rewritten to that form otherwise.

        Raises:
            StorageError: a damaged row, named with its file and id.
        """
        canonical: dict[str, str] = {}
        ann_sql = _ANNOTATION_ROWS + (" AND annotator = ?" if annotator is not None else "")
        ann_sql += f" ORDER BY article_id, {READING_ORDER_SQL}"
        for first in range(0, len(article_ids), batch):
            ids_json = json.dumps(sorted(article_ids[first : first + batch]))
            params: list[Any] = [ids_json] if annotator is None else [ids_json, annotator]
            try:
                articles = self.db.conn.execute(
                    "SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?)) "
                    "ORDER BY id",
                    [ids_json],
                )
                columns = [d[0] for d in articles.description]
                annotation_rows = self.db.conn.execute(ann_sql, params)
                relation_rows = self.db.conn.execute(_RELATION_ROWS, [ids_json])
                ann = next(annotation_rows, None)
                rel = next(relation_rows, None)
                for values in articles:
                    article = rows_module.article(
                        dict(zip(columns, values, strict=True)), self.path
                    )
                    article_id = article.id
                    kept: list[AnnotationRow] = []
                    while ann is not None and ann[10] <= article_id:
                        if ann[10] == article_id:
                            kept.append(self._annotation_row(ann, canonical))
                        ann = next(annotation_rows, None)
                    links: list[RelationRow] = []
                    while rel is not None and rel[6] <= article_id:
                        if rel[6] == article_id:
                            links.append(rel[:6] if rel[7] == 1 else self._checked_relation(rel[0]))
                        rel = next(relation_rows, None)
                    if annotator is not None:
                        present = {a[0] for a in kept}
                        links = [r for r in links if r[2] in present and r[3] in present]
                    yield ArticleRows(article, kept, links)
            except sqlite3.Error as exc:
                raise files.describe(exc, self.path) from None

    def _annotation_row(self, row: tuple[Any, ...], canonical: dict[str, str]) -> AnnotationRow:
        if row[11] != 1:
            return self._checked_annotation(row[0])
        raw = row[5]
        attributes = canonical.get(raw)
        if attributes is None:
            if len(canonical) >= _CANONICAL_CACHE:
                canonical.clear()
            attributes = rows_module.attributes_json(raw, f"annotation {row[0]!r}", self.path)
            canonical[raw] = attributes
        if attributes == raw:
            return row[:10]
        return (*row[:5], attributes, *row[6:10])

    def _checked_annotation(self, annotation_id: int) -> AnnotationRow:
        """A row the SQL flag did not pass, checked field by field (which says what is
        wrong with it), or made whole (a missing note is an empty one)."""
        row = self._read("SELECT * FROM annotations WHERE id = ?", [annotation_id])[0]
        ann = rows_module.annotation(row, self.path)
        what = f"annotation {annotation_id!r}"
        for key in ("label", "text"):
            if not isinstance(row[key], str):
                raise rows_module.damaged(self.path, what, key, row[key], "text")
        return (
            ann.id,
            ann.label,
            ann.start,
            ann.end,
            ann.text,
            json.dumps(ann.attributes, ensure_ascii=False),
            ann.note,
            ann.annotator,
            ann.created,
            ann.modified,
        )

    def _checked_relation(self, relation_id: int) -> RelationRow:
        row = self._read("SELECT * FROM relations WHERE id = ?", [relation_id])[0]
        rel = rows_module.relation(row, self.path)
        if not isinstance(row["type"], str):
            raise rows_module.damaged(
                self.path, f"relation {relation_id!r}", "type", row["type"], "text"
            )
        return (rel.id, rel.type, rel.from_id, rel.to_id, rel.annotator, rel.created)


def _check_record(
    schema: Schema, record: PackedRecord, annotator: str, links_passed: set[tuple[Any, ...]]
) -> None:
    """Refuse a record the one-by-one path would refuse, with the same messages.

    ``links_passed`` holds the (type, source label, target label) triples that passed
    already: each distinct one is checked against the schema once.
    """
    if record.article.status not in STATUSES:
        raise AnnotatorError(f"unknown status {record.article.status!r}")
    text = record.article.text
    length = len(text)
    known = schema.labels
    labels: dict[Any, str] = {}
    checked = record.offsets_checked
    # Attribute sets already passed for a label: packed records share equal sets, so
    # each distinct (label, set) is checked once.
    passed: set[tuple[str, int]] = set()
    for key, label, start, end, span_text, values, *_ in record.spans:
        # The common case is checked inline; anything else goes to the checks that
        # word the refusal.
        if not isinstance(label, str) or label not in known:
            schema.label(label)
        if values and (label, id(values)) not in passed:
            allowed = known[label].attributes
            for name, value in values.items():
                if name not in allowed or (value is not None and value not in allowed[name]):
                    schema.check_attributes(label, values)
            passed.add((label, id(values)))
        if not checked and (
            type(start) is not int
            or type(end) is not int
            or not 0 <= start < end <= length
            or text[start:end] != span_text
        ):
            check_span(text, start, end, span_text, what=f"{label} annotation")
        labels[key] = label
    seen: set[tuple[str, Any, Any, str]] = set()
    for n, (kind, source_key, target_key, who, _) in enumerate(record.links, 1):
        ends = (kind, labels.get(source_key), labels.get(target_key))
        if ends not in links_passed or source_key == target_key:
            check_link(schema, n, kind, source_key, target_key, labels)
            links_passed.add(ends)
        link_key = (kind, source_key, target_key, who or annotator)
        if link_key in seen:
            raise AnnotatorError(
                f"relation {n}: annotations {source_key!r} and {target_key!r} are "
                f"already linked by {kind}"
            )
        seen.add(link_key)
