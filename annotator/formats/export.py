"""Export a database to the formats of other tools: the one API that the CLI and the GUI call.

    from annotator.formats.export import FORMATS, ExportFilter, export
    report = export(store, Path("out.jsonl"), "jsonl", ExportFilter(status="done"))

``FORMATS`` lists every format with its description, offset unit and layout (a single
stream, or a folder of files). ``export`` selects articles and annotations, refuses an
annotation whose stored text no longer matches the article, and writes atomically: into
a temporary file or folder beside OUT, renamed over OUT only when everything is written.
A crash, an error or a cancel leaves OUT as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from annotator.core.errors import InvariantError
from annotator.core.model import STATUSES, Annotation, check_span
from annotator.core.schema import Schema
from annotator.formats.brat import CONFIG_FILES, BratWriter
from annotator.formats.conll import ConllWriter
from annotator.formats.doccano import DoccanoWriter
from annotator.formats.export_base import (
    DocumentWriter,
    ExportDocument,
    ExportError,
    Reporter,
    describe,
)
from annotator.formats.export_csv import CsvWriter
from annotator.formats.export_jsonl import JsonlWriter
from annotator.formats.export_suggestions import SUGGESTION_FORMATS, with_suggestions
from annotator.formats.labelstudio import LabelStudioConfigWriter, LabelStudioWriter
from annotator.formats.xmi import TYPESYSTEM_FILE, XmiWriter
from annotator.storage.store import AnnotatedArticle, Store

OffsetUnit = Literal["codepoint", "utf16", "token", "none"]

OFFSET_UNITS: dict[str, str] = {
    "codepoint": "Unicode code points",
    "utf16": "UTF-16 code units",
    "token": "tokens (with code point offsets per token)",
    "none": "no offsets",
}

# Called with (articles done, articles in all); returning False cancels the export.
Progress = Callable[[int, int], bool]


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Temporary files and folders are private (0600, 0700); the result gets the usual mode.
# Read once at import: os.umask can only be read by setting it.
_UMASK = _current_umask()


@dataclass(frozen=True)
class ExportFormat:
    """A format ``export`` can write.

    Attributes:
        name: the value of ``--format``.
        description: one line for a format menu.
        offset_unit: a key of ``OFFSET_UNITS``: what the format's offsets count.
        stream: True for one file (or stdout), False for a folder of files.
        suffix: the usual file suffix of a stream format ("" for folders).
        encoding: the text encoding of a stream format.
        folder_files: for folder formats, the suffixes and names an export writes (an
            existing folder holding anything else is never replaced).
        articles: False for a format written from the schema alone (no article is read).
    """

    name: str
    description: str
    offset_unit: OffsetUnit
    stream: bool
    suffix: str = ""
    encoding: str = "utf-8"
    folder_files: tuple[str, ...] = ()
    articles: bool = True


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "jsonl",
            "Native JSON Lines, lossless; annotator import reads it back",
            "codepoint",
            True,
            ".jsonl",
        ),
        ExportFormat(
            "brat",
            "brat standoff folder: NAME.txt + NAME.ann, annotation.conf",
            "codepoint",
            False,
            folder_files=(".txt", ".ann", *CONFIG_FILES),
        ),
        ExportFormat(
            "csv",
            "CSV, one row per annotation (UTF-8 with BOM, for spreadsheets)",
            "codepoint",
            True,
            ".csv",
            encoding="utf-8-sig",
        ),
        ExportFormat(
            "conll", "CoNLL, one token per line, a BIO column per label", "token", True, ".conll"
        ),
        ExportFormat(
            "xmi",
            "INCEpTION / WebAnno UIMA CAS XMI folder (dkpro-cassis)",
            "utf16",
            False,
            folder_files=(".xmi", TYPESYSTEM_FILE),
        ),
        ExportFormat(
            "labelstudio", "Label Studio JSON tasks with annotations", "codepoint", True, ".json"
        ),
        ExportFormat(
            "labelstudio-config",
            "Label Studio labeling config (XML) for the schema",
            "none",
            True,
            ".xml",
            articles=False,
        ),
        ExportFormat(
            "doccano", "doccano JSONL (sequence labeling with relations)", "utf16", True, ".jsonl"
        ),
    )
}


@dataclass(frozen=True)
class ExportFilter:
    """Which articles and annotations to export; every field left empty means all.

    Attributes:
        status: only articles with this status (new, in_progress, done).
        annotator: only annotations by this annotator (and links between them).
        labels: only annotations with these labels (and links between them).
        article_ids: only these articles.
    """

    status: str | None = None
    annotator: str | None = None
    labels: tuple[str, ...] = ()
    article_ids: tuple[int, ...] = ()
    include_suggestions: bool = False


@dataclass
class ExportReport:
    """What an export wrote, and what it could not write exactly.

    Attributes:
        format: the format name.
        out: where it was written ("-" for stdout).
        articles, annotations, relations: how many were written.
        warnings: annotations or relations written inexactly (lossy), one line each.
        notes: what the format leaves out by design, one line each.
        cancelled: the progress callback cancelled it; nothing was written.
    """

    format: str
    out: str
    articles: int = 0
    annotations: int = 0
    relations: int = 0
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cancelled: bool = False

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def note(self, message: str) -> None:
        self.notes.append(message)


class _Cancelled(Exception):
    pass


def export(
    store: Store,
    out: Path | str,
    fmt: str,
    filters: ExportFilter | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> ExportReport:
    """Write the articles and annotations of ``store`` that ``filters`` selects to ``out``.

    Call it from the thread that opened ``store`` (a SQLite connection belongs to its
    thread): a GUI worker thread opens its own read-only store on the same file.

    Args:
        store: an open store (read-only is enough).
        out: the file (stream formats), folder (folder formats), or "-" for stdout
            (stream formats only).
        fmt: a key of ``FORMATS``.
        filters: which articles and annotations; None exports everything.
        force: replace an existing ``out``. A folder is replaced only when it holds
            nothing but the kind of files this format writes.
        progress: called with (0, articles in all) first, then (articles done,
            articles in all) after each article; returning False cancels, nothing is
            written, and the report says ``cancelled``.

    Returns:
        The report; ``report.warnings`` lists what was written inexactly.

    Raises:
        ExportError: a bad format, filter or OUT; the message names it.
        InvariantError: an annotation's text does not match its article (named).
    """
    filters = filters or ExportFilter()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    spec = FORMATS[fmt]
    to_stdout = str(out) == "-"
    if to_stdout and not spec.stream:
        raise ExportError(f"{fmt} writes a folder of files; give a folder, not -, as OUT")
    target = None if to_stdout else Path(out).expanduser()
    _check_filters(store, filters)
    if target is not None:
        # --force must never replace the database (or its WAL files) with an export.
        database = store.path.resolve()
        own_files = {database, *(database.with_name(database.name + x) for x in ("-wal", "-shm"))}
        if target.resolve() in own_files:
            raise ExportError(f"{target} is the database itself; choose another OUT")
        _check_target(target, spec, force)
    ids = store.select_article_ids(filters.status, filters.article_ids or None)
    if not spec.articles:
        ids = []
    report = ExportReport(format=fmt, out=str(out))
    if filters.include_suggestions and fmt not in SUGGESTION_FORMATS:
        report.note(f"{fmt} has no predictions: pending suggestions are left out")
    documents = _documents(store, ids, filters, report, progress)
    try:
        if spec.stream:
            _export_stream(spec, store.schema, documents, target, report)
        else:
            assert target is not None
            _export_folder(spec, store.schema, documents, target, report)
    except _Cancelled:
        return ExportReport(format=fmt, out=str(out), cancelled=True)
    return report


def _check_filters(store: Store, filters: ExportFilter) -> None:
    if filters.status is not None and filters.status not in STATUSES:
        raise ExportError(f"unknown status {filters.status!r}; use one of {', '.join(STATUSES)}")
    for label in filters.labels:
        store.schema.label(label)
    if filters.annotator is not None:
        names = store.annotator_names()
        if filters.annotator not in names:
            shown = ", ".join(repr(n) for n in names) or "none"
            raise ExportError(
                f"no annotations by {filters.annotator!r} in {store.path}; annotators: {shown}"
            )


def _check_target(target: Path, spec: ExportFormat, force: bool) -> None:
    if not target.parent.is_dir():
        raise ExportError(f"{target}: the folder {target.parent} does not exist")
    if not target.exists() and not target.is_symlink():
        return
    if spec.stream:
        if target.is_dir():
            raise ExportError(f"{target} is a folder; {spec.name} writes one file")
        if not force:
            raise ExportError(f"{target} already exists; add --force to replace it")
        return
    if not target.is_dir():
        raise ExportError(f"{target} is a file; {spec.name} writes a folder")
    entries = list(target.iterdir())
    if not entries:
        return
    if not force:
        raise ExportError(f"{target} already exists and is not empty; add --force to replace it")
    foreign = [
        e.name
        for e in entries
        if not e.is_file() or not (e.suffix in spec.folder_files or e.name in spec.folder_files)
    ]
    if foreign:
        raise ExportError(
            f"{target} holds files a {spec.name} export does not write (such as "
            f"{sorted(foreign)[0]!r}); it is not replaced, even with --force"
        )


def _documents(
    store: Store,
    ids: list[int],
    filters: ExportFilter,
    report: ExportReport,
    progress: Progress | None,
) -> Iterator[ExportDocument]:
    labels = set(filters.labels)
    total = len(ids)
    if progress is not None and not progress(0, total):
        raise _Cancelled
    for done, item in enumerate(store.annotated_articles(ids, filters.annotator), 1):
        doc = _select(item, labels)
        if filters.include_suggestions:
            doc = with_suggestions(store, doc, labels)
        _verify(doc)
        report.articles += 1
        report.annotations += len(doc.annotations)
        report.relations += len(doc.relations)
        yield doc
        if progress is not None and not progress(done, total):
            raise _Cancelled


def _select(item: AnnotatedArticle, labels: set[str]) -> ExportDocument:
    if not labels:
        return ExportDocument(
            item.article, item.annotations, item.relations, item.annotations, item.relations
        )
    kept = [a for a in item.annotations if a.label in labels]
    present = {a.id for a in kept}
    links = [r for r in item.relations if r.from_id in present and r.to_id in present]
    return ExportDocument(item.article, kept, links, item.annotations, item.relations)


def _verify(doc: ExportDocument) -> None:
    text = doc.article.text
    for ann in doc.annotations:
        try:
            check_span(text, ann.start, ann.end, ann.text, what=_name(ann))
        except InvariantError as exc:
            raise InvariantError(f"{exc}; the export is refused and nothing was written") from None


def _name(ann: Annotation) -> str:
    return f"{describe(ann)} of article {ann.article_id}"


def _stream_writer(
    spec: ExportFormat, fh: TextIO, schema: Schema, report: Reporter
) -> DocumentWriter:
    if spec.name == "jsonl":
        return JsonlWriter(fh)
    if spec.name == "csv":
        return CsvWriter(fh, schema)
    if spec.name == "conll":
        return ConllWriter(fh, schema, report)
    if spec.name == "labelstudio":
        return LabelStudioWriter(fh, schema, report)
    if spec.name == "labelstudio-config":
        return LabelStudioConfigWriter(fh, schema)
    if spec.name == "doccano":
        return DoccanoWriter(fh, report)
    raise ExportError(f"{spec.name} is not a stream format")


def _folder_writer(
    spec: ExportFormat, folder: Path, schema: Schema, report: Reporter
) -> DocumentWriter:
    if spec.name == "brat":
        return BratWriter(folder, schema, report)
    if spec.name == "xmi":
        return XmiWriter(folder, schema, report)
    raise ExportError(f"{spec.name} is not a folder format")


def _export_stream(
    spec: ExportFormat,
    schema: Schema,
    documents: Iterator[ExportDocument],
    target: Path | None,
    report: ExportReport,
) -> None:
    # stdout is staged in a temporary file too, so that an error half-way prints nothing.
    folder = target.parent if target is not None else Path(tempfile.gettempdir())
    prefix = f".{target.name}." if target is not None else ".annotator-export."
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with open(fd, "w", encoding=spec.encoding, newline="") as fh:
            writer = _stream_writer(spec, fh, schema, report)
            for doc in documents:
                writer.write(doc)
            writer.close()
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        if target is None:
            _copy_to_stdout(tmp)
        else:
            os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _copy_to_stdout(path: Path) -> None:
    sys.stdout.flush()
    stream: Any = getattr(sys.stdout, "buffer", None)
    with path.open("rb") as fh:
        if stream is None:
            sys.stdout.write(fh.read().decode("utf-8"))
        else:
            shutil.copyfileobj(fh, stream)
            stream.flush()


def _export_folder(
    spec: ExportFormat,
    schema: Schema,
    documents: Iterator[ExportDocument],
    target: Path,
    report: ExportReport,
) -> None:
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        os.chmod(tmp, 0o777 & ~_UMASK)
        writer = _folder_writer(spec, tmp, schema, report)
        for doc in documents:
            writer.write(doc)
        writer.close()
        _fsync_dir(tmp)
        if target.is_dir():
            # Two renames: OUT is either the old folder or the new one, never a mix.
            old = Path(
                tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old")
            )
            os.replace(target, old / target.name)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
        _fsync_dir(target.parent)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _fsync_dir(folder: Path) -> None:
    """Make a folder's new entries durable (POSIX; Windows cannot open folders)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
