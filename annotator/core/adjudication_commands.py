"""Adjudication decisions as undoable commands.

Accept, reject and reopen are each one ``Compound`` of small commands, so that a
decision is one transaction and one undo step, on the window's undo stack as on a
``CommandStack``. Every decision first clears what the candidate had (its stored
decision and its gold copy), so that changing one's mind is a single step too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from annotator.core.adjudication import (
    ACCEPTED,
    REJECTED,
    Candidate,
    Decision,
    LinkProposal,
)
from annotator.core.commands import (
    AnnotationStore,
    Command,
    Compound,
    CreateAnnotation,
    DeleteAnnotation,
    Link,
    flatten,
)
from annotator.core.model import now_iso


class DecisionStore(AnnotationStore, Protocol):
    """What decisions need from storage, besides annotations."""

    def record_decision(self, decision: Decision, keep_id: bool = False) -> Decision: ...

    def delete_decision(self, decision_id: int) -> Decision: ...


@dataclass
class Decide(Command):
    """Store a decision; for an acceptance, the gold copy is made by ``gold_copy``."""

    decision: Decision
    gold_copy: CreateAnnotation | None = None
    recorded: Decision | None = None

    text = "decide"

    def do(self, store: DecisionStore) -> None:  # type: ignore[override]
        if self.recorded is None:
            decision = self.decision
            if self.gold_copy is not None:
                assert self.gold_copy.created is not None, "the gold copy is made first"
                made = self.gold_copy.created
                decision = replace(decision, gold_id=made.id, gold_created=made.created)
            self.recorded = store.record_decision(decision)
        else:
            store.record_decision(self.recorded, keep_id=True)

    def undo(self, store: DecisionStore) -> None:  # type: ignore[override]
        assert self.recorded is not None
        store.delete_decision(self.recorded.id)


@dataclass
class Undecide(Command):
    decision_id: int
    removed: Decision | None = None

    text = "reopen"

    def do(self, store: DecisionStore) -> None:  # type: ignore[override]
        self.removed = store.delete_decision(self.decision_id)

    def undo(self, store: DecisionStore) -> None:  # type: ignore[override]
        assert self.removed is not None
        store.record_decision(self.removed, keep_id=True)


@dataclass
class LinkGoldCopy(Link):
    """A link from (or to) a gold copy made earlier in the same step."""

    gold_copy: CreateAnnotation | None = None
    other_id: int = 0
    outgoing: bool = True

    def do(self, store: AnnotationStore) -> None:
        if self.created is None:
            assert self.gold_copy is not None and self.gold_copy.created is not None
            new = self.gold_copy.created.id
            self.from_id, self.to_id = (
                (new, self.other_id) if self.outgoing else (self.other_id, new)
            )
        super().do(store)


def _clear(candidate: Candidate) -> list[Command]:
    """Forget what was decided: the stored decision, then the gold copy."""
    steps: list[Command] = []
    if candidate.decision is not None:
        steps.append(Undecide(candidate.decision.id))
    if candidate.gold_span is not None:
        steps.append(DeleteAnnotation(candidate.gold_span.id))
    return steps


def _decision(candidate: Candidate, gold: str, verdict: str, curator: str) -> Decision:
    return Decision(
        id=0,
        article_id=candidate.article_id,
        gold=gold,
        candidate=candidate.key,
        label=candidate.label,
        start=candidate.start,
        end=candidate.end,
        decision=verdict,
        curator=curator,
        created=now_iso(),
    )


def accept(
    candidate: Candidate,
    version: int,
    gold: str,
    curator: str,
    links: list[LinkProposal] = [],  # noqa: B006 - never mutated
) -> Compound:
    """Copy one version of a candidate into gold, with the links it proposes.

    Args:
        candidate: the candidate.
        version: the index of the version to copy (0: the one most annotators chose).
        gold: the gold layer's annotator name.
        curator: who decides.
        links: links to the gold copies of candidates accepted before
            (``link_proposals``).
    """
    chosen = candidate.versions[version]
    copy = CreateAnnotation(
        candidate.article_id,
        candidate.label,
        chosen.start,
        chosen.end,
        gold,
        dict(chosen.attributes),
    )
    steps = _clear(candidate)
    steps.append(copy)
    steps += [
        LinkGoldCopy(
            p.type, 0, 0, gold, gold_copy=copy, other_id=p.other_gold_id, outgoing=p.outgoing
        )
        for p in links
    ]
    steps.append(Decide(_decision(candidate, gold, ACCEPTED, curator), copy))
    return Compound(steps, f"accept {candidate.label}")


def reject(candidate: Candidate, gold: str, curator: str) -> Compound:
    """Leave a candidate out of gold, for good (its gold copy, if any, goes)."""
    steps = _clear(candidate)
    steps.append(Decide(_decision(candidate, gold, REJECTED, curator)))
    return Compound(steps, f"reject {candidate.label}")


def reopen(candidate: Candidate) -> Compound | None:
    """Undecide a candidate: no decision and no gold copy; None when it had neither."""
    steps = _clear(candidate)
    return Compound(steps, f"reopen {candidate.label}") if steps else None


def decided_keys(command: Command) -> set[str]:
    """The candidates (by key) whose decision a command records or removes."""
    keys = set()
    for step in flatten(command):
        if isinstance(step, Decide):
            keys.add(step.decision.candidate)
        elif isinstance(step, Undecide) and step.removed is not None:
            keys.add(step.removed.candidate)
    return keys
