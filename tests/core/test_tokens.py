"""The shared tokeniser: words, numbers, emoji, punctuation, sentences and cuts."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core import spans
from annotator.core.tokens import sentences, split_at, tokenize

SAMPLES = sorted((Path(__file__).parents[2] / "resources" / "samples").glob("*.txt"))


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("قال «مهنيا»، وبناء.", ["قال", "«", "مهنيا", "»", "،", "وبناء", "."]),
        ("بلغت 5.5 و٥٫٥ كم", ["بلغت", "5.5", "و٥٫٥", "كم"]),
        ("1,250 و١٬٠٠٠ جندي", ["1,250", "و١٬٠٠٠", "جندي"]),
        ("في 11:00 يوم 15/03/2024", ["في", "11:00", "يوم", "15/03/2024"]),
        ("ارتفع 85% و٨٥٪ و۸۵٪", ["ارتفع", "85%", "و٨٥٪", "و۸۵٪"]),
        ("عدد 1,5, ثم", ["عدد", "1,5", ",", "ثم"]),
        ("لقاح COVID-19 وMQ-1", ["لقاح", "COVID-19", "وMQ-1"]),
        ("the U.S. army and Dr. Who", ["the", "U.S.", "army", "and", "Dr", ".", "Who"]),
        ("الجيش الروسي- أمس", ["الجيش", "الروسي", "-", "أمس"]),
        ("قال— أمس", ["قال", "—", "أمس"]),
        ("(مواقع) «الإرهابيين»", ["(", "مواقع", ")", "«", "الإرهابيين", "»"]),
        ("حلّقت الطائراتُ", ["حلّقت", "الطائراتُ"]),
        ("بـــالتأكيد", ["بـــالتأكيد"]),
        ("می\u200cخواهم", ["می\u200cخواهم"]),
        ("وقال\u200f Reuters", ["وقال", "Reuters"]),
        ("\u0633\u0644\u0627\u0645 \ufd3eنص\ufd3f ؍", ["سلام", "\ufd3e", "نص", "\ufd3f", "؍"]),
    ],
)
def test_words_numbers_and_punctuation(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("قال😀", ["قال", "😀"]),
        ("📰🇪🇺المفوضية", ["📰", "🇪🇺", "المفوضية"]),
        ("👍🏽 جيد", ["👍🏽", "جيد"]),
        ("عائلة👨\u200d👩\u200d👧\u200d👦سعيدة", ["عائلة", "👨\u200d👩\u200d👧\u200d👦", "سعيدة"]),
        ("❤️ حب", ["❤️", "حب"]),
        ("🇸🇾🇷🇺", ["🇸🇾", "🇷🇺"]),
        ("رقم 1️⃣ أول", ["رقم", "1️⃣", "أول"]),
        ("سعر €5 و$3", ["سعر", "€", "5", "و", "$", "3"]),
    ],
)
def test_emoji_and_symbols_are_tokens_of_their_own(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_sentences_keep_abbreviations_and_split_on_the_urdu_stop() -> None:
    text = (
        "التقى د. أحمد بمسؤولين من U.S. أمس. هل وصلوا؟ نعم! قال: «وصلت.» ثم غادر۔ "
        "وبلغت النسبة 5.5% تقريبا… ثم انتهى\nسطر، جديد؛ يستمر"
    )
    assert [text[s:e] for s, e in sentences(text)] == [
        "التقى د. أحمد بمسؤولين من U.S. أمس.",
        "هل وصلوا؟",
        "نعم!",
        "قال: «وصلت.»",
        "ثم غادر۔",
        "وبلغت النسبة 5.5% تقريبا…",
        "ثم انتهى",
        "سطر، جديد؛ يستمر",
    ]


def test_split_at_cuts_only_inside_tokens() -> None:
    text = "وفقا لوسائل الإعلام"
    toks = tokenize(text)
    cuts = [text.index("وسائل"), len(text), 0, text.index("الإعلام") - 1]
    assert [text[s:e] for s, e in split_at(toks, cuts)] == ["وفقا", "ل", "وسائل", "الإعلام"]
    assert split_at(toks, []) == toks


@given(st.text(alphabet=list("قال 5.,:%٪-«»()😀🏽\u200d🇪🇺\u064e\n.U"), max_size=40))
def test_tokens_are_ordered_disjoint_and_never_hold_white_space(text: str) -> None:
    toks = tokenize(text)
    for (_s1, e1), (s2, _) in zip(toks, toks[1:], strict=False):
        assert e1 <= s2
    for s, e in toks:
        assert s < e and not any(ch.isspace() for ch in text[s:e])
    covered = {i for s, e in toks for i in range(s, e)}
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)
    cuts = list(range(0, len(text) + 1, 3))
    pieces = split_at(toks, cuts)
    assert sorted({i for s, e in pieces for i in range(s, e)}) == sorted(covered)
    assert not any(s < c < e for s, e in pieces for c in cuts)


def test_old_callers_get_the_same_tokens_and_sentences() -> None:
    text = SAMPLES[0].read_text(encoding="utf-8")
    assert spans.tokens(text) == tokenize(text)
    assert spans.sentences(text) == sentences(text)


# CAMeL Tools' simple_word_tokenize, by its documented rule (camel-tools pulls in torch
# and transformers, too heavy to install for a comparison): every Unicode punctuation
# or symbol character is a token, and so is every run of anything else that is not
# white space.
_PUNCT_SYMBOL = "".join(
    chr(c)
    for c in range(0x110000)
    if unicodedata.category(chr(c))[0] in "PS" and not 0xD800 <= c <= 0xDFFF
)
_CAMEL = re.compile("[" + re.escape(_PUNCT_SYMBOL) + r"]|[^" + re.escape(_PUNCT_SYMBOL) + r"\s]+")

# Where our tokens differ from CAMeL's on purpose: numbers keep their separators and
# percent sign, hyphenated words and initials stay whole, emoji keep their modifiers.
_PURPOSEFUL = re.compile(
    r"^(?:\w*\d[\d.,:/\-\u066b\u066c]*\d[%\u066a]?|\w*\d[%\u066a]|[\w']+(?:[-'’][\w]+)+|"
    r"(?:[A-Za-z]\.){2,})$"
)


def camel_tokens(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _CAMEL.finditer(text)]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_against_camel_tools_rule_on_the_samples(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    ours, theirs = set(tokenize(text)), set(camel_tokens(text))
    agree = len(ours & theirs)
    assert agree / len(theirs) > 0.97
    for s, e in sorted(ours - theirs):
        # Each of our tokens that CAMeL cuts is one of the purposeful kinds, made of
        # CAMeL's pieces exactly.
        assert _PURPOSEFUL.match(text[s:e]), text[s:e]
        inside = [t for t in theirs if s <= t[0] and t[1] <= e]
        assert sum(b - a for a, b in inside) == e - s


def test_against_camel_tools_rule_where_we_differ_on_purpose() -> None:
    text = "نسبة 85% في 11:00 لقاح COVID-19 من U.S. قال👍🏽"
    ours = [text[s:e] for s, e in tokenize(text)]
    theirs = [text[s:e] for s, e in camel_tokens(text)]
    assert ours == ["نسبة", "85%", "في", "11:00", "لقاح", "COVID-19", "من", "U.S.", "قال", "👍🏽"]
    assert theirs == [
        "نسبة", "85", "%", "في", "11", ":", "00", "لقاح", "COVID", "-", "19",
        "من", "U", ".", "S", ".", "قال", "👍", "🏽",
    ]  # fmt: skip
