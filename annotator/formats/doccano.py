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
"""

from __future__ import annotations

from typing import TextIO

from annotator.core.offsets import OffsetMap
from annotator.core.schema import Schema
from annotator.formats.base import ExportDocument, ExportOptions, Reporter
from annotator.formats.jsonl import dumps_line


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
