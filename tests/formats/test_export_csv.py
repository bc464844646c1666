"""CSV: a BOM for spreadsheets, one row per annotation, no formula injection."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from annotator.core.model import NewArticle
from annotator.formats.csvfile import neutralise
from annotator.formats.export import export
from annotator.storage import Store

PAYLOADS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", '=HYPERLINK("http://x","y")']


@pytest.mark.parametrize("payload", PAYLOADS)
def test_neutralise(payload: str) -> None:
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize("safe", ["قال", "5.5 كم", "a=b", " =no", "'quoted", ""])
def test_harmless_cells_are_left_alone(safe: str) -> None:
    assert neutralise(safe) == safe


def test_no_cell_of_the_file_starts_a_formula(store: Store, tmp_path: Path) -> None:
    text = "=cmd|' /C calc'!A0 قال الوزير -5 درجات @all +1"
    article_id, _ = store.add_article(NewArticle(text=text, title='=HYPERLINK("http://evil")'))
    first = "=cmd|' /C calc'!A0"
    store.create_annotation(article_id, "CLAIM", 0, len(first), "=annotator", note="+note")
    start, second = text.index("-5"), "-5 درجات"
    store.create_annotation(
        article_id, "CLAIM", start, start + len(second), "@salma", note="\t=tab"
    )
    out = tmp_path / "o.csv"
    export(store, out, "csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:7] == ["article_id", "annotation_id", "title", "label", "start", "end", "text"]
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    texts = [row[6] for row in rows[1:]]
    assert texts == ["'" + first, "'" + second]
    # Offsets stay numbers, and the apostrophe is not part of them.
    assert [(row[4], row[5]) for row in rows[1:]] == [
        ("0", str(len(first))),
        (str(start), str(start + len(second))),
    ]


def test_columns_attributes_and_sources(golden_store: Store, tmp_path: Path) -> None:
    from annotator.formats.export import ExportFilter

    out = tmp_path / "claims.csv"
    # Only claims, yet the sources column still names the sources they link to.
    export(golden_store, out, "csv", ExportFilter(labels=("CLAIM",)))
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert [r["label"] for r in rows] == ["CLAIM", "CLAIM"]
    assert rows[0]["sources"] == "المتحدث باسم البنتاغون Peter Cook"
    assert rows[0]["claim_type"] == "factual" and rows[0]["hedged"] == "no"
    assert rows[1]["hedged"] == ""
    assert list(rows[0])[-3:] == ["note", "annotator", "sources"]
