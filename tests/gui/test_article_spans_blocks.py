"""Which paragraphs a span touches, found with one search when it ends where it starts,
must be what two searches found: across line breaks, at a paragraph's last character,
and in the last paragraph."""

from __future__ import annotations

import random

from annotator.core.model import Annotation
from annotator.core.schema import load
from annotator.gui.models.article_spans import ArticleSpans
from annotator.paths import default_schema_path


def test_blocks_of_agrees_with_two_searches() -> None:
    rng = random.Random(5)
    text = "\n".join("قال" * rng.randint(0, 4) for _ in range(40)) + "\nآخر"
    made = []
    for n in range(300):
        start = rng.randrange(len(text) - 1)
        end = rng.randint(start + 1, min(len(text), start + 30))
        made.append(Annotation(n + 1, 1, "CUE", start, end, text[start:end]))
    spans = ArticleSpans(1, text, load(default_schema_path()), made, [])
    touched: set[int] = set()
    for a in made:
        two = range(spans.block_of(a.start), spans.block_of(a.end - 1) + 1)
        assert spans.blocks_of(a) == two, (a.start, a.end)
        touched.update(two)
    assert spans.blocks_with_spans() == touched
