"""The jsonl export built from row tuples writes the very lines the record path writes.

Attributes are copied from the database as stored when they are in the form annotator
writes (``json.dumps(value, ensure_ascii=False)``), and rewritten to it otherwise: rows
crafted with plain SQL (Arabic, nested quotes, numbers, booleans, escapes, other
spacing) come out byte for byte as parsing and dumping each value would give.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.model import NewArticle
from annotator.formats.base import ExportDocument
from annotator.formats.export import ExportFilter, export
from annotator.formats.jsonl import JsonlWriter
from annotator.storage import open_store
from annotator.storage.rows import attributes_json

TEXT = "قال المتحدث 😀 إن «الطائرات» حلّقت\u2028فوق المدينة، وفقا لوكالة Reuters."

# Values the schema would refuse, written by another program: the export must still
# copy them exactly.
CANONICAL_VALUES: list[dict[str, object]] = [
    {},
    {"claim_type": "factual", "checkworthy": "yes"},
    {"ملاحظة": 'قال "إن" «النقاش» كان \\ مهنيا', "emoji": "👍🏽"},
    {"n": 3, "x": 2.5, "big": 10**20, "neg": -0.0, "b": True, "f": False, "z": None},
    {"nested": {"q": 'a"b', "list": [1, "٢", {"deep": [True, None]}]}, "tab": "a\tb\nc"},
    {"sep": "\u2028 and \u2029 and \x85", "ctrl": "\x00\x1f"},
]
OTHER_FORMS = [
    "",
    '{"a":1}',
    '{ "claim_type" : "factual" }',
    json.dumps({"مصدر": "وزارة"}),  # ASCII escapes
    '{"b": true, "a": [1,2]}',
]


def _crafted(path: Path) -> None:
    with open_store(path) as store:
        article_id, _ = store.add_article(NewArticle(text=TEXT, title="مقال"))
    conn = sqlite3.connect(path)
    values = [json.dumps(v, ensure_ascii=False) for v in CANONICAL_VALUES] + OTHER_FORMS
    with conn:
        for n, attributes in enumerate(values):
            start = n % 5
            conn.execute(
                'INSERT INTO annotations (article_id, label, start, "end", text, attributes, '
                "note, annotator, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    article_id,
                    ("CLAIM", "SOURCE", "CUE")[n % 3],
                    start,
                    start + 3,
                    TEXT[start : start + 3],
                    attributes,
                    'ملاحظة "مقتبسة"' if n % 2 else "",
                    f"annotator{n % 2}",
                    "2026-11-21T10:00:00Z",
                    f"2026-11-21T10:0{n % 10}:00Z",
                ],
            )
        ids = [r[0] for r in conn.execute("SELECT id FROM annotations ORDER BY id")]
        for source, target in zip(ids, ids[1:], strict=False):
            conn.execute(
                "INSERT INTO relations (article_id, type, from_id, to_id, annotator, created) "
                "VALUES (?, 'ATTRIBUTED_TO', ?, ?, ?, '2026-11-21T10:03:00Z')",
                [article_id, source, target, f"annotator{source % 2}"],
            )
    conn.close()


def _record_path_lines(db: Path, annotator: str | None, labels: set[str]) -> str:
    """The lines the record path writes: Annotation objects with parsed attributes."""
    out: list[str] = []

    class Sink:
        def write(self, text: str) -> None:
            out.append(text)

    writer = JsonlWriter(Sink())  # type: ignore[arg-type]
    with open_store(db, readonly=True) as store:
        for item in store.annotated_articles(store.article_ids(), annotator):
            kept = [a for a in item.annotations if not labels or a.label in labels]
            present = {a.id for a in kept}
            links = [r for r in item.relations if r.from_id in present and r.to_id in present]
            writer.write(ExportDocument(item.article, kept, links))
    return "".join(out)


def test_canonical_attributes_are_their_own_form() -> None:
    for value in CANONICAL_VALUES:
        stored = json.dumps(value, ensure_ascii=False)
        assert attributes_json(stored, "annotation 1", "x.db") == stored
    assert attributes_json('{"a":1}', "annotation 1", "x.db") == '{"a": 1}'
    assert attributes_json("", "annotation 1", "x.db") == "{}"


@pytest.mark.parametrize(
    ("annotator", "labels"),
    [(None, ()), ("annotator1", ()), (None, ("CLAIM", "SOURCE")), ("annotator0", ("CUE",))],
)
def test_row_lines_equal_record_lines(
    tmp_path: Path, annotator: str | None, labels: tuple[str, ...]
) -> None:
    db = tmp_path / "crafted.db"
    _crafted(db)
    out = tmp_path / "out.jsonl"
    with open_store(db, readonly=True) as store:
        report = export(store, out, "jsonl", ExportFilter(annotator=annotator, labels=labels))
    written = out.read_text(encoding="utf-8")
    assert written == _record_path_lines(db, annotator, set(labels))
    assert report.annotations == sum(len(json.loads(x)["annotations"]) for x in [written])
    # One article on one line, whatever the attributes hold.
    assert written.count("\n") == 1
    line = json.loads(written)
    if annotator is None and not labels:
        assert len(line["annotations"]) == len(CANONICAL_VALUES) + len(OTHER_FORMS)
        assert len(line["relations"]) == len(line["annotations"]) - 1
        # The stored canonical texts are in the line as they are stored.
        raw = written.replace("\\u2028", "\u2028").replace("\\u2029", "\u2029")
        raw = raw.replace("\\u0085", "\x85")
        for value in CANONICAL_VALUES:
            assert f'"attributes": {json.dumps(value, ensure_ascii=False)},' in raw
        assert {json.dumps(a["attributes"]) for a in line["annotations"]} >= {
            json.dumps(v) for v in CANONICAL_VALUES
        }


def test_row_export_equals_the_document_export(tmp_path: Path) -> None:
    """The same database through both real paths of ``export`` (suggestions asked for
    take the document path; jsonl has none to write)."""
    db = tmp_path / "crafted.db"
    _crafted(db)
    rows_out, docs_out = tmp_path / "rows.jsonl", tmp_path / "docs.jsonl"
    with open_store(db, readonly=True) as store:
        export(store, rows_out, "jsonl")
        export(store, docs_out, "jsonl", ExportFilter(include_suggestions=True))
    assert rows_out.read_bytes() == docs_out.read_bytes()


def test_export_memory_does_not_grow_with_the_annotations(tmp_path: Path) -> None:
    """Peak memory of ``annotator export`` as a real process: 20 articles against 200
    (20,000 annotations, one read batch): the rows are read one article at a time."""
    from annotator.bench.bulk import peak_rss_mb
    from annotator.bench.measures import build_annotated_db

    peaks = []
    for count in (2_000, 20_000):
        db = tmp_path / f"{count}.db"
        build_annotated_db(db, count)
        out = tmp_path / f"{count}.jsonl"
        peaks.append(peak_rss_mb(["export", str(db), str(out), "--format", "jsonl"]))
        assert out.read_text(encoding="utf-8").count("\n") == count // 100
    small, big = peaks
    assert big - small < 3, peaks
