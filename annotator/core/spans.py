"""Word snapping, tokens and sentences over canonical text (code point offsets)."""

from __future__ import annotations

import unicodedata

# The punctuation annotators expect a selection to drop, plus Latin counterparts.
BOUNDARY_PUNCTUATION = frozenset("،؛؟.:!«»“”\"()[]{}‹›‘’'?,;…")
# Left-to-right and right-to-left marks sit between words; ZWNJ sits inside them.
_DIRECTION_MARKS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_SENTENCE_ENDS = frozenset(".؟!?")
# What may follow a sentence end and still belong to the sentence: closing quotes, more marks.
_SENTENCE_TAIL = _SENTENCE_ENDS | (BOUNDARY_PUNCTUATION - frozenset("(«“[{‹‘"))


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


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a selection to whole words and drop surrounding spaces and punctuation.

    Returns:
        The snapped span; start == end when the selection held no word at all.
    """
    start, end = sorted((max(0, start), min(len(text), end)))
    start, end = trim(text, start, end)
    if start == end:
        return start, start
    while start > 0 and not is_boundary(text[start - 1]):
        start -= 1
    while end < len(text) and not is_boundary(text[end]):
        end += 1
    return start, end


def snap(text: str, start: int, end: int, words: bool = True) -> tuple[int, int]:
    """Snap a selection in word mode or in exact-characters mode."""
    if words:
        return snap_to_words(text, start, end)
    start, end = snap_to_characters(text, start, end)
    return trim(text, start, end)


def word_at(text: str, pos: int) -> tuple[int, int]:
    """The word around ``pos``, or (pos, pos) when ``pos`` is not in a word."""
    return snap_to_words(text, pos, min(pos + 1, len(text)))


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
    """White-space-and-punctuation tokens: runs of word characters, and each punctuation mark.

    Returns:
        (start, end) code point spans.
    """
    end = len(text) if end is None else end
    result: list[tuple[int, int]] = []
    i = start
    while i < end:
        ch = text[i]
        if ch.isspace() or ch in _DIRECTION_MARKS:
            i += 1
        elif is_boundary(ch):
            result.append((i, i + 1))
            i += 1
        else:
            j = i + 1
            while j < end and not is_boundary(text[j]):
                j += 1
            result.append((i, j))
            i = j
    return result


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split on . ؟ ! ? followed by a space, and on line breaks.

    The Arabic comma and semicolon (، ؛) do not end a sentence, and neither does a
    full stop inside a number such as 5.5. Spans are trimmed of surrounding white
    space; empty lines give no sentence.
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    begin = 0
    i = 0
    while i <= n:
        at_end = i == n
        cut = at_end or text[i] == "\n"
        if not cut and text[i] in _SENTENCE_ENDS:
            j = i + 1
            while j < n and text[j] in _SENTENCE_TAIL:
                j += 1
            if j == n or text[j].isspace():
                i = j
                cut = True
        if cut:
            s, e = begin, i
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                spans.append((s, e))
            begin = i + 1 if i < n and text[i] == "\n" else i
        i += 1
    return spans


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
