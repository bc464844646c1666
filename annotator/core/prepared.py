"""An article ready to store: its text's digest and the search index forms, computed
before the store's transaction (in the import's reading process), and an annotated
record packed for the store's bulk path."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.model import NewArticle
from annotator.core.records import ImportRecord, LinkRecord, RecordKey, SpanRecord
from annotator.core.schema import Schema
from annotator.core.search import index_form
from annotator.core.text import sha256_hex


@dataclass(frozen=True)
class PreparedArticle:
    """A canonical article with what its row and its search index row need."""

    article: NewArticle
    text_sha256: str
    title_index: str
    text_index: str

    @classmethod
    def of(cls, article: NewArticle) -> PreparedArticle:
        return cls(
            article, sha256_hex(article.text), index_form(article.title), index_form(article.text)
        )


# One annotation of a packed record: key, label, start, end, text, attributes, note,
# annotator, created, modified (a ``SpanRecord``'s fields, in that order).
SpanRow = tuple[RecordKey, str, int, int, str, dict[str, Any], str, str, str, str]
# One link of a packed record: type, source key, target key, annotator, created.
LinkRow = tuple[str, RecordKey, RecordKey, str, str]
# One annotation checked against a schema and ready for the store's INSERT but for its
# id and article id: label, start, end, text, attributes (JSON text), note, annotator,
# created, modified, with the import's defaults for a missing name or time applied.
ReadySpan = tuple[str, int, int, str, str, str, str, str, str]
# One link ready likewise: type, the positions of its source and target among the
# record's ready spans, annotator, created.
ReadyLink = tuple[str, int, int, str, str]


@dataclass
class PackedRecord:
    """An annotated ``ImportRecord`` with its spans and links as plain tuples.

    What the import's reading process sends the storing one: tuples of shared values
    cost a fraction of record objects to pickle and to unpickle, and the store's bulk
    path reads their fields by position. ``prepared`` is None until the digest and the
    index forms are made (by whichever process has the time). ``offsets_checked`` says
    that the reader has already held every span to the invariant of
    ``annotator.core.model.check_span`` against ``article.text`` (whole-number offsets,
    inside the text, covering exactly the span's text), so the store need not again.
    """

    article: NewArticle
    where: str
    spans: list[SpanRow]
    links: list[LinkRow]
    size: int = 0
    prepared: PreparedArticle | None = None
    offsets_checked: bool = False
    # Set instead of ``spans`` and ``links`` by a reader that has checked the whole
    # record against ``checked_with`` (the store's schema when it was read): the store
    # then only gives ids, if its schema is still that one (see ``unready``).
    ready_spans: list[ReadySpan] | None = None
    ready_links: list[ReadyLink] | None = None
    checked_with: Schema | None = None
    # The file's key of each ready span (for the messages of a store that checks again).
    ready_keys: list[RecordKey] | None = None

    @classmethod
    def of(cls, record: ImportRecord, shared: dict[Any, Any] | None = None) -> PackedRecord:
        """``record`` packed; equal labels, names, stamps and attribute sets become one
        object per ``shared`` (a batch's), which pickling then writes once."""
        one = _Sharer({} if shared is None else shared)
        value = one.value
        spans: list[SpanRow] = [
            (
                s.key,
                value(s.label),
                s.start,
                s.end,
                s.text,
                one.attributes(s.attributes),
                value(s.note),
                value(s.annotator),
                value(s.created),
                value(s.modified),
            )
            for s in record.annotations
        ]
        links: list[LinkRow] = [
            (value(k.type), k.source, k.target, value(k.annotator), value(k.created))
            for k in record.relations
        ]
        return cls(record.article, record.where, spans, links, record.size)

    def ready(self) -> PreparedArticle:
        """The digest and index forms, made now if not yet made."""
        if self.prepared is None:
            self.prepared = PreparedArticle.of(self.article)
        return self.prepared

    @property
    def rows(self) -> int:
        """How many annotation and link rows the record holds."""
        if self.ready_spans is not None and self.ready_links is not None:
            return len(self.ready_spans) + len(self.ready_links)
        return len(self.spans) + len(self.links)

    def unready(self) -> PackedRecord:
        """The record with ``spans`` and ``links`` as a reader gives them (the file's
        keys, attributes parsed again), for a store that must check it itself; the
        record itself when it is not ready."""
        if self.ready_spans is None or self.ready_links is None:
            return self
        keys: list[RecordKey] = self.ready_keys or list(range(len(self.ready_spans)))
        parsed: dict[str, dict[str, Any]] = {}
        spans: list[SpanRow] = []
        for key, (label, start, end, text, attributes, note, who, made, changed) in zip(
            keys, self.ready_spans, strict=True
        ):
            values = parsed.get(attributes)
            if values is None:
                values = parsed[attributes] = json.loads(attributes)
            spans.append((key, label, start, end, text, values, note, who, made, changed))
        links: list[LinkRow] = [
            (kind, keys[source], keys[target], who, made)
            for kind, source, target, who, made in self.ready_links
        ]
        return PackedRecord(self.article, self.where, spans, links, self.size, self.prepared, True)

    def record(self) -> ImportRecord:
        """The ``ImportRecord`` again (for the one-by-one path that merges work)."""
        if self.ready_spans is not None:
            return self.unready().record()
        return ImportRecord(
            self.article,
            self.where,
            [SpanRecord(*span) for span in self.spans],
            [LinkRecord(*link) for link in self.links],
            self.size,
        )


class _Sharer:
    """Equal texts and attribute sets as one object. Only texts are shared: 1, 1.0
    and True are equal keys, and a value the checks refuse must stay as the file gave it."""

    def __init__(self, shared: dict[Any, Any]) -> None:
        self.shared = shared

    def value(self, item: Any) -> Any:
        return self.shared.setdefault(item, item) if type(item) is str else item

    def attributes(self, attributes: dict[str, Any]) -> dict[str, Any]:
        if type(attributes) is not dict:
            return attributes
        items = tuple(attributes.items())
        for _, value in items:
            if type(value) is not str:
                return attributes
        shared: dict[str, Any] = self.shared.setdefault(("attributes", items), attributes)
        return shared


def check_link(
    schema: Schema, n: int, kind: str, source_key: Any, target_key: Any, labels: dict[Any, str]
) -> None:
    """Refuse link ``n`` of a record (``labels``: its spans' labels by key) when the
    schema does not allow it."""
    rel_type = schema.relation(kind)
    for named in (source_key, target_key):
        if named not in labels:
            raise InputError(f"relation {n}: {named!r} is not an annotation of this article")
    if source_key == target_key:
        raise AnnotatorError("an annotation cannot be linked to itself")
    source, target = labels[source_key], labels[target_key]
    if not rel_type.allows(source, target):
        raise AnnotatorError(
            f"{kind} cannot link {source} to {target}; it links "
            f"{'/'.join(rel_type.sources)} to {'/'.join(rel_type.targets)}"
        )
