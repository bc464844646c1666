"""The records recommenders produce: scored candidate spans and links between them."""

from __future__ import annotations

from dataclasses import dataclass, field

# Candidates as plain rows, cheap to send between processes and to store:
# (key, label, start, end, score, recommender) and (type, from key, to key, score,
# recommender).
SpanRow = tuple[int, str, int, int, float, str]
LinkRow = tuple[str, int, int, float, str]


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
    # Looking a span or link up by its identity keeps a long article's candidates linear
    # (a scan of the list for each new one made a 1 MB article take minutes). The lists
    # stay the record: whatever was put in them directly is indexed when next asked.
    _span_keys: dict[tuple[str, int, int], int] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _spans_indexed: int = field(default=0, init=False, repr=False, compare=False)
    _link_keys: set[tuple[str, int, int]] = field(
        default_factory=set, init=False, repr=False, compare=False
    )
    _links_indexed: int = field(default=0, init=False, repr=False, compare=False)

    def key_of(self, label: str, start: int, end: int) -> int | None:
        """The key of the first span with this label and extent, if there is one."""
        for span in self.spans[self._spans_indexed :]:
            self._span_keys.setdefault((span.label, span.start, span.end), span.key)
        self._spans_indexed = len(self.spans)
        return self._span_keys.get((label, start, end))

    def add_span(self, label: str, start: int, end: int, score: float, recommender: str) -> int:
        """Add a span, or return the key of the same span already there."""
        existing = self.key_of(label, start, end)
        if existing is not None:
            return existing
        key = len(self.spans) + 1
        self.spans.append(SpanCandidate(key, label, start, end, score, recommender))
        return key

    def rows(self) -> tuple[list[SpanRow], list[LinkRow]]:
        """The spans and links as plain rows (see ``SpanRow`` and ``LinkRow``)."""
        return (
            [(s.key, s.label, s.start, s.end, s.score, s.recommender) for s in self.spans],
            [(x.type, x.from_key, x.to_key, x.score, x.recommender) for x in self.links],
        )

    def add_link(
        self, type_: str, from_key: int, to_key: int, score: float, recommender: str
    ) -> None:
        if from_key == to_key:
            return
        for link in self.links[self._links_indexed :]:
            self._link_keys.add((link.type, link.from_key, link.to_key))
        self._links_indexed = len(self.links)
        if (type_, from_key, to_key) in self._link_keys:
            return
        self.links.append(LinkCandidate(type_, from_key, to_key, score, recommender))


@dataclass(frozen=True)
class KnownSpan:
    """An annotation already in the article (what suggestions must not duplicate)."""

    label: str
    start: int
    end: int
    text: str = ""
