"""CSV for spreadsheets: one row per annotation, UTF-8 with a byte order mark.

The BOM makes Excel and LibreOffice read the file as UTF-8 (without it Excel shows
Arabic as mojibake). Offsets are code points. Text cells that a spreadsheet would
take for a formula are neutralised with a leading apostrophe, as OWASP advises
against CSV injection.
"""

from __future__ import annotations

import csv
from typing import TextIO

from annotator.core.schema import Schema
from annotator.formats.export_base import ExportDocument

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
