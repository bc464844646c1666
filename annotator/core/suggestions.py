"""Suggestion records and the undoable decisions on them (accept, reject).

A suggestion is not an annotation: it lives in its own table until an annotator
accepts it, when it becomes that annotator's own annotation and keeps a pointer back to
the suggestion (its provenance). A rejected suggestion stays as a row, so that the same
span is never proposed again for that article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from annotator.core.commands import Command, Compound, CreateAnnotation
from annotator.core.model import Annotation, Relation

STATES = ("pending", "accepted", "rejected")


# Slots: a long article has thousands, each one object instead of two for the collector.
@dataclass(frozen=True, slots=True)
class Suggestion:
    id: int
    article_id: int
    label: str
    start: int
    end: int
    text: str
    recommender: str
    score: float
    state: str = "pending"
    annotation_id: int | None = None
    decided_by: str = ""


@dataclass(frozen=True, slots=True)
class SuggestionLink:
    id: int
    article_id: int
    type: str
    from_id: int
    to_id: int
    recommender: str
    score: float
    state: str = "pending"
    relation_id: int | None = None


@dataclass
class Accepted:
    """What accepting made: the annotations and relations, and the links it accepted."""

    annotations: list[Annotation] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    suggestion_ids: list[int] = field(default_factory=list)
    link_ids: list[int] = field(default_factory=list)


class SuggestionStore(Protocol):
    def accept_suggestions(self, suggestion_ids: list[int], annotator: str) -> Accepted: ...

    def redo_accepted(self, accepted: Accepted) -> None: ...

    def undo_accepted(self, accepted: Accepted) -> None: ...

    def set_suggestion_state(self, suggestion_ids: list[int], state: str, who: str) -> None: ...


@dataclass
class AcceptSuggestions(Compound):
    """Accept suggestions as annotations of ``annotator``, with the links between them.

    Once done, ``commands`` holds one CreateAnnotation per annotation made (already
    created), so that whatever redraws after a Compound redraws these too.
    """

    suggestion_ids: list[int] = field(default_factory=list)
    annotator: str = ""
    accepted: Accepted | None = None

    def do(self, store: SuggestionStore) -> None:  # type: ignore[override]
        if self.accepted is None:
            self.accepted = store.accept_suggestions(self.suggestion_ids, self.annotator)
            self.commands = [
                CreateAnnotation(a.article_id, a.label, a.start, a.end, a.annotator, created=a)
                for a in self.accepted.annotations
            ]
        else:
            store.redo_accepted(self.accepted)

    def undo(self, store: SuggestionStore) -> None:  # type: ignore[override]
        assert self.accepted is not None
        store.undo_accepted(self.accepted)


@dataclass
class RejectSuggestions(Command):
    suggestion_ids: list[int]
    annotator: str = ""
    description: str = "reject suggestion"

    @property
    def text(self) -> str:  # type: ignore[override]
        return self.description

    def do(self, store: SuggestionStore) -> None:  # type: ignore[override]
        store.set_suggestion_state(self.suggestion_ids, "rejected", self.annotator)

    def undo(self, store: SuggestionStore) -> None:  # type: ignore[override]
        store.set_suggestion_state(self.suggestion_ids, "pending", "")
