"""The import's shortcuts give exactly what the long way gives.

Decoding tries strict UTF-8 before the byte census, skips the scan for control characters
when the bytes hold none, and the search index form folds each distinct piece of text
once. Each is checked here against the long way on hostile input.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import search
from annotator.core.errors import InputError
from annotator.core.text import _checked, decode_bytes, detect_encoding, looks_binary

# Arabic with diacritics and letter variants, white space of several kinds (NBSP,
# U+2028, U+3000, form feed), separators that fold into spaces, marks that fold away
# (ZWNJ, ZWSP, RLM), casefolding that grows a word (ß), digits and emoji.
_TEXT = st.text(
    alphabet=list(
        "والبكفقزرهةأإآىیکؤئٌَّـ \t\n\x0c\u00a0\u2028\u3000\u200b\u200c\u200f،.«»-ßẞAbΣ٢2😀👍🏽"
    ),
    max_size=60,
)


def _index_form_the_long_way(text: str) -> set[str]:
    words = set(search.fold(text).split())
    forms = set(words)
    for word in words:
        if word[0] in search._PROCLITIC_INITIALS and len(word) > 2:
            forms.update(search.strip_proclitics(word))
    return forms


@settings(max_examples=400)
@given(_TEXT)
def test_the_index_form_is_that_of_the_whole_folded_text(text: str) -> None:
    search._PIECE_FORMS.clear()
    first = search.index_form(text).split()
    assert len(first) == len(set(first))
    assert set(first) == _index_form_the_long_way(text)
    # And again from the cache of pieces.
    assert set(search.index_form(text).split()) == _index_form_the_long_way(text)


def test_the_cache_of_pieces_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "_PIECE_FORMS_MAX", 50)
    search._PIECE_FORMS.clear()
    for n in range(500):
        assert search.index_form(f"والوزارة{n} قال").split()
        assert len(search._PIECE_FORMS) <= 50
    assert set(search.index_form("بالوزارة").split()) == {"بالوزاره", "وزاره", "الوزاره"}


def _decode_the_long_way(data: bytes) -> tuple[str, str] | str:
    try:
        chosen = detect_encoding([data], "f")
        text = data.decode(chosen)
        if looks_binary(text):
            return _checked(text, "unchecked-" + chosen, "f", data).text
        return text, chosen
    except InputError as exc:
        return str(exc)


def _decode(data: bytes) -> tuple[str, str] | str:
    try:
        decoded = decode_bytes(data, where="f")
    except InputError as exc:
        return str(exc)
    return decoded.text, decoded.encoding


_BYTES = st.one_of(
    st.binary(max_size=80),
    st.lists(
        st.sampled_from(
            [
                "قال ".encode(),
                "😀".encode(),
                b"abc ",
                b"\x00",
                b"\x01\x02\x03\x7f",
                b"\t\n\r\x0b\x0c",
                b"\xc7\xe1\xd3",  # cp1256 Arabic
                b"\xd9\x85",
                b"\xff",
                b"\x06\x27\x06\x44",  # UTF-16-BE Arabic without a byte order mark
            ]
        ),
        max_size=30,
    ).map(b"".join),
)


@settings(max_examples=600)
@given(_BYTES)
def test_decoding_is_what_the_census_says(data: bytes) -> None:
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return  # byte order marks take another path, unchanged
    assert _decode(data) == _decode_the_long_way(data)


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file"),
        ("نص عربي".encode() + b"\x01\x02\x03\x04\x05\x06", "binary file"),
        ("قال".encode("utf-16-le") * 20, "looks like UTF-16 without a byte order mark"),
        ("قال الوزير".encode() * 50 + b"\xff" + "قال".encode() * 50, "not valid UTF-8 at byte"),
    ],
)
def test_refusals_still_name_their_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode_bytes(data, where="f.txt")
