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
    Link,
    Reach,
    Span,
    cohen_kappa,
    cover,
    covered_values,
    exact_matches,
    f1,
    krippendorff_alpha_pairs,
    mean,
    overlap_matches,
    overlap_reach,
    pair_counts,
    pairs_of,
    token_bounds,
)
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
    token_cache: dict[int, list[tuple[int, int]]] = {}
    sides: dict[tuple[int, str], _Side] = {}

    def side(art: ArticleAnnotations, name: str) -> _Side:
        # Each annotator's spans, covered tokens and links, per article, found once: a
        # pair then costs its spans, never the article's every token again.
        key = (art.article_id, name)
        if key not in sides:
            if art.article_id not in token_cache:
                # Units are tokens split at every annotator's edges: a span that leaves
                # a proclitic out («وسائل» in «لوسائل») differs from one that takes it
                # in, as the token exports split them.
                edges = {x for spans in art.spans.values() for s in spans for x in (s.start, s.end)}
                token_cache[art.article_id] = split_at(tokenize(art.text), edges)
            sides[key] = _Side.of(art, name, labels, attributes, token_cache[art.article_id])
        return sides[key]

    matches: dict[tuple[int, str, str], tuple[int, int]] = {}
    pair_results = []
    for a, b in pairs_of(chosen):
        overall = _Tally()
        per_label = {label: _Tally() for label in labels}
        tallies: list[tuple[str | None, _Tally]] = [(None, overall), *per_label.items()]
        kappa_pairs: dict[str, list[tuple[str, str]]] = {
            f"{label}.{attr}": [] for label in labels for attr in attributes.get(label, [])
        }
        kappa_lists = {
            label: [kappa_pairs[f"{label}.{attr}"] for attr in attributes.get(label, [])]
            for label in labels
        }
        link_counts = {t: {"exact": [0, 0, 0], "overlap": [0, 0, 0]} for t in relation_types}
        shared = 0
        for art in articles:
            if not art.spans.get(a) or not art.spans.get(b):
                continue
            shared += 1
            one, two = side(art, a), side(art, b)
            exact = _exact(one, two)
            overlap = overlap_matches(one.spans, two.spans, two.reach)
            matches[(art.article_id, a, b)] = (len(exact), len(overlap))
            exact_by = Counter(one.label_of[x] for x in exact)
            overlap_by = Counter(one.label_of[x] for x in overlap)
            for label, tally in tallies:
                tally.a += one.count[label]
                tally.b += two.count[label]
                tally.exact += len(exact) if label is None else exact_by[label]
                tally.overlap += len(overlap) if label is None else overlap_by[label]
                pair_counts(
                    one.covered[label],
                    two.covered[label],
                    one.tokens,
                    tally.units,
                    (one.covers[label], two.covers[label]),
                )
            for xa, yb in overlap.items():
                lists = kappa_lists[one.label_of[xa]]
                for pairs, x, y in zip(lists, one.values[xa], two.values[yb], strict=True):
                    pairs.append((x, y))
            for rel_type in relation_types:
                la, lb = one.links.get(rel_type, []), two.links.get(rel_type, [])
                for rule, match in (("exact", exact), ("overlap", overlap)):
                    counts = link_counts[rel_type][rule]
                    counts[0] += _matched_links(la, lb, match)
                    counts[1] += len(la)
                    counts[2] += len(lb)
        pair_results.append(
            {
                "a": a,
                "b": b,
                "articles": shared,
                "overall": overall.figures(),
                "labels": {label: tally.figures() for label, tally in per_label.items()},
                "attributes": {key: cohen_kappa(pairs) for key, pairs in kappa_pairs.items()},
                "attribute_items": {key: len(pairs) for key, pairs in kappa_pairs.items()},
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


@dataclass
class _Side:
    """One annotator's part of one article, as every pair that includes them reads it."""

    spans: list[Span]
    # Each span's values of its label's attributes, in the order of ``attributes``.
    values: dict[int, tuple[Any, ...]]
    label_of: dict[int, str]
    count: dict[str | None, int]
    covered: dict[str | None, dict[str, frozenset[int]]]
    covers: dict[str | None, frozenset[int]]
    # Span ids by (label, start, end), for exact matching.
    exact_keys: dict[tuple[str, int, int], list[int]]
    reach: Reach
    links: dict[str, list[Link]]
    tokens: int

    @classmethod
    def of(
        cls,
        art: ArticleAnnotations,
        name: str,
        labels: list[str],
        attributes: dict[str, list[str]],
        toks: list[tuple[int, int]],
    ) -> _Side:
        spans = [s for s in art.spans.get(name, []) if s.label in labels]
        bounds = token_bounds(toks)
        count: dict[str | None, int] = {label: 0 for label in labels}
        for span in spans:
            count[span.label] += 1
        count[None] = len(spans)
        links: dict[str, list[Link]] = {}
        for link in art.links.get(name, []):
            links.setdefault(link.type, []).append(link)
        covered = {label: covered_values(toks, spans, label, bounds) for label in (None, *labels)}
        exact_keys: dict[tuple[str, int, int], list[int]] = {}
        for span in spans:
            exact_keys.setdefault((span.label, span.start, span.end), []).append(span.id)
        return cls(
            spans=spans,
            covers={label: cover(values) for label, values in covered.items()},
            exact_keys=exact_keys,
            values={
                s.id: tuple(s.attribute(attr) for attr in attributes.get(s.label, []))
                for s in spans
            },
            label_of={s.id: s.label for s in spans},
            count=count,
            covered=covered,
            reach=overlap_reach(spans),
            links=links,
            tokens=len(toks),
        )


def _exact(one: _Side, two: _Side) -> dict[int, int]:
    """``exact_matches`` of two sides, from B's spans by key found once."""
    taken: dict[tuple[str, int, int], int] = {}
    matched: dict[int, int] = {}
    keys = two.exact_keys
    for span in one.spans:
        key = (span.label, span.start, span.end)
        candidates = keys.get(key)
        if candidates:
            used = taken.get(key, 0)
            if used < len(candidates):
                matched[span.id] = candidates[used]
                taken[key] = used + 1
    return matched


def _matched_links(la: list[Link], lb: list[Link], match: dict[int, int]) -> int:
    remaining: Counter[tuple[int | None, int | None]] = Counter((x.from_id, x.to_id) for x in lb)
    matched = 0
    for link in la:
        key = (match.get(link.from_id), match.get(link.to_id))
        if remaining[key] > 0:
            remaining[key] -= 1
            matched += 1
    return matched


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
