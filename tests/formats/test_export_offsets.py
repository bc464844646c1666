"""Each format counts offsets in its tool's unit; an emoji before a span shows the difference.

An emoji is one code point but two UTF-16 units: a span after it moves by one in a
UTF-16 format and stays put in a code point format.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from cassis import load_cas_from_xmi, load_typesystem

from annotator.core.model import NewArticle
from annotator.core.offsets import OffsetMap
from annotator.formats.export import FORMATS, export
from annotator.storage import Store

TEXT = "😀 قال 👍🏽 المتحدث: «الطائرات 😀 عادت»."


def _article(store: Store) -> tuple[int, dict[str, tuple[int, int]]]:
    article_id, _ = store.add_article(NewArticle(text=TEXT, title="emoji"))
    spans = {}
    for label, needle in (("CUE", "قال"), ("SOURCE", "المتحدث"), ("CLAIM", "الطائرات 😀 عادت")):
        start = TEXT.index(needle)
        store.create_annotation(article_id, label, start, start + len(needle), "salma")
        spans[needle] = (start, start + len(needle))
    return article_id, spans


def _js_slice(text: str, start: int, end: int) -> str:
    """What JavaScript's text.slice(start, end) gives: UTF-16 units."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def test_the_registry_states_each_unit() -> None:
    units = {name: f.offset_unit for name, f in FORMATS.items()}
    assert units == {
        "jsonl": "codepoint",
        "brat": "codepoint",
        "csv": "codepoint",
        "conll": "token",
        "xmi": "utf16",
        "labelstudio": "codepoint",
        "labelstudio-config": "none",
        "doccano": "utf16",
        "iob2": "token",
        "spacy": "token",
    }


def test_label_studio_counts_code_points(store: Store, tmp_path: Path) -> None:
    _, spans = _article(store)
    out = tmp_path / "ls.json"
    export(store, out, "labelstudio")
    [task] = json.loads(out.read_text(encoding="utf-8"))
    regions = [r for r in task["annotations"][0]["result"] if r["type"] == "labels"]
    points = list(task["data"]["text"])  # Label Studio slices [...text], by code point
    for region in regions:
        value = region["value"]
        assert (value["start"], value["end"]) == spans[value["text"]]
        assert "".join(points[value["start"] : value["end"]]) == value["text"]
    # The claim sits after three astral characters (😀, 👍 and 🏽): UTF-16 would be 3 more.
    claim = next(r["value"] for r in regions if r["value"]["labels"] == ["CLAIM"])
    assert claim["start"] == TEXT.index("الطائرات")


def test_doccano_counts_utf16_units(store: Store, tmp_path: Path) -> None:
    _, spans = _article(store)
    out = tmp_path / "doccano.jsonl"
    export(store, out, "doccano")
    line = json.loads(out.read_text(encoding="utf-8"))
    units = OffsetMap(TEXT)
    for entity in line["entities"]:
        start, end = entity["start_offset"], entity["end_offset"]
        covered = _js_slice(line["text"], start, end)
        assert covered in spans
        assert (start, end) == units.span_to_utf16(*spans[covered])
    claim = next(e for e in line["entities"] if e["label"] == "CLAIM")
    assert claim["start_offset"] == TEXT.index("الطائرات") + 3
    assert claim["end_offset"] - claim["start_offset"] == len("الطائرات 😀 عادت") + 1


def test_xmi_counts_utf16_units_and_cassis_reads_them_back(store: Store, tmp_path: Path) -> None:
    _, spans = _article(store)
    out = tmp_path / "xmi"
    export(store, out, "xmi")
    xmi = next(out.glob("*.xmi"))
    root = ET.parse(xmi).getroot()
    units = OffsetMap(TEXT)
    written = {}
    for element in root:
        if element.tag.startswith("{http:///webanno/custom.ecore}"):
            begin, end = int(element.get("begin")), int(element.get("end"))  # type: ignore[arg-type]
            if element.tag.endswith("}Span"):
                written[_js_slice(TEXT, begin, end)] = (begin, end)
    assert set(written) == set(spans)
    for needle, (start, end) in spans.items():
        assert written[needle] == units.span_to_utf16(start, end)
    # Loaded back by cassis, the spans cover the same characters (in code points).
    typesystem = load_typesystem((out / "TypeSystem.xml").read_bytes().decode("utf-8"))
    cas = load_cas_from_xmi(xmi.read_bytes().decode("utf-8"), typesystem=typesystem)
    covered = {
        fs.get_covered_text(): (fs.begin, fs.end) for fs in cas.select("webanno.custom.Span")
    }
    assert covered == spans
    assert cas.sofa_string == TEXT


def test_code_point_formats_keep_python_offsets(store: Store, tmp_path: Path) -> None:
    _, spans = _article(store)
    export(store, tmp_path / "n.jsonl", "jsonl")
    line = json.loads((tmp_path / "n.jsonl").read_text(encoding="utf-8"))
    assert {a["text"]: (a["start"], a["end"]) for a in line["annotations"]} == spans
    export(store, tmp_path / "brat", "brat")
    txt = next((tmp_path / "brat").glob("*.txt")).read_text(encoding="utf-8")
    ann = next((tmp_path / "brat").glob("*.ann")).read_text(encoding="utf-8")
    for row in ann.splitlines():
        if not row.startswith("T"):
            continue  # comments: who made each span
        _, middle, shown = row.split("\t")
        _, start, end = middle.split(" ")
        assert txt[int(start) : int(end)] == shown
        assert spans[shown] == (int(start), int(end))
