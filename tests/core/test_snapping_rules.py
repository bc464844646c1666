"""Word snapping by the shared tokeniser: whole tokens, and what may stand at an edge."""

from __future__ import annotations

import pytest

from annotator.core.spans import snap, word_at


def snapped(text: str, part: str, words: bool = True, nth: int = 0) -> str:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    s, e = snap(text, start, start + len(part), words=words)
    return text[s:e]


@pytest.mark.parametrize(
    "text, pressed, token",
    [
        ("بلغت المسافة 5.5 كم", "5.5", "5.5"),
        ("بلغت المسافة ٥٫٥ كم", "٥٫٥", "٥٫٥"),
        ("نحو 1,250 جنديا", "1,250", "1,250"),
        ("نحو ١٬٠٠٠ جندي", "١٬٠٠٠", "١٬٠٠٠"),
        ("في الساعة 11:00 صباحا", "11:00", "11:00"),
        ("يوم 15/03/2024 الماضي", "15/03/2024", "15/03/2024"),
        ("ارتفعت 85% من", "85%", "85%"),
        ("ارتفعت ٨٥٪ من", "٨٥٪", "٨٥٪"),
        ("فيروس COVID-19 انتشر", "COVID-19", "COVID-19"),
        ("قال😀 أمس", "قال", "قال"),
    ],
)
def test_word_at_any_character_is_the_whole_token(text: str, pressed: str, token: str) -> None:
    start = text.index(pressed)
    for pos in range(start, start + len(pressed)):
        s, e = word_at(text, pos)
        assert text[s:e] == token, (pos, text[pos])
        # A selection of that one character (what a double-click may leave) snaps alike.
        assert snapped(text, text[pos], nth=text[:pos].count(text[pos])) == token


def test_word_at_punctuation_or_space_is_empty() -> None:
    text = "قال، أمس"
    assert word_at(text, text.index("،")) == (3, 3)
    assert word_at(text, text.index(" ")) == (4, 4)


def test_a_trailing_percent_belongs_to_its_number_in_both_modes() -> None:
    text = "ارتفعت البطالة 12.5% خلال العام"
    assert snapped(text, "البطالة 12.5") == "البطالة 12.5%"
    assert snapped(text, "البطالة 12.5%", words=False) == "البطالة 12.5%"
    assert snapped("ارتفعت ٧٪ أمس", "٧٪", words=False) == "٧٪"


@pytest.mark.parametrize("dash", ["-", "–", "—", "\u2010"])
def test_a_dangling_hyphen_or_dash_at_an_edge_is_dropped(dash: str) -> None:
    text = f"قال الجيش الروسي{dash} أمس"
    assert snapped(text, f"الجيش الروسي{dash}") == "الجيش الروسي"
    text = f"أمس {dash}الجيش الروسي"
    assert snapped(text, f"{dash}الجيش الروسي") == "الجيش الروسي"


@pytest.mark.parametrize(
    "text, selected, stored",
    [
        ("ضرب (مواقع) الإرهابيين", "(مواقع) الإرهابيين", "(مواقع) الإرهابيين"),
        ("ضرب (مواقع) الإرهابيين", "مواقع) الإرهابيين", "مواقع) الإرهابيين"),
        ("ضرب (مواقع) الإرهابيين", "(مواقع", "مواقع"),
        ("ضرب (مواقع) الإرهابيين", "(مواقع)", "مواقع"),
        ("قال «مهنيا وبناء» أمس", "«مهنيا وبناء»", "مهنيا وبناء"),
        ("وصف «مهنيا» النقاش", "وصف «مهنيا", "وصف «مهنيا"),
        ("وصف «مهنيا» النقاش", "«مهنيا» النقاش", "«مهنيا» النقاش"),
        ('قال "مهني" وبناء', 'قال "مهني"', 'قال "مهني"'),
        ('قال "مهني وبناء', '"مهني وبناء', "مهني وبناء"),
        ("[هذا] نص]", "[هذا] نص]", "[هذا] نص"),
    ],
)
def test_no_unmatched_bracket_or_quote_at_an_edge(text: str, selected: str, stored: str) -> None:
    assert snapped(text, selected) == stored


def test_emoji_are_apart_from_words_and_dropped_at_edges() -> None:
    text = "قال😀 المتحدث 👍🏽 إن 🇪🇺المفوضية"
    assert snapped(text, "قال😀") == "قال"
    assert snapped(text, "😀 المتحدث 👍🏽") == "المتحدث"
    assert snapped(text, "المتحدث 👍🏽 إن") == "المتحدث 👍🏽 إن"
    assert snapped(text, "🇪🇺المفوضية") == "المفوضية"
    assert snapped(text, "👍🏽") == ""


def test_exact_mode_keeps_exactly_the_selection() -> None:
    text = "قال «مهنيا وبناء»، وفقا لوسائل الإعلام- 85% (تقريبا"
    for selected in ["«مهنيا وبناء»،", "وسائل الإعلام-", "85", "(تقريبا", "نيا وب"]:
        assert snapped(text, selected, words=False) == selected
    assert snapped(text, " «مهنيا ", words=False) == "«مهنيا"
