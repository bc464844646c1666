"""What every format shares: options, the store seams, documents, reports, safe names and
atomic writes.

Formats never import the storage package: importers talk to an ``ImportStore`` and the
export to an ``ExportStore``, two typed protocols that ``annotator.storage.Store``
fulfils. ``annotator.formats.export`` selects and checks the annotations, and hands each
writer one ``ExportDocument`` per article.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from annotator.core.errors import AnnotatorError
from annotator.core.model import Annotation, Article, NewArticle, Relation
from annotator.core.prepared import PackedRecord, PreparedArticle
from annotator.core.records import AnnotatedArticle, ArticleRows, StoredRecord
from annotator.core.schema import Schema
from annotator.core.suggestions import Suggestion, SuggestionLink


@dataclass
class ImportOptions:
    """How files are read.

    Attributes:
        encoding: read every file with this encoding (None: detect).
        fold_presentation: fold Arabic presentation forms to base letters.
        text_column, title_column: the CSV columns of text and title.
        annotator: the name given to annotations and links the file does not name.
        labelstudio_predictions: also read Label Studio predictions (pre-annotations)
            as annotations, under their model_version.
        schema: the store's schema (``import_paths`` sets it), for checking records
            against it while they are read and making their rows ready to store
            (``core.prepared.make_ready``).
    """

    encoding: str | None = None
    fold_presentation: bool = True
    text_column: str = "text"
    title_column: str = "title"
    annotator: str | None = None
    labelstudio_predictions: bool = False
    schema: Schema | None = None


@dataclass(frozen=True)
class ExportOptions:
    """Choices of single formats.

    Attributes:
        spans_key: spaCy: the ``doc.spans`` key that holds every annotation.
        labelstudio_as: Label Studio: write spans as "annotations" or as "predictions"
            (pre-annotations an annotator reviews).
    """

    spans_key: str = "sc"
    labelstudio_as: str = "annotations"


class ImportStore(Protocol):
    """What an importer needs of a store."""

    @property
    def schema(self) -> Schema: ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def chunked(self) -> AbstractContextManager[Callable[[], None]]:
        """A long write that commits at the boundaries its caller marks (storage.chunks)."""
        ...

    def add_article(self, article: NewArticle) -> tuple[int, bool]: ...

    def add_articles(self, articles: list[NewArticle]) -> list[tuple[int, bool]]: ...

    def add_prepared_articles(self, prepared: list[PreparedArticle]) -> list[tuple[int, bool]]: ...

    def annotations(self, article_id: int, annotator: str | None = None) -> list[Annotation]: ...

    def relations(self, article_id: int) -> list[Relation]: ...

    def insert_annotation(self, record: Annotation, keep_id: bool = False) -> Annotation: ...

    def insert_relation(self, record: Relation, keep_id: bool = False) -> Relation: ...

    def set_status(self, article_id: int, status: str) -> str: ...

    def add_annotated_articles(
        self, records: Sequence[PackedRecord], annotator: str = ...
    ) -> list[StoredRecord]:
        """New articles with their spans and links, one statement per table (see
        storage.bulk); a record whose text is stored already is left to the caller."""
        ...


class ExportStore(Protocol):
    """What an export needs of a store (read-only is enough)."""

    path: Path

    @property
    def schema(self) -> Schema: ...

    def select_article_ids(
        self, status: str | None = None, ids: Sequence[int] | None = None
    ) -> list[int]: ...

    def annotator_names(self) -> list[str]: ...

    def suggestions(self, article_id: int, state: str | None = ...) -> list[Suggestion]: ...

    def suggestion_links(
        self, article_id: int, state: str | None = ...
    ) -> list[SuggestionLink]: ...

    def snapshot(self) -> AbstractContextManager[None]:
        """Read everything inside the block from one state of the database."""
        ...

    def annotated_articles(
        self, article_ids: Sequence[int], annotator: str | None = None, batch: int = ...
    ) -> Iterator[AnnotatedArticle]: ...

    def article_rows(
        self, article_ids: Sequence[int], annotator: str | None = None, batch: int = ...
    ) -> Iterator[ArticleRows]:
        """As ``annotated_articles``, with rows as checked tuples (see storage.bulk)."""
        ...


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Temporary files and folders are private (0600, 0700); the result gets the usual mode.
# Read once at import: os.umask can only be read by setting it.
UMASK = _current_umask()


def atomic_write(
    target: Path,
    write: Callable[[IO[Any]], object],
    *,
    binary: bool = False,
    encoding: str = "utf-8",
) -> None:
    """Write a file through ``write`` into a temporary file beside ``target``, then rename it.

    ``target`` is the old file or the complete new one, never a part: an error or a
    crash half-way leaves it as it was.
    """
    from annotator.formats import staging

    staging.clear_leftovers(target.parent, target.name)
    fd, tmp_name = tempfile.mkstemp(
        dir=target.parent, prefix=staging.prefix(target.name), suffix=".tmp"
    )
    tmp = Path(tmp_name)
    try:
        fh: IO[Any]
        fh = open(fd, "wb") if binary else open(fd, "w", encoding=encoding, newline="")  # noqa: SIM115
        with fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~UMASK)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


class Reporter(Protocol):
    """Where a writer says what it could not write."""

    def warn(self, message: str) -> None:
        """One annotation or relation could not be written exactly (a lossy span)."""

    def note(self, message: str) -> None:
        """What the format leaves out by design, said once per export."""


class ExportError(AnnotatorError):
    """An export cannot be written; the message names the file, option or annotation."""


class FormatUnavailable(ExportError):
    """A format's optional package is missing (``pip install 'annotator[NAME]'``)."""


@dataclass(frozen=True)
class ExportDocument:
    """One article as an exporter sees it.

    Attributes:
        article: the article, with its canonical text.
        annotations: the annotations to write, in reading order (start, longer first, id).
        relations: the relations whose two ends are both in ``annotations``.
        context: every annotation of the article that the annotator filter kept, before
            the label filter; a CSV row uses it to name the sources of a claim.
        context_relations: the relations between the annotations of ``context``.
    """

    article: Article
    annotations: list[Annotation]
    relations: list[Relation]
    context: list[Annotation] = field(default_factory=list)
    context_relations: list[Relation] = field(default_factory=list)
    # Pending suggestions (with --include-suggestions): id is the suggestion's, annotator
    # its recommender; formats that have predictions write them as such.
    suggestions: list[Annotation] = field(default_factory=list)
    suggestion_relations: list[Relation] = field(default_factory=list)
    suggestion_scores: dict[int, float] = field(default_factory=dict)


class DocumentWriter(Protocol):
    """A writer of one format: built on its target, fed documents in order, then closed."""

    def write(self, doc: ExportDocument) -> None: ...

    def close(self) -> None: ...


def outermost(annotations: list[Annotation]) -> tuple[list[Annotation], list[Annotation]]:
    """The spans a one-tag-per-token format keeps: in reading order, each that overlaps
    none kept before it (so the longer of two that start together); and the others."""
    kept: list[Annotation] = []
    left: list[Annotation] = []
    for ann in sorted(annotations, key=lambda a: (a.start, -a.end, a.id)):
        if kept and ann.start < kept[-1].end:
            left.append(ann)
        else:
            kept.append(ann)
    return kept, left


def describe(ann: Annotation, limit: int = 40) -> str:
    """A short, unambiguous name for an annotation in a message."""
    shown = ann.text if len(ann.text) <= limit else ann.text[: limit - 1] + "…"
    shown = shown.replace("\n", " ")
    return f"annotation {ann.id} ({ann.label} {ann.start}-{ann.end} «{shown}»)"


# Windows refuses these as file names whatever the extension (CON.txt is the console).
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "conin$", "conout$"]
    + [f"{dev}{n}" for dev in ("com", "lpt") for n in (*"123456789", "¹", "²", "³")]
)
_SLUG_LIMIT = 60


def safe_name(article_id: int, title: str) -> str:
    """A file name stem from an article id and title, safe on every common file system.

    The id comes first (zero-padded, so that names sort in id order) and makes the name
    unique; the title adds letters, marks and digits of any script, with every run of
    other characters (separators, dots, punctuation, controls, emoji) turned into one
    hyphen. The result never holds a path separator, never starts with a dot and is
    never a Windows device name such as ``con``.
    """
    slug_chars: list[str] = []
    for ch in unicodedata.normalize("NFC", title):
        if unicodedata.category(ch)[0] in "LMN":
            slug_chars.append(ch)
        elif slug_chars and slug_chars[-1] != "-":
            slug_chars.append("-")
    slug = "".join(slug_chars)[:_SLUG_LIMIT].strip("-")
    # A combining mark cannot start a name that file managers show on its own.
    while slug and unicodedata.category(slug[0]).startswith("M"):
        slug = slug[1:]
    stem = f"{article_id:06d}" + (f"-{slug}" if slug else "")
    # The numeric prefix already rules device names out; the check keeps it so if the
    # prefix ever changes.
    if stem.lower().split(".")[0] in _RESERVED:
        stem = "_" + stem
    return stem


_STEM_ID = re.compile(r"^(\d{6,})(?:-(.*))?$")


def title_from_stem(stem: str) -> str:
    """The title part of a name made by ``safe_name`` (the whole stem for other names)."""
    match = _STEM_ID.match(stem)
    if match and match.group(2):
        return match.group(2)
    return stem


# JSON leaves these unescaped, but str.splitlines() and many line readers break on them;
# escaping keeps one article on one line for every reader.
_LINE_SEPARATORS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def dumps_line(obj: Any) -> str:
    """One JSON object as one line of UTF-8 text (no trailing newline)."""
    return line_safe(json.dumps(obj, ensure_ascii=False))


def line_safe(line: str) -> str:
    """A line of JSON with the characters that line readers break on escaped."""
    if "\u2028" in line or "\u2029" in line or "\x85" in line:
        for raw, escaped in _LINE_SEPARATORS.items():
            line = line.replace(raw, escaped)
    return line
