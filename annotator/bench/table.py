"""`annotator bench`: every measurement beside its bare baseline, run in the same session.

The window's rows run in fresh processes (python -m annotator.gui.bench.rows), so that
a cold start is cold and one row's memory does not weigh on another. This module
itself never imports Qt.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from annotator.bench.bulk import measure_export_memory, measure_native_import
from annotator.bench.measures import (
    build_corpus_db,
    measure_agreement,
    measure_db_size,
    measure_export,
    measure_import,
    measure_list_window,
    measure_search,
    spread,
    write_corpus_jsonl,
)


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    name: str
    ours: float
    baseline: float | None
    unit: str
    target: str
    met: bool | None
    note: str = ""
    # p10 and p90 of ours and of the baseline: how far runs of the same work differ.
    ours_spread: tuple[float, float] | None = None
    base_spread: tuple[float, float] | None = None

    @property
    def ratio(self) -> float | None:
        return None if not self.baseline else self.ours / self.baseline

    def line(self) -> str:
        def fmt(value: float | None) -> str:
            if value is None:
                return "—"
            return f"{value:.3f} {self.unit}" if value < 10 else f"{value:.1f} {self.unit}"

        def span(values: tuple[float, float] | None) -> str:
            if values is None:
                return "—"
            low, high = values
            return f"{low:.3g}–{high:.3g}"

        ratio = "—" if self.ratio is None else f"{self.ratio:.2f}"
        verdict = {True: "met", False: "MISSED", None: ""}[self.met]
        spreads = f"{span(self.ours_spread)} / {span(self.base_spread)}"
        return (
            f"{self.name:<62} {fmt(self.ours):>11} {fmt(self.baseline):>11} {ratio:>6}  "
            f"{spreads:<27} {self.target:<12} {verdict}"
        )


HEADER = (
    f"{'measurement':<62} {'ours':>11} {'baseline':>11} {'ratio':>6}  "
    f"{'p10–p90 ours / baseline':<27} {'target':<12} verdict"
)


@dataclass(frozen=True)
class Sizes:
    import_articles: int
    corpus_articles: int
    export_annotations: int
    big_size: int
    big_spans: int
    actions: int
    frames: int
    repeat: int
    annotators: int

    @classmethod
    def full(cls) -> Sizes:
        # 1,000 actions: a p99 from 1,000 samples.
        return cls(10_000, 100_000, 100_000, 1_000_000, 5_000, 1_000, 300, 3, 60)

    @classmethod
    def quick(cls) -> Sizes:
        return cls(300, 2_000, 5_000, 100_000, 500, 10, 30, 1, 6)


def _gui(args: list[str], timeout: int = 900) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    result = subprocess.run(
        [sys.executable, "-m", "annotator.gui.bench.rows", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench row {args[0]} failed: {result.stderr.strip()[-800:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _wall_to_first_line(args: list[str]) -> float:
    """Seconds from starting a process to its first line of output (interpreter start,
    imports and all)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    begin = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "annotator.gui.bench.rows", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - begin
    proc.stdout.close()
    proc.wait(600)
    if not line.startswith("{"):
        raise RuntimeError(f"bench row {args[0]} printed nothing")
    return elapsed


def _median(run: Callable[[], float], repeat: int) -> float:
    return statistics.median(run() for _ in range(max(1, repeat)))


def _ready_corpus(db: Path) -> None:
    """A fresh rolling backup, so that timed opens do not start another in the background."""
    from annotator.storage import backups, files

    conn = files.connect(db, readonly=True)
    try:
        backups.rotate(conn, db)
    finally:
        conn.close()


def rows(sizes: Sizes, corpus: Path | None = None, gui: bool = True) -> Iterator[Row]:
    """Measure every row; a corpus database of ``sizes.corpus_articles`` is built unless
    given."""
    ours_runs, base_runs = measure_import(sizes.import_articles, sizes.repeat)
    ours, base = statistics.median(ours_runs), statistics.median(base_runs)
    yield Row(
        f"import {sizes.import_articles:,} articles of ~5 KB (canonical text, search index)",
        ours,
        base,
        "s",
        "ratio ≤ 1.5",
        ours / base <= 1.5,
        ours_spread=spread(ours_runs),
        base_spread=spread(base_runs),
    )
    ours_kb, copy_kb = measure_db_size(sizes.import_articles)
    yield Row(
        f"database size per article, {sizes.import_articles:,} articles, after VACUUM",
        ours_kb,
        copy_kb,
        "KB",
        "ratio ≤ 0.6",
        ours_kb / copy_kb <= 0.6,
    )
    with tempfile.TemporaryDirectory() as tmp:
        if corpus is None:
            corpus = Path(tmp) / "corpus.db"
            build_corpus_db(corpus, sizes.corpus_articles)
        _ready_corpus(corpus)
        from annotator.storage import open_store

        with open_store(corpus, readonly=True) as store:
            articles = store.count_articles()
            last = store.article_ids()[-1]
        if gui:
            ours = _median(
                lambda: _wall_to_first_line(["start", str(corpus), str(last)]), sizes.repeat
            )
            base = _median(lambda: _wall_to_first_line(["bare-start"]), sizes.repeat)
            yield Row(
                f"cold start to the first painted article, {articles:,}-article database",
                ours,
                base,
                "s",
                "ratio ≤ 1.5",
                ours / base <= 1.5,
            )
            for size, spans in ((5_000, 60), (sizes.big_size, sizes.big_spans)):
                figures = _gui(
                    [
                        "open",
                        "--size",
                        str(size),
                        "--spans",
                        str(spans),
                        "--repeat",
                        str(max(3, sizes.repeat)),
                    ]
                )
                yield Row(
                    f"open a {_size(size)} article with {spans:,} spans until painted",
                    figures["ours_ms"],
                    figures["baseline_ms"],
                    "ms",
                    "ratio ≤ 2",
                    figures["ours_ms"] / figures["baseline_ms"] <= 2,
                    ours_spread=(figures["ours_p10_ms"], figures["ours_p90_ms"]),
                    base_spread=(figures["baseline_p10_ms"], figures["baseline_p90_ms"]),
                )
            action = _gui(["action", "--actions", str(sizes.actions)])
            for q in ("p50", "p99"):
                o, b = action[f"ours_{q}_ms"], action[f"baseline_{q}_ms"]
                yield Row(
                    f"one annotation action until committed, {q} "
                    f"({action['samples']:,.0f} samples)",
                    o,
                    b,
                    "ms",
                    "ratio ≤ 2",
                    o / b <= 2,
                    ours_spread=(action["ours_p10_ms"], action["ours_p90_ms"]),
                    base_spread=(action["baseline_p10_ms"], action["baseline_p90_ms"]),
                )
            yield Row(
                "  the same, until the window shows it, p99",
                action["shown_p99_ms"],
                None,
                "ms",
                "(no target)",
                None,
                ours_spread=(action["shown_p10_ms"], action["shown_p90_ms"]),
            )
            scroll = _gui(
                [
                    "scroll",
                    "--size",
                    str(sizes.big_size),
                    "--spans",
                    str(sizes.big_spans),
                    "--frames",
                    str(sizes.frames),
                ]
            )
            yield Row(
                f"scroll through the {_size(sizes.big_size)}, {sizes.big_spans:,}-span article, "
                "p99 frame",
                scroll["p99_ms"],
                None,
                "ms",
                "< 16 ms",
                scroll["p99_ms"] < 16,
            )
        ours_runs, base_runs = measure_list_window(corpus)
        ours, base = statistics.median(ours_runs), statistics.median(base_runs)
        yield Row(
            f"the article list's last window of {articles:,} articles (200 rows)",
            ours,
            base,
            "ms",
            "< 5 ms",
            ours < 5,
            ours_spread=spread(ours_runs),
            base_spread=spread(base_runs),
        )
        median_ms, total, _ = measure_search(corpus)
        yield Row(
            f"diacritic-insensitive search over {total:,} articles, median",
            median_ms,
            None,
            "ms",
            "< 50 ms",
            median_ms < 50,
        )
        if gui:
            memory = _gui(["memory", str(corpus)])
            extra = memory["ours_mb"] - memory["baseline_mb"]
            yield Row(
                f"memory (RSS) with the {articles:,}-article database open",
                memory["ours_mb"],
                memory["baseline_mb"],
                "MB",
                "≤ +60 MB",
                extra <= 60,
                note=f"+{extra:.0f} MB over an empty database",
            )
    ours_runs, base_runs, links = measure_export(sizes.export_annotations, sizes.repeat)
    ours, base = statistics.median(ours_runs), statistics.median(base_runs)
    yield Row(
        f"export {sizes.export_annotations:,} annotations ({links:,} links) to jsonl",
        ours,
        base,
        "s",
        "ratio ≤ 1.2",
        ours / base <= 1.2,
        ours_spread=spread(ours_runs),
        base_spread=spread(base_runs),
    )
    # Whole annotated articles in and out (annotator.bench.bulk).
    count = sizes.export_annotations
    ours_runs, base_runs, links = measure_native_import(count, sizes.repeat)
    ours, base = statistics.median(ours_runs), statistics.median(base_runs)
    yield Row(
        f"import annotator's own jsonl, {count:,} annotations ({links:,} links)",
        ours,
        base,
        "s",
        "ratio ≤ 2",
        ours / base <= 2,
        ours_spread=spread(ours_runs),
        base_spread=spread(base_runs),
    )
    big, small = measure_export_memory(count, count // 10)
    yield Row(
        f"export memory (peak RSS), {count:,} annotations against {count // 10:,}",
        big,
        small,
        "MB",
        "≤ +5 MB",
        big - small <= 5,
    )
    runs, pairs = measure_agreement(sizes.annotators, sizes.repeat)
    ours = statistics.median(runs)
    yield Row(
        f"agreement, {sizes.annotators} annotators ({pairs:,} pairs) on 20 articles of 5 KB",
        ours,
        None,
        "s",
        "< 5 s",
        ours < 5,
        ours_spread=spread(runs),
    )


def _size(chars: int) -> str:
    return f"{chars // 1_000_000} MB" if chars >= 1_000_000 else f"{chars // 1000} KB"


def scaling(quick: bool = False) -> Iterator[str]:
    """How cost grows with article length, span count and corpus size (three sizes each)."""
    lengths = (10_000, 100_000, 1_000_000) if not quick else (5_000, 20_000, 50_000)
    yield "article length (spans: one per 200 characters): open until painted"
    for size in lengths:
        spans = max(1, size // 200)
        figures = _gui(["open", "--size", str(size), "--spans", str(spans), "--repeat", "3"])
        yield (
            f"  {_size(size):>6}, {spans:>5} spans   {figures['ours_ms']:8.1f} ms   "
            f"(QTextEdit alone {figures['baseline_ms']:.1f} ms)"
        )
    size = 1_000_000 if not quick else 50_000
    yield f"span count on a {_size(size)} article: open until painted, scroll p99"
    for spans in (500, 2_000, 5_000) if not quick else (50, 100, 200):
        figures = _gui(["open", "--size", str(size), "--spans", str(spans), "--repeat", "3"])
        scroll = _gui(["scroll", "--size", str(size), "--spans", str(spans), "--frames", "100"])
        yield (
            f"  {spans:>6} spans   open {figures['ours_ms']:8.1f} ms   "
            f"scroll p99 {scroll['p99_ms']:6.1f} ms"
        )
    from annotator.formats.importer import import_paths
    from annotator.storage import open_store

    yield "corpus size: import per article, search median, cold start"
    for count in (1_000, 10_000, 100_000) if not quick else (200, 400, 800):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "c.db"
            corpus = Path(tmp) / "c.jsonl"
            write_corpus_jsonl(corpus, count)
            begin = time.perf_counter()
            with open_store(db) as store:
                import_paths(store, [corpus])
            per_article = (time.perf_counter() - begin) / count * 1000
            _ready_corpus(db)
            median_ms, _, _ = measure_search(db, repeat=5)
            start = _median(partial(_wall_to_first_line, ["start", str(db), "1"]), 3)
            yield (
                f"  {count:>7,} articles   import {per_article:6.2f} ms/article   "
                f"search {median_ms:6.1f} ms"
                f"   cold start {start:5.2f} s"
            )
