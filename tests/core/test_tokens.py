"""The shared tokeniser's interface."""

from annotator.core.tokens import sentences, split_at, tokenize


def test_tokenize_gives_words_and_punctuation() -> None:
    text = "وقال الوزير، إن «النمو» قوي."
    assert [text[s:e] for s, e in tokenize(text)] == [
        "وقال",
        "الوزير",
        "،",
        "إن",
        "«",
        "النمو",
        "»",
        "قوي",
        ".",
    ]


def test_split_at_cuts_a_proclitic_off_and_ignores_edges() -> None:
    text = "وقال الوزير"
    tokens = tokenize(text)
    assert [text[s:e] for s, e in split_at(tokens, [1, 4, 99])] == ["و", "قال", "الوزير"]


def test_sentences_do_not_split_on_the_arabic_comma() -> None:
    text = "قال الوزير، إن النمو قوي. وأضاف أنه سيستمر"
    assert [text[s:e] for s, e in sentences(text)] == [
        "قال الوزير، إن النمو قوي.",
        "وأضاف أنه سيستمر",
    ]
