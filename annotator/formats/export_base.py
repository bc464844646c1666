"""What every exporter shares: the document it is given, where it reports, and safe names.

Exporters never read the database. ``annotator.formats.export`` selects and checks the
annotations, and hands each writer one ``ExportDocument`` per article.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Protocol

from annotator.core.errors import AnnotatorError
from annotator.core.model import Annotation, Article, Relation


class Reporter(Protocol):
    """Where a writer says what it could not write."""

    def warn(self, message: str) -> None:
        """One annotation or relation could not be written exactly (a lossy span)."""

    def note(self, message: str) -> None:
        """What the format leaves out by design, said once per export."""


class ExportError(AnnotatorError):
    """An export cannot be written; the message names the file, option or annotation."""


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
