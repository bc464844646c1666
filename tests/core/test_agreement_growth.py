"""Agreement grows with pairs and spans, not with the article's length: the same spans
at the end of a long article cost about what they cost on a short one, and the figures
are those of the plain definitions."""

from __future__ import annotations

import gc
import random
import time
from collections import Counter

from annotator.core.agreement import (
    Span,
    covered_values,
    krippendorff_alpha_nominal,
    krippendorff_alpha_pairs,
    pair_counts,
    token_values,
)
from annotator.core.agreement_report import ArticleAnnotations, compute
from annotator.core.spans import tokens
from annotator.core.tokens import split_at, tokenize

LABELS = ["SOURCE", "CUE", "CLAIM"]


def _corpus(filler_words: int, annotators: int = 12) -> list[ArticleAnnotations]:
    rng = random.Random(4)
    head = "كلمة " * filler_words
    tail = " ".join(f"قال{n}" for n in range(300))
    text = head + tail
    toks = tokens(text)
    first = len(tokens(head))
    art = ArticleAnnotations(article_id=1, title="long", text=text)
    next_id = 0
    for person in range(annotators):
        spans = []
        for k in range(0, 300, 6):
            i = first + k + rng.randrange(2)
            j = min(len(toks) - 1, i + rng.randrange(3))
            next_id += 1
            spans.append(Span(next_id, LABELS[k % 3], toks[i][0], toks[j][1]))
        art.spans[f"a{person:02d}"] = spans
    return [art]


def _seconds(corpus: list[ArticleAnnotations]) -> tuple[float, float]:
    """The best of three runs: processor seconds of every figure, and of finding the
    tokens alone (processor time, which other work on a shared machine disturbs far less
    than wall time)."""
    best, tokens_best = float("inf"), float("inf")
    # Without the cyclic collector, whose passes over the long article's objects would
    # bill the pairs for the article's size.
    gc.collect()
    gc.disable()
    try:
        return _best_of_three(corpus, best, tokens_best)
    finally:
        gc.enable()


def _best_of_three(
    corpus: list[ArticleAnnotations], best: float, tokens_best: float
) -> tuple[float, float]:
    for _ in range(3):
        begin = time.process_time()
        for art in corpus:
            edges = {x for spans in art.spans.values() for s in spans for x in (s.start, s.end)}
            split_at(tokenize(art.text), edges)
        tokens_best = min(tokens_best, time.process_time() - begin)
        begin = time.process_time()
        compute(corpus, LABELS, {}, [])
        best = min(best, time.process_time() - begin)
    return best, tokens_best


def test_the_same_spans_on_a_long_article_cost_about_the_same() -> None:
    # What the pairs cost: 24 annotators (276 pairs) against 2 (one pair) on the same
    # article, so that what is done once per article (finding its tokens, which grows
    # with its length) cancels out. 100,000 more tokens before the spans must not make
    # the pairs dearer.
    def per_pairs(filler_words: int) -> float:
        many, _ = _seconds(_corpus(filler_words, annotators=24))
        one, _ = _seconds(_corpus(filler_words, annotators=2))
        return many - one

    # The best of three rounds, taking turns: a round that another process's burst of
    # work slowed (the cost of the pairs is tens of milliseconds) does not decide.
    rounds = [(per_pairs(0), per_pairs(100_000)) for _ in range(3)]
    short = min(r[0] for r in rounds)
    long = min(r[1] for r in rounds)
    assert long < 3 * short + 0.1, rounds


def test_pair_counts_give_the_alpha_of_every_token() -> None:
    corpus = _corpus(50)
    art = corpus[0]
    toks = tokens(art.text)
    a, b = art.spans["a00"], art.spans["a01"]
    for label in (None, *LABELS):
        units = list(zip(token_values(toks, a, label), token_values(toks, b, label), strict=True))
        tally: Counter[tuple[str, str]] = Counter()
        pair_counts(
            covered_values(toks, a, label), covered_values(toks, b, label), len(toks), tally
        )
        assert dict(tally) == dict(Counter(units))
        assert krippendorff_alpha_pairs(tally) == krippendorff_alpha_nominal(units)
