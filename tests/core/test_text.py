"""Canonical text: decoded once, line breaks unified, NFC, presentation forms folded."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.text import canonicalise, decode_bytes, fold_presentation_forms, sha256_hex

KEPT = "قالَ ـــ \u200e\u200f\u200c 😀 👍🏽"


def test_bom_is_stripped() -> None:
    assert canonicalise("\ufeffنص") == "نص"
    assert canonicalise("\ufeff\ufeffنص") == "نص"  # two, from concatenated files


@pytest.mark.parametrize("brk", ["\r\n", "\r", "\u2028", "\u2029", "\u0085", "\n"])
def test_every_line_break_becomes_newline(brk: str) -> None:
    assert canonicalise(f"سطر{brk}سطر") == "سطر\nسطر"


def test_crlf_is_one_newline_not_two() -> None:
    assert canonicalise("a\r\n\r\nb") == "a\n\nb"


def test_nfc() -> None:
    decomposed = "\u0627\u0653"  # alef + madda above
    assert canonicalise(decomposed) == "\u0622"
    assert canonicalise("e\u0301") == "é"


def test_presentation_forms_are_folded_one_character_at_a_time() -> None:
    # lam-alef ligature, isolated and final forms of beh, and the Allah ligature.
    assert canonicalise("\ufefb \ufe8f\ufe90 \ufdf2") == "لا بب الله"


def test_folding_leaves_other_compatibility_characters_alone() -> None:
    # NFKC on the whole string would turn these into "fi", "2" and "1/2".
    text = "ﬁ ² ½ \ufefb"
    assert canonicalise(text) == "ﬁ ² ½ لا"


def test_folding_can_be_switched_off() -> None:
    assert canonicalise("\ufefb", fold_presentation=False) == "\ufefb"


def test_diacritics_tatweel_marks_and_emoji_are_kept_exactly() -> None:
    assert canonicalise(KEPT) == KEPT


arabic_and_more = st.text(
    alphabet=st.sampled_from(
        list("قالوزيرإنّالطائرةَ ـ abcXYZ 0123 ٠١٢")
        + ["\r", "\n", "\u2028", "\u2029", "\u0085", "\ufeff"]
        + [
            "😀",
            "𝔸",
            "\u200e",
            "\u200f",
            "\u200c",
            "\u0301",
            "\u064b",
            "\ufefb",
            "\ufe8f",
            "\ufdf2",
        ]
    ),
    max_size=60,
)


@given(arabic_and_more)
def test_canonicalise_is_idempotent(text: str) -> None:
    once = canonicalise(text)
    assert canonicalise(once) == once


@given(arabic_and_more)
def test_canonical_text_has_only_newline_breaks_and_is_nfc(text: str) -> None:
    out = canonicalise(text)
    assert not any(ch in out for ch in "\r\u2028\u2029\u0085")
    assert unicodedata.is_normalized("NFC", out)
    assert not any(0xFE70 <= ord(ch) <= 0xFEFC or 0xFB50 <= ord(ch) <= 0xFDFF for ch in out)


@given(st.text(max_size=40))
def test_text_without_special_characters_is_unchanged(text: str) -> None:
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    if any(ch in text for ch in "\r\u2028\u2029\u0085") or fold_presentation_forms(text) != text:
        return
    assert canonicalise(text) == text


def test_sha256_is_of_utf8_bytes() -> None:
    import hashlib

    assert sha256_hex("نص 😀") == hashlib.sha256("نص 😀".encode()).hexdigest()


# ------------------------------------------------------------------ decoding

ARABIC = "قال الوزير إنّ الطائرات"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "utf-16"),
        (ARABIC.encode("cp1256"), "cp1256"),
    ],
)
def test_encodings_are_recognised(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert canonicalise(decoded.text) == ARABIC
    assert decoded.encoding == encoding


def test_short_cp1256_is_not_mistaken() -> None:
    # Two words: statistical detectors guess wrong on this; strict UTF-8 first does not.
    assert decode_bytes("نعم لا".encode("cp1256")).text == "نعم لا"


def test_explicit_encoding_overrides_detection() -> None:
    data = "Ünïcödé".encode("latin-1")
    assert decode_bytes(data, "latin-1").text == "Ünïcödé"


def test_explicit_encoding_that_fails_names_the_file() -> None:
    with pytest.raises(InputError, match=r"a\.txt: cannot be decoded as utf-8"):
        decode_bytes(ARABIC.encode("cp1256"), "utf-8", "a.txt")


def test_unknown_encoding_is_refused() -> None:
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode_bytes(b"x", "klingon", "a.txt")


@pytest.mark.parametrize("data", [b"\x00\x01\x02PNG\x00\x00", bytes(range(256)) * 4])
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(data, where="img.bin")


def test_bad_utf16_after_bom_is_refused() -> None:
    with pytest.raises(InputError, match="utf-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8", where="x.txt")
