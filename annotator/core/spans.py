"""Word snapping and word motion over canonical text (code point offsets).

Tokens and sentences come from annotator.core.tokens, the one tokeniser.
"""

from __future__ import annotations

import unicodedata

from annotator.core.tokens import is_emoji_token, is_word_token, tokenize
from annotator.core.tokens import sentences as _sentences

# The punctuation annotators expect a selection to drop, plus Latin counterparts.
BOUNDARY_PUNCTUATION = frozenset("،؛؟.:!«»“”\"()[]{}‹›‘’'?,;…")
# Left-to-right and right-to-left marks sit between words; ZWNJ sits inside them.
_DIRECTION_MARKS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def is_boundary(ch: str) -> bool:
    """Whether a character separates words: white space, punctuation or a direction mark."""
    if ch.isspace() or ch in BOUNDARY_PUNCTUATION or ch in _DIRECTION_MARKS:
        return True
    category = unicodedata.category(ch)
    return category.startswith("P") and ch not in "-_"


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me")


def snap_to_characters(text: str, start: int, end: int) -> tuple[int, int]:
    """Keep a selection on whole characters: never split a letter from its diacritics."""
    start, end = sorted((max(0, start), min(len(text), end)))
    while 0 < start < len(text) and _is_mark(text[start]):
        start -= 1
    while end < len(text) and end > 0 and _is_mark(text[end]):
        end += 1
    return start, end


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop white space, punctuation and direction marks from both ends of a span."""
    while start < end and is_boundary(text[start]):
        start += 1
    while end > start and is_boundary(text[end - 1]):
        end -= 1
    return start, end


_OPENERS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”", "‹": "›", "‘": "’"}
_CLOSING = {v: k for k, v in _OPENERS.items()}
_SYMMETRIC_QUOTES = frozenset("\"'")


def _keep_at_edge(text: str, toks: list[tuple[int, int]], i: int, j: int, at_start: bool) -> bool:
    """Whether the edge token of toks[i:j] (the first or the last) stays in the span: a
    word, a number or a symbol ($, <, +) does; a bracket or quote does when its partner
    is inside the span, short of the other edge; punctuation, dashes and emoji do not.
    """
    s, e = toks[i] if at_start else toks[j - 1]
    if is_word_token(text, s, e):
        return True
    if is_emoji_token(text, s, e):
        return False
    mark = text[s:e]
    if unicodedata.category(mark[0]).startswith("S"):
        # Other symbols stay, as they always did: «$5», «<img …>», «+3».
        return True
    inner = [text[a:b] for a, b in (toks[i + 1 : j - 1] if j - i > 2 else [])]
    if at_start and mark in _OPENERS:
        return _OPENERS[mark] in inner
    if not at_start and mark in _CLOSING:
        return _CLOSING[mark] in inner
    if mark in _SYMMETRIC_QUOTES:
        return mark in inner
    return False


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a selection to whole tokens, and drop what may not stand at an edge.

    Every token the selection touches is taken whole (a number with its separators and
    percent sign, a hyphenated word). At each edge, punctuation, a dangling hyphen or
    dash and an emoji are dropped, and so is a bracket or quote whose partner is not
    inside the span.

    Returns:
        The snapped span; start == end when the selection held no word at all.
    """
    start, end = sorted((max(0, start), min(len(text), end)))
    if start == end:
        return start, start
    toks = [t for t in _tokens_near(text, start, end) if t[0] < end and t[1] > start]
    i, j = 0, len(toks)
    while i < j:
        if not _keep_at_edge(text, toks, i, j, at_start=True):
            i += 1
        elif not _keep_at_edge(text, toks, i, j, at_start=False):
            j -= 1
        else:
            return toks[i][0], toks[j - 1][1]
    return start, start


def _tokens_near(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The tokens around a selection: from the white space before it to the one after."""
    lo = start
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return tokenize(text, lo, hi)


def snap(text: str, start: int, end: int, words: bool = True) -> tuple[int, int]:
    """Snap a selection in word mode or in exact-characters mode.

    Exact mode keeps exactly the selected characters (quotes, a percent sign or a
    proclitic left out included); it only keeps each letter with its diacritics and
    drops white space at the edges.
    """
    if words:
        return snap_to_words(text, start, end)
    start, end = snap_to_characters(text, start, end)
    while start < end and (text[start].isspace() or text[start] in _DIRECTION_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _DIRECTION_MARKS):
        end -= 1
    return start, end


def word_at(text: str, pos: int) -> tuple[int, int]:
    """The word or number around ``pos`` (a whole token, as a double-click takes it), or
    (pos, pos) when ``pos`` is not in one."""
    if not 0 <= pos < len(text):
        return pos, pos
    for s, e in _tokens_near(text, pos, pos + 1):
        if s <= pos < e:
            return (s, e) if is_word_token(text, s, e) else (pos, pos)
    return pos, pos


def next_word_end(text: str, pos: int) -> int:
    """The end of the word at or after ``pos``."""
    n = len(text)
    while pos < n and is_boundary(text[pos]):
        pos += 1
    while pos < n and not is_boundary(text[pos]):
        pos += 1
    return pos


def previous_word_start(text: str, pos: int) -> int:
    """The start of the word at or before ``pos``."""
    while pos > 0 and is_boundary(text[pos - 1]):
        pos -= 1
    while pos > 0 and not is_boundary(text[pos - 1]):
        pos -= 1
    return pos


def next_word_start(text: str, pos: int) -> int:
    """The start of the next word after ``pos``."""
    n = len(text)
    while pos < n and not is_boundary(text[pos]):
        pos += 1
    while pos < n and is_boundary(text[pos]):
        pos += 1
    return pos


def previous_word_end(text: str, pos: int) -> int:
    """The end of the word before ``pos``."""
    while pos > 0 and not is_boundary(text[pos - 1]):
        pos -= 1
    while pos > 0 and is_boundary(text[pos - 1]):
        pos -= 1
    return pos


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The shared tokeniser's tokens (see annotator.core.tokens.tokenize)."""
    return tokenize(text, start, end)


def sentences(text: str) -> list[tuple[int, int]]:
    """The shared tokeniser's sentences (see annotator.core.tokens.sentences)."""
    return _sentences(text)


def move_edge(
    text: str, start: int, end: int, edge: str, outward: bool, words: bool = True
) -> tuple[int, int] | None:
    """Move one end of a span by a word or by a character.

    Args:
        text: the article text.
        start, end: the span (code points, end-exclusive).
        edge: "start" or "end".
        outward: grow the span at that edge (True) or shrink it (False).
        words: step by a word; otherwise by one character (a letter together with its
            diacritics, and never onto white space alone).

    Returns:
        The new (start, end), or None when the edge cannot move that way (the text
        ends there, or the span would become empty).
    """
    if edge not in ("start", "end"):
        raise ValueError(f"edge must be 'start' or 'end', not {edge!r}")
    n = len(text)
    if edge == "start":
        if outward:
            new = previous_word_start(text, start) if words else _char_before(text, start)
        else:
            new = next_word_start(text, start) if words else _char_after(text, start, end)
            while new < end and text[new].isspace():
                new += 1
        if (
            new == start
            or not 0 <= new < end
            or (words and outward and not _has_word(text, new, start))
        ):
            return None
        return new, end
    if outward:
        new = next_word_end(text, end) if words else _char_after(text, end, n)
    else:
        new = previous_word_end(text, end) if words else _char_before(text, end, start)
        while new > start and text[new - 1].isspace():
            new -= 1
    if new == end or not start < new <= n or (words and outward and not _has_word(text, end, new)):
        return None
    return start, new


def _has_word(text: str, start: int, end: int) -> bool:
    return any(not is_boundary(ch) for ch in text[start:end])


def _char_before(text: str, pos: int, floor: int = 0) -> int:
    """The start of the visible character before ``pos`` (white space is stepped over)."""
    p = pos
    while p > floor and text[p - 1].isspace():
        p -= 1
    if p == floor:
        return pos
    p -= 1
    while p > floor and _is_mark(text[p]):
        p -= 1
    return p


def _char_after(text: str, pos: int, ceiling: int) -> int:
    """The end of the visible character at ``pos`` (white space is stepped over)."""
    p = pos
    while p < ceiling and text[p].isspace():
        p += 1
    if p == ceiling:
        return pos
    p += 1
    while p < len(text) and _is_mark(text[p]):
        p += 1
    return p
