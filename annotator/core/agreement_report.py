"""Agreement figures for a whole corpus: pairwise, averaged, per label, per article.

An article counts for a pair of annotators when both made at least one annotation in
it; an article annotated by one person only is listed but compared with nobody.
Counts are pooled over the articles a pair shares (micro-averaging), and the average
over pairs is the plain mean of the pairwise figures that are defined.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotator.core.agreement import (
    OUTSIDE,
    Link,
    Span,
    cohen_kappa_counts,
    exact_matches,
    f1,
    krippendorff_alpha_pairs,
    mean,
    overlap_matches,
    pair_counts,
    pairs_of,
)
from annotator.core.agreement_pairs import ArticleIndex, Kappa, Side, compare
from annotator.core.tokens import split_at, tokenize


@dataclass
class ArticleAnnotations:
    """One article's text and each annotator's spans and links."""

    article_id: int
    title: str
    text: str
    spans: dict[str, list[Span]] = field(default_factory=dict)
    links: dict[str, list[Link]] = field(default_factory=dict)


@dataclass
class _Tally:
    """Counts pooled over articles for one pair (or one pair and label)."""

    a: int = 0
    b: int = 0
    exact: int = 0
    overlap: int = 0
    # How many tokens the pair valued (x, y): alpha needs only these counts.
    units: Counter[tuple[str, str]] = field(default_factory=Counter)

    def figures(self) -> dict[str, float | None]:
        return {
            "exact_f1": f1(self.exact, self.a, self.b),
            "overlap_f1": f1(self.overlap, self.a, self.b),
            "alpha": krippendorff_alpha_pairs(self.units),
            "spans_a": self.a,
            "spans_b": self.b,
        }


@dataclass
class _LabelTally(_Tally):
    """A pair's counts for one label, whose tokens are the label or "O": four cells of
    units, found at the end from what the two share and what each covers."""

    label: str = ""
    both: int = 0
    covered_a: int = 0
    covered_b: int = 0
    tokens: int = 0

    def figures(self) -> dict[str, float | None]:
        label, both = self.label, self.both
        self.units = Counter(
            {
                (label, label): both,
                (label, OUTSIDE): self.covered_a - both,
                (OUTSIDE, label): self.covered_b - both,
                (OUTSIDE, OUTSIDE): self.tokens - self.covered_a - self.covered_b + both,
            }
        )
        return super().figures()


def compute(
    articles: list[ArticleAnnotations],
    labels: list[str],
    attributes: dict[str, list[str]],
    relation_types: list[str],
    annotators: list[str] | None = None,
) -> dict[str, Any]:
    """All agreement figures, as a JSON-ready dict.

    Args:
        articles: the corpus, with each annotator's spans and links.
        labels: the labels to measure, in schema order.
        attributes: for each label, its attribute names.
        relation_types: the relation types whose links are compared.
        annotators: whom to compare (default: everybody who annotated anything).
    """
    present = sorted({name for art in articles for name, spans in art.spans.items() if spans})
    chosen = sorted(annotators) if annotators else present
    indexes: dict[int, ArticleIndex] = {}
    sides: dict[tuple[int, str], Side] = {}

    def side(art: ArticleAnnotations, name: str) -> Side:
        # Each annotator's spans, covered tokens and links, per article, found once: a
        # pair then costs its spans, never the article's every token again.
        key = (art.article_id, name)
        if key not in sides:
            index = indexes.get(art.article_id)
            if index is None:
                # Units are tokens split at every annotator's edges: a span that leaves
                # a proclitic out («وسائل» in «لوسائل») differs from one that takes it
                # in, as the token exports split them.
                edges = {x for spans in art.spans.values() for s in spans for x in (s.start, s.end)}
                tokens = split_at(tokenize(art.text), edges)
                index = indexes[art.article_id] = ArticleIndex.of(
                    tokens, list(art.spans.values()), labels
                )
            sides[key] = Side.of(
                index, art.spans.get(name, []), art.links.get(name, []), labels, attributes
            )
        return sides[key]

    matches: dict[tuple[int, str, str], tuple[int, int]] = {}
    pair_results = []
    for a, b in pairs_of(chosen):
        overall = _Tally()
        per_label = {label: _LabelTally(label=label) for label in labels}
        kappa: Kappa = {label: Counter() for label in labels if attributes.get(label)}
        link_counts = {t: {"exact": [0, 0, 0], "overlap": [0, 0, 0]} for t in relation_types}
        shared = 0
        for art in articles:
            if not art.spans.get(a) or not art.spans.get(b):
                continue
            shared += 1
            one, two = side(art, a), side(art, b)
            exact_by, overlap_by = compare(one, two, labels, relation_types, kappa, link_counts)
            exact_n, overlap_n = sum(exact_by.values()), sum(overlap_by.values())
            matches[(art.article_id, a, b)] = (exact_n, overlap_n)
            units = indexes[art.article_id].units
            overall.a += one.count[None]
            overall.b += two.count[None]
            overall.exact += exact_n
            overall.overlap += overlap_n
            pair_counts(one.covered[None], two.covered[None], units, overall.units)
            for label, tally in per_label.items():
                tally.a += one.count[label]
                tally.b += two.count[label]
                tally.exact += exact_by[label]
                tally.overlap += overlap_by[label]
                tally.both += (one.label_tokens[label] & two.label_tokens[label]).bit_count()
                tally.covered_a += one.label_covers[label]
                tally.covered_b += two.label_covers[label]
                tally.tokens += units
        by_attribute = _by_attribute(labels, attributes, kappa)
        pair_results.append(
            {
                "a": a,
                "b": b,
                "articles": shared,
                "overall": overall.figures(),
                "labels": {label: tally.figures() for label, tally in per_label.items()},
                "attributes": {k: cohen_kappa_counts(c) for k, c in by_attribute.items()},
                "attribute_items": {k: sum(c.values()) for k, c in by_attribute.items()},
                "links": {
                    t: {rule: f1(*counts) for rule, counts in rules.items()}
                    for t, rules in link_counts.items()
                },
            }
        )
    return {
        "annotators": chosen,
        "labels": labels,
        "pairs": pair_results,
        "average": _average(pair_results, labels),
        "articles": _per_article(articles, chosen, labels, matches),
    }


def _by_attribute(
    labels: list[str], attributes: dict[str, list[str]], kappa: Kappa
) -> dict[str, Counter[tuple[Any, Any]]]:
    """Per attribute ("LABEL.attr"), how many matched spans had each pair of values."""
    result: dict[str, Counter[tuple[Any, Any]]] = {}
    for label in labels:
        for i, attr in enumerate(attributes.get(label, [])):
            counts: Counter[tuple[Any, Any]] = Counter()
            for (values_a, values_b), n in kappa[label].items():
                counts[(values_a[i], values_b[i])] += n
            result[f"{label}.{attr}"] = counts
    return result


def _average(pairs: list[dict[str, Any]], labels: list[str]) -> dict[str, Any]:
    def avg(path: tuple[str, ...]) -> float | None:
        values = []
        for pair in pairs:
            node: Any = pair
            for key in path:
                node = node[key]
            values.append(node)
        return mean(values)

    if not pairs:
        return {}
    first = pairs[0]
    return {
        "overall": {k: avg(("overall", k)) for k in ("exact_f1", "overlap_f1", "alpha")},
        "labels": {
            lb: {k: avg(("labels", lb, k)) for k in ("exact_f1", "overlap_f1", "alpha")}
            for lb in labels
        },
        "attributes": {key: avg(("attributes", key)) for key in first["attributes"]},
        "links": {
            t: {r: avg(("links", t, r)) for r in rules} for t, rules in first["links"].items()
        },
    }


def _per_article(
    articles: list[ArticleAnnotations],
    chosen: list[str],
    labels: list[str],
    matches: dict[tuple[int, str, str], tuple[int, int]],
) -> list[dict[str, Any]]:
    """Per article, the mean F1 over its pairs (``matches``: the pairs' match counts
    found already, by article and pair)."""
    rows = []
    for art in articles:
        who = [name for name in chosen if art.spans.get(name)]
        exact_values, overlap_values = [], []
        for a, b in pairs_of(who):
            sa = [s for s in art.spans[a] if s.label in labels]
            sb = [s for s in art.spans[b] if s.label in labels]
            found = matches.get((art.article_id, a, b))
            if found is None:
                found = (len(exact_matches(sa, sb)), len(overlap_matches(sa, sb)))
            exact_values.append(f1(found[0], len(sa), len(sb)))
            overlap_values.append(f1(found[1], len(sa), len(sb)))
        rows.append(
            {
                "id": art.article_id,
                "title": art.title,
                "annotators": who,
                "spans": {name: len(art.spans.get(name, [])) for name in who},
                "exact_f1": mean(exact_values),
                "overlap_f1": mean(overlap_values),
            }
        )
    # Where disagreement concentrates: the least agreed articles first.
    rows.sort(
        key=lambda r: (
            r["overlap_f1"] is None,
            r["overlap_f1"] if r["overlap_f1"] is not None else 0,
            r["id"],
        )
    )
    return rows
