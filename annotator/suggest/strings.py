"""The string-matching recommender: spans the team already marked are proposed where the
same folded text occurs again, as whole words (a proclitic و ف ب ل may sit in front)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from annotator.core.normalize import normalise_for_search, normalise_with_map
from annotator.core.spans import is_boundary
from annotator.suggest.model import Candidates

NAME = "strings"
_PROCLITICS = "وفبل"
_MAX_PHRASES = 5000


class StringMatcher:
    """What the team marked: (label, folded text) with how often it was marked."""

    def __init__(self, marked: Iterable[tuple[str, str]], labels: Iterable[str] = ()) -> None:
        wanted = set(labels)
        counts: Counter[tuple[str, str]] = Counter()
        for label, text in marked:
            if wanted and label not in wanted:
                continue
            folded = normalise_for_search(text).strip()
            if len(folded) >= 2:
                counts[(label, folded)] += 1
        self.phrases = counts.most_common(_MAX_PHRASES)

    def __len__(self) -> int:
        return len(self.phrases)

    def suggest(self, text: str) -> Candidates:
        out = Candidates()
        if not self.phrases:
            return out
        haystack, origin = normalise_with_map(text)
        for (label, needle), count in self.phrases:
            pos = haystack.find(needle)
            while pos != -1:
                end = pos + len(needle)
                if _whole_word(haystack, pos, end):
                    start = origin[pos]
                    stop = origin[end - 1] + 1
                    # Diacritics and tatweel on the last letter belong to the word.
                    while stop < len(text) and stop < origin[end]:
                        stop += 1
                    score = min(0.9, 0.5 + 0.1 * count)
                    out.add_span(label, start, stop, score, NAME)
                pos = haystack.find(needle, pos + 1)
        return out


def _whole_word(haystack: str, start: int, end: int) -> bool:
    if end < len(haystack) and not is_boundary(haystack[end]):
        return False
    if start == 0 or is_boundary(haystack[start - 1]):
        return True
    # One proclitic in front, itself at a word start («والوزارة», «للوزارة» is two).
    before = start - 1
    if haystack[before] not in _PROCLITICS:
        return False
    return before == 0 or is_boundary(haystack[before - 1])
