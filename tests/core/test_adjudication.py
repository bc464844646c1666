"""Candidates, their status and differences, decisions and progress, computed by hand."""

from __future__ import annotations

import random
import time

from annotator.core.adjudication import (
    ACCEPTED,
    AGREED,
    PARTIAL,
    REJECTED,
    SINGLE,
    Decision,
    Progress,
    candidate_key,
    candidates,
    link_proposals,
    progress,
)
from annotator.core.agreement import Span, exact_matches, overlap_matches
from annotator.core.model import Annotation, Relation

TEXT = "قال المتحدث باسم البنتاغون بيتر كوك إن النقاش كان مهنيا"
_next_id = iter(range(1, 10_000))


def ann(who: str, label: str, part: str, **attributes: str) -> Annotation:
    start = TEXT.index(part)
    return Annotation(
        next(_next_id),
        1,
        label,
        start,
        start + len(part),
        part,
        dict(attributes),
        annotator=who,
        created=f"t{who}{start}",
    )


def test_identical_spans_of_everyone_are_one_agreed_candidate() -> None:
    spans = [ann("salma", "CUE", "قال"), ann("omar", "CUE", "قال")]
    (found,) = candidates(spans, ["salma", "omar"], "gold")
    assert found.status == AGREED and found.differences == [] and not found.decided
    assert found.annotators == ("omar", "salma") and len(found.versions) == 1


def test_different_boundaries_are_one_partial_candidate_with_the_difference_marked() -> None:
    long = ann("salma", "SOURCE", "المتحدث باسم البنتاغون بيتر كوك")
    short = ann("omar", "SOURCE", "بيتر كوك")
    (found,) = candidates([long, short], ["salma", "omar"], "gold")
    assert found.status == PARTIAL and found.boundaries_differ and not found.attributes_differ
    assert (found.start, found.end) == (long.start, long.end)
    # Only the words salma marked and omar did not.
    assert found.differences == [(long.start, short.start)]
    assert [v.annotators for v in found.versions] == [("salma",), ("omar",)]


def test_a_span_only_one_annotator_marked_is_single_and_all_of_it_differs() -> None:
    alone = ann("salma", "CLAIM", "النقاش كان مهنيا")
    found = candidates([alone, ann("omar", "CUE", "قال")], ["salma", "omar"], "gold")
    assert [c.status for c in found] == [SINGLE, SINGLE]
    assert found[1].missing == ("omar",) and found[1].differences == [(alone.start, alone.end)]


def test_the_same_text_with_different_labels_is_two_candidates() -> None:
    found = candidates(
        [ann("salma", "SOURCE", "بيتر كوك"), ann("omar", "CLAIM", "بيتر كوك")],
        ["salma", "omar"],
        "gold",
    )
    assert sorted(c.label for c in found) == ["CLAIM", "SOURCE"]
    assert {c.status for c in found} == {SINGLE}


def test_attributes_that_differ_make_versions_and_the_majority_comes_first() -> None:
    spans = [
        ann("a", "SOURCE", "بيتر كوك", specificity="named"),
        ann("b", "SOURCE", "بيتر كوك", specificity="role_only"),
        ann("c", "SOURCE", "بيتر كوك", specificity="role_only"),
    ]
    (found,) = candidates(spans, ["a", "b", "c"], "gold")
    assert found.status == PARTIAL and found.attributes_differ and not found.boundaries_differ
    assert found.differences == []
    assert [v.attributes["specificity"] for v in found.versions] == ["role_only", "named"]
    assert found.versions[0].annotators == ("b", "c")


def test_exact_matches_are_preferred_to_overlaps() -> None:
    # omar's long span overlaps salma's as much as omar's short one does; the exact
    # twin must win, leaving the long span a candidate of its own.
    long = ann("omar", "SOURCE", "البنتاغون بيتر كوك")
    twin = ann("omar", "SOURCE", "بيتر كوك")
    salma = ann("salma", "SOURCE", "بيتر كوك")
    found = candidates([long, twin, salma], ["salma", "omar"], "gold")
    statuses = {(c.start, c.end): c.status for c in found}
    assert statuses == {(salma.start, salma.end): AGREED, (long.start, long.end): SINGLE}


def test_annotators_not_compared_and_gold_are_no_candidates() -> None:
    spans = [ann("salma", "CUE", "قال"), ann("nadia", "CUE", "قال"), ann("gold", "CUE", "قال")]
    (found,) = candidates(spans, ["salma", "gold"], "gold")
    assert found.annotators == ("salma",)
    # The gold span equals the candidate: it counts as accepted.
    assert found.accepted and found.gold_span is not None and found.gold_span.annotator == "gold"


def test_the_key_names_the_content_not_the_ids() -> None:
    a = ann("salma", "CUE", "قال")
    b = ann("omar", "CUE", "قال")
    moved = [x.with_changes(id=x.id + 100) for x in (b, a)]
    assert candidate_key([a, b]) == candidate_key(moved)


def test_decisions_make_candidates_decided() -> None:
    cue = [ann("salma", "CUE", "قال"), ann("omar", "CUE", "قال")]
    source = [ann("salma", "SOURCE", "بيتر كوك")]
    gold_copy = ann("gold", "CUE", "إن")  # edited by the curator: equals no version
    keys = [c.key for c in candidates(cue + source, ["salma", "omar"], "gold")]
    decisions = [
        Decision(1, 1, "gold", keys[0], "CUE", 0, 3, ACCEPTED, gold_copy.id, gold_copy.created),
        Decision(2, 1, "gold", keys[1], "SOURCE", 0, 3, REJECTED),
        Decision(3, 1, "other", keys[1], "SOURCE", 0, 3, ACCEPTED),  # another gold layer
    ]
    found = candidates([*cue, *source, gold_copy], ["salma", "omar"], "gold", decisions)
    assert found[0].accepted and found[0].gold_span == gold_copy
    assert found[1].rejected and not found[1].accepted
    assert progress(found) == Progress(2, 2)


def test_an_acceptance_whose_gold_copy_is_gone_or_replaced_is_undecided() -> None:
    cue = [ann("salma", "CUE", "قال"), ann("omar", "CUE", "قال")]
    key = candidates(cue, ["salma", "omar"], "gold")[0].key
    impostor = ann("gold", "CUE", "إن")  # reused the id, made later
    decision = Decision(1, 1, "gold", key, "CUE", 0, 3, ACCEPTED, impostor.id, "earlier")
    (gone,) = candidates(cue, ["salma", "omar"], "gold", [decision])
    (replaced,) = candidates([*cue, impostor], ["salma", "omar"], "gold", [decision])
    assert not gone.decided and not replaced.decided
    assert gone.decision == decision  # still there, so that a new decision replaces it


def test_no_spans_no_candidates() -> None:
    assert candidates([], ["salma", "omar"], "gold") == []
    assert progress([]) == Progress(0, 0)
    assert Progress(1, 3) + Progress(2, 2) == Progress(3, 5)


def test_links_to_accepted_candidates_are_proposed_once() -> None:
    claim_s, claim_o = (
        ann("salma", "CLAIM", "النقاش كان مهنيا"),
        ann("omar", "CLAIM", "النقاش كان مهنيا"),
    )
    source_s, source_o = ann("salma", "SOURCE", "بيتر كوك"), ann("omar", "SOURCE", "بيتر كوك")
    gold_source = ann("gold", "SOURCE", "بيتر كوك")
    found = candidates(
        [claim_s, claim_o, source_s, source_o, gold_source], ["salma", "omar"], "gold"
    )
    claim = next(c for c in found if c.label == "CLAIM")
    relations = [
        Relation(1, 1, "ATTRIBUTED_TO", claim_s.id, source_s.id, "salma"),
        Relation(2, 1, "ATTRIBUTED_TO", claim_o.id, source_o.id, "omar"),
    ]
    (proposal,) = link_proposals(claim, found, relations)
    assert (proposal.type, proposal.other_gold_id, proposal.outgoing) == (
        "ATTRIBUTED_TO",
        gold_source.id,
        True,
    )
    source = next(c for c in found if c.label == "SOURCE")
    assert link_proposals(source, found, relations) == []  # the claim is not in gold yet


def test_a_long_article_is_grouped_quickly_and_as_pair_by_pair_matching_would() -> None:
    rng = random.Random(7)
    spans = []
    for who in ("a", "b", "c"):
        for n in range(2000):
            start = n * 50 + rng.randrange(0, 6)
            label = rng.choice(["CLAIM", "SOURCE"])
            spans.append(
                Annotation(
                    len(spans) + 1,
                    1,
                    label,
                    start,
                    start + rng.randrange(5, 60),
                    "x",
                    annotator=who,
                )
            )
    began = time.perf_counter()
    found = candidates(spans, ["a", "b", "c"], "gold")
    assert time.perf_counter() - began < 2.0
    assert sum(len(c.spans) for c in found) == len(spans)
    # The same groups as the matchers over whole annotators would give, on a slice.
    small = [s for s in spans if s.start < 2000]
    by = {
        w: [Span(s.id, s.label, s.start, s.end) for s in small if s.annotator == w] for w in "abc"
    }
    pairs = set()
    for x, y in (("a", "b"), ("a", "c"), ("b", "c")):
        exact = exact_matches(by[x], by[y])
        rest = overlap_matches(
            [s for s in by[x] if s.id not in exact],
            [s for s in by[y] if s.id not in set(exact.values())],
        )
        pairs |= set((exact | rest).items())
    grouped = {frozenset(c.annotation_ids) for c in candidates(small, ["a", "b", "c"], "gold")}
    for x, y in pairs:
        assert any(x in g and y in g for g in grouped)
