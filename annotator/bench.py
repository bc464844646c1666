"""Benchmarks measured against a bare baseline in the same run.

Machines are shared and noisy, so each figure is a ratio: our time over the time of
the plainest way to do the same work with the same tools, both medians of a few runs.
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.core.text import canonicalise, sha256_hex
from annotator.paths import sample_paths

_VARIATIONS = (
    " 😀",
    " (MQ-1)",
    " Sputnik",
    " 5.5 كم",
    " 👍🏽",
    " Reuters",
    "، وفقا لوكالة AFP",
)


def synthetic_articles(count: int, size: int = 5000, seed: int = 7) -> Iterator[str]:
    """Distinct article texts of about ``size`` characters, cut from the samples.

    Each holds Arabic paragraphs with emoji, Latin names and digits mixed in, and a
    number that makes it unique, so that none is a duplicate of another.
    """
    rng = random.Random(seed)
    paragraphs = [
        p.strip()
        for path in sample_paths()
        for p in path.read_text(encoding="utf-8").split("\n")
        if p.strip()
    ]
    for n in range(count):
        parts = [f"مقال رقم {n}"]
        length = len(parts[0])
        while length < size:
            paragraph = rng.choice(paragraphs) + rng.choice(_VARIATIONS)
            parts.append(paragraph)
            length += len(paragraph) + 1
        yield "\n".join(parts)[:size]


def write_corpus_jsonl(path: Path, count: int, size: int = 5000) -> list[str]:
    texts = list(synthetic_articles(count, size))
    with path.open("w", encoding="utf-8") as fh:
        for n, text in enumerate(texts):
            fh.write(json.dumps({"title": f"article {n}", "text": text}, ensure_ascii=False) + "\n")
    return texts


def median_time(run: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _baseline_import(db_path: Path, texts: list[str]) -> None:
    """A raw sqlite3 executemany of the same rows in one transaction."""
    conn = sqlite3.connect(str(db_path))
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, text TEXT, status TEXT, "
        "meta TEXT, text_sha256 TEXT UNIQUE, created TEXT)"
    )
    rows = [
        (f"article {n}", t, "new", "{}", sha256_hex(t), "2026-01-01T00:00:00Z")
        for n, t in enumerate(texts)
    ]
    with conn:
        conn.executemany(
            "INSERT INTO articles (title, text, status, meta, text_sha256, created) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()


def run_import_benchmark(articles: int, repeat: int) -> Iterator[str]:
    """Import ``articles`` synthetic 5 KB articles from JSON Lines; yield the table rows."""
    from annotator.formats.importer import import_paths
    from annotator.storage import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        texts = [canonicalise(t) for t in write_corpus_jsonl(corpus, articles)]
        counter = iter(range(10_000))

        def ours() -> None:
            n = next(counter)
            with open_store(folder / f"ours{n}.db") as store:
                report = import_paths(store, [corpus])
            if len(report.imported) != articles:
                raise RuntimeError(f"imported {len(report.imported)} of {articles}")

        def baseline() -> None:
            _baseline_import(folder / f"base{next(counter)}.db", texts)

        base_t = median_time(baseline, repeat)
        ours_t = median_time(ours, repeat)
        yield f"{'measurement':<58} {'ours':>9} {'baseline':>9} {'ratio':>6}"
        yield (
            f"{f'import {articles:,} articles of ~5 KB (canonical text + search index)':<58} "
            f"{ours_t:>8.3f}s {base_t:>8.3f}s {ours_t / base_t:>6.2f}"
        )
