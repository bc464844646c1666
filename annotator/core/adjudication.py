"""Adjudication: settling several annotators' spans into one gold layer. Pure functions.

For one article, the spans of the compared annotators are grouped into *candidates*:
spans that the agreement measures would match (``exact_matches`` first, then
``overlap_matches`` on what is left, for every pair of annotators) end up in one
candidate. A candidate is

- ``agreed`` when every compared annotator marked exactly the same span with the same
  attributes,
- ``single`` when only one annotator marked it,
- ``partial`` otherwise (boundaries or attributes differ, or somebody left it out).

A curator accepts a candidate (a copy of one of its versions goes into the gold layer:
annotations whose annotator is the gold name) or rejects it. Decisions are stored
records (see ``Decision``), so that a rejection, which leaves nothing in gold, survives
a restart. A candidate counts as accepted when its decision's gold span still exists,
or when a gold span equals one of its versions (a curator may mark gold by hand).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

# Defined apart so that the window names them without loading this module; still
# importable from here.
from annotator.core.adjudication_status import ACCEPTED as ACCEPTED
from annotator.core.adjudication_status import AGREED as AGREED
from annotator.core.adjudication_status import DEFAULT_GOLD as DEFAULT_GOLD
from annotator.core.adjudication_status import PARTIAL as PARTIAL
from annotator.core.adjudication_status import REJECTED as REJECTED
from annotator.core.adjudication_status import SINGLE as SINGLE
from annotator.core.agreement import Span, exact_matches, overlap_matches
from annotator.core.model import Annotation, Relation


@dataclass(frozen=True)
class Decision:
    """A curator's decision on one candidate, as stored.

    Attributes:
        candidate: the candidate's key (``Candidate.key``): what it groups, by content,
            so that it means the same after a restart or a re-merge with new ids.
        label, start, end: the candidate's label and extent, for people reading the table.
        gold_id, gold_created: the gold copy made by an acceptance. Its creation stamp
            tells it apart from a later annotation that reused a deleted one's id.
        curator: who decided (the window's annotator name).
    """

    id: int
    article_id: int
    gold: str
    candidate: str
    label: str
    start: int
    end: int
    decision: str
    gold_id: int | None = None
    gold_created: str = ""
    curator: str = ""
    created: str = ""


@dataclass(frozen=True)
class Version:
    """One way a candidate was marked: offsets and attributes, and who marked it so."""

    start: int
    end: int
    attributes: dict[str, Any]
    annotators: tuple[str, ...]
    annotation_ids: tuple[int, ...]


@dataclass
class Candidate:
    """Matching spans of several annotators, and what the curator decided about them."""

    key: str
    article_id: int
    label: str
    start: int
    end: int
    spans: list[Annotation]
    versions: list[Version]
    status: str
    missing: tuple[str, ...]
    decision: Decision | None = None  # the stored decision, live or not
    gold_span: Annotation | None = None  # the gold copy when accepted
    rejected: bool = False
    differences: list[tuple[int, int]] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.gold_span is not None

    @property
    def decided(self) -> bool:
        return self.accepted or self.rejected

    @property
    def annotators(self) -> tuple[str, ...]:
        return tuple(sorted({a.annotator for a in self.spans}))

    @property
    def annotation_ids(self) -> set[int]:
        return {a.id for a in self.spans}

    @property
    def attributes_differ(self) -> bool:
        return len({json.dumps(v.attributes, sort_keys=True) for v in self.versions}) > 1

    @property
    def boundaries_differ(self) -> bool:
        return len({(v.start, v.end) for v in self.versions}) > 1


@dataclass(frozen=True)
class Progress:
    decided: int = 0
    total: int = 0

    def __add__(self, other: Progress) -> Progress:
        return Progress(self.decided + other.decided, self.total + other.total)

    @property
    def undecided(self) -> int:
        return self.total - self.decided


def candidate_key(spans: Iterable[Annotation]) -> str:
    """What a candidate groups, by content: the same spans give the same key."""
    return json.dumps(
        sorted([a.annotator, a.label, a.start, a.end] for a in spans), ensure_ascii=False
    )


def candidates(
    annotations: Sequence[Annotation],
    annotators: Sequence[str],
    gold: str,
    decisions: Sequence[Decision] = (),
) -> list[Candidate]:
    """The candidates of one article, in reading order, with their decisions applied.

    Args:
        annotations: every annotation of the article (any annotator, gold included).
        annotators: the annotators compared; the gold name is never one of them.
        gold: the gold layer's annotator name.
        decisions: the stored decisions of this article for ``gold``.
    """
    compared = [name for name in dict.fromkeys(annotators) if name != gold]
    by_annotator: dict[str, list[Annotation]] = {name: [] for name in compared}
    for ann in annotations:
        if ann.annotator in by_annotator:
            by_annotator[ann.annotator].append(ann)
    records = {a.id: a for spans in by_annotator.values() for a in spans}
    parent = {i: i for i in records}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Matching only ever pairs overlapping spans of one label, so it runs cluster by
    # cluster: the same matches as over the whole article, without comparing every span
    # with every other (a long article has thousands).
    for cluster in _clusters(list(records.values())):
        members: dict[str, list[Span]] = {}
        for ann in cluster:
            members.setdefault(ann.annotator, []).append(_span(ann))
        for a, b in combinations([n for n in compared if n in members], 2):
            left, right = members[a], members[b]
            exact = exact_matches(left, right)
            rest_left = [s for s in left if s.id not in exact]
            taken = set(exact.values())
            rest_right = [s for s in right if s.id not in taken]
            for x, y in (exact | overlap_matches(rest_left, rest_right)).items():
                parent[find(x)] = find(y)

    groups: dict[int, list[Annotation]] = {}
    for i, ann in records.items():
        groups.setdefault(find(i), []).append(ann)
    gold_spans = [a for a in annotations if a.annotator == gold]
    by_key = {d.candidate: d for d in decisions if d.gold == gold}
    result = [_candidate(group, compared, gold_spans, by_key) for group in groups.values()]
    result.sort(key=lambda c: (c.start, -c.end, c.label, c.key))
    return result


def _clusters(spans: list[Annotation]) -> list[list[Annotation]]:
    """Spans of one label that overlap, directly or through others."""
    clusters: list[list[Annotation]] = []
    label, end = "", -1
    for ann in sorted(spans, key=lambda a: (a.label, a.start, a.end)):
        if clusters and ann.label == label and ann.start < end:
            clusters[-1].append(ann)
            end = max(end, ann.end)
        else:
            clusters.append([ann])
            label, end = ann.label, ann.end
    return clusters


def _span(ann: Annotation) -> Span:
    return Span(ann.id, ann.label, ann.start, ann.end)


def _candidate(
    group: list[Annotation],
    compared: list[str],
    gold_spans: list[Annotation],
    decisions: dict[str, Decision],
) -> Candidate:
    group.sort(key=lambda a: (compared.index(a.annotator), a.start, a.id))
    versions: dict[tuple[int, int, str], list[Annotation]] = {}
    for ann in group:
        versions.setdefault(
            (ann.start, ann.end, json.dumps(ann.attributes, sort_keys=True)), []
        ).append(ann)
    # The version most annotators chose comes first: it is what Accept takes by default.
    ordered = sorted(versions.values(), key=lambda spans: -len(spans))
    who = {a.annotator for a in group}
    missing = tuple(name for name in compared if name not in who)
    if len(who) == 1:
        status = SINGLE
    elif not missing and len(versions) == 1 and len(group) == len(compared):
        status = AGREED
    else:
        status = PARTIAL
    key = candidate_key(group)
    candidate = Candidate(
        key=key,
        article_id=group[0].article_id,
        label=group[0].label,
        start=min(a.start for a in group),
        end=max(a.end for a in group),
        spans=group,
        versions=[
            Version(
                spans[0].start,
                spans[0].end,
                dict(spans[0].attributes),
                tuple(a.annotator for a in spans),
                tuple(a.id for a in spans),
            )
            for spans in ordered
        ],
        status=status,
        missing=missing,
        decision=decisions.get(key),
    )
    candidate.differences = _differences(group, len(compared))
    _apply_decision(candidate, gold_spans)
    return candidate


def _differences(group: list[Annotation], compared: int) -> list[tuple[int, int]]:
    """The stretches of text that some compared annotators covered and others did not."""
    cuts = sorted({p for a in group for p in (a.start, a.end)})
    stretches: list[tuple[int, int]] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = {a.annotator for a in group if a.start <= left and right <= a.end}
        if covering and len(covering) < compared:
            if stretches and stretches[-1][1] == left:
                stretches[-1] = (stretches[-1][0], right)
            else:
                stretches.append((left, right))
    return stretches


def _apply_decision(candidate: Candidate, gold_spans: list[Annotation]) -> None:
    decision = candidate.decision
    if decision is not None and decision.decision == REJECTED:
        candidate.rejected = True
        return
    if decision is not None and decision.gold_id is not None:
        for ann in gold_spans:
            if ann.id == decision.gold_id and ann.created == decision.gold_created:
                candidate.gold_span = ann
                return
    # No live decision: a gold span equal to one of the versions is an acceptance too.
    for version in candidate.versions:
        for ann in gold_spans:
            if (ann.label, ann.start, ann.end) == (candidate.label, version.start, version.end):
                candidate.gold_span = ann
                return


def progress(found: Iterable[Candidate]) -> Progress:
    found = list(found)
    return Progress(sum(1 for c in found if c.decided), len(found))


@dataclass(frozen=True)
class LinkProposal:
    """A link an annotator drew that gold should get when a candidate is accepted."""

    type: str
    other_gold_id: int
    outgoing: bool  # the accepted candidate's gold copy is the link's from end


def link_proposals(
    candidate: Candidate, found: Sequence[Candidate], relations: Sequence[Relation]
) -> list[LinkProposal]:
    """Links between this candidate and candidates already accepted into gold.

    A link counts when any compared annotator drew it between a span of this candidate
    and a span of an accepted candidate; the same link drawn by several annotators is
    proposed once. Acceptance always makes a new gold copy, so gold has none of them yet.

    Args:
        candidate: the candidate being accepted.
        found: every candidate of the article.
        relations: every relation of the article.
    """
    gold_of: dict[int, int] = {}
    for other in found:
        if other is not candidate and other.gold_span is not None:
            for ann_id in other.annotation_ids:
                gold_of[ann_id] = other.gold_span.id
    mine = candidate.annotation_ids
    proposals: dict[LinkProposal, None] = {}
    for rel in relations:
        if rel.from_id in mine and rel.to_id in gold_of:
            proposals[LinkProposal(rel.type, gold_of[rel.to_id], True)] = None
        elif rel.to_id in mine and rel.from_id in gold_of:
            proposals[LinkProposal(rel.type, gold_of[rel.from_id], False)] = None
    return list(proposals)


def compared_annotators(names: Iterable[str], gold: str) -> list[str]:
    """The annotators to compare by default: everyone but the gold layer."""
    return [name for name in names if name != gold]
