"""Importing annotator's own jsonl export with annotations, a table at a time.

New articles are checked whole, then stored with one statement per table: no savepoint
per row, no read-back of a link. A refused line leaves nothing behind and names its
file and line; the rest of the file is stored. Export, import into a fresh database
and export again gives the same file, byte for byte.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from annotator.bench.measures import build_annotated_db
from annotator.core.prepared import PackedRecord, ReadyRows
from annotator.core.schema import Label
from annotator.formats import importer, pipeline
from annotator.formats.export import export
from annotator.formats.importer import ImportOptions, import_paths
from annotator.formats.jsonl import read_jsonl
from annotator.storage import Store, bulk, open_store

TEXT = "قال المتحدث باسم البنتاغون بيتر كوك 😀 إن النقاش كان «مهنيا وبناء»."


def _line(text: str, spans: list[dict[str, Any]], links: list[dict[str, Any]], **kw: Any) -> str:
    annotations = [
        {"id": s.get("id", n), "label": s["label"], "start": s["start"], "end": s["end"]}
        | {"text": text[s["start"] : s["end"]], "attributes": s.get("attributes", {})}
        for n, s in enumerate(spans, 1)
    ]
    return json.dumps(
        {"title": kw.get("title", "t"), "status": kw.get("status", "done"), "text": text}
        | {"annotations": annotations, "relations": links},
        ensure_ascii=False,
    )


def _good(n: int) -> str:
    text = f"{TEXT} رقم {n}"
    spans = [
        {"label": "CUE", "start": 0, "end": 3, "attributes": {"cue_form": "speech_verb"}},
        {"label": "SOURCE", "start": 4, "end": 35},
        {"label": "CLAIM", "start": 41, "end": 65, "attributes": {"claim_type": "factual"}},
    ]
    links = [
        {"type": "ATTRIBUTED_TO", "from": 3, "to": 2},
        {"type": "HAS_CUE", "from": 3, "to": 1},
    ]
    return _line(text, spans, links)


def _counts(store: Store) -> tuple[int, int, int]:
    conn = store.db.conn
    return (
        conn.execute("SELECT count(*) FROM articles").fetchone()[0],
        conn.execute("SELECT count(*) FROM annotations").fetchone()[0],
        conn.execute("SELECT count(*) FROM relations").fetchone()[0],
    )


@pytest.mark.parametrize("worker", [False, True], ids=["in-process", "worker"])
def test_round_trip_is_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worker: bool
) -> None:
    """Read in the calling process or in the worker (which sends records packed)."""
    if worker:
        monkeypatch.setattr(pipeline, "WORKER_BYTES", 0)
    source = tmp_path / "source.db"
    build_annotated_db(source, 3_000, per_article=60)
    exports = [tmp_path / f"export{n}.jsonl" for n in range(3)]
    with open_store(source, readonly=True) as store:
        export(store, exports[0], "jsonl")
    for n in (1, 2):
        with open_store(tmp_path / f"fresh{n}.db") as fresh:
            report = import_paths(fresh, [exports[n - 1]])
            assert report.ok and len(report.imported) == 50
            assert report.annotations == 3_000 and report.relations > 1_000
            export(fresh, exports[n], "jsonl")
    # The first import records how the text was read (presentation forms folded);
    # from then on every export is the same file.
    assert exports[2].read_bytes() == exports[1].read_bytes()
    first = [json.loads(x) for x in exports[0].read_text(encoding="utf-8").splitlines()]
    second = [json.loads(x) for x in exports[1].read_text(encoding="utf-8").splitlines()]
    for line in second:
        assert line["meta"].pop("presentation_forms_folded") is True
    assert first == second


class _Counting:
    """The store's connection, counting the statements run through it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.calls: list[tuple[str, str, int]] = []

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        self.calls.append(("execute", sql, 1))
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> sqlite3.Cursor:
        rows = list(rows)
        self.calls.append(("executemany", sql, len(rows)))
        return self._conn.executemany(sql, rows)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def _counted_import(store: Store, paths: list[Path], **options: Any) -> tuple[Any, _Counting]:
    counting = _Counting(store.db.conn)
    real = store.db.conn
    store.db.conn = counting  # type: ignore[assignment]
    try:
        return import_paths(store, paths, ImportOptions(**options)), counting
    finally:
        store.db.conn = real


def test_no_savepoint_per_row_and_no_read_back(tmp_path: Path, store: Store) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(_good(n) for n in range(200)) + "\n", encoding="utf-8")
    report, counting = _counted_import(store, [corpus], annotator="huda")
    assert report.ok and len(report.imported) == 200
    assert (report.annotations, report.relations) == (600, 400)
    assert _counts(store) == (200, 600, 400)
    first = report.imported[0][0]
    assert {a.annotator for a in store.annotations(first)} == {"huda"}
    assert {r.annotator for r in store.relations(first)} == {"huda"}
    sql = [(kind, text.split("(")[0].strip(), n) for kind, text, n in counting.calls]
    assert ("executemany", "INSERT INTO annotations", 600) in sql
    assert ("executemany", "INSERT INTO relations", 400) in sql
    assert not [c for c in sql if c[0] == "execute" and "annotations" in c[1]]
    assert not [c for c in sql if c[0] == "execute" and "relations" in c[1]]
    savepoints = [c for c in sql if c[1].upper().startswith("SAVEPOINT")]
    assert len(savepoints) <= 4, savepoints
    assert not [c for c in sql if "FROM relations" in c[1] or "FROM annotations WHERE" in c[1]]


def test_a_refused_line_leaves_nothing_and_names_its_line(tmp_path: Path, store: Store) -> None:
    text = f"{TEXT} سطر"
    bad = [
        # unknown label
        _line(text + " 2", [{"label": "PERSON", "start": 0, "end": 3}], []),
        # a link of an annotation to itself
        _line(
            text + " 3",
            [{"label": "CLAIM", "start": 0, "end": 3}],
            [{"type": "ATTRIBUTED_TO", "from": 1, "to": 1}],
        ),
        # the same link twice
        _line(
            text + " 4",
            [
                {"label": "CLAIM", "start": 41, "end": 65},
                {"label": "SOURCE", "start": 4, "end": 35},
            ],
            [{"type": "ATTRIBUTED_TO", "from": 1, "to": 2}] * 2,
        ),
        # a relation type between labels it does not link
        _line(
            text + " 5",
            [
                {"label": "SOURCE", "start": 4, "end": 35},
                {"label": "CLAIM", "start": 41, "end": 65},
            ],
            [{"type": "ATTRIBUTED_TO", "from": 1, "to": 2}],
        ),
        # an attribute value the schema does not allow
        _line(
            text + " 6",
            [{"label": "CLAIM", "start": 0, "end": 3, "attributes": {"claim_type": "rumour"}}],
            [],
        ),
    ]
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text("\n".join([_good(1), *bad, _good(7)]) + "\n", encoding="utf-8")
    report = import_paths(store, [corpus])
    reasons = {s.where: s.reason for s in report.skipped}
    assert list(reasons) == [f"{corpus}:{n}" for n in range(2, 7)]
    assert "unknown label 'PERSON'" in reasons[f"{corpus}:2"]
    assert reasons[f"{corpus}:3"] == "an annotation cannot be linked to itself"
    assert "already linked by ATTRIBUTED_TO" in reasons[f"{corpus}:4"]
    assert "ATTRIBUTED_TO cannot link SOURCE to CLAIM" in reasons[f"{corpus}:5"]
    assert "CLAIM.claim_type cannot be 'rumour'" in reasons[f"{corpus}:6"]
    assert [where for _, where in report.imported] == [f"{corpus}:1", f"{corpus}:7"]
    assert _counts(store) == (2, 6, 4)
    for article_id, _ in report.imported:
        assert store.article(article_id).status == "done"
        assert len(store.annotations(article_id)) == 3
        links = store.relations(article_id)
        ends = {a.id: a.label for a in store.annotations(article_id)}
        assert sorted((r.type, ends[r.from_id], ends[r.to_id]) for r in links) == [
            ("ATTRIBUTED_TO", "CLAIM", "SOURCE"),
            ("HAS_CUE", "CLAIM", "CUE"),
        ]


def test_work_that_comes_back_is_merged_one_by_one(tmp_path: Path, store: Store) -> None:
    """A line whose text is stored already (or earlier in the file) is not stored again:
    its new annotations join the stored article, the ones it already has are not
    repeated."""
    first = tmp_path / "first.jsonl"
    first.write_text(_good(1) + "\n", encoding="utf-8")
    import_paths(store, [first])
    extra = json.loads(_good(1))
    extra["annotations"].append(
        {"id": 9, "label": "SOURCE", "start": 8, "end": 13, "text": extra["text"][8:13]}
    )
    second = tmp_path / "second.jsonl"
    second.write_text(
        "\n".join([_good(2), json.dumps(extra, ensure_ascii=False), _good(2)]) + "\n",
        encoding="utf-8",
    )
    report = import_paths(store, [second])
    assert [w for _, w in report.imported] == [f"{second}:1"]
    assert [w for _, w in report.duplicates] == [f"{second}:3"]
    assert report.added == 1 and len(report.existing) == 1
    assert _counts(store) == (2, 7, 4)


def test_groups_commit_between_them(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More rows than one group holds are stored in several groups, every article whole."""
    monkeypatch.setattr(importer, "BULK_ROWS", 60)  # ten lines of six rows
    corpus = tmp_path / "big.jsonl"
    corpus.write_text("\n".join(_good(n) for n in range(205)) + "\n", encoding="utf-8")
    report, counting = _counted_import(store, [corpus])
    assert report.ok and len(report.imported) == 205
    assert _counts(store) == (205, 615, 410)
    groups = [n for kind, sql, n in counting.calls if sql.startswith("INSERT INTO annotations")]
    assert groups == [30] * 20 + [15]
    for article_id in store.article_ids():
        assert len(store.annotations(article_id)) == 3 and len(store.relations(article_id)) == 2
    check = sqlite3.connect(store.path)
    assert check.execute("PRAGMA foreign_key_check").fetchall() == []
    check.close()


def test_equal_attribute_sets_are_checked_for_each_label(tmp_path: Path, store: Store) -> None:
    """Equal attribute sets of a line are one object once read; one that a CLAIM may
    have is still refused on a SOURCE."""
    spans = [
        {"label": "CLAIM", "start": 41, "end": 65, "attributes": {"claim_type": "factual"}},
        {"label": "SOURCE", "start": 4, "end": 35, "attributes": {"claim_type": "factual"}},
    ]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(_line(TEXT, spans, []) + "\n" + _good(2) + "\n", encoding="utf-8")
    report = import_paths(store, [corpus])
    assert [(s.where, s.reason) for s in report.skipped] == [
        (f"{corpus}:1", "label SOURCE has no attribute 'claim_type'")
    ]
    assert _counts(store) == (1, 3, 2)


@pytest.mark.parametrize(
    ("first", "second", "named"),
    [
        (1, True, "1"),
        (True, 1, "True"),
        (["factual"], "factual", "['factual']"),
    ],
)
def test_a_value_equal_to_another_is_refused_as_the_file_gave_it(
    tmp_path: Path, store: Store, first: Any, second: Any, named: str
) -> None:
    """1, 1.0 and True are equal in Python: sharing equal sets must not make one the
    other in a refusal, and a value that cannot be shared (a list) is refused too."""
    spans = [
        {"label": "CLAIM", "start": 41, "end": 65, "attributes": {"claim_type": first}},
        {"label": "CLAIM", "start": 0, "end": 3, "attributes": {"claim_type": second}},
    ]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(_line(TEXT, spans, []) + "\n", encoding="utf-8")
    report = import_paths(store, [corpus])
    [skip] = report.skipped
    assert skip.where == f"{corpus}:1"
    assert f"CLAIM.claim_type cannot be {named}" in skip.reason, skip.reason
    assert _counts(store) == (0, 0, 0)


def _hostile_lines() -> list[str]:
    """Good lines and lines each refused for another reason of the schema's, some with
    a second fault that the reading itself finds first."""
    text = f"{TEXT} سطر"
    claim_source = [
        {"label": "CLAIM", "start": 41, "end": 65},
        {"label": "SOURCE", "start": 4, "end": 35},
    ]
    return [
        _good(1),
        _line(text + " 2", [{"label": "PERSON", "start": 0, "end": 3}], []),
        _line(
            text + " 3", [{"label": "CLAIM", "start": 0, "end": 3, "attributes": {"x": "1"}}], []
        ),
        _line(text + " 4", claim_source, [{"type": "LIKES", "from": 1, "to": 2}]),
        _line(text + " 5", claim_source, [{"type": "ATTRIBUTED_TO", "from": 2, "to": 1}]),
        _line(text + " 6", claim_source, [{"type": "ATTRIBUTED_TO", "from": 2, "to": 2}]),
        _line(text + " 7", claim_source, [{"type": "ATTRIBUTED_TO", "from": 1, "to": 2}] * 2),
        # the unknown label comes first, the offsets outside the text are named
        _line(
            text + " 8",
            [{"label": "PERSON", "start": 0, "end": 3}, {"label": "CUE", "start": 0, "end": 999}],
            [],
        ),
        _line(
            text + " 9",
            [{"label": "CLAIM", "start": 0, "end": 3, "attributes": {"claim_type": None}}],
            [{"type": "HAS_CUE", "from": 1, "to": 7}],
        ),
        _line(
            text + " 10",
            [{"label": "CLAIM", "start": 0, "end": 3, "attributes": {"claim_type": None}}],
            [],
            status="new",
        ),
        _good(11),
    ]


def _stored(store: Store) -> list[list[tuple[Any, ...]]]:
    conn = store.db.conn
    return [
        conn.execute(
            'SELECT id, article_id, label, start, "end", text, attributes, note, annotator, '
            "length(created), created = modified FROM annotations ORDER BY id"
        ).fetchall(),
        conn.execute(
            "SELECT id, article_id, type, from_id, to_id, annotator FROM relations ORDER BY id"
        ).fetchall(),
        conn.execute("SELECT id, title, status, text FROM articles ORDER BY id").fetchall(),
    ]


@pytest.mark.parametrize("worker", [False, True], ids=["in-process", "worker"])
def test_the_reader_checks_as_the_store_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worker: bool
) -> None:
    """Checked against the store's schema while read, or by the store itself: the same
    refusals, in the same words and order, and the same rows."""
    if worker:
        monkeypatch.setattr(pipeline, "WORKER_BYTES", 0)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(_hostile_lines()) + "\n", encoding="utf-8")
    checked_by_store: list[str] = []
    check = bulk._check_record

    def counted(schema: Any, record: Any, *args: Any) -> None:
        checked_by_store.append(record.where)
        check(schema, record, *args)

    monkeypatch.setattr(bulk, "_check_record", counted)
    results = []
    for by_store in (False, True):
        if by_store:
            # Nothing checked while read: every line the reader passes reaches the store.
            monkeypatch.setattr(pipeline, "_ready_rows", lambda options: None)
        with open_store(tmp_path / f"{by_store}.db") as store:
            report = import_paths(store, [corpus], ImportOptions(annotator="huda"))
            results.append(([(s.where, s.reason) for s in report.skipped], _stored(store)))
        if not by_store:
            assert checked_by_store == []
    # Lines 8 and 9 are refused by the reading itself.
    assert len(checked_by_store) == 9
    # The same reasons and rows; checked while read, the refusals come in file order.
    assert sorted(results[0][0]) == sorted(results[1][0])
    assert results[0][1] == results[1][1]
    reasons = dict(results[0][0])
    assert list(reasons) == [f"{corpus}:{n}" for n in range(2, 10)]
    assert reasons[f"{corpus}:2"].startswith("unknown label 'PERSON'")
    assert reasons[f"{corpus}:3"] == "label CLAIM has no attribute 'x'"
    assert reasons[f"{corpus}:4"].startswith("unknown relation type 'LIKES'")
    assert reasons[f"{corpus}:5"].startswith("ATTRIBUTED_TO cannot link SOURCE to CLAIM")
    assert reasons[f"{corpus}:6"] == "an annotation cannot be linked to itself"
    assert "already linked by ATTRIBUTED_TO" in reasons[f"{corpus}:7"]
    assert reasons[f"{corpus}:8"].startswith("annotation 2: offsets 0-999 are outside")
    assert reasons[f"{corpus}:9"].startswith("relation 1: to 7 is not an annotation")
    annotations, relations, articles = results[0][1]
    assert [a[1:] for a in articles] == [
        ("t", "done", f"{TEXT} رقم 1"),
        ("t", "new", f"{TEXT} سطر 10"),
        ("t", "done", f"{TEXT} رقم 11"),
    ]
    assert len(annotations) == 7 and len(relations) == 4
    assert {a[8] for a in annotations} == {"huda"} == {r[5] for r in relations}
    assert annotations[3][6] == '{"claim_type": null}'
    # Times the file does not give are the import's, the same for created and modified.
    assert {(a[9], a[10]) for a in annotations} == {(24, 1)}


def test_a_record_checked_against_another_schema_is_checked_again(
    tmp_path: Path, store: Store
) -> None:
    """A label the reading side's schema has and the store's lacks is still refused."""
    wider = replace(
        store.schema, labels={**store.schema.labels, "PERSON": Label("PERSON", "#000", "p")}
    )
    corpus = tmp_path / "c.jsonl"
    lines = [_good(1), _line(TEXT, [{"label": "PERSON", "start": 0, "end": 3}], [])]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ready = ReadyRows(wider)
    records = [pipeline.prepare(item, None, ready)[0] for item in read_jsonl(corpus)]
    assert all(isinstance(r, PackedRecord) and r.ready_spans is not None for r in records)
    results = store.add_annotated_articles(records)  # type: ignore[arg-type]
    assert results[0].created and results[1].refused.startswith("unknown label 'PERSON'")
    assert _counts(store) == (1, 3, 2)
