"""Decoding and canonical text.

Article text is made canonical exactly once, on import, and never changes
afterwards: every offset in the project is a code point into that text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.errors import InputError

_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\u0085]")
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
# C0 controls other than tab, line feed, vertical tab, form feed and carriage return.
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, and the encoding that decoded it."""

    text: str
    encoding: str


def fold_presentation_forms(text: str) -> str:
    """Replace Arabic presentation forms by their base letters, one character at a time.

    NFKC over the whole string would also rewrite digits, ligatures and compatibility
    characters elsewhere in the text; only the presentation-form blocks are folded.
    """
    return _PRESENTATION_FORMS.sub(lambda m: _base_form(m.group()), text)


def _base_form(ch: str) -> str:
    """A presentation form's base letters. The isolated and medial forms of diacritics
    (U+FE70–U+FE7F, and the shadda ligatures U+FC5E–U+FC63) decompose to a space or a
    tatweel before the mark; the mark alone goes onto the letter before it."""
    base = unicodedata.normalize("NFKC", ch)
    if (
        len(base) > 1
        and base[0] in " \u0640"
        and all(unicodedata.category(c) == "Mn" for c in base[1:])
    ):
        return base[1:]
    return base


def canonicalise(text: str, fold_presentation: bool = True) -> str:
    """Return the canonical form of an article text.

    Args:
        text: decoded text.
        fold_presentation: fold Arabic presentation forms to base letters.

    Returns:
        The text with a leading BOM removed, every line break as \\n, in NFC, and
        (by default) presentation forms folded. Diacritics, tatweel, LRM, RLM, ZWNJ
        and emoji are kept exactly.
    """
    # Every leading BOM goes (files concatenated by tools sometimes carry two), so that
    # canonicalising twice changes nothing.
    text = text.lstrip("\ufeff")
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = _LINE_BREAKS.sub("\n", text)
    text = unicodedata.normalize("NFC", text)
    if fold_presentation:
        folded = fold_presentation_forms(text)
        if folded != text:
            # A folded letter may now compose with a following mark.
            text = unicodedata.normalize("NFC", folded)
    return text


def sha256_hex(text: str) -> str:
    """The hex SHA-256 of the UTF-8 bytes of a text."""
    # Imported here: OpenSSL's loading is a cost the window's start does not need.
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def looks_binary(text: str) -> bool:
    """Whether decoded text holds control characters that no article text has."""
    if not text:
        return False
    sample = text[:65536]
    controls = len(_BINARY_CONTROLS.findall(sample))
    return "\x00" in sample or controls > max(2, len(sample) // 1000)


def decode_bytes(data: bytes, encoding: str | None = None, where: str = "input") -> Decoded:
    """Decode the bytes of an article file.

    UTF-8 with or without a BOM, and UTF-16 with a BOM, are recognised. Bytes that are
    not valid UTF-8 are read as Windows-1256, the usual legacy Arabic encoding, or as
    ISO-8859-6 when only that reading gives Arabic words: strict UTF-8 is tried first
    because short cp1256 files fool statistical detectors. Damaged UTF-8 (a few bad bytes
    among valid multi-byte sequences) is refused, never read as cp1256.

    Args:
        data: the raw bytes.
        encoding: a codec name that overrides detection.
        where: names the file or line in error messages.

    Raises:
        InputError: the bytes are binary, damaged UTF-8, or cannot be decoded.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"{where}: unknown encoding {encoding!r}") from None
        try:
            return _checked(data.decode(encoding), encoding, where, data)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{where}: cannot be decoded as {encoding} (byte {exc.start})"
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig", where)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", where)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        chosen = detect_encoding([data], where)
        return _checked(data.decode(chosen), chosen, where, data)
    # Valid UTF-8: what detect_encoding would also say, once its two checks of the
    # head (UTF-16 without a byte order mark, NUL bytes) have passed.
    head = data[:_HEAD_BYTES]
    if looks_utf16(head) or b"\x00" in head:
        detect_encoding([data], where)
    return _checked(text, "utf-8", where, data)


class EncodingCensus:
    """What the bytes of a file say about its encoding, fed piece by piece.

    Counts the bytes above 0x7F and those of them that are not part of a valid UTF-8
    sequence, and whether the bytes read as ISO-8859-6 Arabic. A whole file can be judged
    without holding it in memory.
    """

    def __init__(self) -> None:
        self._utf8 = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        self.size = 0
        self.high = 0
        self.bad = 0
        self.bad_offsets: list[int] = []
        self.head = b""
        self.iso_possible = True
        self.latin_in_arabic = 0
        self._last = ""

    def feed(self, chunk: bytes, final: bool = False) -> None:
        pending = len(self._utf8.getstate()[0])
        out = self._utf8.decode(chunk, final)
        if len(self.head) < _HEAD_BYTES:
            self.head += chunk[: _HEAD_BYTES - len(self.head)]
        self.high += len(chunk.translate(None, _ASCII))
        offset, done = self.size - pending, 0
        for match in _ESCAPED.finditer(out):
            self.bad += 1
            if len(self.bad_offsets) < _MAX_OFFSETS:
                offset += len(out[done : match.start()].encode("utf-8", "surrogateescape"))
                self.bad_offsets.append(offset)
                done = match.start()
        self.size += len(chunk)
        if self.iso_possible:
            try:
                chunk.decode("iso8859_6")
            except UnicodeDecodeError:
                self.iso_possible = False
        # Only read when the bytes may be ISO-8859-6 (see _verdict); that stays false
        # once false, and UTF-8 Arabic makes it false at its first letter.
        if self.high and self.iso_possible:
            read = self._last + chunk.decode("cp1256")
            self.latin_in_arabic += len(_LATIN_IN_ARABIC.findall(read))
            self._last = read[-1:]

    @property
    def first_bad(self) -> int | None:
        return self.bad_offsets[0] if self.bad_offsets else None

    @property
    def valid_utf8(self) -> bool:
        return self.bad == 0

    @property
    def damaged_utf8(self) -> bool:
        """Whether the bad bytes are a few among valid multi-byte sequences.

        In damaged UTF-8 nearly every byte above 0x7F belongs to a valid sequence; in
        Windows-1256 or ISO-8859-6 Arabic only one or two in a hundred do by chance.
        """
        return self.bad > 0 and (self.high - self.bad) >= self.high * _DAMAGED_SHARE

    def damage(self) -> str:
        """Why damaged UTF-8 is refused, with its first bad byte and the way out."""
        return (
            f"is not valid UTF-8 at byte {self.first_bad}, although {self.high - self.bad:,} of "
            f"its {self.high:,} non-ASCII bytes are: damaged UTF-8, not another encoding; "
            "repair it, or name its real encoding with --encoding"
        )

    def verdict(self, where: str) -> str:
        """The encoding to read these bytes with (see ``detect_encoding``)."""
        return _verdict(self, where)


_ASCII = bytes(range(128))
_NOT_CONTROLS = bytes(b for b in range(256) if not _BINARY_CONTROLS.match(chr(b)))
_ASCII_COMPATIBLE = frozenset({"utf-8", "utf-8-sig", "cp1256", "iso8859_6"})
_ESCAPED = re.compile("[\udc80-\udcff]")
_HEAD_BYTES = 65536
_MAX_OFFSETS = 100_000
_DAMAGED_SHARE = 0.5
# cp1256 reads the ISO-8859-6 letters ه و ى ي as Latin letters with accents.
_LATIN_IN_ARABIC = re.compile(
    "(?<=[\u0621-\u064a])[\u00c0-\u00ff]|[\u00c0-\u00ff](?=[\u0621-\u064a])"
)


def detect_encoding(chunks: Iterable[bytes], where: str = "input") -> str:
    """The encoding of bytes without a byte order mark, judged over all of them.

    Returns:
        "utf-8", "cp1256" or "iso8859_6".

    Raises:
        InputError: the bytes are binary, UTF-16 without a byte order mark, or damaged
            UTF-8; the message gives the byte offset and the --encoding flag.
    """
    census = EncodingCensus()
    for chunk in chunks:
        census.feed(chunk)
    census.feed(b"", final=True)
    return census.verdict(where)


def _verdict(census: EncodingCensus, where: str) -> str:
    utf16 = looks_utf16(census.head)
    if utf16:
        raise InputError(
            f"{where}: looks like UTF-16 without a byte order mark; use --encoding {utf16}"
        )
    if b"\x00" in census.head:
        raise InputError(f"{where}: binary file (holds NUL bytes), not text")
    if census.valid_utf8:
        return "utf-8"
    if census.damaged_utf8:
        raise InputError(f"{where}: {census.damage()}")
    if census.iso_possible and census.latin_in_arabic:
        return "iso8859_6"
    return "cp1256"


def looks_utf16(head: bytes) -> str | None:
    """Whether bytes look like UTF-16 without a byte order mark: "utf-16-le", "utf-16-be"
    or None.

    In UTF-16, Latin and Arabic text puts 0x00 or 0x06 in every other byte.
    """
    pairs = len(head) // 2
    # Fewer 0x00 and 0x06 bytes in all than every other byte needs: not UTF-16 (the
    # usual answer, found without copying either half).
    if pairs < 2 or head.count(0) + head.count(6) < pairs * 0.9:
        return None
    even, odd = head[0 : 2 * pairs : 2], head[1 : 2 * pairs : 2]
    for name, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) + high.count(6) >= pairs * 0.9 and low.count(0) < pairs * 0.1:
            try:
                head[: 2 * pairs].decode(name)
            except UnicodeDecodeError:
                continue
            return name
    return None
    for name, high_bytes in (
        ("utf-16-le", head[1 : 2 * pairs : 2]),
        ("utf-16-be", head[0 : 2 * pairs : 2]),
    ):
        low_bytes = head[0 : 2 * pairs : 2] if name == "utf-16-le" else head[1 : 2 * pairs : 2]
        hits = high_bytes.count(0) + high_bytes.count(6)
        if hits >= pairs * 0.9 and low_bytes.count(0) < pairs * 0.1:
            try:
                head[: 2 * pairs].decode(name)
            except UnicodeDecodeError:
                continue
            return name
    return None


def _strict(data: bytes, encoding: str, where: str) -> Decoded:
    try:
        return _checked(data.decode(encoding), encoding, where, data)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: has a {encoding} byte order mark but is not valid {encoding} "
            f"(byte {exc.start})"
        ) from None


def _checked(text: str, encoding: str, where: str, data: bytes = b"") -> Decoded:
    # In these encodings a control character is the byte of the same value, so bytes
    # without one decode to text without one (a scan of bytes is much cheaper).
    if data and encoding in _ASCII_COMPATIBLE and not data.translate(None, _NOT_CONTROLS):
        return Decoded(text, encoding)
    if looks_binary(text):
        utf16 = looks_utf16(data[:_HEAD_BYTES])
        if utf16:
            raise InputError(
                f"{where}: looks like UTF-16 without a byte order mark; use --encoding {utf16}"
            )
        raise InputError(f"{where}: binary file (holds control characters), not text")
    return Decoded(text, encoding)
