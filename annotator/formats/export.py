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

import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol, TypeVar

from annotator.core.errors import InvariantError
from annotator.core.model import STATUSES, Annotation, check_span
from annotator.core.records import AnnotatedArticle, ArticleRows
from annotator.core.schema import Schema
from annotator.formats import staging
from annotator.formats.base import (
    UMASK,
    ExportDocument,
    ExportError,
    ExportOptions,
    ExportStore,
    atomic_write,
    describe,
)
from annotator.formats.export_suggestions import SUGGESTION_FORMATS, with_suggestions
from annotator.formats.registry import EXPORT_FORMATS, OFFSET_UNITS, Format, OffsetUnit

__all__ = [
    "FORMATS",
    "OFFSET_UNITS",
    "ExportFilter",
    "ExportFormat",
    "ExportOptions",
    "ExportReport",
    "OffsetUnit",
    "export",
]

# Called with (articles done, articles in all); returning False cancels the export.
Progress = Callable[[int, int], bool]

# Every format ``export`` writes, from the registry.
ExportFormat = Format
FORMATS: dict[str, Format] = EXPORT_FORMATS


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
    store: ExportStore,
    out: Path | str,
    fmt: str,
    filters: ExportFilter | None = None,
    force: bool = False,
    progress: Progress | None = None,
    options: ExportOptions | None = None,
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
        options: choices of single formats (the spaCy spans key, Label Studio
            predictions).

    Returns:
        The report; ``report.warnings`` lists what was written inexactly.

    Raises:
        ExportError: a bad format, filter or OUT; the message names it.
        InvariantError: an annotation's text does not match its article (named).
    """
    # One read transaction: a writer committing meanwhile never shows half its work.
    with store.snapshot():
        return _export(store, out, fmt, filters, force, progress, options)


def _export(
    store: ExportStore,
    out: Path | str,
    fmt: str,
    filters: ExportFilter | None,
    force: bool,
    progress: Progress | None,
    options: ExportOptions | None,
) -> ExportReport:
    filters = filters or ExportFilter()
    options = options or ExportOptions()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    spec = FORMATS[fmt]
    spec.load()  # a missing optional package is said before anything else
    if options.labelstudio_as not in ("annotations", "predictions"):
        raise ExportError(
            f"--labelstudio-as {options.labelstudio_as!r}: use annotations or predictions"
        )
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
    # A writer that copies fields is fed row tuples; suggestions come only as documents.
    rows = (
        None
        if filters.include_suggestions
        else _row_documents(store, ids, filters, report, progress)
    )
    try:
        if spec.stream:
            _export_stream(spec, store.schema, documents, target, report, options, rows)
        else:
            assert target is not None
            _export_folder(spec, store.schema, documents, target, report, options)
    except _Cancelled:
        return ExportReport(format=fmt, out=str(out), cancelled=True)
    except OSError as exc:
        raise ExportError(_write_failure(out, exc)) from None
    return report


def _check_filters(store: ExportStore, filters: ExportFilter) -> None:
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


def _check_target(target: Path, spec: Format, force: bool) -> None:
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


class _Exported(Protocol):
    """An article on its way out, with what it carries."""

    @property
    def annotations(self) -> Sized: ...

    @property
    def relations(self) -> Sized: ...


_Item = TypeVar("_Item", bound=_Exported)


def _counted(
    items: Iterable[_Item], total: int, report: ExportReport, progress: Progress | None
) -> Iterator[_Item]:
    """``items`` counted into ``report`` as they go, with progress (a cancel stops it)."""
    if progress is not None and not progress(0, total):
        raise _Cancelled
    for done, item in enumerate(items, 1):
        report.articles += 1
        report.annotations += len(item.annotations)
        report.relations += len(item.relations)
        yield item
        if progress is not None and not progress(done, total):
            raise _Cancelled


def _documents(
    store: ExportStore,
    ids: list[int],
    filters: ExportFilter,
    report: ExportReport,
    progress: Progress | None,
) -> Iterator[ExportDocument]:
    labels = set(filters.labels)

    def checked() -> Iterator[ExportDocument]:
        for item in store.annotated_articles(ids, filters.annotator):
            doc = _select(item, labels)
            if filters.include_suggestions:
                doc = with_suggestions(store, doc, labels)
            _verify(doc)
            yield doc

    return _counted(checked(), len(ids), report, progress)


def _select(item: AnnotatedArticle, labels: set[str]) -> ExportDocument:
    if not labels:
        return ExportDocument(
            item.article, item.annotations, item.relations, item.annotations, item.relations
        )
    kept = [a for a in item.annotations if a.label in labels]
    present = {a.id for a in kept}
    links = [r for r in item.relations if r.from_id in present and r.to_id in present]
    return ExportDocument(item.article, kept, links, item.annotations, item.relations)


def _row_documents(
    store: ExportStore,
    ids: list[int],
    filters: ExportFilter,
    report: ExportReport,
    progress: Progress | None,
) -> Iterator[ArticleRows]:
    """What ``_documents`` selects and checks, as row tuples."""
    labels = set(filters.labels)

    def checked() -> Iterator[ArticleRows]:
        for item in store.article_rows(ids, filters.annotator):
            if labels:
                kept = [a for a in item.annotations if a[1] in labels]
                present = {a[0] for a in kept}
                links = [r for r in item.relations if r[2] in present and r[3] in present]
                item = ArticleRows(item.article, kept, links)
            _verify_rows(item)
            yield item

    return _counted(checked(), len(ids), report, progress)


def _verify_rows(item: ArticleRows) -> None:
    text = item.article.text
    length = len(text)
    for row in item.annotations:
        start, end = row[2], row[3]
        if not (0 <= start < end <= length and text[start:end] == row[4]):
            ann = Annotation(row[0], item.article.id, row[1], start, end, row[4])
            _verify(ExportDocument(item.article, [ann], []))


def _verify(doc: ExportDocument) -> None:
    text = doc.article.text
    for ann in doc.annotations:
        try:
            check_span(text, ann.start, ann.end, ann.text, what=_name(ann))
        except InvariantError as exc:
            raise InvariantError(f"{exc}; the export is refused and nothing was written") from None


def _name(ann: Annotation) -> str:
    return f"{describe(ann)} of article {ann.article_id}"


def _export_stream(
    spec: Format,
    schema: Schema,
    documents: Iterator[ExportDocument],
    target: Path | None,
    report: ExportReport,
    options: ExportOptions,
    rows: Iterator[ArticleRows] | None = None,
) -> None:
    def write(fh: IO[Any]) -> None:
        writer = spec.make_writer(fh, schema, report, options)
        write_rows = getattr(writer, "write_rows", None)
        if rows is not None and write_rows is not None:
            for item in rows:
                write_rows(item)
        else:
            for doc in documents:
                writer.write(doc)
        writer.close()

    if target is not None:
        atomic_write(target, write, binary=spec.binary, encoding=spec.encoding)
        return
    # stdout is staged in a temporary file too, so that an error half-way prints nothing.
    folder = Path(tempfile.gettempdir())
    staging.clear_leftovers(folder, "annotator-export")
    staged_dir = Path(tempfile.mkdtemp(dir=folder, prefix=staging.prefix("annotator-export")))
    try:
        staged = staged_dir / f"export{spec.suffix}"
        atomic_write(staged, write, binary=spec.binary, encoding=spec.encoding)
        _copy_to_stdout(staged, spec.binary)
    finally:
        shutil.rmtree(staged_dir, ignore_errors=True)


def _copy_to_stdout(path: Path, binary: bool) -> None:
    sys.stdout.flush()
    stream: Any = getattr(sys.stdout, "buffer", None)
    with path.open("rb") as fh:
        if stream is None:
            if binary:
                raise ExportError(f"{path.suffix} is a binary format; give a file as OUT, not -")
            sys.stdout.write(fh.read().decode("utf-8"))
        else:
            shutil.copyfileobj(fh, stream)
            stream.flush()


def _export_folder(
    spec: Format,
    schema: Schema,
    documents: Iterator[ExportDocument],
    target: Path,
    report: ExportReport,
    options: ExportOptions,
) -> None:
    staging.clear_leftovers(target.parent, target.name)
    tmp = Path(
        tempfile.mkdtemp(dir=target.parent, prefix=staging.prefix(target.name), suffix=".tmp")
    )
    try:
        os.chmod(tmp, 0o777 & ~UMASK)
        writer = spec.make_writer(tmp, schema, report, options)
        for doc in documents:
            writer.write(doc)
        writer.close()
        _fsync_dir(tmp)
        if target.is_dir():
            # OUT is either the old folder or the new one, never a mix, never missing.
            staging.replace_folder(tmp, target)
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


def _write_failure(out: Path | str, exc: OSError) -> str:
    """One line for a write that failed: a full disk, a read-only or missing folder."""
    where = "standard output" if str(out) == "-" else str(out)
    if exc.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif exc.errno == errno.EDQUOT:
        reason = "the disk quota is used up"
    elif exc.errno == errno.EROFS:
        reason = "it is on a read-only file system"
    elif exc.errno == errno.EPIPE:
        reason = "the reading end of the pipe was closed"
    else:
        reason = exc.strerror or str(exc)
    return f"{where} cannot be written ({reason}); nothing was exported"
