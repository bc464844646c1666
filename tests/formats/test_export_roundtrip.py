"""Round trips: export, import into a fresh database, export again gives the same files.

The fresh database already holds another article, so every id changes on the way:
the comparison ignores ids, and only ids.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.core.model import NewArticle
from annotator.formats.export import ExportFilter, export
from annotator.formats.importer import import_paths
from annotator.storage import Store, open_store


def _fresh_store(path: Path) -> Store:
    store = open_store(path)
    store.add_article(NewArticle(text="مقال آخر يسبق المقال المستورد.", title="آخر"))
    return store


def _import(store: Store, path: Path) -> int:
    report = import_paths(store, [path])
    assert report.ok and not report.skipped, report.skipped
    assert len(report.imported) == 1
    return report.imported[0][0]


def _without_ids(line: str) -> dict[str, Any]:
    """A native line with its ids replaced by positions, so that only ids may differ."""
    obj = json.loads(line)
    obj.pop("id")
    position = {a["id"]: n for n, a in enumerate(obj["annotations"])}
    for ann in obj["annotations"]:
        ann["id"] = position[ann["id"]]
    for n, rel in enumerate(obj["relations"]):
        rel["id"] = n
        rel["from"], rel["to"] = position[rel["from"]], position[rel["to"]]
    return obj


def test_jsonl_round_trip_is_exact_apart_from_ids(golden_store: Store, tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    export(golden_store, first, "jsonl")
    with _fresh_store(tmp_path / "fresh.db") as fresh:
        new_id = _import(fresh, first)
        assert new_id != 1
        again = tmp_path / "again.jsonl"
        export(fresh, again, "jsonl", ExportFilter(article_ids=(new_id,)))
        original = next(iter(fresh.annotated_articles([new_id]))).annotations
    lines_a = first.read_text(encoding="utf-8").splitlines()
    lines_b = again.read_text(encoding="utf-8").splitlines()
    assert len(lines_a) == len(lines_b) == 1
    assert json.loads(lines_b[0])["id"] == new_id
    assert _without_ids(lines_a[0]) == _without_ids(lines_b[0])
    # Timestamps, annotators, notes and the status survive, not only offsets.
    assert {a.annotator for a in original} == {"salma", "ahmed"}
    assert json.loads(lines_b[0])["status"] == "done"


def _folder_contents(folder: Path, id_prefix: str) -> dict[str, bytes]:
    """File contents by name, with the article id prefix of names made neutral."""
    return {p.name.replace(id_prefix, "ID", 1): p.read_bytes() for p in sorted(folder.iterdir())}


def test_brat_round_trip_is_exact(golden_store: Store, tmp_path: Path) -> None:
    first = tmp_path / "first"
    export(golden_store, first, "brat")
    with _fresh_store(tmp_path / "fresh.db") as fresh:
        new_id = _import(fresh, first)
        again = tmp_path / "again"
        export(fresh, again, "brat", ExportFilter(article_ids=(new_id,)))
        assert fresh.article(new_id).status == "in_progress"
    a = _folder_contents(first, "000001-")
    b = _folder_contents(again, f"{new_id:06d}-")
    assert a == b
    assert len(a) == 4


def _neutral_xmi(data: bytes, article_id: int) -> bytes:
    return data.replace(f'documentId="{article_id}"'.encode(), b'documentId="ID"')


def test_xmi_round_trip_is_exact(golden_store: Store, tmp_path: Path) -> None:
    first = tmp_path / "first"
    export(golden_store, first, "xmi")
    with _fresh_store(tmp_path / "fresh.db") as fresh:
        new_id = _import(fresh, first)
        again = tmp_path / "again"
        export(fresh, again, "xmi", ExportFilter(article_ids=(new_id,)))
        reread = next(iter(fresh.annotated_articles([new_id])))
    a = _folder_contents(first, "000001-")
    b = _folder_contents(again, f"{new_id:06d}-")
    assert a.keys() == b.keys()
    for name in a:
        assert _neutral_xmi(a[name], 1) == _neutral_xmi(b[name], new_id), name
    # What XMI carries besides offsets: attributes, notes, annotators, links.
    by_text = {ann.text: ann for ann in reread.annotations}
    assert by_text["وكالة Reuters"].note == "وكالة أنباء"
    assert by_text["وكالة Reuters"].annotator == "ahmed"
    assert by_text["الطائرات MQ-1 حلّقت 5.5 كيلومتر"].attributes["claim_type"] == "factual"
    assert len(reread.relations) == 6


@pytest.mark.parametrize("fmt", ["brat", "xmi", "jsonl"])
def test_span_across_a_line_break_round_trips(fmt: str, store: Store, tmp_path: Path) -> None:
    text = "قال الوزير:\n\nإن الطائرات 😀 حلقت.\nوعادت."
    article_id, _ = store.add_article(NewArticle(text=text, title="سطور"))
    start, end = text.index("الوزير"), text.index("حلقت") + 4
    store.create_annotation(article_id, "CLAIM", start, end, "salma", note="سطر\nثان")
    out = tmp_path / ("out.jsonl" if fmt == "jsonl" else "out")
    report = export(store, out, fmt)
    if fmt == "brat":
        ann = next(out.glob("*.ann")).read_text(encoding="utf-8")
        # brat's form: one fragment per line of text, fragment texts joined by a space.
        assert f"CLAIM {start} {start + 7};{start + 9} {end}\tالوزير: إن الطائرات 😀 حلقت\n" in ann
        assert "AnnotatorNotes T1\tسطر\n" in ann and "AnnotatorNotes T1\tثان\n" in ann
        assert "Annotator T1\tsalma\n" in ann
        assert not report.warnings
    with open_store(tmp_path / "back.db") as back:
        new_id = _import(back, out)
        [ann_back] = back.annotations(new_id)
    assert (ann_back.start, ann_back.end) == (start, end)
    assert ann_back.text == text[start:end]
    # The note's line break and the annotator's name come back in every format.
    assert (ann_back.note, ann_back.annotator) == ("سطر\nثان", "salma")
