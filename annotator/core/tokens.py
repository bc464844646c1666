"""The one tokeniser: words, numbers, emoji and punctuation, and sentences (code points).

Every place that counts words uses it: word snapping, the CoNLL and XMI exports and
token-level agreement. Its rules:

- A word is a run of letters, combining marks, digits, tatweel and ZWNJ/ZWJ; a hyphen
  or an apostrophe between two letters or digits stays inside it (``COVID-19``).
- A number is one token with its decimal and thousands separators, time and date
  separators (``5.5``, ``٥٫٥``, ``1,250``, ``١٬٠٠٠``, ``11:00``, ``15/03/2024``), in
  ASCII, Arabic-Indic and Extended Arabic-Indic digits, and a percent sign right after
  it belongs to it (``85%``, ``٨٥٪``).
- Initials with full stops are one token (``U.S.``).
- An emoji is a token of its own, with its skin tone, variation selector, keycap and
  ZWJ-joined parts; a pair of regional indicators (a flag) is one token.
- Every other punctuation mark or symbol is a token of one character.
- White space and direction marks separate tokens and belong to none.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache

_DIRECTION_MARKS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_ZWNJ, _ZWJ = "\u200c", "\u200d"
# Between digits these keep a number whole: decimal, thousands, time and date separators.
_NUMBER_JOINERS = frozenset(".,:/-\u066b\u066c")
_PERCENT = frozenset("%\u066a\u2030")
# Between two letters or digits these keep a word whole.
_WORD_JOINERS = frozenset("-\u2010\u2011'\u2019")
_SENTENCE_ENDS = frozenset(".؟!?\u06d4\u2026")
_CLOSERS = frozenset("»”’\"')]}›")
# A full stop after one of these is an abbreviation, not the end of a sentence.
_ABBREVIATIONS = frozenset(
    ["د", "م", "أ", "ص", "ج", "ق", "دكتور", "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc"]
)


@lru_cache(maxsize=8192)
def _kind(ch: str) -> str:
    """'w' word character, 'd' digit, 's' space, 'e' emoji, 'p' anything else."""
    if ch.isspace() or ch in _DIRECTION_MARKS:
        return "s"
    if ch.isdecimal():
        return "d"
    code = ord(ch)
    if ch in (_ZWNJ, "\u0640"):
        return "w"
    category = unicodedata.category(ch)
    if category[0] in "LM" or category == "Nl":
        return "w"
    if _is_emoji_base(code):
        return "e"
    return "p"


def _is_emoji_base(code: int) -> bool:
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x2B00 <= code <= 0x2BFF
        or 0x2190 <= code <= 0x21FF
        or 0x2300 <= code <= 0x23FF
        or code in (0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D)
    )


def _is_emoji_modifier(ch: str) -> bool:
    code = ord(ch)
    return (
        0x1F3FB <= code <= 0x1F3FF  # skin tones
        or code in (0xFE0F, 0xFE0E, 0x20E3)  # variation selectors, keycap
        or 0xE0020 <= code <= 0xE007F  # tag sequences (subdivision flags)
    )


def _is_regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def is_word_token(text: str, start: int, end: int) -> bool:
    """Whether a token holds a letter or a digit (a word or a number)."""
    return any(
        _kind(ch) in "wd" and not unicodedata.category(ch).startswith("M") for ch in text[start:end]
    )


def is_emoji_token(text: str, start: int, end: int) -> bool:
    """Whether a token is an emoji (or a flag)."""
    return start < end and (_kind(text[start]) == "e" or _is_regional(text[start]))


def _emoji_end(text: str, i: int, end: int) -> int:
    if _is_regional(text[i]):
        j = i + 1
        if j < end and _is_regional(text[j]):
            j += 1
        return j
    j = i + 1
    while j < end:
        ch = text[j]
        if _is_emoji_modifier(ch):
            j += 1
        elif ch == _ZWJ and j + 1 < end and _kind(text[j + 1]) == "e":
            j += 2
        else:
            break
    return j


def _word_end(text: str, i: int, end: int) -> int:
    """The end of the word or number starting at ``i``."""
    numeric = _kind(text[i]) == "d"
    j = i + 1
    while j < end:
        kind = _kind(text[j])
        if kind == "w" or kind == "d":
            if kind == "w" and not unicodedata.category(text[j]).startswith("M"):
                numeric = False
            j += 1
            continue
        if text[j] == _ZWJ and j + 1 < end and _kind(text[j + 1]) == "w":
            j += 1
            continue
        nxt = text[j + 1] if j + 1 < end else ""
        prev_digit = _kind(text[j - 1]) == "d"
        if prev_digit and text[j] in _NUMBER_JOINERS and nxt and _kind(nxt) == "d":
            j += 1
            continue
        if text[j] in _WORD_JOINERS and nxt and _kind(nxt) in "wd" and not numeric:
            j += 1
            continue
        if text[j] in _WORD_JOINERS and nxt and numeric and _kind(nxt) == "w":
            # 19-year-old: a number joined to a word is one word.
            numeric = False
            j += 1
            continue
        if text[j] in _PERCENT and prev_digit:
            j += 1
        break
    return j


def _initials_end(text: str, i: int, end: int) -> int | None:
    """The end of initials such as U.S. starting at ``i``, or None."""
    j = i
    count = 0
    while (
        j + 1 < end
        and text[j].isalpha()
        and text[j].isascii()
        and text[j + 1] == "."
        and (j == i or text[j - 1] == ".")
    ):
        j += 2
        count += 1
        if j < end and _kind(text[j]) in "wd" and not (j + 1 < end and text[j + 1] == "."):
            return None
    return j if count >= 2 else None


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The tokens of ``text[start:end]`` (see the module's rules).

    Returns:
        (start, end) code point spans, in order, never overlapping.
    """
    end = len(text) if end is None else end
    result: list[tuple[int, int]] = []
    i = start
    while i < end:
        ch = text[i]
        kind = _kind(ch)
        if kind == "s":
            i += 1
            continue
        if kind == "e" or _is_regional(ch):
            j = _emoji_end(text, i, end)
        elif kind in "wd":
            if unicodedata.category(ch).startswith("M") and result and result[-1][1] == i:
                # A mark on a punctuation mark or an emoji stays with it.
                s, _ = result.pop()
                result.append((s, i + 1))
                i += 1
                continue
            initials = _initials_end(text, i, end) if ch.isascii() else None
            j = initials if initials is not None else _word_end(text, i, end)
        else:
            j = i + 1
        result.append((i, j))
        i = j
    return result


def split_at(tokens: list[tuple[int, int]], cuts: Iterable[int]) -> list[tuple[int, int]]:
    """Split each token at every cut strictly inside it.

    Args:
        tokens: ordered, non-overlapping spans (as ``tokenize`` gives).
        cuts: offsets, typically the starts and ends of annotations.
    """
    ordered = sorted(set(cuts))
    if not ordered:
        return list(tokens)
    result: list[tuple[int, int]] = []
    for s, e in tokens:
        k = bisect_right(ordered, s)
        while k < len(ordered) and ordered[k] < e:
            result.append((s, ordered[k]))
            s = ordered[k]
            k += 1
        result.append((s, e))
    return result


def _sentence_end(text: str, tokens: list[tuple[int, int]], k: int) -> int | None:
    """The index of the last token of a sentence that ends at token ``k``, or None."""
    s, e = tokens[k]
    mark = text[s:e]
    if mark not in _SENTENCE_ENDS:
        return None
    if mark == "." and k > 0:
        ps, pe = tokens[k - 1]
        before = text[ps:pe]
        short = len(before) == 1 and before.isalpha()
        if pe == s and (short or before.casefold() in _ABBREVIATIONS):
            return None
    # Closing quotes and more stops right after the stop stay in the sentence.
    while (
        k + 1 < len(tokens)
        and tokens[k + 1][0] == tokens[k][1]
        and text[tokens[k + 1][0] : tokens[k + 1][1]] in _CLOSERS | _SENTENCE_ENDS
    ):
        k += 1
    # The next token must be apart (a space) for a stop to end a sentence.
    if k + 1 < len(tokens) and tokens[k + 1][0] == tokens[k][1]:
        return None
    return k


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split after . ؟ ! ? ۔ … and at line breaks, never at ، or ؛.

    A full stop after an abbreviation («د.», "Dr.") or in initials ("U.S.") does not end a
    sentence. Closing quotes and brackets right after the stop stay in the sentence.
    Spans are trimmed of white space; empty lines give no sentence.
    """
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        toks = tokenize(text, line_start, line_end)
        begin: int | None = None
        k = 0
        while k < len(toks):
            if begin is None:
                begin = toks[k][0]
            last = _sentence_end(text, toks, k)
            if last is not None:
                spans.append((begin, toks[last][1]))
                begin = None
                k = last
            k += 1
        if begin is not None:
            spans.append((begin, toks[-1][1]))
        line_start = line_end + 1
    return spans
