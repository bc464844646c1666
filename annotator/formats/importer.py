"""Import articles from files and folders into a store.

Each article (a .txt file, one line of a .jsonl or .csv file, a brat NAME.txt + NAME.ann
pair, or a UIMA .xmi file) is stored atomically with its annotations: all of it or
nothing. Bad pieces are skipped with a reason that names the file and line; the rest is
imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, InputError, StorageError
from annotator.core.model import Annotation, Relation
from annotator.formats.csvfile import read_csv
from annotator.formats.jsonl import read_jsonl
from annotator.formats.records import ImportRecord, Skip
from annotator.formats.txt import read_txt
from annotator.storage.chunks import chunked

SUFFIXES = (".txt", ".jsonl", ".ndjson", ".csv", ".ann", ".xmi")
# Records committed together; each record is still atomic on its own (a savepoint).
BATCH = 500

Progress = Callable[[int, int], bool]


@dataclass
class ImportOptions:
    encoding: str | None = None
    fold_presentation: bool = True
    text_column: str = "text"
    title_column: str = "title"


@dataclass
class ImportReport:
    imported: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    annotations: int = 0
    relations: int = 0
    cancelled: bool = False

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
    """A file that belongs to another one: the text of a brat pair, a config, a type system."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return path.with_suffix(".ann").is_file()
    # brat and XMI readers load only when such files are met: the window starts faster.
    from annotator.formats.brat import CONFIG_FILES as BRAT_CONFIG_FILES

    if path.name in BRAT_CONFIG_FILES:
        return any(path.parent.glob("*.ann"))
    if suffix == ".xml":
        from annotator.formats.xmi import find_typesystem

        return find_typesystem(path.parent) == path and any(path.parent.glob("*.xmi"))
    return False


def read_file(path: Path, options: ImportOptions) -> Iterator[ImportRecord | Skip]:
    """Records from one file, by its suffix (anything unknown is read as plain text)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".ann":
            from annotator.formats.brat import read_brat

            yield from read_brat(path, options.encoding, options.fold_presentation)
        elif suffix == ".xmi":
            from annotator.formats.xmi import read_xmi

            yield from read_xmi(path, options.fold_presentation)
        elif suffix in (".jsonl", ".ndjson"):
            yield from read_jsonl(path, options.encoding, options.fold_presentation)
        elif suffix == ".csv":
            yield from read_csv(
                path,
                options.encoding,
                options.fold_presentation,
                options.text_column,
                options.title_column,
            )
        else:
            yield from read_txt(path, options.encoding, options.fold_presentation)
    except (InputError, OSError, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        yield Skip(str(path), reason.removeprefix(f"{path}: "))


def import_paths(
    store: Any,
    paths: list[Path],
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import files and folders into ``store``.

    Args:
        store: an open ``annotator.storage.Store``.
        paths: files and folders (read recursively).
        options: encoding, presentation-form folding and CSV column names.
        progress: called with (bytes done, bytes in all); returning False cancels.
            What was imported before the cancel stays.
    """
    options = options or ImportOptions()
    files, missing, ignored = collect_files(paths)
    report = ImportReport(skipped=list(missing), ignored=ignored)
    total = sum(_size(f) for f in files) or 1
    done = 0
    pending: list[ImportRecord] = []

    def flush() -> None:
        with chunked(store) as boundary:
            plain: list[ImportRecord] = []
            for record in pending:
                if record.annotations:
                    _store_plain(store, plain, report)
                    _store_one(store, record, report)
                    boundary()
                else:
                    plain.append(record)
            _store_plain(store, plain, report)
        pending.clear()

    for path in files:
        for item in read_file(path, options):
            done += item.size
            if isinstance(item, Skip):
                report.skipped.append(item)
            else:
                pending.append(item)
                if len(pending) >= BATCH:
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


def _store_plain(store: Any, records: list[ImportRecord], report: ImportReport) -> None:
    """Articles without annotations: one row each, stored together."""
    if not records:
        return
    results = store.add_articles([r.article for r in records])
    for record, (article_id, created) in zip(records, results, strict=True):
        (report.imported if created else report.duplicates).append((article_id, record.where))
    records.clear()


def _store_one(store: Any, record: ImportRecord, report: ImportReport) -> None:
    try:
        with store.transaction():
            article_id, created = store.add_article(record.article)
            if not created:
                report.duplicates.append((article_id, record.where))
                return
            ids: dict[Any, int] = {}
            for n, ann in enumerate(record.annotations, 1):
                stored = store.insert_annotation(
                    Annotation(
                        id=0,
                        article_id=article_id,
                        label=ann["label"],
                        start=ann["start"],
                        end=ann["end"],
                        text=ann["text"],
                        attributes=ann.get("attributes") or {},
                        note=ann.get("note") or "",
                        annotator=ann.get("annotator") or "",
                        created=ann.get("created") or "",
                        modified=ann.get("modified") or "",
                    )
                )
                ids[ann.get("id", n)] = stored.id
            for rel in record.relations:
                store.insert_relation(
                    Relation(
                        id=0,
                        article_id=article_id,
                        type=rel["type"],
                        from_id=ids[rel["from"]],
                        to_id=ids[rel["to"]],
                        annotator=rel.get("annotator") or "",
                        created=rel.get("created") or "",
                    )
                )
            if record.annotations and record.article.status != "in_progress":
                store.set_status(article_id, record.article.status)
    except StorageError:
        raise
    except AnnotatorError as exc:
        report.skipped.append(Skip(record.where, str(exc)))
        return
    report.imported.append((article_id, record.where))
    report.annotations += len(record.annotations)
    report.relations += len(record.relations)
