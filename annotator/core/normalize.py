"""Search normalisation: match what readers treat as the same.

Diacritics and tatweel are dropped, alef forms, alef maqsura and (by default) ta marbuta
are folded, and Latin letters are case-folded. This is applied to a copy used for
searching; the stored text is never rewritten.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DROPPED = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
)
_FOLDED = {
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ
    "\u0649": "\u064a",  # ى -> ي
}
_TA_MARBUTA = {"\u0629": "\u0647"}  # ة -> ه


@lru_cache(maxsize=4096)
def _fold_char(ch: str, fold_ta_marbuta: bool) -> str:
    if ch in _DROPPED:
        return ""
    if ch in _FOLDED:
        return _FOLDED[ch]
    if fold_ta_marbuta and ch in _TA_MARBUTA:
        return _TA_MARBUTA[ch]
    return ch.casefold()


# One regular-expression pass and a few str.replace calls run at C speed; str.translate
# with a dict is several times slower on non-ASCII text.
_DROPPED_RE = re.compile("[" + "".join(sorted(_DROPPED)) + "]")


def normalise_for_search(text: str, fold_ta_marbuta: bool = True) -> str:
    """The search form of a text (or of a query)."""
    if text.isascii():
        return text.casefold()
    text = _DROPPED_RE.sub("", text)
    for variant, base in _FOLDED.items():
        text = text.replace(variant, base)
    if fold_ta_marbuta:
        text = text.replace("\u0629", "\u0647")
    return text.casefold()


# Non-ASCII punctuation, spaces, symbols and emoji. SQLite's 'ascii' tokenizer splits
# only on ASCII separators, so these become spaces in the index copy. An explicit class
# scans several times faster than [^\w].
_NON_ASCII_SEPARATORS = re.compile(
    "["
    "\u00a0-\u00bf\u00d7\u00f7"  # Latin-1 punctuation and signs, « »
    "\u060c\u061b\u061f\u066a-\u066d\u06d4"  # ، ؛ ؟ ٪ ٫ ٬ ٭ ۔
    "\u2000-\u206f"  # general punctuation: spaces, dashes, quotes, ellipsis, marks
    "\u2190-\u2bff"  # arrows, symbols, shapes
    "\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe4f\uff01-\uff0f"
    "\U0001f000-\U0001faff"  # emoji
    "]+"
)


def search_index_form(text: str) -> str:
    """The normalised copy kept in the search index, and the form of a query.

    Punctuation becomes a space here, so that SQLite's fast 'ascii' tokenizer sees
    Arabic words as words.
    """
    return _NON_ASCII_SEPARATORS.sub(" ", normalise_for_search(text))


def normalise_with_map(text: str, fold_ta_marbuta: bool = True) -> tuple[str, list[int]]:
    """The search form of a text, and for each of its characters the source offset.

    Returns:
        (normalised, origin) where origin[i] is the code point offset in ``text`` of
        the character that produced normalised[i]; origin has one extra entry,
        len(text), so that an end offset maps too.
    """
    parts: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch, fold_ta_marbuta)
        parts.append(folded)
        origin.extend([i] * len(folded))
    origin.append(len(text))
    return "".join(parts), origin


def find_all(text: str, query: str, fold_ta_marbuta: bool = True) -> list[tuple[int, int]]:
    """Every match of ``query`` in ``text``, ignoring diacritics, tatweel and letter variants.

    Returns:
        (start, end) code point spans into ``text``. A match ends after the last
        matched letter and any diacritics that sit on it.
    """
    needle = normalise_for_search(query, fold_ta_marbuta)
    if not needle.strip():
        return []
    haystack, origin = normalise_with_map(text, fold_ta_marbuta)
    spans: list[tuple[int, int]] = []
    pos = haystack.find(needle)
    while pos != -1:
        start = origin[pos]
        end = origin[pos + len(needle) - 1] + 1
        while end < len(text) and text[end] in _DROPPED and text[end] != "\u0640":
            end += 1
        spans.append((start, end))
        pos = haystack.find(needle, pos + len(needle))
    return spans
