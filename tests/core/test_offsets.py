"""The one code point <-> UTF-16 conversion."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.offsets import OffsetMap, to_codepoint, to_utf16, utf16_length

texts = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("قالَ ـ ab\n\r\u2028\u2029\u0085\u200e\u0301\u064b 5")),
        st.sampled_from(["😀", "👍", "🏽", "𝔸", "\U0010fffd", "\U00020000"]),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=50,
)


def _utf16_units(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


@given(texts, st.data())
def test_codepoint_to_utf16_matches_the_encoding(text: str, data: st.DataObject) -> None:
    cp = data.draw(st.integers(0, len(text)))
    assert to_utf16(text, cp) == _utf16_units(text, cp)


@given(texts)
def test_round_trip_is_exact_at_every_character_boundary(text: str) -> None:
    omap = OffsetMap(text)
    assert omap.u16_length == utf16_length(text) == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        assert omap.to_codepoint(omap.to_utf16(cp)) == cp


@given(texts)
def test_position_inside_a_surrogate_pair_snaps_to_its_character(text: str) -> None:
    omap = OffsetMap(text)
    for cp, ch in enumerate(text):
        if ord(ch) > 0xFFFF:
            inside = omap.to_utf16(cp) + 1
            assert omap.to_codepoint(inside) == cp


def test_emoji_before_a_word() -> None:
    text = "😀 قال"
    omap = OffsetMap(text)
    assert omap.to_utf16(2) == 3
    assert omap.to_codepoint(3) == 2
    assert omap.to_codepoint(1) == 0  # between the halves of the emoji
    assert omap.span_to_codepoint(3, 6) == (2, 5)
    assert text[2:5] == "قال"


def test_span_end_inside_a_pair_covers_the_character() -> None:
    omap = OffsetMap("a😀b")
    assert omap.span_to_codepoint(0, 2) == (0, 2)


def test_identity_without_astral_characters() -> None:
    assert OffsetMap("قال\n").is_identity
    assert not OffsetMap("😀").is_identity


@pytest.mark.parametrize("bad", [-1, 5])
def test_out_of_range_is_refused(bad: int) -> None:
    with pytest.raises(ValueError):
        OffsetMap("abc").to_utf16(bad)
    with pytest.raises(ValueError):
        to_codepoint("abc", bad)


def test_the_map_scanned_as_far_as_asked_agrees_with_a_whole_scan() -> None:
    # The map finds astral characters only as far as conversions reach: any order of
    # questions, on texts longer than one step of its scan, gives the whole scan's answers.
    import random
    import re
    from bisect import bisect_left

    astral = re.compile("[\U00010000-\U0010ffff]")
    rng = random.Random(3)
    for n in (0, 1, 5, 100, 70_000, 150_000):
        for _ in range(4):
            text = "".join(
                rng.choice("qa🙂\n𝐀 ب") if rng.random() < 0.02 else "ق" for _ in range(n)
            )
            found = [m.start() for m in astral.finditer(text)]
            starts = [c + k for k, c in enumerate(found)]
            units = OffsetMap(text)
            if rng.random() < 0.5:
                assert units.u16_length == len(text) + len(found)
            for _ in range(30):
                cp = rng.randint(0, len(text))
                assert units.to_utf16(cp) == cp + bisect_left(found, cp)
                u16 = rng.randint(0, len(text) + len(found))
                assert units.to_codepoint(u16) == u16 - bisect_left(starts, u16)
            assert units.u16_length == len(text) + len(found)
            assert units.is_identity == (not found)
