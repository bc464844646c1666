"""An article ready to store: its text's digest and the search index forms, computed
before the store's transaction (in the import's reading process), and an annotated
record packed for the store's bulk path."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.model import NewArticle, now_iso
from annotator.core.records import ImportRecord, LinkRecord, RecordKey, SpanRecord
from annotator.core.search import index_form
from annotator.core.text import sha256_hex

if TYPE_CHECKING:
    # Only the import's checks need it, not the commands that merely read (``list``).
    from annotator.core.schema import Schema


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

# json.dumps(value, ensure_ascii=False), as the store writes attributes.
_dumps = json.JSONEncoder(ensure_ascii=False).encode
# Distinct attribute sets remembered as allowed; cleared when full, so memory stays flat.
_ALLOWED_CACHE = 4096


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


class ReadyRows:
    """The store's schema and default annotator, for the import's reading process to
    check records against and make their rows ready (``make_ready``); and what it has
    found allowed so far."""

    def __init__(self, schema: Schema, annotator: str = "") -> None:
        # What the checks use, without the guidelines text that every batch of records
        # would carry to the store (``PackedRecord.checked_with``).
        self.schema = replace(schema, guidelines="") if schema.guidelines else schema
        self.annotator = annotator
        # (label, attribute items) allowed, with the attributes' JSON text.
        self.attributes: dict[tuple[str, Any], str] = {}
        # (link type, source label, target label) allowed.
        self.link_ends: set[tuple[str, str, str]] = set()


def make_ready(record: PackedRecord, ready: ReadyRows) -> None:
    """Check a record whose offsets its reader has checked (``offsets_checked``)
    against the store's schema, as ``annotator.storage.bulk`` would, with the same
    refusals in the same order (labels, attribute names and values, link types and the
    labels they join, a link given twice), and give it its rows ready to store.

    Raises:
        AnnotatorError: what the store would refuse, in its words.
    """
    schema = ready.schema
    known = schema.labels
    allowed = ready.attributes
    default = ready.annotator
    stamp = now_iso()
    # Equal stamps one object: pickling then writes each once.
    share = {stamp: stamp}.setdefault
    rows: list[ReadySpan] = []
    for _, label, start, end, span_text, values, note, who, made, changed in record.spans:
        if not isinstance(label, str) or label not in known:
            schema.label(label)
        if values:
            key = (label, tuple(values.items()))
            try:
                attributes = allowed.get(key)
            except TypeError:  # a value that cannot be a key (a list): refused here
                schema.check_attributes(label, values)
                raise
            if attributes is None:
                schema.check_attributes(label, values)
                # Allowed values are texts or null: equal items are equal JSON.
                attributes = _dumps(values)
                if len(allowed) >= _ALLOWED_CACHE:
                    allowed.clear()
                allowed[key] = attributes
        else:
            attributes = "{}"
        made = share(made, made) if made else stamp
        rows.append(
            (
                label,
                start,
                end,
                span_text,
                attributes,
                note,
                who or default,
                made,
                (made if changed == made else share(changed, changed)) if changed else stamp,
            )
        )
    ids = {span[0]: n for n, span in enumerate(record.spans)}
    links: list[ReadyLink] = []
    seen: set[tuple[str, Any, Any, str]] = set()
    labels: dict[Any, str] | None = None
    for n, (kind, source_key, target_key, who, made) in enumerate(record.links, 1):
        source, target = ids.get(source_key, -1), ids.get(target_key, -1)
        ends = None if min(source, target) < 0 else (kind, rows[source][0], rows[target][0])
        if ends is None or ends not in ready.link_ends or source == target:
            if labels is None:
                labels = {k: rows[i][0] for k, i in ids.items()}
            # Refuses an end that is not a span of the record too.
            check_link(schema, n, kind, source_key, target_key, labels)
            if ends is not None:
                ready.link_ends.add(ends)
        who = who or default
        link_key = (kind, source_key, target_key, who)
        if link_key in seen:
            raise AnnotatorError(
                f"relation {n}: annotations {source_key!r} and {target_key!r} are "
                f"already linked by {kind}"
            )
        seen.add(link_key)
        links.append((kind, source, target, who, share(made, made) if made else stamp))
    record.ready_keys = [span[0] for span in record.spans]
    record.ready_spans, record.ready_links = rows, links
    record.checked_with = schema
    record.spans, record.links = [], []
