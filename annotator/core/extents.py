"""Which spans of a label overlap a range, asked many times of one fixed set of spans."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable


class Covered:
    """The stretches each label's annotations cover in one article, asked "does an
    annotation of this label overlap this span?" in logarithmic time.

    Args:
        extents: (label, start, end) of every annotation of the article.
    """

    def __init__(self, extents: Iterable[tuple[str, int, int]]) -> None:
        by_label: dict[str, list[tuple[int, int]]] = {}
        for label, start, end in extents:
            by_label.setdefault(label, []).append((start, end))
        # Per label: starts in order, and the furthest end reached by any annotation up
        # to each of them.
        self._tables: dict[str, tuple[list[int], list[int]]] = {}
        for label, spans in by_label.items():
            spans.sort()
            furthest: list[int] = []
            reach = -1
            for _start, end in spans:
                reach = max(reach, end)
                furthest.append(reach)
            self._tables[label] = ([start for start, _ in spans], furthest)

    def overlaps(self, label: str, start: int, end: int) -> bool:
        table = self._tables.get(label)
        if table is None:
            return False
        starts, furthest = table
        before_end = bisect_left(starts, end)
        return before_end > 0 and furthest[before_end - 1] > start
