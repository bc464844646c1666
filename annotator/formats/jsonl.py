"""JSON Lines: one article per line, plain or in the native form with annotations.

A plain line needs "text"; "id", "title", "source", "url" and "published" are
recognised and every other key is kept as metadata. A native line (as written by
``annotator export --format jsonl``) also carries "meta", "status", "annotations" and
"relations"; its offsets are code points and are checked against the text. Writing
gives that native form: export, import into a fresh database and export again gives the
same lines apart from ids. A line in doccano's form ("entities" or "label") is read by
``annotator.formats.doccano``.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from annotator.core.errors import InputError
from annotator.core.model import STATUSES
from annotator.core.prepared import LinkRow, PackedRecord, SpanRow
from annotator.core.records import MAX_ARTICLE_BYTES, ArticleRows, ImportRecord, Skip
from annotator.core.schema import Schema
from annotator.core.text import decode_bytes, looks_utf16, sha256_hex
from annotator.formats.base import (
    ExportDocument,
    ExportOptions,
    ImportOptions,
    Reporter,
    dumps_line,
    line_safe,
)
from annotator.formats.common import ARTICLE_FIELDS, make_article

_NATIVE_KEYS = {"meta", "annotations", "relations", "offsets", "text_sha256"}
_KNOWN_NATIVE = {"id", "text", "status", *ARTICLE_FIELDS, *_NATIVE_KEYS}


def read_jsonl(
    path: Path, encoding: str | None = None, fold_presentation: bool = True
) -> Iterator[ImportRecord | PackedRecord | Skip]:
    """Read a .jsonl file line by line, so that memory stays bounded by the longest line."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Skip(str(path), f"cannot be read ({exc.strerror})")
        return
    with fh:
        head = fh.read(65536)
        fh.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not encoding:
            encoding = "utf-16"
        utf16 = None if encoding else looks_utf16(head)
        if utf16:
            yield Skip(
                str(path), f"looks like UTF-16 without a byte order mark; use --encoding {utf16}"
            )
            return
        if encoding and codecs.lookup(encoding).name.startswith("utf-16"):
            lines: Iterator[tuple[int, bytes | str]] = _utf16_lines(path, encoding)
        else:
            lines = _bounded_lines(fh)
        seen_any = False
        for lineno, raw in lines:
            where = f"{path}:{lineno}"
            if isinstance(raw, bytes):
                if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[3:]
                if not raw.strip():
                    continue
                seen_any = True
                if len(raw) > MAX_ARTICLE_BYTES:
                    yield Skip(
                        where,
                        f"line longer than the {MAX_ARTICLE_BYTES:,}-byte limit for one article",
                        len(raw),
                    )
                    continue
                try:
                    line = decode_bytes(raw, encoding, where).text
                except InputError as exc:
                    yield Skip(where, str(exc).removeprefix(f"{where}: "), len(raw))
                    continue
            else:
                if not raw.strip():
                    continue
                seen_any = True
                size = len(raw.encode("utf-16-le", "surrogatepass"))
                if size > MAX_ARTICLE_BYTES:
                    yield Skip(
                        where,
                        f"line longer than the {MAX_ARTICLE_BYTES:,}-byte limit for one article",
                        size,
                    )
                    continue
                line = raw
            yield parse_line(line, where, fold_presentation, size=len(line))
        if not seen_any:
            yield Skip(str(path), "empty file")


def _bounded_lines(fh: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Lines of a binary file; a line longer than the limit is read in pieces and given
    back cut short (it is then refused), so memory stays bounded whatever the file holds."""
    lineno = 0
    while True:
        raw = fh.readline(MAX_ARTICLE_BYTES + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > MAX_ARTICLE_BYTES and not raw.endswith(b"\n"):
            while True:
                rest = fh.readline(1024 * 1024)
                if not rest or rest.endswith(b"\n"):
                    break
        yield lineno, raw


def _utf16_lines(path: Path, encoding: str) -> Iterator[tuple[int, str]]:
    size = path.stat().st_size
    if size > 4 * MAX_ARTICLE_BYTES:
        raise InputError(
            f"{path}: UTF-16 JSON Lines files over {4 * MAX_ARTICLE_BYTES:,} bytes are not "
            "read; convert it to UTF-8"
        )
    text = path.read_bytes().decode(encoding, errors="strict")
    yield from enumerate(text.removeprefix("\ufeff").split("\n"), 1)


def parse_line(
    line: str, where: str, fold_presentation: bool = True, size: int = 0
) -> ImportRecord | PackedRecord | Skip:
    """Turn one JSON line into an import record, or say why not."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Skip(where, f"malformed JSON ({exc.msg} at column {exc.colno})", size)
    except RecursionError:
        return Skip(where, "malformed JSON (nested too deeply)", size)
    if not isinstance(obj, dict):
        return Skip(where, f"expected a JSON object, got {type(obj).__name__}", size)
    if "text" not in obj or obj["text"] is None:
        return Skip(where, "missing text", size)
    try:
        from annotator.formats import doccano

        if doccano.is_doccano(obj):
            return doccano.parse(obj, where, fold_presentation, size)
        if _NATIVE_KEYS & obj.keys():
            return _native(obj, where, fold_presentation, size)
        fields = {k: obj[k] for k in ARTICLE_FIELDS if k in obj}
        meta = {k: v for k, v in obj.items() if k not in ("text", *ARTICLE_FIELDS)}
        article = make_article(obj["text"], where, fold_presentation, fields, meta)
        return ImportRecord(article, where, size=size)
    except InputError as exc:
        return Skip(where, str(exc).removeprefix(f"{where}: "), size)


def _native(obj: dict[str, Any], where: str, fold_default: bool, size: int) -> PackedRecord:
    offsets = obj.get("offsets", "codepoint")
    if offsets != "codepoint":
        raise InputError(f"{where}: offsets in {offsets!r} units; native lines use 'codepoint'")
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise InputError(f"{where}: 'meta' must be an object")
    meta = dict(meta) | {k: v for k, v in obj.items() if k not in _KNOWN_NATIVE}
    fold = meta.get("presentation_forms_folded", fold_default)
    fold = fold if isinstance(fold, bool) else fold_default
    status = obj.get("status", "new")
    if status not in STATUSES:
        raise InputError(f"{where}: unknown status {status!r}")
    fields = {k: obj[k] for k in ARTICLE_FIELDS if k in obj}
    raw_text = obj["text"]
    article = make_article(raw_text, where, fold, fields, meta, status=status)
    annotations = obj.get("annotations") or []
    relations = obj.get("relations") or []
    if not isinstance(annotations, list) or not isinstance(relations, list):
        raise InputError(f"{where}: 'annotations' and 'relations' must be lists")
    if annotations and article.text != raw_text:
        raise InputError(
            f"{where}: the text is not in canonical form, so its offsets cannot be trusted"
        )
    digest = obj.get("text_sha256")
    if digest is not None and digest != sha256_hex(raw_text):
        raise InputError(f"{where}: text_sha256 does not match the text")
    ids: set[Any] = set()
    spans = _span_rows(annotations, raw_text, where, ids)
    links: list[LinkRow] = []
    for n, rel in enumerate(relations, 1):
        if (
            type(rel) is dict
            and type(rel.get("type")) is str
            and type(rel.get("from")) in _ID_TYPES
            and type(rel.get("to")) in _ID_TYPES
            and rel["from"] in ids
            and rel["to"] in ids
        ):
            who, made = rel.get("annotator"), rel.get("created")
            links.append((rel["type"], rel["from"], rel["to"], who or "", made or ""))
            continue
        if not isinstance(rel, dict):
            raise InputError(f"{where}: relation {n} must be an object")
        for key in ("type", "from", "to"):
            if key not in rel:
                raise InputError(f"{where}: relation {n} has no {key!r}")
        if not isinstance(rel["type"], str):
            raise InputError(f"{where}: relation {n}: 'type' must be a name, not {rel['type']!r}")
        for key in ("from", "to"):
            if not _is_id(rel[key]) or rel[key] not in ids:
                raise InputError(
                    f"{where}: relation {n}: {key} {rel[key]!r} is not an annotation of this line"
                )
    # Every span was checked against raw_text, which is the stored text (see above).
    return PackedRecord(article, where, spans, links, size, offsets_checked=True)


_ID_TYPES = (int, str)


def _span_rows(annotations: list[Any], text: str, where: str, ids: set[Any]) -> list[SpanRow]:
    """The annotations of a native line as packed rows, each checked in the same pass
    (``ids`` receives their ids).

    The common case (exact JSON types, offsets that fit the text) is checked inline;
    anything else goes to ``_check_annotation``, which words the refusal. Equal labels,
    notes, names and attribute sets become one object each, which the import's reading
    process then pickles once.
    """
    rows: list[SpanRow] = []
    length = len(text)
    shared: dict[Any, Any] = {}
    share = shared.setdefault
    # The file's values, checked below; typed by those checks, not by the annotations.
    label: Any
    start: Any
    end: Any
    span_text: Any
    note: Any
    who: Any
    made: Any
    changed: Any
    for n, ann in enumerate(annotations, 1):
        if type(ann) is dict:
            get = ann.get
            label, start, end, span_text = get("label"), get("start"), get("end"), get("text")
            values = get("attributes", _NO_ATTRIBUTES)
            note, who, made, changed = (
                get("note"),
                get("annotator"),
                get("created"),
                get("modified"),
            )
            ann_id = get("id", n)
            fast = (
                type(start) is int
                and type(end) is int
                and type(label) is str
                and 0 <= start < end <= length
                and text[start:end] == span_text
                and type(values) is dict
                and (note is None or type(note) is str)
                and (who is None or type(who) is str)
                and (made is None or type(made) is str)
                and (changed is None or type(changed) is str)
                and type(ann_id) in _ID_TYPES
            )
        else:
            fast = False
        if not fast:
            _check_annotation(ann, text, f"{where}: annotation {n}")
            get = ann.get
            label, start, end, span_text = ann["label"], ann["start"], ann["end"], ann["text"]
            values = get("attributes") or {}
            note, who, made, changed = (
                get("note"),
                get("annotator"),
                get("created"),
                get("modified"),
            )
            ann_id = get("id", n)
        if ann_id in ids:
            raise InputError(f"{where}: annotation {n}: id {ann_id!r} is used twice")
        ids.add(ann_id)
        if values:
            # Equal sets are one object. Sharing cannot change what is refused: the
            # schema checks the first of equal sets first, and a set that passes holds
            # only texts (or nulls), which are equal to nothing else.
            try:  # noqa: SIM105 - suppress() would cost a context manager per span
                values = share(tuple(values.items()), values)
            except TypeError:  # a value that cannot be a key (a list): refused later
                pass
        else:
            values = {}
        rows.append(
            (
                ann_id,
                share(label, label),
                start,
                end,
                span_text,
                values,
                share(note, note) if note else "",
                share(who, who) if who else "",
                made or "",
                changed or "",
            )
        )
    return rows


# An annotation that gives no attributes has none (a shared value, never changed).
_NO_ATTRIBUTES: dict[str, Any] = {}


def _check_annotation(ann: Any, text: str, where: str) -> None:
    if not isinstance(ann, dict):
        raise InputError(f"{where} must be an object")
    for key in ("label", "start", "end", "text"):
        if key not in ann:
            raise InputError(f"{where} has no {key!r}")
    if not isinstance(ann["label"], str):
        raise InputError(f"{where}: 'label' must be a name, not {ann['label']!r}")
    start, end = ann["start"], ann["end"]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        raise InputError(f"{where}: start and end must be whole numbers")
    if not 0 <= start < end <= len(text):
        raise InputError(
            f"{where}: offsets {start}-{end} are outside the text (length {len(text)})"
        )
    if text[start:end] != ann["text"]:
        raise InputError(
            f"{where} ({ann.get('label')} {start}-{end}): its text {ann['text']!r} does not "
            f"match the article text there ({text[start:end]!r})"
        )
    attributes = ann.get("attributes", {})
    if not isinstance(attributes, dict):
        raise InputError(f"{where}: attributes must be an object")
    for key in ("note", "annotator", "created", "modified"):
        if key in ann and ann[key] is not None and not isinstance(ann[key], str):
            raise InputError(f"{where}: {key!r} must be text")
    if "id" in ann and not _is_id(ann["id"]):
        raise InputError(f"{where}: 'id' must be a whole number or text")


def _is_id(value: Any) -> bool:
    return isinstance(value, (int, str)) and not isinstance(value, bool)


def read(path: Path, options: ImportOptions) -> Iterator[ImportRecord | PackedRecord | Skip]:
    yield from read_jsonl(path, options.encoding, options.fold_presentation)


# ------------------------------------------------------------------- writing


def _article_head(article: Any) -> dict[str, Any]:
    """The article's own keys, in the format's order, before its annotations."""
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published,
        "meta": article.meta,
        "status": article.status,
        "text": article.text,
        "text_sha256": article.text_sha256,
        "offsets": "codepoint",
    }


def article_record(doc: ExportDocument) -> dict[str, Any]:
    """The native JSON object of one article (key order is part of the format)."""
    return {
        **_article_head(doc.article),
        "annotations": [
            {
                "id": a.id,
                "label": a.label,
                "start": a.start,
                "end": a.end,
                "text": a.text,
                "attributes": a.attributes,
                "note": a.note,
                "annotator": a.annotator,
                "created": a.created,
                "modified": a.modified,
            }
            for a in doc.annotations
        ],
        "relations": [
            {
                "id": r.id,
                "type": r.type,
                "from": r.from_id,
                "to": r.to_id,
                "annotator": r.annotator,
                "created": r.created,
            }
            for r in doc.relations
        ],
    }


def rows_line(item: ArticleRows) -> str:
    """The line ``article_record`` gives, built from row tuples: the same text, with each
    annotation's stored attributes JSON (already in ``json.dumps`` form) copied as is."""
    article = item.article
    head = json.dumps(_article_head(article), ensure_ascii=False)
    # json.dumps with ensure_ascii=False writes every string with this function.
    enc = encode_basestring
    annotations = ", ".join(
        [
            f'{{"id": {i}, "label": {enc(label)}, "start": {start}, "end": {end}, '
            f'"text": {enc(text)}, "attributes": {attributes}, "note": {enc(note)}, '
            f'"annotator": {enc(who)}, "created": {enc(created)}, '
            f'"modified": {enc(modified)}}}'
            for i, label, start, end, text, attributes, note, who, created, modified in (
                item.annotations
            )
        ]
    )
    relations = ", ".join(
        [
            f'{{"id": {i}, "type": {enc(kind)}, "from": {source}, "to": {target}, '
            f'"annotator": {enc(who)}, "created": {enc(created)}}}'
            for i, kind, source, target, who, created in item.relations
        ]
    )
    return line_safe(f'{head[:-1]}, "annotations": [{annotations}], "relations": [{relations}]}}')


class JsonlWriter:
    def __init__(self, fh: TextIO) -> None:
        self._fh = fh

    def write(self, doc: ExportDocument) -> None:
        self._fh.write(dumps_line(article_record(doc)) + "\n")

    def write_rows(self, item: ArticleRows) -> None:
        """The same line as ``write``, from rows (see ``Store.article_rows``)."""
        self._fh.write(rows_line(item) + "\n")

    def close(self) -> None:
        pass


def writer(target: TextIO, schema: Schema, report: Reporter, options: ExportOptions) -> JsonlWriter:
    return JsonlWriter(target)
