"""The records recommenders produce: scored candidate spans and links between them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SpanCandidate:
    """A proposed span; ``key`` names it within one article's candidates."""

    key: int
    label: str
    start: int
    end: int
    score: float
    recommender: str


@dataclass(frozen=True)
class LinkCandidate:
    """A proposed relation between two candidates (by key) of the same article."""

    type: str
    from_key: int
    to_key: int
    score: float
    recommender: str


@dataclass
class Candidates:
    """What a recommender proposes for one article."""

    spans: list[SpanCandidate] = field(default_factory=list)
    links: list[LinkCandidate] = field(default_factory=list)

    def add_span(self, label: str, start: int, end: int, score: float, recommender: str) -> int:
        """Add a span, or return the key of the same span already there."""
        for span in self.spans:
            if (span.label, span.start, span.end) == (label, start, end):
                return span.key
        key = len(self.spans) + 1
        self.spans.append(SpanCandidate(key, label, start, end, score, recommender))
        return key

    def add_link(
        self, type_: str, from_key: int, to_key: int, score: float, recommender: str
    ) -> None:
        if from_key == to_key:
            return
        if any((x.type, x.from_key, x.to_key) == (type_, from_key, to_key) for x in self.links):
            return
        self.links.append(LinkCandidate(type_, from_key, to_key, score, recommender))


@dataclass(frozen=True)
class KnownSpan:
    """An annotation already in the article (what suggestions must not duplicate)."""

    label: str
    start: int
    end: int
    text: str = ""
