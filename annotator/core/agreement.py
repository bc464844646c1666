"""Inter-annotator agreement over spans, tokens, attributes and links. Pure functions.

Definitions (all symmetric in the two annotators):

- exact-span F1: spans match when label, start and end are equal; F1 = 2m / (|A| + |B|).
- overlap F1: spans match when they have the same label and share at least one
  character; the matching is one to one (largest overlaps first), so one long span
  cannot match several short ones.
- token-level Krippendorff's alpha (nominal): each token of the article (the shared
  tokeniser's, split where either annotator's span starts or ends inside one, as the
  CoNLL export splits them) is a unit, and
  each annotator's value for it is the set of labels whose spans cover it ("O" for
  none); per label, the value is that label or "O".
- Cohen's kappa per attribute: over the spans matched by the overlap rule, each
  annotator's value of the attribute ("(unset)" when absent).
- link F1: a relation of A matches one of B when the types are equal and both ends are
  matched to each other's ends, under the exact or the overlap rule.

A figure that is undefined (no spans at all, or no variation for alpha or kappa) is
None, never a made-up 1.0 or 0.0.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

UNSET = "(unset)"
OUTSIDE = "O"


@dataclass(frozen=True)
class Span:
    id: int
    label: str
    start: int
    end: int
    attributes: tuple[tuple[str, Any], ...] = ()

    def attribute(self, name: str) -> Any:
        for key, value in self.attributes:
            if key == name:
                return value
        return UNSET


@dataclass(frozen=True)
class Link:
    type: str
    from_id: int
    to_id: int


def f1(matched: int, a: int, b: int) -> float | None:
    """2m / (|A| + |B|); None when neither annotator has anything."""
    return None if a + b == 0 else 2 * matched / (a + b)


def exact_matches(a: Sequence[Span], b: Sequence[Span]) -> dict[int, int]:
    """One-to-one matching of identical spans: {id in A: id in B}."""
    free: dict[tuple[str, int, int], list[int]] = {}
    for span in b:
        free.setdefault((span.label, span.start, span.end), []).append(span.id)
    matched: dict[int, int] = {}
    for span in a:
        candidates = free.get((span.label, span.start, span.end))
        if candidates:
            matched[span.id] = candidates.pop(0)
    return matched


Reach = dict[str, tuple[list[int], list[Span], int]]


def overlap_reach(b: Sequence[Span]) -> Reach:
    """B's spans by label, sorted by start, with the longest span's length: what
    ``overlap_matches`` looks spans up in (found once per annotator, if given to it)."""
    by_label: dict[str, list[Span]] = defaultdict(list)
    for y in b:
        by_label[y.label].append(y)
    reach: Reach = {}
    for label, group in by_label.items():
        group.sort(key=lambda y: y.start)
        longest = max(y.end - y.start for y in group)
        reach[label] = ([y.start for y in group], group, longest)
    return reach


def overlap_matches(
    a: Sequence[Span], b: Sequence[Span], reach: Reach | None = None
) -> dict[int, int]:
    """One-to-one matching of same-label overlapping spans, largest overlap first.

    Only spans of B that can reach a span of A are looked at (B sorted by start, within
    the longest span's length), so the cost grows with the overlaps, not with |A| × |B|.
    ``reach``: B's ``overlap_reach``, if found already.
    """
    if reach is None:
        reach = overlap_reach(b)
    pairs = []
    for x in a:
        found = reach.get(x.label)
        if found is None:
            continue
        starts, group, longest = found
        for k in range(bisect_right(starts, x.start - longest), bisect_left(starts, x.end)):
            y = group[k]
            shared = min(x.end, y.end) - max(x.start, y.start)
            if shared > 0:
                pairs.append((-shared, x.start, y.start, x.id, y.id))
    pairs.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    matched: dict[int, int] = {}
    for _, _, _, xa, yb in pairs:
        if xa not in used_a and yb not in used_b:
            matched[xa] = yb
            used_a.add(xa)
            used_b.add(yb)
    return matched


def alone(spans: Sequence[Span]) -> set[int]:
    """The ids of the spans that share no character with another span of their label.

    A span of A alone in A, identical to a span of B alone in B, overlaps nothing else
    of either: ``overlap_matches`` always pairs the two, and no other span can take
    either, so a pair's matching need look only at the rest.
    """
    by_label: dict[str, list[Span]] = defaultdict(list)
    for span in spans:
        by_label[span.label].append(span)
    crowded: set[int] = set()
    for group in by_label.values():
        group.sort(key=lambda s: (s.start, s.end))
        # Sorted by start, a span overlaps an earlier one when some earlier span ends
        # after it starts, and a later one when some later span starts before it ends
        # (spans of no length overlap nothing).
        reach = None
        for s in group:
            if s.end > s.start:
                if reach is not None and reach > s.start:
                    crowded.add(s.id)
                reach = s.end if reach is None else max(reach, s.end)
        first = None
        for s in reversed(group):
            if s.end > s.start:
                if first is not None and first < s.end:
                    crowded.add(s.id)
                first = s.start if first is None else min(first, s.start)
    return {s.id for s in spans} - crowded


def span_f1(a: Sequence[Span], b: Sequence[Span], rule: str) -> float | None:
    match = exact_matches(a, b) if rule == "exact" else overlap_matches(a, b)
    return f1(len(match), len(a), len(b))


def link_f1(
    a_links: Sequence[Link],
    b_links: Sequence[Link],
    span_match: dict[int, int],
    type_: str | None = None,
) -> float | None:
    """F1 of links whose two ends are matched to each other (see ``span_match``)."""
    a_links = [x for x in a_links if type_ is None or x.type == type_]
    b_links = [x for x in b_links if type_ is None or x.type == type_]
    remaining: Counter[tuple[str, int | None, int | None]] = Counter(
        (x.type, x.from_id, x.to_id) for x in b_links
    )
    matched = 0
    for link in a_links:
        key = (link.type, span_match.get(link.from_id), span_match.get(link.to_id))
        if remaining[key] > 0:
            remaining[key] -= 1
            matched += 1
    return f1(matched, len(a_links), len(b_links))


def token_values(
    tokens: Sequence[tuple[int, int]], spans: Iterable[Span], label: str | None = None
) -> list[str]:
    """Each token's value for one annotator: the labels covering it, or "O"."""
    values: list[set[str]] = [set() for _ in tokens]
    for span in spans:
        if label is not None and span.label != label:
            continue
        for i, (ts, te) in enumerate(tokens):
            if ts >= span.end:
                break
            if te > span.start and ts < span.end:
                values[i].add(span.label)
    return ["+".join(sorted(v)) if v else OUTSIDE for v in values]


def token_bounds(tokens: Sequence[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The tokens' starts and ends, for ``covered_values``."""
    return [ts for ts, _ in tokens], [te for _, te in tokens]


def covered_values(
    tokens: Sequence[tuple[int, int]],
    spans: Iterable[Span],
    label: str | None = None,
    bounds: tuple[list[int], list[int]] | None = None,
) -> dict[str, int]:
    """The tokens that spans cover, by their value as in ``token_values``: {value: a
    bit mask whose bit i is token i}; every other token is "O". Costs the covered
    tokens, not all of them (``bounds``: the tokens' ``token_bounds``, found once per
    article). The values' masks are disjoint."""
    starts, ends = bounds if bounds is not None else token_bounds(tokens)
    by_label: dict[str, int] = {}
    for span in spans:
        if label is not None and span.label != label:
            continue
        first, stop = bisect_right(ends, span.start), bisect_left(starts, span.end)
        if stop > first:
            by_label[span.label] = (
                by_label.get(span.label, 0) | ((1 << (stop - first)) - 1) << first
            )
    # Split the covered tokens by which labels cover them, one label at a time.
    parts: dict[tuple[str, ...], int] = {(): 0}
    for mask in by_label.values():
        parts[()] |= mask
    for name in sorted(by_label):
        mask = by_label[name]
        refined: dict[tuple[str, ...], int] = {}
        for names, part in parts.items():
            inside, outside = part & mask, part & ~mask
            if inside:
                refined[(*names, name)] = inside
            if outside:
                refined[names] = outside
        parts = refined
    return {"+".join(names): part for names, part in parts.items() if names}


def pair_counts(
    a: dict[str, int],
    b: dict[str, int],
    units: int,
    counts: Counter[tuple[str, str]],
) -> None:
    """Add to ``counts`` how many of ``units`` tokens two coders valued (x, y), from their
    ``covered_values``: one intersection of bit masks per pair of values, never a walk
    over tokens.

    Each coder's values hold disjoint tokens, so what a value of A shares with no value of
    B is its size less what it shares, and the tokens neither covers follow from sizes.
    """
    shared_b: dict[str, int] = {}
    shared = covered_a = covered_b = 0
    for x, in_a in a.items():
        shared_x = 0
        for y, in_b in b.items():
            both = (in_a & in_b).bit_count()
            if both:
                counts[(x, y)] += both
                shared_x += both
                shared_b[y] = shared_b.get(y, 0) + both
        size = in_a.bit_count()
        if size > shared_x:
            counts[(x, OUTSIDE)] += size - shared_x
        shared += shared_x
        covered_a += size
    for y, in_b in b.items():
        size = in_b.bit_count()
        alone = size - shared_b.get(y, 0)
        if alone:
            counts[(OUTSIDE, y)] += alone
        covered_b += size
    counts[(OUTSIDE, OUTSIDE)] += units - (covered_a + covered_b - shared)


def krippendorff_alpha_nominal(units: Iterable[Sequence[str | None]]) -> float | None:
    """Krippendorff's alpha for nominal data.

    Args:
        units: for each unit, the values the coders gave it (None: that coder gave none).

    Returns:
        alpha, or None when it is undefined (fewer than two pairable values, or no
        variation at all).
    """
    coincidence: defaultdict[tuple[str, str], float] = defaultdict(float)
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidence[(c, k)] += 1 / (m - 1)
    return _alpha(coincidence)


def krippendorff_alpha_pairs(counts: Counter[tuple[str, str]]) -> float | None:
    """Krippendorff's alpha (nominal) for two coders, from how many units they valued
    (x, y): the same figure as ``krippendorff_alpha_nominal`` over those units."""
    coincidence: defaultdict[tuple[str, str], float] = defaultdict(float)
    for (c, k), n in counts.items():
        coincidence[(c, k)] += n
        coincidence[(k, c)] += n
    return _alpha(coincidence)


def _alpha(coincidence: defaultdict[tuple[str, str], float]) -> float | None:
    totals: defaultdict[str, float] = defaultdict(float)
    for (c, _), weight in coincidence.items():
        totals[c] += weight
    n = sum(totals.values())
    if n <= 1:
        return None
    observed = sum(w for (c, k), w in coincidence.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k) / (n - 1)
    if expected == 0:
        return None
    return 1 - observed / expected


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa for two coders' labels of the same items; None when undefined."""
    return cohen_kappa_counts(Counter(pairs))


def cohen_kappa_counts(counts: Counter[tuple[Any, Any]]) -> float | None:
    """Cohen's kappa from how many items the two coders labelled (x, y): the same figure
    as ``cohen_kappa`` over those items (every sum is of whole numbers, so exact)."""
    n = sum(counts.values())
    if n == 0:
        return None
    a: Counter[Any] = Counter()
    b: Counter[Any] = Counter()
    agreed = 0
    for (x, y), k in counts.items():
        a[x] += k
        b[y] += k
        if x == y:
            agreed += k
    observed = agreed / n
    expected = sum(a[c] * b[c] for c in a) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def pairs_of(annotators: Sequence[str]) -> list[tuple[str, str]]:
    return list(combinations(sorted(annotators), 2))
