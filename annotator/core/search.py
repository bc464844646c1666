"""The one search matcher: Arabic words with their proclitics, never inside another word.

Every search uses it: ``annotator list --search``, the window's article filter (through
the store's index) and the window's find. Both the text and the query are folded:

- diacritics, tatweel, ZWNJ/ZWJ and direction marks are dropped;
- alef forms (أ إ آ ٱ) become ا, ى and Persian ی become ي, Persian ک becomes ك,
  hamza seats (ؤ ئ) become ء (مسؤول = مسئول), ة becomes ه;
- Arabic-Indic and Extended Arabic-Indic digits become ASCII digits;
- Latin is case-folded;
- white space (NBSP too), punctuation, ﴿ ﴾ ؍, symbols and emoji separate words.

A query word matches a text word when they are equal, or when the text word is the query
word with proclitics in front (و ف ب ل ك, ال and their combinations: وال بال لل …), provided
the query word has at least two letters. A query word that carries the article
(«الوزارة») matches as its bare form («وزارة») does. In suffix mode (``stem``) a text
word may also carry a pronoun suffix (ه ها هم هما كم كن هن نا ي), the plural ات, or both;
a word in ة may end in ت+suffix. Words in a quoted phrase ("…") must follow each other; words typed
together with punctuation («COVID-19», «5.5») are a phrase too. Every word or phrase of
the query must occur.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from annotator.core.text import canonicalise

_DROPPED = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + [chr(c) for c in range(0x0300, 0x0370)]
    + list(
        "\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
    )
)
_FOLDED = {
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ
    "\u0649": "\u064a",  # ى
    "\u06cc": "\u064a",  # Persian ی
    "\u06a9": "\u0643",  # Persian ک
    "\u0624": "\u0621",  # ؤ
    "\u0626": "\u0621",  # ئ
    "\u0629": "\u0647",  # ة
}
for _zero in (0x0660, 0x06F0):
    for _n in range(10):
        _FOLDED[chr(_zero + _n)] = str(_n)
# One regular-expression pass and a few str.replace calls run at C speed; str.translate
# with a dict is several times slower on Arabic text, and an explicit class of
# separators scans faster than [\W_] (a space stays as it is, so few characters match).
_DROPPED_RE = re.compile("[" + "".join(_DROPPED) + "]")
_SEPARATOR = re.compile(
    "["
    + re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
    + "\t\n\x0b\x0c\r\x1c-\x1f\x85"
    + "\u00a0-\u00bf\u00d7\u00f7"  # NBSP, Latin-1 punctuation and signs, « »
    + "\u060c\u060d\u061b\u061f\u066a-\u066d\u06d4\ufd3e\ufd3f"  # ، ؍ ؛ ؟ ٪ ٫ ٬ ٭ ۔ ﴾ ﴿
    + "\u1680\u2000-\u206f"  # spaces, dashes, quotes, ellipsis, marks
    + "\u20a0-\u20ff\u2100-\u214f\u2190-\u2bff"  # currency, letterlike, arrows, symbols
    + "\u3000-\u303f\ufe00-\ufe1f\ufe30-\ufe4f\uff01-\uff0f"
    + "\U0001f000-\U0001faff\U000e0020-\U000e007f"  # emoji, skin tones, flag tags
    + "]"
)

_PROCLITICS = sorted(
    {c + m for c in ("", "و", "ف") for m in ("", "ب", "ك", "ل", "ال", "بال", "كال", "لل")} - {""},
    key=len,
    reverse=True,
)
_PROCLITIC_INITIALS = frozenset(p[0] for p in _PROCLITICS)
_PRONOUNS = ("هما", "هم", "ها", "هن", "كما", "كم", "كن", "نا", "ه", "ي")
_PREFIX = "(?:" + "|".join(_PROCLITICS) + ")?"
_SUFFIX = "(?:" + "|".join(_PRONOUNS) + "|ات(?:" + "|".join(_PRONOUNS) + ")?)?"
_TA_SUFFIX = "(?:ه|(?:ات|ت)(?:" + "|".join(_PRONOUNS) + ")?)"
_QUOTED = re.compile(r'"([^"]*)"?|“([^”]*)”?|«([^»]*)»?|(\S+)')


def fold(text: str) -> str:
    """The search form of a text: folded words; every separator is a space."""
    text = _DROPPED_RE.sub("", text.casefold())
    for variant, base in _FOLDED.items():
        if variant in text:
            text = text.replace(variant, base)
    return _SEPARATOR.sub(" ", text)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return fold(ch)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """``fold(text)``, and for each of its characters the offset it came from in ``text``
    (plus one last entry, len(text))."""
    parts: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        parts.append(folded)
        origin.extend([i] * len(folded))
    origin.append(len(text))
    return "".join(parts), origin


@lru_cache(maxsize=65536)
def strip_proclitics(word: str) -> tuple[str, ...]:
    """Every form of a folded word without proclitics that leaves two letters or more."""
    return tuple(
        word[len(p) :] for p in _PROCLITICS if word.startswith(p) and len(word) - len(p) >= 2
    )


def index_form(text: str) -> str:
    """What the search index holds for a text: each distinct folded word and each of its
    forms without proclitics, separated by spaces. The index keeps neither positions nor
    counts (detail=none), so each word once is enough, in any order."""
    # fold() maps each character on its own and keeps white space white, so the folded
    # words of a text are those of its white-space-separated pieces: each distinct piece
    # is folded once, and the pieces of news text repeat across a corpus.
    known = _PIECE_FORMS
    pieces = set(text.split())
    new = pieces.difference(known)
    if new:
        if len(known) + len(new) > _PIECE_FORMS_MAX:
            known.clear()
            new = pieces
        known.update({piece: _piece_forms(piece) for piece in new})
    return " ".join(set(chain.from_iterable(map(known.__getitem__, pieces))))


_PIECE_FORMS: dict[str, tuple[str, ...]] = {}
_PIECE_FORMS_MAX = 200_000


def _piece_forms(piece: str) -> tuple[str, ...]:
    """The index forms of one white-space-free piece of text."""
    words = set(fold(piece).split())
    prefixed = [w for w in words if w[0] in _PROCLITIC_INITIALS and len(w) > 2]
    return tuple(words.union(*map(strip_proclitics, prefixed)))


def _base(word: str) -> str:
    """A query word as it is matched: without the article when it carries one."""
    if word.startswith("ال") and len(word) >= 4:
        return word[2:]
    return word


def _word_pattern(word: str, stem: bool) -> str:
    base = _base(word)
    prefix = _PREFIX if len(base) >= 2 else ""
    if not stem:
        return prefix + re.escape(base)
    if base.endswith("ه") and len(base) >= 3:
        return prefix + re.escape(base[:-1]) + _TA_SUFFIX
    return prefix + re.escape(base) + _SUFFIX


@dataclass(frozen=True)
class Query:
    """A parsed query: its terms (each a tuple of folded words that must follow each
    other) and whether suffixes are allowed."""

    terms: tuple[tuple[str, ...], ...]
    stem: bool = False

    def index_match(self) -> str:
        """An FTS5 query over ``index_form`` that every matching text satisfies."""
        parts = []
        for term in self.terms:
            for word in term:
                base = _base(word)
                if self.stem:
                    stem = base[:-1] if base.endswith("ه") and len(base) >= 3 else base
                    parts.append(f'"{stem}"*')
                else:
                    parts.append(f'"{base}"')
        return " ".join(parts)

    @property
    def exact_in_index(self) -> bool:
        """Whether the index alone decides (single words without suffix mode), so that
        texts need not be read again."""
        return not self.stem and all(len(term) == 1 for term in self.terms)


def parse_query(text: str, stem: bool = False) -> Query | None:
    """The query for what a user typed, canonicalised as texts are; None when it holds
    no word at all."""
    terms: list[tuple[str, ...]] = []
    for match in _QUOTED.finditer(canonicalise(text)):
        chunk = next(g for g in match.groups() if g is not None)
        words = tuple(fold(chunk).split())
        if words and words not in terms:
            terms.append(words)
    return Query(tuple(terms), stem) if terms else None


@lru_cache(maxsize=64)
def _compiled(query: Query) -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(
            # A word is what lies between separators, which fold made spaces.
            "(?<![^ ])" + " +".join(_word_pattern(w, query.stem) for w in term) + "(?![^ ])"
        )
        for term in query.terms
    )


class Matcher:
    """Matches one query against texts.

    Args:
        query: what the user typed.
        stem: also match pronoun suffixes and plural ات (suffix mode).
    """

    def __init__(self, query: str, stem: bool = False) -> None:
        self.query = parse_query(query, stem)
        self._patterns = _compiled(self.query) if self.query is not None else ()

    def finds(self, text: str) -> bool:
        """Whether every word or phrase of the query occurs in ``text``."""
        if not self._patterns:
            return False
        folded = fold(text)
        return all(p.search(folded) for p in self._patterns)

    def matches(self, text: str) -> list[tuple[int, int]]:
        """Every occurrence, as (start, end) code points of the stored text, in order:
        whole words, with the diacritics on their last letter; nothing unless every
        word or phrase of the query occurs."""
        if not self._patterns:
            return []
        folded, origin = fold_with_map(text)
        found: list[tuple[int, int]] = []
        for pattern in self._patterns:
            spans = [(origin[m.start()], origin[m.end() - 1] + 1) for m in pattern.finditer(folded)]
            if not spans:
                return []
            found.extend(spans)
        result = []
        for start, end in sorted(set(found)):
            while end < len(text) and not _fold_char(text[end]):
                end += 1
            result.append((start, end))
        return result


def finds(query: str, text: str, stem: bool = False) -> bool:
    """Whether ``text`` matches ``query`` (see Matcher)."""
    return _matcher(query, stem).finds(text)


@lru_cache(maxsize=64)
def _matcher(query: str, stem: bool) -> Matcher:
    return Matcher(query, stem)
