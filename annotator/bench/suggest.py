"""Suggestion benchmarks for `annotator bench`: the patterns on one 5 KB article, and
`annotator suggest` over a corpus (a throughput against its target: nothing bare does
the same work, so it has no baseline)."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.bench.measures import build_corpus_db, spread, synthetic_articles
from annotator.bench.table import Row
from annotator.core.tokens import tokenize
from annotator.suggest import engine


def _interleaved_ms(
    ours: Callable[[str], object], base: Callable[[str], object], text: str, runs: int
) -> tuple[list[float], list[float]]:
    """Milliseconds of each of ``runs`` calls of ``ours`` and of ``base`` on ``text``,
    one of each in turn, so that both see the same load on the machine."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for work, into in ((ours, times[0]), (base, times[1])):
            started = time.perf_counter()
            work(text)
            into.append((time.perf_counter() - started) * 1000)
    return times


def suggestion_rows(quick: bool = False) -> Iterator[Row]:
    """Rows: suggesting for a 5 KB article (vs tokenising it), and suggesting and storing
    for every article of a corpus (articles per second)."""
    text = next(synthetic_articles(1, 5000, seed=11))
    runs = 5 if quick else 100
    engine.run(text)
    ours_ms, base_ms = _interleaved_ms(engine.run, tokenize, text, runs)
    ours, base = statistics.median(ours_ms), statistics.median(base_ms)
    yield Row(
        "suggest for one 5 KB article (patterns; vs tokenising it)",
        ours,
        base,
        "ms",
        "< 20 ms",
        ours < 20,
        ours_spread=spread(ours_ms),
        base_spread=spread(base_ms),
    )
    count = 300 if quick else 10_000
    from annotator.storage import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "suggest.db"
        build_corpus_db(db, count)
        store = open_store(db, backup=False)
        try:
            ids = store.article_ids()
            started = time.perf_counter()
            stored = 0
            for first in range(0, len(ids), 200):
                with store.transaction():  # batches of 200, as `annotator suggest` commits
                    for article_id in ids[first : first + 200]:
                        candidates = engine.run(store.article_text(article_id))
                        stored += store.store_candidates(article_id, candidates)[0]
            ours = time.perf_counter() - started
        finally:
            store.close()
    rate = count / ours
    yield Row(
        f"suggest and store for {count:,} articles of ~5 KB: {rate:,.0f} articles/s",
        ours,
        None,
        "s",
        "≥ 50 art./s",
        rate >= 50,
    )
