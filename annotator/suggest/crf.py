"""The learning recommender: a linear-chain CRF (python-crfsuite) over the shared
tokeniser's tokens, trained on a database's own annotations, manual and accepted alike.

Tokens are split after a one-letter proclitic (و ف ب ل) so that the model can leave
«و» outside a cue; features are the folded word, its affixes, whether it (or what is
left after the proclitic) is in the cue lexicon or is «إن/أن», punctuation and quotes,
and the same for the neighbours. Labels are BIO over CUE, SOURCE and CLAIM. Links are
added as the patterns would: a claim to the nearest source and cue of its sentence.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pycrfsuite

from annotator.core.normalize import normalise_for_search
from annotator.core.tokens import sentences, split_at, tokenize
from annotator.suggest import lexicon as lx
from annotator.suggest.gold import GoldArticle, GoldLink, GoldSpan
from annotator.suggest.model import Candidates

NAME = "crf"
LABELS = ("CUE", "SOURCE", "CLAIM")
_CLITICS = "وفبل"
MIN_ARTICLES = 4


@dataclass(frozen=True)
class Example:
    """One annotated article: its text and its (label, start, end) spans."""

    text: str
    spans: tuple[tuple[str, int, int], ...]


def _tokens(text: str, cuts: Iterable[int] = ()) -> list[tuple[int, int]]:
    tokens = tokenize(text)
    clitic_cuts = [
        s + 1
        for s, e in tokens
        if e - s >= 4 and text[s] in _CLITICS and normalise_for_search(text[s + 1 : e]) in _LEXICON
    ]
    return split_at(tokens, [*clitic_cuts, *cuts])


_LEXICON = frozenset(lx.CUE_FORMS) | lx.PASSIVES | lx.SAYING_NOUNS | {"وفقا", "حسب", "بحسب"}


def _word_features(word: str, prefix: str) -> dict[str, Any]:
    fold = normalise_for_search(word)
    bare = fold[1:] if len(fold) > 3 and fold[0] in _CLITICS else fold
    return {
        f"{prefix}w": fold,
        f"{prefix}p2": fold[:2],
        f"{prefix}s2": fold[-2:],
        f"{prefix}cue": fold in _LEXICON or bare in _LEXICON,
        f"{prefix}comp": fold in lx.COMPLEMENTIZERS,
        f"{prefix}al": fold.startswith("ال"),
        f"{prefix}punct": len(word) == 1 and not word.isalnum(),
        f"{prefix}time": fold in lx.TIME_WORDS,
        f"{prefix}clitic": len(fold) == 1 and fold in _CLITICS,
    }


def _features(text: str, tokens: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    words = [text[s:e] for s, e in tokens]
    sentence_starts = {s for s, _ in sentences(text)}
    feats = []
    quote_open = False
    for i, word in enumerate(words):
        f: dict[str, Any] = {"bias": 1.0}
        f.update(_word_features(word, ""))
        for offset in (-3, -2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(words):
                f.update(_word_features(words[j], f"{offset}:"))
            else:
                f[f"{offset}:edge"] = True
        if word in '«“"':
            quote_open = not quote_open if word == '"' else True
        elif word in "»”":
            quote_open = False
        f["inquote"] = quote_open
        f["sentstart"] = tokens[i][0] in sentence_starts
        feats.append(f)
    return feats


def _bio(tokens: Sequence[tuple[int, int]], spans: Iterable[tuple[str, int, int]]) -> list[str]:
    tags = ["O"] * len(tokens)
    for label, start, end in sorted(
        spans, key=lambda s: LABELS.index(s[0]) if s[0] in LABELS else 9
    ):
        if label not in LABELS:
            continue
        first = True
        for i, (s, e) in enumerate(tokens):
            if s >= start and e <= end and tags[i] == "O":
                tags[i] = ("B-" if first else "I-") + label
                first = False
    return tags


class CrfModel:
    """A trained tagger; ``suggest`` gives candidates for a text."""

    def __init__(self, model_bytes: bytes) -> None:
        self._bytes = model_bytes
        self._tagger = pycrfsuite.Tagger()
        handle, path = tempfile.mkstemp(suffix=".crfsuite")
        try:
            with os.fdopen(handle, "wb") as fh:
                fh.write(model_bytes)
            self._tagger.open(path)
        finally:
            os.unlink(path)

    @property
    def model_bytes(self) -> bytes:
        return self._bytes

    def __call__(self, text: str) -> Candidates:
        return self.suggest(text)

    def suggest(self, text: str) -> Candidates:
        tokens = _tokens(text)
        out = Candidates()
        if not tokens:
            return out
        tags = self._tagger.tag(_features(text, tokens))
        spans: list[tuple[str, int, int]] = []
        for i, tag in enumerate(tags):
            if tag == "O":
                continue
            label = tag[2:]
            start, end = tokens[i]
            last = spans[-1] if spans else None
            continuing = (
                tag.startswith("I-")
                and last is not None
                and last[0] == label
                and i > 0
                and tags[i - 1] != "O"
                and tags[i - 1][2:] == label
            )
            if continuing and last is not None:
                spans[-1] = (label, last[1], end)
            else:
                spans.append((label, start, end))
        keyed = [(label, s, e, out.add_span(label, s, e, 0.6, NAME)) for label, s, e in spans]
        _link(text, keyed, out)
        return out


def _link(text: str, spans: list[tuple[str, int, int, int]], out: Candidates) -> None:
    bounds = sentences(text)

    def sentence_of(pos: int) -> int:
        for n, (s, e) in enumerate(bounds):
            if s <= pos < e:
                return n
        return -1

    last_source: int | None = None
    for label, start, _end, key in spans:
        if label == "SOURCE":
            last_source = key
        if label != "CLAIM":
            continue
        here = sentence_of(start)
        same = [x for x in spans if sentence_of(x[1]) == here and x[3] != key]
        sources = [x for x in same if x[0] == "SOURCE"]
        cues = [x for x in same if x[0] == "CUE"]
        if sources:
            nearest = min(sources, key=lambda x: abs(x[1] - start))
            out.add_link("ATTRIBUTED_TO", key, nearest[3], 0.5, NAME)
        elif last_source is not None:
            out.add_link("ATTRIBUTED_TO", key, last_source, 0.4, NAME)
        if cues:
            nearest_cue = min(cues, key=lambda x: abs(x[1] - start))
            out.add_link("HAS_CUE", key, nearest_cue[3], 0.5, NAME)


def train(examples: Sequence[Example], iterations: int = 60) -> CrfModel | None:
    """A model trained on the examples, or None when there are too few to learn from."""
    usable = [e for e in examples if e.spans]
    if len(usable) < MIN_ARTICLES:
        return None
    trainer = pycrfsuite.Trainer(verbose=False)
    for example in examples:
        cuts = [x for _, s, e in example.spans for x in (s, e)]
        tokens = _tokens(example.text, cuts)
        trainer.append(_features(example.text, tokens), _bio(tokens, example.spans))
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": iterations})
    handle, path = tempfile.mkstemp(suffix=".crfsuite")
    os.close(handle)
    try:
        trainer.train(path)
        with open(path, "rb") as fh:
            data = fh.read()
    finally:
        os.unlink(path)
    return CrfModel(data)


def examples_from_gold(articles: Iterable[GoldArticle]) -> list[Example]:
    return [Example(a.text, tuple((s.label, s.start, s.end) for s in a.spans)) for a in articles]


def examples_from_store(store: Any, limit: int = 2000) -> list[Example]:
    """Every annotated article of a store (manual and accepted annotations alike)."""
    return [Example(text, tuple(spans)) for text, spans in store.training_spans(limit)]


def cross_validated(articles: Sequence[GoldArticle], folds: int = 4) -> dict[str, CrfModel]:
    """For each article, a model trained on the folds it is not in."""
    models: dict[str, CrfModel] = {}
    for fold in range(folds):
        held = [a for n, a in enumerate(articles) if n % folds == fold]
        rest = [a for n, a in enumerate(articles) if n % folds != fold]
        model = train(examples_from_gold(rest))
        if model is None:
            return {}
        for article in held:
            models[article.id] = model
    return models


def cross_validated_f1(examples: Sequence[Example], folds: int = 4) -> dict[str, float | None]:
    """Overlap F1 per label of models trained on the other folds (the window shows this)."""
    from annotator.suggest.evaluate import Scores, score_article

    scores = Scores()
    articles = [
        GoldArticle(
            id=str(n),
            text=e.text,
            spans=[
                GoldSpan(f"x{k}", lab, s, t, e.text[s:t]) for k, (lab, s, t) in enumerate(e.spans)
            ],
            links=[],
        )
        for n, e in enumerate(examples)
    ]
    if len(articles) < folds + MIN_ARTICLES:
        return {label: None for label in LABELS}
    for fold in range(folds):
        rest = [e for n, e in enumerate(examples) if n % folds != fold]
        model = train(rest)
        if model is None:
            return {label: None for label in LABELS}
        for n, article in enumerate(articles):
            if n % folds == fold:
                score_article(article, model.suggest(article.text), scores)
    return {label: scores.f1("overlap", label) for label in LABELS}


def learning_curve(
    articles: Sequence[GoldArticle], sizes: Sequence[int] = (4, 8, 16, 24, 36)
) -> list[tuple[int, tuple[float | None, ...]]]:
    """The CRF's overlap F1 on the held-out articles, trained on the first n tune articles."""
    from annotator.suggest.evaluate import evaluate

    tune = [a for a in articles if a.split == "tune"]
    test = [a for a in articles if a.split != "tune"] or list(articles[-len(articles) // 4 :])
    curve: list[tuple[int, tuple[float | None, ...]]] = []
    for n in sizes:
        if n > len(tune):
            break
        model = train(examples_from_gold(tune[:n]))
        if model is None:
            curve.append((n, (None, None, None)))
            continue
        scores = evaluate(test, lambda a, m=model: m.suggest(a.text))  # type: ignore[misc]
        curve.append((n, tuple(scores.f1("overlap", label) for label in LABELS)))
    return curve


__all__ = ["CrfModel", "Example", "GoldLink", "learning_curve", "train"]


def train_and_score(
    examples: Sequence[Example],
) -> tuple[bytes | None, dict[str, float | None], int]:
    """Train on every example and cross-validate: what a background process returns.

    Returns:
        (the model's bytes or None, cross-validated overlap F1 per label, examples used).
    """
    model = train(examples)
    scores = cross_validated_f1(examples) if model is not None else dict.fromkeys(LABELS)
    return (model.model_bytes if model is not None else None), scores, len(examples)
