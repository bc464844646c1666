"""doccano: JSON Lines for a sequence-labeling project with relations.

One line per article::

    {"text": "...", "entities": [{"id": 31, "label": "CLAIM", "start_offset": 120,
     "end_offset": 165}], "relations": [{"id": 4, "from_id": 31, "to_id": 29,
     "type": "ATTRIBUTED_TO"}], "article_id": 7, "title": "..."}

Offsets are UTF-16 code units. doccano's annotation view runs in the browser and keeps
JavaScript string indices: in a sequence-labeling project with "Count grapheme clusters
as one character" off (``grapheme_mode``, off by default), an emoji counts as two
(doccano issues #2290 and #2484). Every other key of a line becomes document metadata
in doccano. doccano has no attributes or notes.

Reading takes doccano's two JSONL export forms, "entities" objects with "relations"
(as written here) or "label" triples ``[start, end, label]``, from ``.jsonl`` files:
``annotator.formats.jsonl`` hands such lines to ``parse``. doccano's lines name no
annotator; ``annotator import --annotator NAME`` gives them one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from annotator.core.errors import InputError
from annotator.core.offsets import OffsetMap
from annotator.core.prepared import PackedRecord
from annotator.core.records import ImportRecord, LinkRecord, Skip, SpanRecord
from annotator.core.schema import Schema
from annotator.formats.base import (
    ExportDocument,
    ExportOptions,
    ImportOptions,
    Reporter,
    dumps_line,
)
from annotator.formats.common import make_article


class DoccanoWriter:
    def __init__(self, fh: TextIO, report: Reporter) -> None:
        self._fh = fh
        self._report = report
        self._attributes = 0
        self._notes = 0

    def write(self, doc: ExportDocument) -> None:
        units = OffsetMap(doc.article.text)
        entities = []
        for ann in doc.annotations:
            start, end = units.span_to_utf16(ann.start, ann.end)
            entities.append(
                {"id": ann.id, "label": ann.label, "start_offset": start, "end_offset": end}
            )
            self._attributes += sum(v is not None for v in ann.attributes.values())
            self._notes += bool(ann.note)
        relations = [
            {"id": r.id, "from_id": r.from_id, "to_id": r.to_id, "type": r.type}
            for r in doc.relations
        ]
        line = {
            "text": doc.article.text,
            "entities": entities,
            "relations": relations,
            "article_id": doc.article.id,
            "title": doc.article.title,
        }
        self._fh.write(dumps_line(line) + "\n")

    def close(self) -> None:
        if self._attributes or self._notes:
            self._report.note(
                f"doccano has no attributes or notes: {self._attributes} attribute value(s) "
                f"and {self._notes} note(s) are not in the file"
            )


def writer(fh: TextIO, schema: Schema, report: Reporter, options: ExportOptions) -> DoccanoWriter:
    return DoccanoWriter(fh, report)


# ------------------------------------------------------------------- reading


def is_doccano(obj: dict[str, Any]) -> bool:
    """Whether a JSON line is in doccano's form: "entities" objects or "label" triples."""
    if "annotations" in obj:
        return False
    if isinstance(obj.get("entities"), list):
        return True
    label = obj.get("label")
    return isinstance(label, list) and all(isinstance(t, list) for t in label) and bool(label)


def parse(obj: dict[str, Any], where: str, fold: bool, size: int) -> ImportRecord:
    """One doccano line: entities in UTF-16 units, turned into code points of the text."""
    raw = obj.get("text")
    if not isinstance(raw, str):
        raise InputError(f"{where}: text must be a string")
    fields: dict[str, Any] = {
        k: obj[k] for k in ("title", "source", "url", "published") if k in obj
    }
    skip = {"text", "entities", "relations", "label", "article_id", *fields}
    meta = {k: v for k, v in obj.items() if k not in skip} | {"format": "doccano"}
    article = make_article(raw, where, fold, fields, meta)
    units = OffsetMap(raw)
    found: list[tuple[Any, str, int, int]] = []
    if isinstance(obj.get("entities"), list):
        for n, entity in enumerate(obj["entities"], 1):
            if not isinstance(entity, dict) or not {"label", "start_offset", "end_offset"} <= set(
                entity
            ):
                raise InputError(f"{where}: entity {n} needs label, start_offset and end_offset")
            found.append(
                (entity.get("id", n), entity["label"], entity["start_offset"], entity["end_offset"])
            )
    else:
        for n, triple in enumerate(obj["label"], 1):
            if len(triple) != 3:
                raise InputError(f"{where}: label {n} must be [start, end, label]")
            found.append((n, triple[2], triple[0], triple[1]))
    spans: list[SpanRecord] = []
    keys: set[Any] = set()
    for key, label, start, end in found:
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            raise InputError(f"{where}: entity {key}: offsets must be whole numbers")
        if not 0 <= start < end <= units.u16_length:
            raise InputError(f"{where}: entity {key}: {start}-{end} is outside the text")
        if key in keys:
            raise InputError(f"{where}: entity id {key!r} is used twice")
        keys.add(key)
        cp_start, cp_end = units.span_to_codepoint(start, end)
        spans.append(SpanRecord(key, str(label), cp_start, cp_end, raw[cp_start:cp_end]))
    links: list[LinkRecord] = []
    for n, rel in enumerate(obj.get("relations") or [], 1):
        if not isinstance(rel, dict) or not {"from_id", "to_id", "type"} <= set(rel):
            raise InputError(f"{where}: relation {n} needs from_id, to_id and type")
        if rel["from_id"] not in keys or rel["to_id"] not in keys:
            raise InputError(f"{where}: relation {n} links an entity that is not on this line")
        links.append(LinkRecord(str(rel["type"]), rel["from_id"], rel["to_id"]))
    if spans and article.text != raw:
        raise InputError(
            f"{where}: the text is not in canonical form, so its offsets cannot be trusted"
        )
    if spans:
        article = replace(article, status="in_progress")
    return ImportRecord(article, where, spans, links, size)


def read(path: Path, options: ImportOptions) -> Iterator[ImportRecord | PackedRecord | Skip]:
    """A doccano .jsonl file: the JSON Lines reader, which hands doccano lines to ``parse``."""
    from annotator.formats.registry import FORMATS

    yield from FORMATS["jsonl"].reader()(path, options)
