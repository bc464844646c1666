"""Gold articles for evaluating suggestions: an inline markup, and JSON Lines.

The markup (resources/suggest/evaluation.txt) writes each article as a header line
``## ID SPLIT KIND TOPIC``, its text with spans marked in place as ``[C1 cue]``,
``[S1 source]`` and ``[K1 claim]``, and one line ``@ links`` where ``K1>S1`` is
ATTRIBUTED_TO, ``K1~C1`` HAS_CUE and ``S2^S1`` RELAYED_BY. Lines starting with a single
``#`` are comments.

The JSON Lines form has one article per line: ``{"id", "split", "kind", "topic",
"text", "spans": [{"id", "label", "start", "end", "text"}], "links": [{"type", "from",
"to"}]}``; offsets are code points. ``annotator export --format jsonl`` lines (with
"annotations" and "relations") are read as gold too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.paths import resources_dir

LABEL_OF_LETTER = {"C": "CUE", "S": "SOURCE", "K": "CLAIM"}
LINK_OF_SIGN = {">": "ATTRIBUTED_TO", "~": "HAS_CUE", "^": "RELAYED_BY"}
_OPEN = re.compile(r"\[([CSK]\d+) ")
_LINK = re.compile(r"^([CSK]\d+)([>~^])([CSK]\d+)$")


@dataclass(frozen=True)
class GoldSpan:
    id: str
    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class GoldLink:
    type: str
    from_id: str
    to_id: str


@dataclass
class GoldArticle:
    id: str
    text: str
    split: str = "tune"
    kind: str = "tidy"
    topic: str = ""
    spans: list[GoldSpan] = field(default_factory=list)
    links: list[GoldLink] = field(default_factory=list)


def bundled_path() -> Path:
    """The evaluation set shipped with annotator (see resources/suggest/)."""
    return resources_dir() / "suggest" / "evaluation.txt"


def parse_markup(source: str, where: str = "gold") -> list[GoldArticle]:
    """Read the inline markup.

    Raises:
        AnnotatorError: one line naming ``where`` and the line of the mistake.
    """
    articles: list[GoldArticle] = []
    header: tuple[int, list[str]] | None = None
    body: list[str] = []
    for number, line in enumerate(source.splitlines(), start=1):
        if line.startswith("## "):
            header = (number, line[3:].split())
            body = []
        elif line.startswith("#") or (not line.strip() and header is None):
            continue
        elif line.startswith("@"):
            if header is None:
                raise AnnotatorError(f"{where}, line {number}: links before any '## ' header")
            articles.append(_article(header, "\n".join(body).strip("\n"), line[1:], where))
            header = None
        elif header is not None:
            body.append(line)
    if header is not None:
        raise AnnotatorError(f"{where}, line {header[0]}: the article has no '@' links line")
    return articles


def _article(header: tuple[int, list[str]], marked: str, links: str, where: str) -> GoldArticle:
    number, fields = header
    if len(fields) < 3:
        raise AnnotatorError(f"{where}, line {number}: expected '## ID SPLIT KIND [TOPIC]'")
    text_parts: list[str] = []
    open_spans: list[tuple[str, int]] = []
    spans: list[GoldSpan] = []
    length = 0
    i = 0
    while i < len(marked):
        match = _OPEN.match(marked, i)
        if match:
            open_spans.append((match.group(1), length))
            i = match.end()
        elif marked[i] == "]":
            if not open_spans:
                raise AnnotatorError(f"{where}, article {fields[0]}: ']' closes nothing")
            span_id, start = open_spans.pop()
            spans.append(GoldSpan(span_id, LABEL_OF_LETTER[span_id[0]], start, length, ""))
            i += 1
        else:
            text_parts.append(marked[i])
            length += 1
            i += 1
    if open_spans:
        raise AnnotatorError(
            f"{where}, article {fields[0]}: span {open_spans[-1][0]} is not closed"
        )
    text = "".join(text_parts)
    spans = [GoldSpan(s.id, s.label, s.start, s.end, text[s.start : s.end]) for s in spans]
    ids = {s.id for s in spans}
    gold_links = []
    for item in links.split():
        link = _LINK.match(item)
        if not link or link.group(1) not in ids or link.group(3) not in ids:
            raise AnnotatorError(f"{where}, article {fields[0]}: bad link {item!r}")
        gold_links.append(GoldLink(LINK_OF_SIGN[link.group(2)], link.group(1), link.group(3)))
    return GoldArticle(
        id=fields[0],
        split=fields[1],
        kind=fields[2],
        topic=fields[3] if len(fields) > 3 else "",
        text=text,
        spans=sorted(spans, key=lambda s: (s.start, s.end)),
        links=gold_links,
    )


def to_record(article: GoldArticle) -> dict[str, Any]:
    return {
        "id": article.id,
        "split": article.split,
        "kind": article.kind,
        "topic": article.topic,
        "text": article.text,
        "spans": [
            {"id": s.id, "label": s.label, "start": s.start, "end": s.end, "text": s.text}
            for s in article.spans
        ],
        "links": [{"type": x.type, "from": x.from_id, "to": x.to_id} for x in article.links],
    }


def from_record(record: dict[str, Any], where: str) -> GoldArticle:
    """One gold article from a JSON object (this module's form or a native export line)."""
    try:
        text = str(record["text"])
        raw_spans = record.get("spans", record.get("annotations", []))
        raw_links = record.get("links", record.get("relations", []))
        spans = []
        for raw in raw_spans:
            start, end = int(raw["start"]), int(raw["end"])
            if not 0 <= start < end <= len(text):
                raise AnnotatorError(f"{where}: span {raw.get('id')} is outside the text")
            spans.append(GoldSpan(str(raw["id"]), str(raw["label"]), start, end, text[start:end]))
        links = [GoldLink(str(x["type"]), str(x["from"]), str(x["to"])) for x in raw_links]
    except (KeyError, TypeError, ValueError) as exc:
        raise AnnotatorError(f"{where}: not a gold article ({exc})") from None
    return GoldArticle(
        id=str(record.get("id", where)),
        text=text,
        split=str(record.get("split", "tune")),
        kind=str(record.get("kind", "tidy")),
        topic=str(record.get("topic", "")),
        spans=spans,
        links=links,
    )


def load(path: Path) -> list[GoldArticle]:
    """Gold articles from a markup file (.txt) or a JSON Lines file.

    Raises:
        AnnotatorError: one line naming the file and line.
    """
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotatorError(f"{path}: cannot read the gold file ({exc})") from None
    if path.suffix != ".jsonl":
        return parse_markup(source, str(path))
    articles = []
    for number, line in enumerate(source.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AnnotatorError(f"{path}, line {number}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise AnnotatorError(f"{path}, line {number}: not a JSON object")
        articles.append(from_record(record, f"{path}, line {number}"))
    return articles
