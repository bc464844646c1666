"""CoNLL, XMI tokens and alpha share one tokeniser, and no span is narrowed in export."""

from __future__ import annotations

import random
from pathlib import Path

from annotator.core.agreement import Span
from annotator.core.agreement_report import ArticleAnnotations, compute
from annotator.core.model import NewArticle
from annotator.core.spans import snap
from annotator.core.tokens import tokenize
from annotator.formats.export import export
from annotator.storage import Store

TEXT = (
    "قال المتحدث😀 إن النسبة بلغت 85% في 11:00 يوم 15/03/2024، وفقا لوسائل الإعلام.\n"
    "وأكد د. أحمد أن لقاح COVID-19 «آمن» (تماما)، نقلا عن U.S. officials۔ ثم غادر."
)


def conll_spans(lines: list[str], label: str) -> list[tuple[int, int]]:
    """The spans a BIO reader gets back from one tag column."""
    columns = next(line for line in lines if line.startswith("# global.columns")).split()[3:]
    index = columns.index(label)
    spans: list[list[int]] = []
    for line in lines:
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        tag, start, end = cells[index], int(cells[2]), int(cells[3])
        if tag.startswith("B-"):
            spans.append([start, end])
        elif tag.startswith("I-"):
            spans[-1][1] = end
    return [(s, e) for s, e in spans]


def test_a_span_that_leaves_a_proclitic_out_is_exact_in_conll(store: Store, tmp_path: Path) -> None:
    article_id, _ = store.add_article(NewArticle(text=TEXT, title="t"))
    source = TEXT.index("وسائل الإعلام")
    cue = TEXT.index("وفقا ل")
    store.create_annotation(article_id, "SOURCE", source, source + len("وسائل الإعلام"), "s")
    store.create_annotation(article_id, "CUE", cue, cue + len("وفقا ل"), "s")
    out = tmp_path / "o.conll"
    report = export(store, out, "conll", force=True)
    lines = out.read_text(encoding="utf-8").split("\n")
    assert conll_spans(lines, "SOURCE") == [(source, source + len("وسائل الإعلام"))]
    assert conll_spans(lines, "CUE") == [(cue, cue + len("وفقا ل"))]
    assert not [w for w in report.warnings if "cuts through" in w]
    forms = [line.split("\t")[1] for line in lines if line and not line.startswith("#")]
    assert "😀" in forms and "المتحدث" in forms and "85%" in forms and "15/03/2024" in forms


def test_random_spans_come_back_exactly_or_are_reported(store: Store, tmp_path: Path) -> None:
    rng = random.Random(13)
    article_id, _ = store.add_article(NewArticle(text=TEXT, title="t"))
    made: dict[str, list[tuple[int, int]]] = {"CLAIM": [], "SOURCE": [], "CUE": []}
    for label in made:
        pos = 0
        while pos < len(TEXT) - 2:
            a = rng.randrange(pos, len(TEXT) - 1)
            b = rng.randrange(a + 1, min(len(TEXT), a + 25) + 1)
            s, e = snap(TEXT, a, b, words=rng.random() < 0.5)
            if s < e and "\n" not in TEXT[s:e]:
                store.create_annotation(article_id, label, s, e, "s")
                made[label].append((s, e))
                pos = e + 1
            else:
                pos = b
    out = tmp_path / "o.conll"
    report = export(store, out, "conll", force=True)
    lines = out.read_text(encoding="utf-8").split("\n")
    for label, spans in made.items():
        back = conll_spans(lines, label)
        for span in spans:
            reported = [w for w in report.warnings if f"{label} {span[0]}-{span[1]} " in w]
            assert span in back or reported, (label, span, TEXT[slice(*span)])


def test_xmi_tokens_are_split_at_annotation_edges(store: Store, tmp_path: Path) -> None:
    import cassis

    article_id, _ = store.add_article(NewArticle(text=TEXT, title="t"))
    source = TEXT.index("وسائل الإعلام")
    store.create_annotation(article_id, "SOURCE", source, source + len("وسائل الإعلام"), "s")
    out = tmp_path / "xmi"
    export(store, out, "xmi", force=True)
    with open(out / "TypeSystem.xml", "rb") as fh:
        ts = cassis.load_typesystem(fh)
    (path,) = out.glob("*.xmi")
    with open(path, "rb") as fh:
        cas = cassis.load_cas_from_xmi(fh, typesystem=ts)
    token_type = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
    got = [(t.begin, t.end) for t in cas.select(token_type)]
    expected = [t for t in tokenize(TEXT) if t != (source - 1, source + 5)]
    expected += [(source - 1, source), (source, source + 5)]
    assert sorted(got) == sorted(expected)
    assert [t.get_covered_text() for t in cas.select(token_type)][:3] == ["قال", "المتحدث", "😀"]


def test_alpha_sees_a_proclitic_that_conll_tags_o() -> None:
    text = "قال مسؤول لوسائل الإعلام أمس"
    s = text.index("لوسائل")
    with_l = Span(1, "SOURCE", s, s + len("لوسائل الإعلام"))
    without = Span(2, "SOURCE", s + 1, s + len("لوسائل الإعلام"))
    art = ArticleAnnotations(1, "t", text, {"a": [with_l], "b": [without]}, {})
    (pair,) = compute([art], ["SOURCE"], {}, [])["pairs"]
    # Units: قال مسؤول ل وسائل الإعلام أمس; they differ on ل only.
    assert pair["labels"]["SOURCE"]["alpha"] < 1.0
    same = ArticleAnnotations(1, "t", text, {"a": [with_l], "b": [with_l]}, {})
    assert compute([same], ["SOURCE"], {}, [])["pairs"][0]["labels"]["SOURCE"]["alpha"] == 1.0
