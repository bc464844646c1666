"""Tokens and sentences for exports: one tokeniser that every token-based format shares.

``tokenize`` and ``sentences`` give code point spans of canonical text; ``split_at``
cuts tokens at span boundaries, so that a span that starts or ends inside a word still
falls on token edges.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from annotator.core import spans


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The tokens of ``text[start:end]`` as (start, end) code point offsets, in order."""
    return spans.tokens(text, start, end)


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as (start, end) code point offsets, in order."""
    return spans.sentences(text)


def split_at(tokens: list[tuple[int, int]], cuts: Iterable[int]) -> list[tuple[int, int]]:
    """``tokens`` with every token cut at each offset of ``cuts`` strictly inside it."""
    ordered = sorted(set(cuts))
    out: list[tuple[int, int]] = []

    for start, end in tokens:
        first = bisect_right(ordered, start)
        begin = start
        for cut in ordered[first:]:
            if cut >= end:
                break
            out.append((begin, cut))
            begin = cut
        out.append((begin, end))
    return out
