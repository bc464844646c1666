from annotator.core.tokens import sentences, split_at, tokenize


def test_split_at_cuts_only_inside_tokens() -> None:
    tokens = [(0, 4), (5, 9)]
    assert split_at(tokens, [0, 2, 4, 5, 7, 7, 9, 20]) == [(0, 2), (2, 4), (5, 7), (7, 9)]


def test_tokens_and_sentences_cover_arabic_words() -> None:
    text = "قال المتحدث. ثم سكت"
    words = [text[s:e] for s, e in tokenize(text)]
    assert "المتحدث" in words and "سكت" in words
    assert len(sentences(text)) == 2
