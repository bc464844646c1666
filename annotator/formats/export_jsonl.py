"""Native JSON Lines: one article per line, everything kept, offsets in code points.

``annotator import`` reads these lines back (see ``annotator.formats.jsonl``); export,
import into a fresh database and export again gives the same lines apart from ids.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from annotator.formats.export_base import ExportDocument

# JSON leaves these unescaped, but str.splitlines() and many line readers break on them;
# escaping keeps one article on one line for every reader.
_LINE_SEPARATORS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def article_record(doc: ExportDocument) -> dict[str, Any]:
    """The native JSON object of one article (key order is part of the format)."""
    article = doc.article
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


def dumps_line(obj: Any) -> str:
    """One JSON object as one line of UTF-8 text (no trailing newline)."""
    line = json.dumps(obj, ensure_ascii=False)
    if "\u2028" in line or "\u2029" in line or "\x85" in line:
        for raw, escaped in _LINE_SEPARATORS.items():
            line = line.replace(raw, escaped)
    return line


class JsonlWriter:
    def __init__(self, fh: TextIO) -> None:
        self._fh = fh

    def write(self, doc: ExportDocument) -> None:
        self._fh.write(dumps_line(article_record(doc)) + "\n")

    def close(self) -> None:
        pass
