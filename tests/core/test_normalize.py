"""Search that ignores what readers ignore."""

from __future__ import annotations

from annotator.core.normalize import (
    find_all,
    normalise_for_search,
    normalise_with_map,
    search_index_form,
)


def test_diacritics_tatweel_and_letter_variants_are_ignored() -> None:
    assert normalise_for_search("إِنَّ الطّـــائرةَ أعلنت مستشفى") == "ان الطائره اعلنت مستشفي"
    assert normalise_for_search("آمن ٱلله") == "امن الله"


def test_ta_marbuta_folding_is_optional() -> None:
    assert normalise_for_search("طائرة", fold_ta_marbuta=False) == "طائرة"


def test_latin_is_case_folded() -> None:
    assert normalise_for_search("Peter COOK") == "peter cook"


def test_map_points_back_to_the_stored_text() -> None:
    text = "إنَّ"
    norm, origin = normalise_with_map(text)
    assert norm == "ان"
    assert origin == [0, 1, 4]


def test_find_all_returns_stored_offsets_with_their_diacritics() -> None:
    text = "قالَ الطّائرةُ 😀 والطائرة"
    spans = find_all(text, "الطائره")
    assert [text[s:e] for s, e in spans] == ["الطّائرةُ", "الطائرة"]


def test_empty_query_finds_nothing() -> None:
    assert find_all("نص", " ") == []
    assert find_all("نص", "ّ") == []


def test_index_form_turns_arabic_punctuation_into_spaces() -> None:
    assert search_index_form("قال، «نعم»؛ لا؟ 😀ok").split() == ["قال", "نعم", "لا", "ok"]
