"""Decoding and canonical text.

Article text is made canonical exactly once, on import, and never changes
afterwards: every offset in the project is a code point into that text.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
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
    not valid UTF-8 are read as Windows-1256, the usual legacy Arabic encoding: strict
    UTF-8 is tried first because short cp1256 files fool statistical detectors.

    Args:
        data: the raw bytes.
        encoding: a codec name that overrides detection.
        where: names the file or line in error messages.

    Raises:
        InputError: the bytes are binary, or cannot be decoded.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"{where}: unknown encoding {encoding!r}") from None
        try:
            return _checked(data.decode(encoding), encoding, where)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{where}: cannot be decoded as {encoding} (byte {exc.start})"
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig", where)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", where)
    if b"\x00" in data[:65536]:
        raise InputError(f"{where}: binary file (holds NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), "utf-8", where)
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("cp1256"), "cp1256", where)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: cannot be decoded as UTF-8 or Windows-1256 (byte {exc.start})"
        ) from None


def _strict(data: bytes, encoding: str, where: str) -> Decoded:
    try:
        return _checked(data.decode(encoding), encoding, where)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: has a {encoding} byte order mark but is not valid {encoding} "
            f"(byte {exc.start})"
        ) from None


def _checked(text: str, encoding: str, where: str) -> Decoded:
    if looks_binary(text):
        raise InputError(f"{where}: binary file (holds control characters), not text")
    return Decoded(text, encoding)
