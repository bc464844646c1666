"""The one place where code-point offsets and UTF-16 positions meet.

Stored offsets are Unicode code points. Qt (QString, QTextCursor) and JavaScript tools
count UTF-16 code units, in which every character above U+FFFF takes two units. All
conversions between the two go through this module.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Code points scanned for astral characters at least at a time (see OffsetMap).
_SCAN_STEP = 1 << 16


class OffsetMap:
    """Converts positions in one text between code points and UTF-16 units.

    The astral characters are found by a regular-expression scan as far into the text
    as the conversions asked so far reach (at least 64 K code points at a time), so a
    1 MB article's first screen converts without scanning the rest; each conversion is
    then a binary search over the astral characters found.
    """

    __slots__ = ("_astral_cp", "_astral_u16", "_scanned", "_text", "_u16_length", "cp_length")

    def __init__(self, text: str) -> None:
        self._text = text
        self._astral_cp: list[int] = []
        # The UTF-16 start of the k-th astral character is its code point index plus k.
        self._astral_u16: list[int] = []
        self._scanned = 0  # every astral character before this code point is found
        self._u16_length: int | None = None
        self.cp_length = len(text)

    def _scan_to(self, cp: int) -> None:
        """Find the astral characters before code point ``cp``."""
        if cp <= self._scanned:
            return
        end = min(self.cp_length, max(cp, self._scanned + _SCAN_STEP))
        found = self._astral_cp
        for match in _ASTRAL.finditer(self._text, self._scanned, end):
            self._astral_u16.append(match.start() + len(found))
            found.append(match.start())
        self._scanned = end

    @property
    def u16_length(self) -> int:
        """The text's length in UTF-16 units."""
        if self._u16_length is None:
            if self._scanned >= self.cp_length:
                self._u16_length = self.cp_length + len(self._astral_cp)
            else:
                # One encoding is faster than a scan that finds every astral character.
                encoded = self._text.encode("utf-16-le", "surrogatepass")
                self._u16_length = len(encoded) // 2
        return self._u16_length

    @property
    def is_identity(self) -> bool:
        """Whether both units agree everywhere (the text has no astral character)."""
        return self.u16_length == self.cp_length

    def to_utf16(self, cp: int) -> int:
        """UTF-16 position of code point offset ``cp`` (0 <= cp <= len(text))."""
        if not 0 <= cp <= self.cp_length:
            raise ValueError(f"code point offset {cp} outside 0..{self.cp_length}")
        self._scan_to(cp)
        return cp + bisect_left(self._astral_cp, cp)

    def to_codepoint(self, u16: int) -> int:
        """Code point offset of UTF-16 position ``u16``.

        A position between the two halves of a surrogate pair snaps to the start of
        its character.
        """
        if not 0 <= u16 <= self.u16_length:
            raise ValueError(f"UTF-16 position {u16} outside 0..{self.u16_length}")
        # Every astral character that starts before u16 takes one extra unit; when
        # u16 is inside a pair this lands on the pair's own code point. Each of them
        # starts at a code point below u16.
        self._scan_to(min(u16, self.cp_length))
        return u16 - bisect_left(self._astral_u16, u16)

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        return self.to_utf16(start), self.to_utf16(end)

    def span_to_codepoint(self, start: int, end: int) -> tuple[int, int]:
        """A UTF-16 span as code points; an end inside a pair is widened to cover it."""
        cp_start = self.to_codepoint(start)
        cp_end = self.to_codepoint(end)
        if self.to_utf16(cp_end) < end:
            cp_end += 1
        return cp_start, cp_end


def utf16_length(text: str) -> int:
    """Length of a text in UTF-16 code units."""
    return len(text) + len(_ASTRAL.findall(text))


def to_utf16(text: str, cp: int) -> int:
    """UTF-16 position of a code point offset in ``text``."""
    return OffsetMap(text).to_utf16(cp)


def to_codepoint(text: str, u16: int) -> int:
    """Code point offset of a UTF-16 position in ``text``; inside a pair snaps to its start."""
    return OffsetMap(text).to_codepoint(u16)
