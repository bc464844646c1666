"""Plain records for articles, annotations and relations (no storage, no Qt)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InvariantError
from annotator.core.statuses import STATUSES as STATUSES


def now_iso() -> str:
    """The current UTC time as 2026-11-21T10:00:00.123Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@dataclass(frozen=True)
class NewArticle:
    """An article read from a file, with canonical text, before it is stored."""

    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    status: str = "new"


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    text: str
    status: str
    source: str
    url: str
    published: str
    meta: dict[str, Any]
    text_sha256: str
    created: str


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    title: str
    status: str
    annotation_count: int
    length: int


@dataclass(frozen=True)
class Annotation:
    id: int
    article_id: int
    label: str
    start: int
    end: int
    text: str
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    annotator: str = ""
    created: str = ""
    modified: str = ""

    def with_changes(self, **changes: Any) -> Annotation:
        return replace(self, **changes)

    @classmethod
    def unparsed(
        cls,
        values: tuple[int, int, str, int, int, str],
        raw_attributes: str,
        parse: Callable[[str], dict[str, Any]],
        note: str = "",
        annotator: str = "",
        created: str = "",
        modified: str = "",
    ) -> Annotation:
        """A record whose attributes stay JSON text until first asked for.

        Opening an article reads thousands of annotations whose attributes are mostly
        never looked at; ``parse`` turns ``raw_attributes`` into the dict on first use.

        Args:
            values: id, article_id, label, start, end, text.
        """
        record = object.__new__(cls)
        fields = record.__dict__
        fields["id"], fields["article_id"], fields["label"] = values[0], values[1], values[2]
        fields["start"], fields["end"], fields["text"] = values[3], values[4], values[5]
        fields["note"], fields["annotator"] = note, annotator
        fields["created"], fields["modified"] = created, modified
        fields["_unparsed"] = (raw_attributes, parse)
        return record

    if not TYPE_CHECKING:
        # Reached only for a field that is not set: the attributes of an ``unparsed``
        # record. Hidden from type checkers, which would otherwise accept any name.

        def __getattr__(self, name: str) -> Any:
            fields = self.__dict__
            if name != "attributes" or "_unparsed" not in fields:
                raise AttributeError(name)
            raw, parse = fields["_unparsed"]
            value = parse(raw)
            fields["attributes"] = value
            del fields["_unparsed"]
            return value


def reading_order(annotation: Annotation) -> tuple[int, int, int]:
    """The order annotations are read, listed and exported in: by start, the longer of
    two that start together first (the outer before the inner), then by id."""
    return (annotation.start, -annotation.end, annotation.id)


# ``reading_order`` as an ORDER BY clause over the annotations table (a test keeps the
# two the same).
READING_ORDER_SQL = 'start, "end" DESC, id'


@dataclass(frozen=True)
class Relation:
    id: int
    article_id: int
    type: str
    from_id: int
    to_id: int
    annotator: str = ""
    created: str = ""


def check_span(
    text: str, start: int, end: int, covered: str | None = None, what: str = "span"
) -> None:
    """Enforce the invariant text[start:end] == covered, with 0 <= start < end <= len(text).

    Raises:
        InvariantError: naming ``what`` and the offsets.
    """
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        raise InvariantError(f"{what}: offsets must be whole numbers")
    if not 0 <= start < end <= len(text):
        raise InvariantError(
            f"{what}: offsets {start}-{end} are outside the article (length {len(text)}) or empty"
        )
    if covered is not None and text[start:end] != covered:
        raise InvariantError(
            f"{what}: text {covered!r} does not match the article at {start}-{end} "
            f"({text[start:end]!r})"
        )
