"""Import articles from files and folders into a store.

Each article (a .txt file, one line of a .jsonl or .csv file, a brat NAME.txt + NAME.ann
pair, a UIMA .xmi file or an INCEpTION export ZIP, a Label Studio task) is stored
atomically with its annotations: all of it or nothing. Bad pieces are skipped with a
reason that names the file and line; the rest is imported.

Work comes back in: when an article with the same text is already in the store, the
annotations and links of the file that it does not hold yet are added to it. The same
annotation (label, offsets and annotator) is never added twice; one that the file gives
with other attribute values or another note than the stored one is a conflict, and the
whole article is skipped with a reason rather than changed. Which formats and suffixes
are read comes from ``annotator.formats.registry``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.errors import AnnotatorError, InputError, StorageError
from annotator.core.model import Annotation, Relation
from annotator.core.prepared import PackedRecord, PreparedArticle
from annotator.core.records import ImportRecord, RecordKey, Skip, SpanRecord
from annotator.formats import pipeline
from annotator.formats.base import ImportOptions, ImportStore
from annotator.formats.pipeline import prepared_items
from annotator.formats.registry import import_suffixes, is_companion, reader_for

__all__ = ["ImportOptions", "ImportReport", "collect_files", "import_paths", "read_file"]

SUFFIXES = import_suffixes()
# Records committed together; each record is still atomic on its own (a savepoint).
BATCH = 500
# And at most about this many bytes of them, so that memory is bounded by bytes.
BATCH_BYTES = pipeline.BATCH_BYTES
# Rows (articles, annotations, links) of annotated articles stored per group.
BULK_ROWS = 20_000

Progress = Callable[[int, int], bool]


@dataclass
class ImportReport:
    imported: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    annotations: int = 0
    relations: int = 0
    # Work that came back: annotations and links added to articles already in the store.
    added: int = 0
    added_relations: int = 0
    existing: set[int] = field(default_factory=set)
    cancelled: bool = False

    def added_line(self) -> str:
        """ "N annotations added to M existing articles" (and the links), or ""."""
        if not self.existing:
            return ""
        links = f" (and {self.added_relations} links)" if self.added_relations else ""
        return f"{self.added} annotations added to {len(self.existing)} existing articles{links}"

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.cancelled


def collect_files(paths: list[Path]) -> tuple[list[Path], list[Skip], list[str]]:
    """The files to read: those named, and those with a known suffix inside folders.

    In a folder, NAME.txt beside a NAME.ann is the text of a brat pair, read through the
    .ann file; brat's .conf files and the TypeSystem.xml of XMI files are companions,
    neither read nor reported as ignored.

    Returns:
        (files, missing paths as skips, ignored files found in folders).
    """
    found: list[Path] = []
    missing: list[Skip] = []
    ignored: list[str] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_file() or any(
                    p.startswith(".") for p in child.relative_to(path).parts
                ):
                    continue
                if _is_companion(child):
                    continue
                if child.suffix.lower() in SUFFIXES:
                    found.append(child)
                else:
                    ignored.append(str(child))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(Skip(str(path), "no such file or folder"))
    return found, missing, ignored


def _is_companion(path: Path) -> bool:
    """A file that belongs to another one: the text of a brat pair, or a companion the
    registry names (brat's configs, an XMI folder's type system and layer setup)."""
    if path.suffix.lower() == ".txt" and path.with_suffix(".ann").is_file():
        return True
    return is_companion(path)


def read_file(path: Path, options: ImportOptions) -> Iterator[ImportRecord | PackedRecord | Skip]:
    """Records from one file, by its suffix (anything unknown is read as plain text)."""
    try:
        yield from reader_for(path).reader()(path, options)
    except (AnnotatorError, OSError, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        yield Skip(str(path), reason.removeprefix(f"{path}: "))


def import_paths(
    store: ImportStore,
    paths: list[Path],
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import files and folders into ``store``.

    Args:
        store: an open store (``annotator.storage.Store``).
        paths: files and folders (read recursively).
        options: encoding, presentation-form folding and CSV column names.
        progress: called with (bytes done, bytes in all); returning False cancels.
            What was imported before the cancel stays.
    """
    # Records whose reader has checked their offsets are checked against the store's
    # schema while read (in the reading process of a large import); the store checks the
    # others. Always the store's schema: a record checked against another would be
    # refused or passed by the wrong one.
    options = replace(options or ImportOptions(), schema=store.schema)
    files, missing, ignored = collect_files(paths)
    report = ImportReport(skipped=list(missing), ignored=ignored)
    total = sum(_size(f) for f in files) or 1
    done = 0
    # Plain articles with their digest and index forms, and packed annotated ones.
    pending: list[tuple[ImportRecord, PreparedArticle] | PackedRecord] = []
    pending_bytes = 0
    # Grows from a small first batch, as the reading process's batches do.
    limit = pipeline.FIRST_BATCH_BYTES

    def flush() -> None:
        nonlocal pending_bytes, limit
        with store.chunked() as boundary:
            plain: list[tuple[ImportRecord, PreparedArticle]] = []
            annotated: list[PackedRecord] = []
            for entry in pending:
                if isinstance(entry, PackedRecord):
                    _store_plain(store, plain, report)
                    annotated.append(entry)
                else:
                    _store_annotated(store, annotated, report, options, boundary)
                    plain.append(entry)
            _store_plain(store, plain, report)
            _store_annotated(store, annotated, report, options, boundary)
        pending.clear()
        pending_bytes = 0
        limit = pipeline.next_limit(limit)

    items = prepared_items(files, options, read_file, total)
    with closing(items):
        for item, prepared in items:
            done += item.size
            if isinstance(item, Skip):
                report.skipped.append(item)
            else:
                if isinstance(item, PackedRecord):
                    pending.append(item)
                else:
                    pending.append((item, prepared or PreparedArticle.of(item.article)))
                # Bounded by bytes, not only by records: 500 articles of 1 MB would
                # hold gigabytes.
                pending_bytes += max(item.size, len(item.article.text) * 2)
                if len(pending) >= BATCH or pending_bytes >= min(limit, BATCH_BYTES):
                    flush()
            if progress is not None and not progress(min(done, total), total):
                flush()
                report.cancelled = True
                return report
    flush()
    if progress is not None:
        progress(total, total)
    return report


def _size(path: Path) -> int:
    try:
        size = path.stat().st_size
        if path.suffix.lower() == ".ann" and path.with_suffix(".txt").is_file():
            size += path.with_suffix(".txt").stat().st_size
        return size
    except OSError:
        return 0


def _store_plain(
    store: ImportStore,
    records: list[tuple[ImportRecord, PreparedArticle]],
    report: ImportReport,
) -> None:
    """Articles without annotations: one row each, stored together."""
    if not records:
        return
    results = store.add_prepared_articles([p for _, p in records])
    for (record, _), (article_id, created) in zip(records, results, strict=True):
        (report.imported if created else report.duplicates).append((article_id, record.where))
    records.clear()


def _store_annotated(
    store: ImportStore,
    records: list[PackedRecord],
    report: ImportReport,
    options: ImportOptions,
    boundary: Callable[[], None],
) -> None:
    """Articles with annotations: the new ones stored a table at a time, in groups of
    about BULK_ROWS rows (a commit may follow each group); one whose text is stored
    already goes through ``_store_one``, which merges the work that came back."""
    while records:
        rows, count = 0, 0
        for record in records:
            count += 1
            rows += 1 + record.rows
            if rows >= BULK_ROWS:
                break
        group = records[:count]
        del records[:count]
        results = store.add_annotated_articles(group, options.annotator or "")
        for record, result in zip(group, results, strict=True):
            if result.created:
                report.imported.append((result.article_id, record.where))
                report.annotations += result.annotations
                report.relations += result.relations
            elif result.refused:
                reason = result.refused.removeprefix(f"{record.where}: ")
                report.skipped.append(Skip(record.where, reason))
            else:
                _store_one(store, record.record(), report, options)
        boundary()


def _store_one(
    store: ImportStore, record: ImportRecord, report: ImportReport, options: ImportOptions
) -> None:
    """One article with its annotations: a new article, or work for one already stored."""
    default_name = options.annotator or ""
    try:
        with store.transaction():
            article_id, created = store.add_article(record.article)
            stored = [] if created else store.annotations(article_id)
            ids: dict[RecordKey, int] = {}
            added = 0
            for span in record.annotations:
                who = span.annotator or default_name
                same = _already_there(stored, span, who, record.where, article_id)
                if same is not None:
                    ids[span.key] = same.id
                    continue
                new = store.insert_annotation(
                    Annotation(
                        id=0,
                        article_id=article_id,
                        label=span.label,
                        start=span.start,
                        end=span.end,
                        text=span.text,
                        attributes=dict(span.attributes),
                        note=span.note,
                        annotator=who,
                        created=span.created,
                        modified=span.modified,
                    )
                )
                # Only what was stored before counts as already there: the file's own
                # spans are all kept, even two alike (as in the database it came from).
                ids[span.key] = new.id
                added += 1
            links = [] if created else store.relations(article_id)
            links_added = 0
            for link in record.relations:
                who = link.annotator or default_name
                from_id, to_id = ids[link.source], ids[link.target]
                if any(
                    (r.type, r.from_id, r.to_id) == (link.type, from_id, to_id)
                    and (not who or r.annotator == who)
                    for r in links
                ):
                    continue
                store.insert_relation(
                    Relation(
                        id=0,
                        article_id=article_id,
                        type=link.type,
                        from_id=from_id,
                        to_id=to_id,
                        annotator=who,
                        created=link.created,
                    )
                )
                links_added += 1
            if created and record.annotations and record.article.status != "in_progress":
                store.set_status(article_id, record.article.status)
    except StorageError:
        raise
    except AnnotatorError as exc:
        report.skipped.append(Skip(record.where, str(exc).removeprefix(f"{record.where}: ")))
        return
    if created:
        report.imported.append((article_id, record.where))
        report.annotations += added
        report.relations += links_added
    elif added or links_added:
        report.existing.add(article_id)
        report.added += added
        report.added_relations += links_added
    else:
        report.duplicates.append((article_id, record.where))


def _already_there(
    stored: list[Annotation], span: SpanRecord, who: str, where: str, article_id: int
) -> Annotation | None:
    """The stored annotation that ``span`` is, if any.

    A span the file names nobody for matches any annotator's. Attributes and a note
    the file does not give are no difference (not every format holds them); a value
    that differs is a conflict, which is refused rather than overwritten.
    """
    for ann in stored:
        if (ann.label, ann.start, ann.end) != (span.label, span.start, span.end):
            continue
        if who and ann.annotator != who:
            continue
        differs = [k for k, v in span.attributes.items() if ann.attributes.get(k) != v]
        if span.note and span.note != ann.note:
            differs.append("note")
        if differs:
            raise InputError(
                f"{where}: {span.label} {span.start}-{span.end} «{span.text[:40]}» is already "
                f"in article {article_id} (annotation {ann.id}, by {ann.annotator or 'nobody'}) "
                f"with another {', '.join(differs)}; the article's annotations are not "
                "imported, and the stored one is not changed"
            )
        return ann
    return None
