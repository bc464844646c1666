"""The agreement rows of `annotator bench`: the growth by annotators follows the pairs."""

from __future__ import annotations

import re

from annotator.bench.measures import agreement_corpus, measure_agreement
from annotator.bench.table import annotator_growth


def test_growth_by_annotators_shows_pairs_and_time_per_pair() -> None:
    lines = list(annotator_growth(quick=True))
    assert lines[0].startswith("annotators on the same 20 articles")
    rows = [
        re.search(r"(\d+) annotators, +(\d+) pairs +([\d.]+) s .* ([\d.]+) ms per pair", x)
        for x in lines[1:]
    ]
    assert [(m.group(1), m.group(2)) for m in rows if m] == [("3", "3"), ("6", "15")]
    for m in rows:
        assert m is not None
        seconds, per_pair = float(m.group(3)), float(m.group(4))
        pairs = int(m.group(2))
        # Seconds are printed to 0.01 s.
        assert seconds > 0 and abs(seconds / pairs * 1000 - per_pair) <= 5 / pairs + 0.01


def test_the_benchmark_corpus_has_what_agreement_must_handle() -> None:
    corpus = agreement_corpus(4, articles=3)
    assert len(corpus) == 3 and all(len(art.spans) == 4 for art in corpus)
    for art in corpus:
        spans = art.spans["annotator00"]
        assert len({s.label for s in spans}) == 3 and art.links["annotator00"]
    runs, pairs = measure_agreement(4)
    assert pairs == 6 and len(runs) == 1 and runs[0] > 0
