"""Agreement measures against values computed by hand."""

from __future__ import annotations

import pytest

from annotator.core.agreement import (
    Link,
    Span,
    cohen_kappa,
    exact_matches,
    krippendorff_alpha_nominal,
    link_f1,
    overlap_matches,
    span_f1,
    token_values,
)
from annotator.core.agreement_report import ArticleAnnotations, compute
from annotator.core.spans import tokens

TEXT = "a bb ccc dd e"  # tokens a(0,1) bb(2,4) ccc(5,8) dd(9,11) e(12,13)
A = [
    Span(1, "CLAIM", 2, 8, (("claim_type", "factual"),)),
    Span(2, "SOURCE", 12, 13, (("specificity", "named"),)),
]
B = [
    Span(11, "CLAIM", 2, 4, (("claim_type", "opinion"),)),
    Span(12, "SOURCE", 12, 13, (("specificity", "named"),)),
]


def test_exact_and_overlap_f1_by_hand() -> None:
    # Exact: only SOURCE matches -> 2*1/(2+2) = 0.5. Overlap: CLAIM "bb ccc" ~ "bb" too -> 1.0.
    assert span_f1(A, B, "exact") == 0.5
    assert span_f1(A, B, "overlap") == 1.0
    assert exact_matches(A, B) == {2: 12}
    assert overlap_matches(A, B) == {1: 11, 2: 12}


def test_overlap_matching_is_one_to_one() -> None:
    long = [Span(1, "CLAIM", 0, 20)]
    short = [Span(11, "CLAIM", 0, 5), Span(12, "CLAIM", 10, 15)]
    assert overlap_matches(long, short) == {1: 11}
    assert span_f1(long, short, "overlap") == pytest.approx(2 * 1 / 3)


def test_labels_must_agree() -> None:
    assert span_f1([Span(1, "CLAIM", 0, 4)], [Span(2, "SOURCE", 0, 4)], "overlap") == 0.0


def test_no_spans_is_undefined_not_perfect() -> None:
    assert span_f1([], [], "exact") is None


def test_token_values() -> None:
    toks = tokens(TEXT)
    assert token_values(toks, A) == ["O", "CLAIM", "CLAIM", "O", "SOURCE"]
    assert token_values(toks, A + [Span(3, "SOURCE", 5, 8)]) == [
        "O",
        "CLAIM",
        "CLAIM+SOURCE",
        "O",
        "SOURCE",
    ]
    assert token_values(toks, A, "CLAIM") == ["O", "CLAIM", "CLAIM", "O", "O"]


def test_alpha_two_coders_by_hand() -> None:
    # A: O C C O S ; B: O C O O S. Coincidences: o(O,O)=4, o(C,C)=2, o(S,S)=2, o(C,O)=o(O,C)=1.
    # n_O=5, n_C=3, n_S=2, n=10. alpha = 1 - (n-1) * 2 / sum_{c!=k} n_c n_k = 1 - 9*2/62.
    units = list(zip(["O", "C", "C", "O", "S"], ["O", "C", "O", "O", "S"], strict=True))
    assert krippendorff_alpha_nominal(units) == pytest.approx(1 - 18 / 62)


def test_alpha_krippendorff_textbook_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 coders, 12 units,
    # missing values; nominal alpha = 0.743.
    coders = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    units = [[None if c[u] is None else str(c[u]) for c in coders] for u in range(12)]
    assert krippendorff_alpha_nominal(units) == pytest.approx(0.743, abs=0.0005)


def test_alpha_undefined_without_variation() -> None:
    assert krippendorff_alpha_nominal([("O", "O"), ("O", "O")]) is None
    assert krippendorff_alpha_nominal([("O", None)]) is None


def test_cohen_kappa_textbook() -> None:
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15. p_o = .7, p_e = .5, kappa = .4.
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert cohen_kappa([]) is None
    assert cohen_kappa([("a", "a")]) is None  # p_e = 1: undefined
    assert cohen_kappa([("a", "b")]) == 0.0


def test_link_f1_needs_both_ends_matched() -> None:
    la = [Link("ATTRIBUTED_TO", 1, 2)]
    lb = [Link("ATTRIBUTED_TO", 11, 12)]
    assert link_f1(la, lb, exact_matches(A, B)) == 0.0  # the claims differ exactly
    assert link_f1(la, lb, overlap_matches(A, B)) == 1.0
    assert link_f1([], [], {}) is None


def _article(
    article_id: int, spans: dict, links: dict | None = None, text: str = TEXT
) -> ArticleAnnotations:
    return ArticleAnnotations(article_id, f"t{article_id}", text, spans, links or {})


ATTRS = {"CLAIM": ["claim_type"], "SOURCE": ["specificity"]}


def test_corpus_figures_by_hand() -> None:
    articles = [
        _article(
            1,
            {"ann": A, "bob": B},
            {"ann": [Link("ATTRIBUTED_TO", 1, 2)], "bob": [Link("ATTRIBUTED_TO", 11, 12)]},
        ),
        _article(2, {"ann": [Span(5, "CLAIM", 0, 1)]}),  # annotated by one person only
    ]
    result = compute(articles, ["CLAIM", "SOURCE"], ATTRS, ["ATTRIBUTED_TO"])
    assert result["annotators"] == ["ann", "bob"]
    (pair,) = result["pairs"]
    assert pair["articles"] == 1
    assert pair["overall"]["exact_f1"] == 0.5 and pair["overall"]["overlap_f1"] == 1.0
    assert pair["overall"]["alpha"] == pytest.approx(1 - 18 / 62)
    claim = pair["labels"]["CLAIM"]
    assert (claim["exact_f1"], claim["overlap_f1"]) == (0.0, 1.0)
    # CLAIM tokens: A O C C O O, B O C O O O: o(O,O)=6, o(C,C)=2, o(C,O)=o(O,C)=1; n_O=7, n_C=3.
    assert claim["alpha"] == pytest.approx(1 - 9 * 2 / (2 * 7 * 3))
    assert pair["labels"]["SOURCE"]["alpha"] == 1.0
    assert pair["attributes"]["CLAIM.claim_type"] == 0.0
    assert pair["attributes"]["SOURCE.specificity"] is None
    assert pair["links"]["ATTRIBUTED_TO"] == {"exact": 0.0, "overlap": 1.0}
    assert result["average"]["overall"]["exact_f1"] == 0.5
    rows = {r["id"]: r for r in result["articles"]}
    assert rows[1]["overlap_f1"] == 1.0 and rows[1]["exact_f1"] == 0.5
    assert rows[2]["annotators"] == ["ann"] and rows[2]["overlap_f1"] is None


def test_three_annotators_average_over_pairs() -> None:
    c = [Span(21, "CLAIM", 2, 8), Span(22, "SOURCE", 12, 13)]
    result = compute(
        [_article(1, {"ann": A, "bob": B, "cy": c})], ["CLAIM", "SOURCE"], ATTRS, ["ATTRIBUTED_TO"]
    )
    exact = {(p["a"], p["b"]): p["overall"]["exact_f1"] for p in result["pairs"]}
    # ann-cy identical (1.0); ann-bob 0.5; bob-cy 0.5.
    assert exact == {("ann", "bob"): 0.5, ("ann", "cy"): 1.0, ("bob", "cy"): 0.5}
    assert result["average"]["overall"]["exact_f1"] == pytest.approx(2 / 3)


def test_edge_cases_single_annotator_and_no_spans() -> None:
    single = compute([_article(1, {"ann": A})], ["CLAIM", "SOURCE"], ATTRS, ["ATTRIBUTED_TO"])
    assert single["pairs"] == [] and single["average"] == {}
    empty = compute(
        [_article(1, {"ann": [], "bob": []})], ["CLAIM", "SOURCE"], ATTRS, ["ATTRIBUTED_TO"]
    )
    assert empty["annotators"] == [] and empty["pairs"] == []
    chosen = compute(
        [_article(1, {"ann": A}), _article(2, {"bob": B})],
        ["CLAIM"],
        ATTRS,
        [],
        annotators=["ann", "bob"],
    )
    (pair,) = chosen["pairs"]
    assert (
        pair["articles"] == 0
        and pair["overall"]["exact_f1"] is None
        and pair["overall"]["alpha"] is None
    )
