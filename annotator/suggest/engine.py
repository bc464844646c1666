"""Running recommenders over an article and merging what they propose.

The merged candidates never overlap an annotation of the same label already in the
article, carry no duplicate spans, and keep only links whose two ends are kept.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from annotator.core.extents import Covered
from annotator.suggest import patterns
from annotator.suggest.model import Candidates, KnownSpan
from annotator.suggest.recommenders import DEFAULT_RECOMMENDERS, RECOMMENDERS
from annotator.suggest.strings import StringMatcher

__all__ = ["DEFAULT_RECOMMENDERS", "RECOMMENDERS", "Context", "run"]


@dataclass
class Context:
    """What recommenders may use beyond the text."""

    known: Sequence[KnownSpan] = ()
    strings: StringMatcher | None = None
    crf: Callable[[str], Candidates] | None = None
    extra: dict[str, Callable[[str], Candidates]] = field(default_factory=dict)


def run(
    text: str,
    names: Sequence[str] = DEFAULT_RECOMMENDERS,
    context: Context | None = None,
    threshold: float = 0.0,
) -> Candidates:
    """The merged candidates of the named recommenders for one article."""
    context = context or Context()
    results: list[Candidates] = []
    for name in names:
        if name == "patterns":
            results.append(patterns.suggest(text))
        elif name == "strings" and context.strings is not None:
            results.append(context.strings.suggest(text))
        elif name == "crf" and context.crf is not None:
            results.append(context.crf(text))
        elif name in context.extra:
            results.append(context.extra[name](text))
    return merge(results, context.known, threshold)


def merge(
    results: Sequence[Candidates], known: Sequence[KnownSpan] = (), threshold: float = 0.0
) -> Candidates:
    """One set of candidates: earlier recommenders win a tie of overlapping spans."""
    out = Candidates()
    annotated = Covered((k.label, k.start, k.end) for k in known)
    kept = _Kept()
    for result in results:
        keys: dict[int, int] = {}
        for span in result.spans:
            if span.score < threshold:
                continue
            if annotated.overlaps(span.label, span.start, span.end):
                continue
            if kept.overlaps(span.label, span.start, span.end):
                # The kept spans of a label never overlap each other, so a kept span of
                # the same extent is the only one this span can overlap.
                same = out.key_of(span.label, span.start, span.end)
                if same is not None:
                    keys[span.key] = same
                continue
            keys[span.key] = out.add_span(
                span.label, span.start, span.end, span.score, span.recommender
            )
            kept.add(span.label, span.start, span.end)
        for link in result.links:
            if link.score < threshold:
                continue
            a, b = keys.get(link.from_key), keys.get(link.to_key)
            if a is not None and b is not None:
                out.add_link(link.type, a, b, link.score, link.recommender)
    return out


class _Kept:
    """The spans merged so far, by label: those of one label never overlap each other.

    An empty span can only be kept where no other span covers its point, and nothing
    that covers a kept point is kept after it, so the non-empty spans of a label, sorted
    by start, are also sorted by end.
    """

    def __init__(self) -> None:
        self._spans: dict[str, tuple[list[int], list[int]]] = {}
        self._points: dict[str, list[int]] = {}

    def overlaps(self, label: str, start: int, end: int) -> bool:
        spans = self._spans.get(label)
        if spans is not None:
            starts, ends = spans
            before_end = bisect_left(starts, end)
            if before_end > 0 and ends[before_end - 1] > start:
                return True
        points = self._points.get(label)
        if points is None:
            return False
        after_start = bisect_right(points, start)
        return after_start < len(points) and points[after_start] < end

    def add(self, label: str, start: int, end: int) -> None:
        if start == end:
            insort(self._points.setdefault(label, []), start)
            return
        starts, ends = self._spans.setdefault(label, ([], []))
        at = bisect_left(starts, start)
        starts.insert(at, start)
        ends.insert(at, end)
