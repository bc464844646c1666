"""Moving one end of a span by a word or a character (the window's boundary keys)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.spans import move_edge

TEXT = "قال المتحدثُ باسم البنتاغون لوسائل الإعلام."


def _span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def _text(span: tuple[int, int] | None) -> str | None:
    return None if span is None else TEXT[span[0] : span[1]]


def test_word_steps_grow_and_shrink_each_end() -> None:
    span = _span("باسم")
    assert _text(move_edge(TEXT, *span, "start", outward=True)) == "المتحدثُ باسم"
    assert _text(move_edge(TEXT, *span, "end", outward=True)) == "باسم البنتاغون"
    wide = _span("المتحدثُ باسم البنتاغون")
    assert _text(move_edge(TEXT, *wide, "start", outward=False)) == "باسم البنتاغون"
    assert _text(move_edge(TEXT, *wide, "end", outward=False)) == "المتحدثُ باسم"


def test_a_character_step_leaves_a_proclitic_outside() -> None:
    span = _span("لوسائل الإعلام")
    assert _text(move_edge(TEXT, *span, "start", outward=False, words=False)) == "وسائل الإعلام"
    back = move_edge(TEXT, *_span("وسائل الإعلام"), "start", outward=True, words=False)
    assert _text(back) == "لوسائل الإعلام"


def test_a_character_step_keeps_a_letter_with_its_diacritic() -> None:
    span = _span("المتحدثُ")
    # The last letter carries a damma: both leave together, and come back together.
    shrunk = move_edge(TEXT, *span, "end", outward=False, words=False)
    assert _text(shrunk) == "المتحد"
    assert shrunk is not None
    assert _text(move_edge(TEXT, *shrunk, "end", outward=True, words=False)) == "المتحدثُ"


def test_a_character_step_outward_skips_white_space() -> None:
    span = _span("باسم")
    assert _text(move_edge(TEXT, *span, "end", outward=True, words=False)) == "باسم ا"
    # The letter before the space carries a damma: it comes in with it.
    assert _text(move_edge(TEXT, *span, "start", outward=True, words=False)) == "ثُ باسم"


def test_no_move_past_the_text_or_to_an_empty_span() -> None:
    assert move_edge(TEXT, 0, 3, "start", outward=True) is None
    last = _span("الإعلام")
    assert move_edge(TEXT, *last, "end", outward=True) is None
    assert move_edge(TEXT, *last, "end", outward=True, words=False) == (last[0], len(TEXT))
    one = _span("قال")
    assert move_edge(TEXT, *one, "end", outward=False) is None
    assert move_edge(TEXT, *one, "start", outward=False) is None
    assert move_edge(TEXT, 0, 1, "end", outward=False, words=False) is None


def test_an_unknown_edge_is_refused() -> None:
    with pytest.raises(ValueError):
        move_edge(TEXT, 0, 3, "middle", outward=True)


@given(
    st.integers(0, len(TEXT) - 1),
    st.integers(1, len(TEXT)),
    st.sampled_from(["start", "end"]),
    st.booleans(),
    st.booleans(),
)
def test_a_moved_span_is_never_empty_and_stays_in_the_text(
    a: int, b: int, edge: str, outward: bool, words: bool
) -> None:
    start, end = min(a, b), max(a, b)
    if start == end:
        return
    moved = move_edge(TEXT, start, end, edge, outward, words)
    if moved is None:
        return
    new_start, new_end = moved
    assert 0 <= new_start < new_end <= len(TEXT)
    if edge == "start":
        assert new_end == end and (new_start < start) == outward
    else:
        assert new_start == start and (new_end > end) == outward
