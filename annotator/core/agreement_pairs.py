"""One pair of annotators on one article: the matches, attribute values and links that
``agreement_report`` pools, at a cost that grows with the pair's spans.

Each annotator's part of an article (a ``Side``) is prepared once, whatever the number
of pairs it belongs to. Spans, tokens and keys are numbered per article, so that a side
holds bit masks: the keys (label, start, end) it has per label, the keys of its spans
that overlap no other span of their label, the tokens each value covers, and the keys
that carry each value of an attribute. A pair is then compared mostly by intersecting
masks; only the spans that the two did not both draw alone and alike go through
``overlap_matches``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from annotator.core.agreement import (
    Link,
    Reach,
    Span,
    alone,
    covered_values,
    overlap_matches,
    overlap_reach,
    token_bounds,
)

Key = tuple[str, int, int]
# Per label with attributes: how many matched spans had each (A's values, B's values),
# the values in the order of the label's attributes.
Kappa = dict[str, Counter[tuple[tuple[Any, ...], tuple[Any, ...]]]]
# Per relation type and rule: [matched, links of A, links of B].
LinkCounts = dict[str, dict[str, list[int]]]


@dataclass
class ArticleIndex:
    """What every side of one article shares: its units and the numbering of keys."""

    units: int
    # The tokens that some measured span covers, in order: the rest are "O" for all.
    covered: list[tuple[int, int]]
    bounds: tuple[list[int], list[int]]
    bit_of: dict[Key, int]
    # For each key's bit, the keys of its label that share a character with it (itself
    # included): whom a span can match under the overlap rule, whoever drew them.
    near: dict[int, int]

    @classmethod
    def of(
        cls, tokens: list[tuple[int, int]], spans: list[list[Span]], labels: list[str]
    ) -> ArticleIndex:
        starts, ends = token_bounds(tokens)
        measured = [s for group in spans for s in group if s.label in labels]
        runs = sorted((bisect_right(ends, s.start), bisect_left(starts, s.end)) for s in measured)
        covered: list[tuple[int, int]] = []
        reached = 0
        for first, stop in runs:
            first = max(first, reached)
            if stop > first:
                covered.extend(tokens[first:stop])
                reached = stop
        bit_of: dict[Key, int] = {}
        for s in measured:
            bit_of.setdefault((s.label, s.start, s.end), len(bit_of))
        return cls(len(tokens), covered, token_bounds(covered), bit_of, _near(bit_of))


def _near(bit_of: dict[Key, int]) -> dict[int, int]:
    by_label: dict[str, list[Key]] = {}
    for key in bit_of:
        by_label.setdefault(key[0], []).append(key)
    near: dict[int, int] = {}
    for keys in by_label.values():
        keys.sort(key=lambda k: k[1])
        starts = [k[1] for k in keys]
        longest = max(k[2] - k[1] for k in keys)
        for _, start, end in keys:
            mask = 0
            for k in range(bisect_right(starts, start - longest), bisect_left(starts, end)):
                _, other_start, other_end = keys[k]
                if min(end, other_end) - max(start, other_start) > 0:
                    mask |= 1 << bit_of[keys[k]]
            near[bit_of[(keys[0][0], start, end)]] = mask
    return near


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


@dataclass
class Side:
    """One annotator's part of one article, as every pair that includes them reads it."""

    spans: list[Span]
    # Each span's values of its label's attributes, in the order of ``attributes``.
    values: dict[int, tuple[Any, ...]]
    label_of: dict[int, str]
    bit_of: dict[int, int]
    count: dict[str | None, int]
    covered: dict[str | None, dict[str, int]]
    # Per label, the tokens it covers (a mask) and how many.
    label_tokens: dict[str, int]
    label_covers: dict[str, int]
    reach: Reach
    links: dict[str, list[Link]]
    # Span ids by key, for exact matching when a key repeats.
    exact_keys: dict[Key, list[int]]
    # No two spans with the same label and offsets: a span is then its key's bit.
    unique: bool
    keys: dict[str, int]
    alone: dict[str, int]
    crowded: list[Span]
    span_at: dict[int, Span]
    # Per label: {values of its attributes: the keys carrying them}.
    value_keys: dict[str, dict[tuple[Any, ...], int]]
    values_at: dict[int, tuple[Any, ...]]
    # Per relation type: how many links join each two keys (both ends measured spans),
    # and whether none is repeated.
    key_links: dict[str, Counter[tuple[int, int]]]
    single_links: dict[str, frozenset[tuple[int, int]] | None]
    near: dict[int, int]

    @classmethod
    def of(
        cls,
        index: ArticleIndex,
        spans_in: list[Span],
        links_in: list[Link],
        labels: list[str],
        attributes: dict[str, list[str]],
    ) -> Side:
        spans = [s for s in spans_in if s.label in labels]
        count: dict[str | None, int] = {label: 0 for label in labels}
        for span in spans:
            count[span.label] += 1
        count[None] = len(spans)
        links: dict[str, list[Link]] = {}
        for link in links_in:
            links.setdefault(link.type, []).append(link)
        covered = {
            label: covered_values(index.covered, spans, label, index.bounds)
            for label in (None, *labels)
        }
        bit_of = {s.id: index.bit_of[(s.label, s.start, s.end)] for s in spans}
        exact_keys: dict[Key, list[int]] = {}
        for span in spans:
            exact_keys.setdefault((span.label, span.start, span.end), []).append(span.id)
        values = {
            s.id: tuple(s.attribute(attr) for attr in attributes.get(s.label, [])) for s in spans
        }
        keys = dict.fromkeys(labels, 0)
        alone_keys = dict.fromkeys(labels, 0)
        value_keys: dict[str, dict[tuple[Any, ...], int]] = {label: {} for label in labels}
        lonely = alone(spans)
        for span in spans:
            bit = 1 << bit_of[span.id]
            keys[span.label] |= bit
            if span.id in lonely:
                alone_keys[span.label] |= bit
            by_values = value_keys[span.label]
            by_values[values[span.id]] = by_values.get(values[span.id], 0) | bit
        key_links: dict[str, Counter[tuple[int, int]]] = {}
        single: dict[str, frozenset[tuple[int, int]] | None] = {}
        for rel_type, group in links.items():
            joined = Counter(
                (bit_of[x.from_id], bit_of[x.to_id])
                for x in group
                if x.from_id in bit_of and x.to_id in bit_of
            )
            key_links[rel_type] = joined
            single[rel_type] = frozenset(joined) if all(n == 1 for n in joined.values()) else None
        return cls(
            spans=spans,
            values=values,
            label_of={s.id: s.label for s in spans},
            bit_of=bit_of,
            count=count,
            covered=covered,
            label_tokens={label: covered[label].get(label, 0) for label in labels},
            label_covers={label: covered[label].get(label, 0).bit_count() for label in labels},
            reach=overlap_reach(spans),
            links=links,
            exact_keys=exact_keys,
            unique=len(exact_keys) == len(spans),
            keys=keys,
            alone=alone_keys,
            crowded=[s for s in spans if s.id not in lonely],
            span_at={bit_of[s.id]: s for s in spans},
            value_keys=value_keys,
            values_at={bit_of[s.id]: values[s.id] for s in spans},
            key_links=key_links,
            single_links=single,
            near=index.near,
        )


def compare(
    one: Side,
    two: Side,
    labels: list[str],
    relation_types: list[str],
    kappa: Kappa,
    link_counts: LinkCounts,
) -> tuple[dict[str, int], dict[str, int]]:
    """Exact and overlap matches by label of two sides, adding the matched spans'
    attribute values to ``kappa`` and the links to ``link_counts``.

    When neither side repeats a span, a span is its key: exact matches are the keys both
    have. Spans alone on both sides and identical match each other under the overlap rule
    and touch nothing else (see ``alone``), and so does a span of A whose only overlap in
    B is a span that overlaps nothing else of A (``ArticleIndex.near``); only the rest of
    A goes through ``overlap_matches``. Its greedy order matters only within a group of
    spans linked by overlaps, so taking such single edges out changes no match.
    """
    if not (one.unique and two.unique):
        return _compare_any(one, two, labels, relation_types, kappa, link_counts)
    exact_by: dict[str, int] = {}
    overlap_by: dict[str, int] = {}
    both_alone = 0
    rest_a = list(one.crowded)
    # A span of A whose only overlap in B is one span that overlaps nothing else of A:
    # an edge of the overlap graph on its own, matched whatever the order (A bit: B bit).
    lone_pairs: dict[int, int] = {}
    near = one.near
    for label in labels:
        ka, kb = one.keys[label], two.keys[label]
        if not ka or not kb:
            exact_by[label] = overlap_by[label] = 0
            continue
        exact_by[label] = (ka & kb).bit_count()
        lone_a = one.alone[label]
        same = lone_a & two.alone[label]
        both_alone |= same
        overlap_by[label] = same.bit_count()
        if same != lone_a:
            for bit in _bits(lone_a & ~same):
                reach = near[bit] & kb
                if not reach:
                    continue
                if reach & (reach - 1) == 0 and near[reach.bit_length() - 1] & ka == 1 << bit:
                    lone_pairs[bit] = reach.bit_length() - 1
                    overlap_by[label] += 1
                else:
                    rest_a.append(one.span_at[bit])
        joint = kappa.get(label)
        if same and joint is not None:
            in_a, in_b = one.value_keys[label], two.value_keys[label]
            if len(in_a) * len(in_b) <= 4:
                for x, mask_a in in_a.items():
                    mine = mask_a & same
                    if mine:
                        for y, mask_b in in_b.items():
                            n = (mine & mask_b).bit_count()
                            if n:
                                joint[(x, y)] += n
            else:
                # Many distinct values: one look-up per matched span instead.
                at_a, at_b = one.values_at, two.values_at
                joint.update((at_a[k], at_b[k]) for k in _bits(same))
    rest = overlap_matches(rest_a, two.spans, two.reach) if rest_a else {}
    for xa, yb in rest.items():
        label = one.label_of[xa]
        overlap_by[label] += 1
        joint = kappa.get(label)
        if joint is not None:
            joint[(one.values[xa], two.values[yb])] += 1
    rest_keys = {one.bit_of[xa]: two.bit_of[yb] for xa, yb in rest.items()}
    if lone_pairs:
        rest_keys.update(lone_pairs)
        at_a, at_b = one.values_at, two.values_at
        for bit_a, bit_b in lone_pairs.items():
            joint = kappa.get(one.span_at[bit_a].label)
            if joint is not None:
                joint[(at_a[bit_a], at_b[bit_b])] += 1
    for rel_type in relation_types:
        exact_n = overlap_n = 0
        mine_links, theirs = one.key_links.get(rel_type), two.key_links.get(rel_type)
        if mine_links and theirs:
            single_a, single_b = one.single_links[rel_type], two.single_links[rel_type]
            if single_a is not None and single_b is not None:
                exact_n = len(single_a & single_b)
            else:
                exact_n = sum((mine_links & theirs).values())
            mapped: dict[tuple[int, int], int] = {}
            for (f, t), n in mine_links.items():
                mf = f if both_alone >> f & 1 else rest_keys.get(f)
                mt = t if both_alone >> t & 1 else rest_keys.get(t)
                if mf is not None and mt is not None:
                    mapped[(mf, mt)] = mapped.get((mf, mt), 0) + n
            overlap_n = sum(min(n, theirs[key]) for key, n in mapped.items() if key in theirs)
        _add_links(link_counts[rel_type], one, two, rel_type, exact_n, overlap_n)
    return exact_by, overlap_by


def _add_links(
    counts: dict[str, list[int]], one: Side, two: Side, rel_type: str, exact: int, overlap: int
) -> None:
    total_a, total_b = len(one.links.get(rel_type, ())), len(two.links.get(rel_type, ()))
    for rule, n in (("exact", exact), ("overlap", overlap)):
        tally = counts[rule]
        tally[0] += n
        tally[1] += total_a
        tally[2] += total_b


def _compare_any(
    one: Side,
    two: Side,
    labels: list[str],
    relation_types: list[str],
    kappa: Kappa,
    link_counts: LinkCounts,
) -> tuple[dict[str, int], dict[str, int]]:
    """``compare`` for sides that may repeat a span: every match found span by span."""
    exact = _exact(one, two)
    overlap = overlap_matches(one.spans, two.spans, two.reach)
    exact_by = dict.fromkeys(labels, 0)
    overlap_by = dict.fromkeys(labels, 0)
    for xa in exact:
        exact_by[one.label_of[xa]] += 1
    for xa, yb in overlap.items():
        label = one.label_of[xa]
        overlap_by[label] += 1
        joint = kappa.get(label)
        if joint is not None:
            joint[(one.values[xa], two.values[yb])] += 1
    for rel_type in relation_types:
        la, lb = one.links.get(rel_type, []), two.links.get(rel_type, [])
        _add_links(
            link_counts[rel_type],
            one,
            two,
            rel_type,
            matched_links(la, lb, exact),
            matched_links(la, lb, overlap),
        )
    return exact_by, overlap_by


def _exact(one: Side, two: Side) -> dict[int, int]:
    """``exact_matches`` of two sides, from B's spans by key found once."""
    taken: dict[Key, int] = {}
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


def matched_links(la: list[Link], lb: list[Link], match: dict[int, int]) -> int:
    """How many links of A have both ends matched (``match``) to the ends of a link of B,
    each link of B taken once."""
    remaining: Counter[tuple[int | None, int | None]] = Counter((x.from_id, x.to_id) for x in lb)
    matched = 0
    for link in la:
        key = (match.get(link.from_id), match.get(link.to_id))
        if remaining[key] > 0:
            remaining[key] -= 1
            matched += 1
    return matched
