"""What crosses the seams between formats and the store: import records and annotated articles.

Readers turn files into ``ImportRecord`` objects (an article with typed ``SpanRecord``
and ``LinkRecord`` lists) or ``Skip`` reasons; the store hands exporters
``AnnotatedArticle`` objects. Neither side needs to know the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.model import Annotation, Article, NewArticle, Relation

# A single article larger than this is refused: no news article comes near it, and a
# mistaken multi-gigabyte file must not be read into memory.
MAX_ARTICLE_BYTES = 20 * 1024 * 1024

# A reader's own name for a span, used by the links of the same record.
RecordKey = int | str


@dataclass(frozen=True)
class SpanRecord:
    """One annotation as a file gives it, in code points of the canonical article text."""

    key: RecordKey
    label: str
    start: int
    end: int
    text: str
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    annotator: str = ""
    created: str = ""
    modified: str = ""


@dataclass(frozen=True)
class LinkRecord:
    """One relation as a file gives it: from the span ``source`` to the span ``target``."""

    type: str
    source: RecordKey
    target: RecordKey
    annotator: str = ""
    created: str = ""


@dataclass
class ImportRecord:
    """One article to store, with its annotations and relations."""

    article: NewArticle
    where: str
    annotations: list[SpanRecord] = field(default_factory=list)
    relations: list[LinkRecord] = field(default_factory=list)
    size: int = 0


@dataclass
class Skip:
    """A file or line that was not imported, and why."""

    where: str
    reason: str
    size: int = 0

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article with its annotations (in reading order) and the relations between them."""

    article: Article
    annotations: list[Annotation]
    relations: list[Relation]


def spans_from_native(items: list[dict[str, Any]]) -> list[SpanRecord]:
    """Typed spans from annotations in the native JSON form (already checked)."""
    return [
        SpanRecord(
            key=item.get("id", n),
            label=item["label"],
            start=item["start"],
            end=item["end"],
            text=item["text"],
            attributes=dict(item.get("attributes") or {}),
            note=item.get("note") or "",
            annotator=item.get("annotator") or "",
            created=item.get("created") or "",
            modified=item.get("modified") or "",
        )
        for n, item in enumerate(items, 1)
    ]


def links_from_native(items: list[dict[str, Any]]) -> list[LinkRecord]:
    """Typed links from relations in the native JSON form (already checked)."""
    return [
        LinkRecord(
            type=item["type"],
            source=item["from"],
            target=item["to"],
            annotator=item.get("annotator") or "",
            created=item.get("created") or "",
        )
        for item in items
    ]


# One annotation row as the store reads it for a bulk export, already checked: id,
# label, start, end, text, attributes (the stored JSON object text, canonical: exactly
# what ``json.dumps(value, ensure_ascii=False)`` gives), note, annotator, created,
# modified.
AnnotationRow = tuple[int, str, int, int, str, str, str, str, str, str]
# One relation row, checked: id, type, from id, to id, annotator, created.
RelationRow = tuple[int, str, int, int, str, str]


@dataclass(frozen=True)
class ArticleRows:
    """An article with its annotation and relation rows as plain tuples (in reading
    order, and by id): what a writer that only copies fields needs, without a record
    object or a parsed attributes value per row."""

    article: Article
    annotations: list[AnnotationRow]
    relations: list[RelationRow]


@dataclass(frozen=True)
class StoredRecord:
    """What became of one record given to the store's bulk import.

    Attributes:
        article_id: the new article (0 when refused or not new).
        created: the article is new and stored with all its annotations and links.
        annotations, relations: how many were stored.
        refused: why nothing of the record was stored ("" when it was, or when its text
            was already in the store: such a record is left to the one-by-one path).
    """

    article_id: int = 0
    created: bool = False
    annotations: int = 0
    relations: int = 0
    refused: str = ""
