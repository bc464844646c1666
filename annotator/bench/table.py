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
    measure_search_runs,
    spread,
    write_corpus_jsonl,
)
from annotator.bench.startup import measure_cli, python_env


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

    def markdown(self) -> str:
        """The row as a line of a Markdown table, as the README shows it."""

        def fmt(value: float | None, low_high: tuple[float, float] | None) -> str:
            if value is None:
                return ""
            text = f"{value:.3g} {self.unit}" if value < 100 else f"{value:,.0f} {self.unit}"
            if low_high is not None:
                text += f" ({low_high[0]:.3g}–{low_high[1]:.3g})"
            return text

        ratio = "" if self.ratio is None else f"{self.ratio:.2f}"
        verdict = {True: "met", False: "missed", None: ""}[self.met]
        name = self.name.strip() + (f" ({self.note})" if self.note else "")
        return (
            f"| {name} | {fmt(self.ours, self.ours_spread)} | "
            f"{fmt(self.baseline, self.base_spread)} | {ratio} | {self.target} | {verdict} |"
        )


MARKDOWN_HEADER = (
    "| measurement | ours (p10–p90) | baseline, same run (p10–p90) | ratio | target | |\n"
    "|---|---|---|---|---|---|"
)


def machine(gui: bool = True) -> str:
    """One line naming the machine and the versions the figures come from."""
    import platform
    import sqlite3

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    qt = f", {_gui(['versions'])['qt']}" if gui else ""
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}{qt}"
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
    env = dict(python_env(), QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
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
    ours_runs, base_runs, index_runs = measure_import(sizes.import_articles, sizes.repeat)
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
    indexed = statistics.median(index_runs)
    yield Row(
        "  the baseline with a bare insert of the same search index rows",
        indexed,
        base,
        "s",
        "(no target)",
        None,
        ours_spread=spread(index_runs),
        base_spread=spread(base_runs),
    )
    from annotator.bench.import_memory import measure_import_memory

    large, large_bytes = (200, 1 << 20) if sizes.import_articles >= 10_000 else (12, 1 << 18)
    memory = measure_import_memory(large, large_bytes)
    # Both processes' peaks added up: an upper bound of the import's memory at any time.
    peak = memory["peak_mb"] + memory["reader_peak_mb"]
    yield Row(
        f"peak memory (RSS) importing {large} articles of {large_bytes / (1 << 20):.2g} MB, "
        "writer + reader",
        peak,
        None,
        "MB",
        "< 300 MB",
        peak < 300,
    )
    from annotator.bench.import_backup import measure_import_into_large

    large_mb = 1900 if sizes.import_articles >= 10_000 else 80
    ours_runs, base_runs = measure_import_into_large(large_mb, 1)
    ours, base = statistics.median(ours_runs), statistics.median(base_runs)
    yield Row(
        f"`annotator import` of 10 articles into a {large_mb:,} MB database, backup due",
        ours,
        base,
        "s",
        "ratio ≤ 1.5",
        ours / base <= 1.5,
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
            # Taking turns with the bare window, after one untimed run of each.
            start_args, bare_args = ["start", str(corpus), str(last)], ["bare-start"]
            _wall_to_first_line(start_args)
            _wall_to_first_line(bare_args)
            ours_runs, base_runs = [], []
            for _ in range(sizes.repeat * 3 if sizes.repeat > 1 else 1):
                ours_runs.append(_wall_to_first_line(start_args))
                base_runs.append(_wall_to_first_line(bare_args))
            ours, base = statistics.median(ours_runs), statistics.median(base_runs)
            yield Row(
                f"cold start to the first painted article, {articles:,}-article database",
                ours,
                base,
                "s",
                "ratio ≤ 2",
                ours / base <= 2,
                ours_spread=spread(ours_runs),
                base_spread=spread(base_runs),
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
                        # Turns with the baseline: a short opening is over in a few
                        # milliseconds, where one stray event weighs on a median of few.
                        str(max(3, sizes.repeat * (10 if size <= 5_000 else 3))),
                    ]
                )
                opened = (
                    f"open a {_size(size)} article with {spans:,} spans until painted "
                    "(its first opening in the window)"
                )
                for name, key in (
                    (opened, "ours"),
                    ("the same, opened again (back from another article)", "again"),
                ):
                    yield Row(
                        name,
                        figures[f"{key}_ms"],
                        figures["baseline_ms"],
                        "ms",
                        "ratio ≤ 2",
                        figures[f"{key}_ms"] / figures["baseline_ms"] <= 2,
                        ours_spread=(figures[f"{key}_p10_ms"], figures[f"{key}_p90_ms"]),
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
                    # p10–p90 of the samples: it describes the p50 row; a p99 is the
                    # tail itself.
                    ours_spread=(action["ours_p10_ms"], action["ours_p90_ms"])
                    if q == "p50"
                    else None,
                    base_spread=(action["baseline_p10_ms"], action["baseline_p90_ms"])
                    if q == "p50"
                    else None,
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
            arcs = _gui(
                [
                    "arcs",
                    "--size",
                    str(sizes.big_size),
                    "--spans",
                    str(sizes.big_spans),
                    "--frames",
                    str(sizes.actions),
                ],
                timeout=1800,
            )
            yield Row(
                f"paint with link arcs (vs none), {_size(sizes.big_size)}, "
                f"{sizes.big_spans:,} spans, p99 of {arcs['frames']:,.0f} frames",
                arcs["arcs_p99_ms"],
                arcs["bare_p99_ms"],
                "ms",
                "< 16 ms",
                arcs["arcs_p99_ms"] < 16,
                ours_spread=(arcs["arcs_p10_ms"], arcs["arcs_p90_ms"]),
                base_spread=(arcs["bare_p10_ms"], arcs["bare_p90_ms"]),
            )
            yield from _first_suggestion_rows(sizes)
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
        search_runs, total, _ = measure_search_runs(corpus)
        median_ms = statistics.median(search_runs)
        yield Row(
            f"diacritic-insensitive search over {total:,} articles (clitic matcher), median",
            median_ms,
            None,
            "ms",
            "< 50 ms",
            median_ms < 50,
            ours_spread=spread(search_runs),
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
    cli_runs = measure_cli(max(3, sizes.repeat * 7))
    base_ms = [t * 1000 for t in cli_runs["bare"]]
    shown = {"help": "annotator --help", "list": "annotator list on a 20-article database"}
    for key, what in shown.items():
        ours_ms = [t * 1000 for t in cli_runs[key]]
        ours, base = statistics.median(ours_ms), statistics.median(base_ms)
        yield Row(
            f"{what}, whole process",  # baseline: python -c "import sqlite3, click"
            ours,
            base,
            "ms",
            "ratio ≤ 2",
            ours / base <= 2,
            ours_spread=spread(ours_ms),
            base_spread=spread(base_ms),
        )


def _first_suggestion_rows(sizes: Sizes) -> Iterator[Row]:
    """First opening of a long article never suggested for: until painted (vs a bare
    QTextEdit), and until its suggestions are shown (vs the bare engine on its text)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    size, repeat = sizes.big_size, (3 if sizes.repeat > 1 else 1)
    result = subprocess.run(
        [sys.executable, "-m", "annotator.gui.bench.first_suggest", "--size", str(size)]
        + ["--repeat", str(repeat)],
        capture_output=True,
        text=True,
        timeout=1800,
        env=env,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench row first_suggest failed: {result.stderr.strip()[-800:]}")
    f = json.loads(result.stdout.strip().splitlines()[-1])
    yield Row(
        f"first opening of a {_size(size)} article never suggested for, until painted",
        f["painted_ms"],
        f["bare_paint_ms"],
        "ms",
        "ratio ≤ 2",
        f["painted_ms"] / f["bare_paint_ms"] <= 2,
        ours_spread=(f["painted_p10_ms"], f["painted_p90_ms"]),
        base_spread=(f["bare_paint_p10_ms"], f["bare_paint_p90_ms"]),
    )
    yield Row(
        "  the same, until its suggestions are shown (vs the bare engine on its text)",
        f["shown_ms"],
        f["bare_engine_ms"],
        "ms",
        "ratio ≤ 2",
        f["shown_ms"] / f["bare_engine_ms"] <= 2,
        ours_spread=(f["shown_p10_ms"], f["shown_p90_ms"]),
        base_spread=(f["bare_engine_p10_ms"], f["bare_engine_p90_ms"]),
    )
    # Under 100 ms a pause reads as no pause at all (the usual limit for a response to
    # feel instantaneous); once per article's first opening, it goes unnoticed.
    yield Row(
        "  the same, the window's longest stall until then (gap of a 5 ms timer; vs the same "
        "loop, nothing made)",
        f["stall_ms"],
        f["bare_stall_ms"],
        "ms",
        "< 100 ms",
        f["stall_ms"] < 100,
        ours_spread=(f["stall_p10_ms"], f["stall_p90_ms"]),
        base_spread=(f["bare_stall_p10_ms"], f["bare_stall_p90_ms"]),
    )


def _size(chars: int) -> str:
    return f"{chars // 1_000_000} MB" if chars >= 1_000_000 else f"{chars // 1000} KB"


def scaling(quick: bool = False) -> Iterator[str]:
    """How cost grows with article length, span count, corpus size (three sizes each) and
    the number of annotators."""
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
    yield from annotator_growth(quick)


def annotator_growth(quick: bool = False) -> Iterator[str]:
    """Agreement by the number of annotators on the same corpus: the time should follow
    the number of pairs, so the time per pair stays level."""
    yield "annotators on the same 20 articles of 5 KB, 40 spans each: every agreement figure"
    for annotators in (3, 6) if quick else (10, 20, 40, 60):
        runs, pairs = measure_agreement(annotators, 1 if quick else 3)
        seconds = statistics.median(runs)
        low, high = spread(runs)
        yield (
            f"  {annotators:>3} annotators, {pairs:>5,} pairs   {seconds:6.2f} s "
            f"({low:.2f}–{high:.2f})   {seconds / pairs * 1000:6.2f} ms per pair"
        )
