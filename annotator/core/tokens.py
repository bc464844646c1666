"""The shared tokeniser: word and punctuation tokens, cuts inside tokens, sentences.

Offsets are code points into the canonical text, end-exclusive.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core import spans


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Runs of word characters, and each punctuation mark, between ``start`` and ``end``."""
    return spans.tokens(text, start, end)


def split_at(tokens: list[tuple[int, int]], cuts: Iterable[int]) -> list[tuple[int, int]]:
    """Split tokens at the given offsets (a proclitic cut off its word, for example).

    A cut on a token's edge or outside every token changes nothing.
    """
    ordered = sorted(set(cuts))
    result: list[tuple[int, int]] = []
    for start, end in tokens:
        pos = start
        for cut in ordered:
            if pos < cut < end:
                result.append((pos, cut))
                pos = cut
        result.append((pos, end))
    return result


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split on . ؟ ! and line breaks, never on ، or ؛."""
    return spans.sentences(text)
