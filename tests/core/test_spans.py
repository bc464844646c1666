"""Word snapping, exact-characters mode, tokens and sentences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.spans import (
    next_word_end,
    previous_word_start,
    sentences,
    snap,
    snap_to_words,
    tokens,
    word_at,
)

TEXT = "قال مسؤول روسي، «وفقا لوسائل الإعلام»: النقاش كان مهنيا."


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_a_partial_selection_widens_to_whole_words() -> None:
    start, end = _span(TEXT, "سؤول رو")
    assert TEXT[slice(*snap_to_words(TEXT, start, end))] == "مسؤول روسي"


def test_surrounding_spaces_and_punctuation_are_dropped() -> None:
    start, end = _span(TEXT, " «وفقا لوسائل الإعلام»: ")
    assert TEXT[slice(*snap_to_words(TEXT, start, end))] == "وفقا لوسائل الإعلام"


def test_a_backwards_selection_is_the_same() -> None:
    start, end = _span(TEXT, "روسي")
    assert snap_to_words(TEXT, end, start) == (start, end)


def test_selection_of_only_punctuation_is_empty() -> None:
    start, end = _span(TEXT, "، «")
    s, e = snap_to_words(TEXT, start, end)
    assert s == e


def test_exact_mode_leaves_a_proclitic_outside() -> None:
    start, end = _span(TEXT, "وسائل الإعلام")
    assert TEXT[slice(*snap(TEXT, start, end, words=False))] == "وسائل الإعلام"
    # Word mode would swallow the ل.
    assert TEXT[slice(*snap(TEXT, start, end, words=True))] == "لوسائل الإعلام"


def test_exact_mode_never_splits_a_letter_from_its_diacritics() -> None:
    text = "إنَّ"
    # End between the nun and its shadda.
    assert snap(text, 0, 2, words=False) == (0, 4)
    # Start on a diacritic moves back to its letter.
    assert snap(text, 2, 4, words=False) == (1, 4)


def test_word_at_and_word_motion() -> None:
    pos = TEXT.index("روسي") + 1
    assert TEXT[slice(*word_at(TEXT, pos))] == "روسي"
    assert TEXT[previous_word_start(TEXT, pos) : next_word_end(TEXT, pos)] == "روسي"


def test_tokens_split_on_space_and_punctuation() -> None:
    text = "قال «مهنيا»، 5.5 كم MQ-1"
    assert [text[s:e] for s, e in tokens(text)] == [
        "قال",
        "«",
        "مهنيا",
        "»",
        "،",
        "5.5",
        "كم",
        "MQ-1",
    ]


def test_sentences_split_on_full_stop_question_exclamation_and_lines() -> None:
    text = "قال الوزير، إن الطائرات وصلت. هل وصلت؟ نعم! مسافة 5.5 كم\nسطر جديد؛ يستمر"
    assert [text[s:e] for s, e in sentences(text)] == [
        "قال الوزير، إن الطائرات وصلت.",
        "هل وصلت؟",
        "نعم!",
        "مسافة 5.5 كم",
        "سطر جديد؛ يستمر",
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = "قال: «وصلت.» ثم غادر."
    assert [text[s:e] for s, e in sentences(text)] == ["قال: «وصلت.»", "ثم غادر."]


@given(st.text(alphabet=list("قال رو،«».ب 😀\n"), max_size=40), st.data())
def test_snapped_spans_are_inside_and_trimmed(text: str, data: st.DataObject) -> None:
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(0, len(text)))
    s, e = snap(text, a, b, words=True)
    assert 0 <= s <= e <= len(text)
    if s < e:
        assert text[s] not in " \n،.»😀" and text[e - 1] not in " \n،.«😀"
        assert text[s] != "«" or "»" in text[s + 1 : e - 1]
        assert text[e - 1] != "»" or "«" in text[s + 1 : e - 1]
    # Exact mode keeps every selected character but the white space at its edges.
    s, e = snap(text, a, b, words=False)
    lo, hi = sorted((a, b))
    assert text[s:e] == text[lo:hi].strip(" \n")
