"""CSV: read one article per row (a text column; other columns become metadata); write
one row per annotation, for spreadsheets.

The written file is UTF-8 with a byte order mark: the BOM makes Excel and LibreOffice
read it as UTF-8 (without it Excel shows Arabic as mojibake). Offsets are code points.
Text cells that a spreadsheet would take for a formula are neutralised with a leading
apostrophe, as OWASP advises against CSV injection.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from annotator.core.errors import InputError
from annotator.core.records import MAX_ARTICLE_BYTES, ImportRecord, Skip
from annotator.core.schema import Schema
from annotator.core.text import EncodingCensus
from annotator.formats.base import ExportDocument, ExportOptions, ImportOptions, Reporter
from annotator.formats.common import ARTICLE_FIELDS, make_article

_SNIFF_BYTES = 1024 * 1024


def _choose_encoding(path: Path, encoding: str | None) -> tuple[str, list[int]]:
    """The encoding of the whole file (not of its first megabyte only), and the offsets
    of its bad bytes when it is UTF-8 with a few of them (those rows are refused)."""
    if encoding:
        return encoding, []
    with path.open("rb") as fh:
        head = fh.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig", []
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16", []
        fh.seek(0)
        census = EncodingCensus()
        while chunk := fh.read(_SNIFF_BYTES):
            census.feed(chunk)
        census.feed(b"", final=True)
    if census.damaged_utf8:
        return "utf-8", census.bad_offsets
    return census.verdict(str(path)), []


def read_csv(
    path: Path,
    encoding: str | None = None,
    fold_presentation: bool = True,
    text_column: str = "text",
    title_column: str = "title",
) -> Iterator[ImportRecord | Skip]:
    """Read a CSV file row by row; each row is one article (or one skipped line)."""
    where_file = str(path)
    try:
        chosen, bad_offsets = _choose_encoding(path, encoding)
        codecs.lookup(chosen)
    except InputError as exc:
        yield Skip(where_file, str(exc).removeprefix(f"{where_file}: "))
        return
    except LookupError:
        yield Skip(where_file, f"unknown encoding {encoding!r}")
        return
    except OSError as exc:
        yield Skip(where_file, f"cannot be read ({exc.strerror})")
        return
    csv.field_size_limit(min(sys.maxsize, MAX_ARTICLE_BYTES))
    with path.open("rb") as raw:
        errors = "surrogateescape" if bad_offsets else "strict"
        stream = _BoundedLines(io.TextIOWrapper(raw, encoding=chosen, errors=errors, newline=""))
        reader = csv.reader(stream)
        try:
            header = next(reader, None)
        except (UnicodeDecodeError, csv.Error, InputError) as exc:
            yield Skip(where_file, f"cannot be read as CSV ({_reason(exc, chosen)})")
            return
        if header is None or not any(h.strip() for h in header):
            yield Skip(where_file, "empty file")
            return
        header = [h.strip().removeprefix("\ufeff") for h in header]
        if _bad_bytes(header):
            yield Skip(where_file, f"the header {_damage(bad_offsets, header)}")
            return
        if text_column not in header:
            yield Skip(
                where_file,
                f"no {text_column!r} column (columns: {', '.join(header)}); "
                "name the text column with --text-column",
            )
            return
        rows = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except (UnicodeDecodeError, csv.Error, InputError) as exc:
                yield Skip(
                    f"{path}:{reader.line_num + 1}",
                    f"{_reason(exc, chosen)}; the rest of the file is skipped",
                )
                return
            where = f"{path}:{reader.line_num}"
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            if _bad_bytes(row):
                yield Skip(where, _damage(bad_offsets, row))
                continue
            if len(row) != len(header):
                yield Skip(where, f"has {len(row)} cells, the header has {len(header)}")
                continue
            values = dict(zip(header, row, strict=True))
            fields = {k: values[k] for k in ARTICLE_FIELDS if k in values and k != "title"}
            if title_column in values:
                fields["title"] = values[title_column]
            meta = {
                k: v
                for k, v in values.items()
                if k not in (text_column, title_column, *ARTICLE_FIELDS)
            }
            try:
                article = make_article(values[text_column], where, fold_presentation, fields, meta)
            except InputError as exc:
                yield Skip(where, str(exc).removeprefix(f"{where}: "))
                continue
            yield ImportRecord(article, where, size=sum(len(c) for c in row))
        if rows == 0:
            yield Skip(where_file, "no rows under the header")


class _BoundedLines:
    """Lines of a text stream, refusing any longer than one article may be, so that a
    huge file without line breaks is never read into memory whole."""

    def __init__(self, stream: io.TextIOWrapper) -> None:
        self._stream = stream

    def __iter__(self) -> _BoundedLines:
        return self

    def __next__(self) -> str:
        line = self._stream.readline(MAX_ARTICLE_BYTES + 1)
        if not line:
            raise StopIteration
        if len(line) > MAX_ARTICLE_BYTES:
            raise InputError(f"a line longer than the {MAX_ARTICLE_BYTES:,}-character limit")
        return line


def _bad_bytes(cells: list[str]) -> int:
    """How many bytes of these cells were not UTF-8 (decoded as lone surrogates)."""
    return sum(len(_ESCAPED.findall(cell)) for cell in cells)


def _damage(bad_offsets: list[int], cells: list[str]) -> str:
    """Why a row of a damaged UTF-8 file is refused; its bad offsets leave the list."""
    count = _bad_bytes(cells)
    first = bad_offsets[0] if bad_offsets else "?"
    del bad_offsets[:count]
    return (
        f"is not valid UTF-8 at byte {first} of the file ({count} bad bytes in this row; the "
        "rest of the file is UTF-8): repair it, or name the real encoding with --encoding"
    )


_ESCAPED = re.compile("[\\udc80-\\udcff]")


def _reason(exc: Exception, encoding: str) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"bytes that are not {encoding}"
    return str(exc)


def read(path: Path, options: ImportOptions) -> Iterator[ImportRecord | Skip]:
    yield from read_csv(
        path, options.encoding, options.fold_presentation, options.text_column, options.title_column
    )


# ------------------------------------------------------------------- writing

ENCODING = "utf-8-sig"
# = + - @ start formulas; a tab or carriage return before them hides one from the eye.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SOURCES_SEPARATOR = " | "


def neutralise(cell: str) -> str:
    """A text cell that no spreadsheet program evaluates as a formula."""
    if cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def header(schema: Schema) -> list[str]:
    return [
        "article_id",
        "annotation_id",
        "title",
        "label",
        "start",
        "end",
        "text",
        *schema.all_attribute_names(),
        "note",
        "annotator",
        "sources",
    ]


class CsvWriter:
    """Rows in reading order; a CLAIM's ``sources`` lists the SOURCE texts it links to."""

    def __init__(self, fh: TextIO, schema: Schema) -> None:
        # RFC 4180 line ends; cells holding line breaks are quoted by the csv module.
        self._csv = csv.writer(fh, lineterminator="\r\n")
        self._attributes = schema.all_attribute_names()
        self._csv.writerow(header(schema))

    def write(self, doc: ExportDocument) -> None:
        article = doc.article
        known = {a.id: a for a in doc.context}
        linked: dict[int, list[tuple[int, str]]] = {}
        # From the annotations before the label filter: --label CLAIM still names sources.
        for rel in doc.context_relations:
            source, target = known.get(rel.from_id), known.get(rel.to_id)
            if source and target and source.label == "CLAIM" and target.label == "SOURCE":
                linked.setdefault(source.id, []).append((target.start, target.text))
        sources = {k: [text for _, text in sorted(v)] for k, v in linked.items()}
        for ann in doc.annotations:
            attrs = [ann.attributes.get(name) for name in self._attributes]
            self._csv.writerow(
                [
                    article.id,
                    ann.id,
                    neutralise(article.title),
                    neutralise(ann.label),
                    ann.start,
                    ann.end,
                    neutralise(ann.text),
                    *(neutralise(str(v)) if v is not None else "" for v in attrs),
                    neutralise(ann.note),
                    neutralise(ann.annotator),
                    neutralise(SOURCES_SEPARATOR.join(sources.get(ann.id, []))),
                ]
            )

    def close(self) -> None:
        pass


def writer(target: TextIO, schema: Schema, report: Reporter, options: ExportOptions) -> Any:
    return CsvWriter(target, schema)
