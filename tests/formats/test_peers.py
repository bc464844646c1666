"""Each export loaded by its peer's own library, and every offset checked against the text."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import conllu
import pytest
import spacy
from cassis import load_cas_from_xmi, load_typesystem
from spacy.tokens import DocBin

from annotator.core.model import NewArticle
from annotator.formats.base import ExportError, ExportOptions, outermost
from annotator.formats.export import ExportFilter, export
from annotator.formats.importer import ImportOptions, import_paths
from annotator.formats.registry import FORMATS, import_suffixes, markdown_table
from annotator.formats.xmi import LINK_LAYER, SPAN_LAYER
from annotator.storage import Store, open_store

README = Path(__file__).parents[2] / "README.md"
# A span that cuts a word (وكالة in لوكالة), one after an emoji, nested ones.
TEXT = "قال 😀 المتحدث باسم البنتاغون إن الطائرات عادت، وفقا لوكالة Reuters.\nثم سكت."


def _annotated(store: Store) -> int:
    article_id, _ = store.add_article(NewArticle(text=TEXT, title="peers"))
    cue = store.create_annotation(article_id, "CUE", 0, 3, "salma")
    whole = TEXT.index("المتحدث")
    source = store.create_annotation(article_id, "SOURCE", whole, whole + 22, "salma")
    inner = TEXT.index("البنتاغون")
    store.create_annotation(article_id, "SOURCE", inner, inner + 9, "ahmed")
    claim_at = TEXT.index("الطائرات")
    claim = store.create_annotation(
        article_id, "CLAIM", claim_at, claim_at + 13, "salma", {"claim_type": "factual"}, "سطر\nثان"
    )
    agency = TEXT.index("وكالة")
    store.create_annotation(article_id, "SOURCE", agency, agency + 13, "salma")
    across = TEXT.index("Reuters")
    store.create_annotation(article_id, "CLAIM", across, len(TEXT) - 1, "salma")
    store.create_relation("ATTRIBUTED_TO", claim.id, source.id, "salma")
    store.create_relation("HAS_CUE", claim.id, cue.id, "salma")
    return article_id


def test_xmi_loads_strictly_in_cassis_with_one_span_and_one_relation_layer(
    store: Store, tmp_path: Path
) -> None:
    _annotated(store)
    out = tmp_path / "xmi"
    report = export(store, out, "xmi")
    typesystem = load_typesystem((out / "TypeSystem.xml").read_bytes().decode("utf-8"))
    custom = [t.name for t in typesystem.get_types() if t.name.startswith("webanno.custom.")]
    assert sorted(custom) == [LINK_LAYER, SPAN_LAYER]
    link = typesystem.get_type(LINK_LAYER)
    # INCEpTION attaches a relation layer to one span layer: both ends are Spans.
    ends = {
        f.name: f.rangeType.name for f in link.all_features if f.name in ("Governor", "Dependent")
    }
    assert ends == {"Governor": SPAN_LAYER, "Dependent": SPAN_LAYER}
    [xmi] = out.glob("*.xmi")
    cas = load_cas_from_xmi(xmi.read_bytes().decode("utf-8"), typesystem=typesystem, lenient=False)
    spans = {(fs.get("label"), fs.get_covered_text()) for fs in cas.select(SPAN_LAYER)}
    expected = {(a.label, a.text) for a in store.annotations(1)}
    assert spans == expected
    links = {
        (fs.get("label"), fs.Governor.get_covered_text(), fs.Dependent.get_covered_text())
        for fs in cas.select(LINK_LAYER)
    }
    assert ("ATTRIBUTED_TO", "الطائرات عادت", "المتحدث باسم البنتاغون") in links
    note = next(fs.get("note") for fs in cas.select(SPAN_LAYER) if fs.get("note"))
    assert note == "سطر\nثان"
    # The export says which layer settings the data needs, and ships the setup.
    [line] = [n for n in report.notes if "INCEpTION" in n]
    # Tokens are cut at every span edge, so token granularity holds every span.
    assert "0 span(s) need character-level granularity" in line
    assert "1 crossing sentence boundaries" in line
    assert "4 overlap" in line
    setup = (out / "INCEPTION-LAYERS.txt").read_text(encoding="utf-8")
    assert "Attach to layer: Span" in setup and "claim_type" in setup


def test_conll_parses_with_conllu_and_tokens_match_offsets(store: Store, tmp_path: Path) -> None:
    _annotated(store)
    out = tmp_path / "out.conll"
    export(store, out, "conll")
    text = out.read_text(encoding="utf-8")
    fields = text.splitlines()[0].removeprefix("# global.columns = ").lower().split()
    sentences = conllu.parse(text, fields=fields)
    assert len(sentences) == 2
    for sentence in sentences:
        for token in sentence:
            assert TEXT[int(token["start"]) : int(token["end"])] == token["form"]


def _iob2_spans(text: str) -> list[tuple[str, str]]:
    spans: list[tuple[str, str]] = []
    current: list[str] = []
    label = ""
    for line in [*text.splitlines(), ""]:
        tag = line.split("\t")[1] if "\t" in line else "O"
        if current and not tag.startswith("I-"):
            spans.append((label, " ".join(current)))
            current = []
        if tag.startswith("B-") and not line.startswith("-DOCSTART-"):
            label, current = tag[2:], [line.split("\t")[0]]
        elif tag.startswith("I-"):
            current.append(line.split("\t")[0])
    return spans


def test_iob2_holds_the_outermost_spans_on_exact_tokens(store: Store, tmp_path: Path) -> None:
    article_id = _annotated(store)
    out = tmp_path / "out.iob2"
    report = export(store, out, "iob2")
    kept, left = outermost(store.annotations(article_id))
    got = _iob2_spans(out.read_text(encoding="utf-8"))
    # The claim across the sentence break is two IOB2 spans, the rest one each.
    want: list[tuple[str, str]] = []
    for ann in kept:
        pieces = ann.text.split("\n")
        want += [(ann.label, piece) for piece in pieces]
    assert [(lab, t.replace(" ", "")) for lab, t in got] == [
        (lab, t.replace(" ", "")) for lab, t in want
    ]
    assert ("SOURCE", "وكالة Reuters") in got  # cut from لوكالة at the span's edge
    assert f"{len(left)} span(s) inside or across another are left out" in report.notes[0]


def test_spacy_docbin_loads_with_blank_arabic_and_every_span_is_exact(
    store: Store, tmp_path: Path
) -> None:
    article_id = _annotated(store)
    out = tmp_path / "out.spacy"
    export(store, out, "spacy", options=ExportOptions(spans_key="claims_and_sources"))
    nlp = spacy.blank("ar")
    [doc] = list(DocBin().from_disk(out).get_docs(nlp.vocab))
    assert doc.text == TEXT
    stored = store.annotations(article_id)
    group = doc.spans["claims_and_sources"]
    assert sorted((s.start_char, s.end_char, s.label_, s.text) for s in group) == sorted(
        (a.start, a.end, a.label, a.text) for a in stored
    )
    kept, _ = outermost(stored)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
        (a.start, a.end, a.label) for a in kept
    ]
    data: dict[str, Any] = doc.user_data["annotator"]
    claim = next(a for a in data["annotations"] if a["attributes"])
    assert claim["attributes"] == {"claim_type": "factual"} and claim["note"] == "سطر\nثان"
    ids = {a["id"] for a in data["annotations"]}
    assert {r["type"] for r in data["relations"]} == {"ATTRIBUTED_TO", "HAS_CUE"}
    assert all(r["from"] in ids and r["to"] in ids for r in data["relations"])


def test_without_spacy_the_export_says_what_to_install(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _annotated(store)
    monkeypatch.setitem(sys.modules, "spacy", None)
    monkeypatch.delitem(sys.modules, "annotator.formats.spacy_docbin", raising=False)
    with pytest.raises(ExportError, match=r"pip install 'annotator\[spacy\]'"):
        export(store, tmp_path / "out.spacy", "spacy")
    assert not (tmp_path / "out.spacy").exists()


@pytest.mark.parametrize("fmt", ["labelstudio", "doccano"])
def test_label_studio_and_doccano_round_trips_are_exact(
    fmt: str, store: Store, tmp_path: Path
) -> None:
    article_id = _annotated(store)
    # One annotator's work: a Label Studio annotation holds one person's regions.
    suffix = ".json" if fmt == "labelstudio" else ".jsonl"
    first = tmp_path / f"first{suffix}"
    export(store, first, fmt, ExportFilter(annotator="salma"))
    with open_store(tmp_path / "fresh.db") as fresh:
        report = import_paths(fresh, [first], ImportOptions(annotator="salma"))
        assert report.ok and report.annotations == 5, report.skipped
        [(new_id, _)] = report.imported
        again = tmp_path / f"again{suffix}"
        export(fresh, again, fmt)
        ours = [a for a in store.annotations(article_id) if a.annotator == "salma"]
        theirs = fresh.annotations(new_id)
        keys = ["label", "start", "end", "text", "annotator"]
        if fmt == "labelstudio":
            keys += ["attributes", "note"]
        assert [[getattr(a, k) for k in keys] for a in theirs] == [
            [getattr(a, k) for k in keys] for a in ours
        ]
    if fmt == "labelstudio":
        a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (first, again))
        for task in (a[0], b[0]):
            task["data"]["article_id"] = 0
        assert _without_region_ids(a) == _without_region_ids(b)


def _without_region_ids(tasks: Any) -> str:
    text = json.dumps(tasks, ensure_ascii=False, sort_keys=True)
    names: dict[str, str] = {}
    import re

    def rename(match: re.Match[str]) -> str:
        return names.setdefault(match.group(0), f"r{len(names)}")

    return re.sub(r'"a\d+"', rename, text)


def test_label_studio_predictions_come_back_only_when_asked(store: Store, tmp_path: Path) -> None:
    _annotated(store)
    out = tmp_path / "pre.json"
    export(store, out, "labelstudio", options=ExportOptions(labelstudio_as="predictions"))
    [task] = json.loads(out.read_text(encoding="utf-8"))
    assert "annotations" not in task
    assert [p["model_version"] for p in task["predictions"]] == ["ahmed", "salma"]
    with open_store(tmp_path / "a.db") as other:
        refused = import_paths(other, [out])
        assert not refused.ok and "--labelstudio-predictions" in str(refused.skipped[0])
        taken = import_paths(other, [out], ImportOptions(labelstudio_predictions=True))
        assert taken.ok and taken.annotations == 6
        assert {a.annotator for a in other.annotations(taken.imported[0][0])} == {"salma", "ahmed"}


def test_label_studio_names_come_from_completed_by(store: Store, tmp_path: Path) -> None:
    start = TEXT.index("المتحدث")
    task = {
        "data": {"text": TEXT},
        "annotations": [
            {
                "completed_by": {"id": 3, "email": "mona@example.org"},
                "result": [
                    {
                        "id": "x1",
                        "type": "labels",
                        "from_name": "label",
                        "to_name": "text",
                        "value": {"start": start, "end": start + 7, "labels": ["SOURCE"]},
                    }
                ],
            }
        ],
    }
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    report = import_paths(store, [path])
    assert report.ok
    [ann] = store.annotations(report.imported[0][0])
    assert (ann.text, ann.annotator) == ("المتحدث", "mona@example.org")


def test_doccano_label_triples_count_utf16_units(store: Store, tmp_path: Path) -> None:
    # doccano counts the emoji as two: the source starts 1 unit later than in Python.
    start = TEXT.index("المتحدث")
    line = {"text": TEXT, "label": [[start + 1, start + 8, "SOURCE"]]}
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    report = import_paths(store, [path])
    assert report.ok
    [ann] = store.annotations(report.imported[0][0])
    assert (ann.start, ann.text) == (start, "المتحدث")


def test_the_readme_table_is_the_registry() -> None:
    assert markdown_table() in README.read_text(encoding="utf-8")
    assert set(FORMATS) >= {"spacy", "iob2", "xmi", "labelstudio", "doccano"}
    assert {".zip", ".json", ".xmi", ".ann"} <= set(import_suffixes())
