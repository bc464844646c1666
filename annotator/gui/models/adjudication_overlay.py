"""What adjudication draws over the article, indexed by paragraph (no Qt here).

Each compared annotator has a lane under the text, in the order chosen; a candidate's
spans are drawn in their annotators' lanes, in the label's colour, so that different
boundaries and different labels show as lanes of different length or colour. The
stretches some annotators covered and others did not are the differences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.adjudication import Candidate


OPEN, ACCEPTED, REJECTED = "open", "accepted", "rejected"


@dataclass(frozen=True)
class LaneMark:
    """One annotator's span of one candidate."""

    start: int
    end: int
    label: str
    lane: int
    candidate: int  # index into the article's candidates


@dataclass
class Overlay:
    """Lanes, differences and the current candidate of the open article."""

    annotators: list[str]
    states: list[str] = field(default_factory=list)
    extents: list[tuple[int, int]] = field(default_factory=list)
    marks: dict[int, list[LaneMark]] = field(default_factory=dict)
    differences: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)
    current: int | None = None

    @classmethod
    def build(
        cls, found: list[Candidate], annotators: list[str], block_of: Callable[[int], int]
    ) -> Overlay:
        """Index the candidates' spans and differences by the paragraphs they touch."""
        overlay = cls(list(annotators))
        marks: defaultdict[int, list[LaneMark]] = defaultdict(list)
        differences: defaultdict[int, list[tuple[int, int, int]]] = defaultdict(list)
        lanes = {name: n for n, name in enumerate(annotators)}
        for index, candidate in enumerate(found):
            overlay.states.append(
                ACCEPTED if candidate.accepted else REJECTED if candidate.rejected else OPEN
            )
            overlay.extents.append((candidate.start, candidate.end))
            for ann in candidate.spans:
                mark = LaneMark(ann.start, ann.end, ann.label, lanes[ann.annotator], index)
                for block in range(block_of(ann.start), block_of(ann.end - 1) + 1):
                    marks[block].append(mark)
            for start, end in candidate.differences:
                for block in range(block_of(start), block_of(end - 1) + 1):
                    differences[block].append((start, end, index))
        overlay.marks, overlay.differences = dict(marks), dict(differences)
        return overlay

    def at(self, cp: int) -> list[int]:
        """Candidates whose extent holds ``cp``, open ones first, then innermost."""
        hits = [i for i, (start, end) in enumerate(self.extents) if start <= cp < end]
        hits.sort(key=lambda i: (self.states[i] != OPEN, self.extents[i][1] - self.extents[i][0]))
        return hits
