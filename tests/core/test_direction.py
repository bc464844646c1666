"""An article's base direction is its dominant script's, not its first letter's."""

from __future__ import annotations

from annotator.core.direction import dominant_direction


def test_arabic_with_latin_names_and_numbers_is_right_to_left() -> None:
    assert dominant_direction("Reuters: نقلت وكالة الأنباء عن مصدر مطلع 2024.") == "rtl"
    assert dominant_direction("2024 كان عاما صعبا") == "rtl"


def test_english_with_an_arabic_quote_is_left_to_right() -> None:
    assert dominant_direction("The ministry said «قال المتحدث» on Monday morning.") == "ltr"


def test_no_letters_at_all_is_left_to_right() -> None:
    assert dominant_direction("12:30 — 15/03/2024") == "ltr"
    assert dominant_direction("") == "ltr"
