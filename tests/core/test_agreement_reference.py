"""Every agreement figure against a plain computation from the definitions, on random
corpora: overlapping, nested, touching and repeated spans, labels outside the measured
ones, attributes set or not, links (repeated, or with an end of another label), and
annotators who left some articles out.

The reference below walks every token and compares every span with every other; the
figures must be equal to the last bit, not approximately."""

from __future__ import annotations

import random
from collections import Counter
from itertools import combinations
from typing import Any

import pytest

from annotator.core.agreement import Link, Span, alone, cohen_kappa_counts
from annotator.core.agreement_report import ArticleAnnotations, compute
from annotator.core.tokens import split_at, tokenize

LABELS = ["SOURCE", "CUE", "CLAIM"]
ATTRIBUTES = {"CLAIM": ["claim_type", "checkworthy"], "SOURCE": ["specificity"], "CUE": []}
RELATIONS = ["ATTRIBUTED_TO", "HAS_CUE"]
VALUES = {"claim_type": ["factual", "opinion"], "checkworthy": ["yes", "no"], "specificity": ["a"]}
WORDS = ["قال", "الوزارة", "لوسائل", "الإعلام", "إن", "وزارة", "بحسب", "Reuters", "5.5", "😀"]


def _f1(matched: int, a: int, b: int) -> float | None:
    return None if a + b == 0 else 2 * matched / (a + b)


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _exact(a: list[Span], b: list[Span]) -> dict[int, int]:
    used: set[int] = set()
    matched = {}
    for x in a:
        for y in b:
            if y.id not in used and (x.label, x.start, x.end) == (y.label, y.start, y.end):
                matched[x.id] = y.id
                used.add(y.id)
                break
    return matched


def _overlap(a: list[Span], b: list[Span]) -> dict[int, int]:
    edges = []
    for x in a:
        for y in b:
            shared = min(x.end, y.end) - max(x.start, y.start)
            if x.label == y.label and shared > 0:
                edges.append((-shared, x.start, y.start, x.id, y.id))
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, _, xa, yb in sorted(edges):
        if xa not in matched and yb not in taken:
            matched[xa] = yb
            taken.add(yb)
    return matched


def _value(token: tuple[int, int], spans: list[Span], labels: list[str]) -> str:
    ts, te = token
    covering = {s.label for s in spans if s.label in labels and te > s.start and ts < s.end}
    return "+".join(sorted(covering)) if covering else "O"


def _alpha(units: list[tuple[str, str]]) -> float | None:
    # Krippendorff's alpha (nominal) for two coders, from its coincidence matrix.
    o: Counter[tuple[str, str]] = Counter()
    for x, y in units:
        o[(x, y)] += 1
        o[(y, x)] += 1
    n_c: Counter[str] = Counter()
    for (c, _), w in o.items():
        n_c[c] += w
    n = sum(n_c.values())
    if n <= 1:
        return None
    observed = sum(w for (c, k), w in o.items() if c != k)
    expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k) / (n - 1)
    return None if expected == 0 else 1 - observed / expected


def _kappa(pairs: list[tuple[Any, Any]]) -> float | None:
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for x, y in pairs if x == y) / n
    first, second = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    expected = sum(first[c] * second[c] for c in first) / (n * n)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def _links(la: list[Link], lb: list[Link], match: dict[int, int]) -> int:
    remaining = Counter((x.from_id, x.to_id) for x in lb)
    matched = 0
    for link in la:
        key = (match.get(link.from_id), match.get(link.to_id))
        if remaining[key] > 0:
            remaining[key] -= 1
            matched += 1
    return matched


def reference(
    articles: list[ArticleAnnotations], annotators: list[str] | None = None
) -> dict[str, Any]:
    present = sorted({n for art in articles for n, spans in art.spans.items() if spans})
    chosen = sorted(annotators) if annotators else present
    units_of = {}
    for art in articles:
        edges = {x for spans in art.spans.values() for s in spans for x in (s.start, s.end)}
        units_of[art.article_id] = split_at(tokenize(art.text), edges)
    pairs = []
    for a, b in combinations(chosen, 2):
        shared = [art for art in articles if art.spans.get(a) and art.spans.get(b)]
        figures: dict[str | None, dict[str, Any]] = {}
        for label in (None, *LABELS):
            wanted = LABELS if label is None else [label]
            counts = [0, 0, 0, 0]
            units: list[tuple[str, str]] = []
            for art in shared:
                sa = [s for s in art.spans[a] if s.label in wanted]
                sb = [s for s in art.spans[b] if s.label in wanted]
                counts[0] += len(sa)
                counts[1] += len(sb)
                counts[2] += len(_exact(sa, sb))
                counts[3] += len(_overlap(sa, sb))
                for token in units_of[art.article_id]:
                    units.append((_value(token, sa, wanted), _value(token, sb, wanted)))
            figures[label] = {
                "exact_f1": _f1(counts[2], counts[0], counts[1]),
                "overlap_f1": _f1(counts[3], counts[0], counts[1]),
                "alpha": _alpha(units),
                "spans_a": counts[0],
                "spans_b": counts[1],
            }
        kappa: dict[str, list[tuple[Any, Any]]] = {
            f"{lb}.{at}": [] for lb in LABELS for at in ATTRIBUTES[lb]
        }
        links = {t: {"exact": [0, 0, 0], "overlap": [0, 0, 0]} for t in RELATIONS}
        for art in shared:
            sa = [s for s in art.spans[a] if s.label in LABELS]
            sb = [s for s in art.spans[b] if s.label in LABELS]
            by_id = {s.id: s for s in sa + sb}
            overlap = _overlap(sa, sb)
            for xa, yb in overlap.items():
                x, y = by_id[xa], by_id[yb]
                for attr in ATTRIBUTES[x.label]:
                    kappa[f"{x.label}.{attr}"].append((x.attribute(attr), y.attribute(attr)))
            for t in RELATIONS:
                la = [x for x in art.links.get(a, []) if x.type == t]
                lb = [x for x in art.links.get(b, []) if x.type == t]
                for rule, match in (("exact", _exact(sa, sb)), ("overlap", overlap)):
                    links[t][rule][0] += _links(la, lb, match)
                    links[t][rule][1] += len(la)
                    links[t][rule][2] += len(lb)
        pairs.append(
            {
                "a": a,
                "b": b,
                "articles": len(shared),
                "overall": figures[None],
                "labels": {label: figures[label] for label in LABELS},
                "attributes": {key: _kappa(values) for key, values in kappa.items()},
                "attribute_items": {key: len(values) for key, values in kappa.items()},
                "links": {
                    t: {rule: _f1(*counts) for rule, counts in rules.items()}
                    for t, rules in links.items()
                },
            }
        )
    average: dict[str, Any] = {}
    if pairs:

        def avg(*path: str) -> float | None:
            values = []
            for pair in pairs:
                node: Any = pair
                for key in path:
                    node = node[key]
                values.append(node)
            return _mean(values)

        kinds = ("exact_f1", "overlap_f1", "alpha")
        average = {
            "overall": {k: avg("overall", k) for k in kinds},
            "labels": {lb: {k: avg("labels", lb, k) for k in kinds} for lb in LABELS},
            "attributes": {key: avg("attributes", key) for key in pairs[0]["attributes"]},
            "links": {t: {r: avg("links", t, r) for r in ("exact", "overlap")} for t in RELATIONS},
        }
    rows = []
    for art in articles:
        who = [name for name in chosen if art.spans.get(name)]
        exact_values, overlap_values = [], []
        for a, b in combinations(who, 2):
            sa = [s for s in art.spans[a] if s.label in LABELS]
            sb = [s for s in art.spans[b] if s.label in LABELS]
            exact_values.append(_f1(len(_exact(sa, sb)), len(sa), len(sb)))
            overlap_values.append(_f1(len(_overlap(sa, sb)), len(sa), len(sb)))
        rows.append(
            {
                "id": art.article_id,
                "title": art.title,
                "annotators": who,
                "spans": {name: len(art.spans.get(name, [])) for name in who},
                "exact_f1": _mean(exact_values),
                "overlap_f1": _mean(overlap_values),
            }
        )
    rows.sort(key=lambda r: (r["overlap_f1"] is None, r["overlap_f1"] or 0, r["id"]))
    return {
        "annotators": chosen,
        "labels": LABELS,
        "pairs": pairs,
        "average": average,
        "articles": rows,
    }


def random_corpus(seed: int, annotators: int = 5, articles: int = 6) -> list[ArticleAnnotations]:
    """Annotators who copy, shift, nest, repeat and drop the spans of a shared draft."""
    rng = random.Random(seed)
    corpus = []
    next_id = 0
    for n in range(articles):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(20, 60)))
        words = tokenize(text)
        draft = []
        for _ in range(rng.randrange(2, 12)):
            first = rng.randrange(len(words))
            last = min(len(words) - 1, first + rng.randrange(4))
            draft.append((rng.choice([*LABELS, "EVENT"]), first, last))
        art = ArticleAnnotations(article_id=n + 1, title=f"t{n}", text=text)
        for person in range(annotators):
            if rng.random() < 0.2:
                continue  # this annotator left the article out
            spans: list[Span] = []
            for label, first, last in draft:
                roll = rng.random()
                if roll < 0.15:
                    continue
                start, end = words[first][0], words[last][1]
                if roll < 0.3:
                    end = words[min(len(words) - 1, last + rng.randrange(-1, 3))][1]
                    end = max(end, start + 1)
                elif roll < 0.4:
                    start = min(end - 1, start + rng.randrange(1, 3))  # leaves a proclitic out
                elif roll < 0.45:
                    label = rng.choice(LABELS)
                spans.append(_span(rng, next_id := next_id + 1, label, start, end))
                if rng.random() < 0.08:
                    # The same span twice, or one touching it, or nested in it.
                    kind = rng.randrange(3)
                    a, b = [(start, end), (end, end + 1), (start, max(start + 1, end - 1))][kind]
                    spans.append(_span(rng, next_id := next_id + 1, label, a, min(b, len(text))))
            rng.shuffle(spans)
            art.spans[f"p{person}"] = spans
            links = []
            for _ in range(rng.randrange(0, 6)):
                if len(spans) >= 2:
                    x, y = rng.sample(spans, 2)
                    links.append(Link(rng.choice(RELATIONS), x.id, y.id))
            if links and rng.random() < 0.3:
                links.append(links[0])
            art.links[f"p{person}"] = links
        corpus.append(art)
    return corpus


def _span(rng: random.Random, span_id: int, label: str, start: int, end: int) -> Span:
    names = ATTRIBUTES.get(label, [])
    attributes = tuple((k, rng.choice(VALUES[k])) for k in names if rng.random() < 0.8)
    return Span(span_id, label, start, end, attributes)


@pytest.mark.parametrize("seed", range(40))
def test_every_figure_equals_the_reference(seed: int) -> None:
    corpus = random_corpus(seed, annotators=2 + seed % 5)
    assert compute(corpus, LABELS, ATTRIBUTES, RELATIONS) == reference(corpus)


@pytest.mark.parametrize("seed", range(5))
def test_chosen_annotators_equal_the_reference(seed: int) -> None:
    corpus = random_corpus(100 + seed)
    chosen = ["p0", "p2", "p4"]
    assert compute(corpus, LABELS, ATTRIBUTES, RELATIONS, chosen) == reference(corpus, chosen)


def test_the_random_corpora_reach_every_case() -> None:
    # Not a figure: that the corpora above hold what the fast paths must get right.
    seen: Counter[str] = Counter()
    for seed in range(40):
        for art in random_corpus(seed, annotators=2 + seed % 5):
            if len(art.spans) < 2 + seed % 5:
                seen["an annotator left an article out"] += 1
            for spans in art.spans.values():
                keys = Counter((s.label, s.start, s.end) for s in spans)
                seen["a span repeated"] += any(n > 1 for n in keys.values())
                for x, y in combinations(spans, 2):
                    if x.label == y.label and (x.start, x.end) != (y.start, y.end):
                        if x.end == y.start or y.end == x.start:
                            seen["touching"] += 1
                        elif min(x.end, y.end) > max(x.start, y.start):
                            seen["overlapping"] += 1
                seen["a label not measured"] += any(s.label not in LABELS for s in spans)
            for links in art.links.values():
                seen["a link repeated"] += len(links) != len(set(links))
    assert min(seen.values()) > 0 and len(seen) == 6, seen


@pytest.mark.parametrize("seed", range(20))
def test_alone_spans_overlap_no_other_of_their_label(seed: int) -> None:
    rng = random.Random(seed)
    spans = []
    for n in range(rng.randrange(1, 30)):
        start = rng.randrange(0, 60)
        spans.append(Span(n, rng.choice(LABELS), start, start + rng.randrange(0, 6)))
    expected = {
        x.id
        for x in spans
        if not any(
            y.id != x.id and y.label == x.label and min(x.end, y.end) > max(x.start, y.start)
            for y in spans
        )
    }
    assert alone(spans) == expected


def test_kappa_from_counts_is_kappa_from_items() -> None:
    rng = random.Random(3)
    for _ in range(200):
        pairs = [(rng.choice("abc"), rng.choice("abcd")) for _ in range(rng.randrange(0, 12))]
        assert cohen_kappa_counts(Counter(pairs)) == _kappa(pairs)
