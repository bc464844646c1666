"""An article ready to store: its text's digest and the search index forms, computed
before the store's transaction (in the import's reading process), and an annotated
record packed for the store's bulk path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotator.core.model import NewArticle
from annotator.core.records import ImportRecord, LinkRecord, RecordKey, SpanRecord
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

    def record(self) -> ImportRecord:
        """The ``ImportRecord`` again (for the one-by-one path that merges work)."""
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
