"""How the window copes with a 1 MB article holding 5,000 spans.

    QT_QPA_PLATFORM=offscreen python -m annotator.gui.bench [--size 1000000] [--spans 5000]

Builds the article and its spans in a temporary database, opens the real window on it
and times what an annotator does: open the article, paint, scroll, hover, mark a span,
undo and redo. Each change must re-format only the paragraphs it touched; the report
says how many it did. Timings are printed, not judged: machines differ.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QSettings
from PySide6.QtWidgets import QApplication

from annotator.bench.measures import synthetic_articles
from annotator.core.model import NewArticle
from annotator.core.spans import tokens
from annotator.core.text import canonicalise
from annotator.gui.models.article_spans import ArticleSpans
from annotator.storage import open_store


def build(db: Path, size: int, spans: int, seed: int = 3) -> tuple[int, int, int]:
    """An article of ``size`` characters with ``spans`` annotations (a tenth nested in
    another) and a link for every other claim. Returns (article id, spans, links)."""
    rng = random.Random(seed)
    text = canonicalise(next(synthetic_articles(1, size=size, seed=seed)))
    words = [t for t in tokens(text) if t[1] - t[0] > 1]
    with open_store(db) as store:
        article_id, _ = store.add_article(NewArticle(text=text, title="1 MB"))
        labels = list(store.schema.labels)
        made: list[tuple[int, str]] = []
        with store.transaction():
            starts = sorted(rng.sample(range(len(words) - 8), spans))
            for n, first in enumerate(starts):
                length = rng.randint(1, 6)
                start, end = words[first][0], words[first + length - 1][1]
                if n % 10 == 9 and made:
                    # Nested: a span inside the previous one's first word.
                    start, end = words[first][0], words[first][1]
                label = labels[n % len(labels)]
                made.append(
                    (store.create_annotation(article_id, label, start, end, "bench").id, label)
                )
            links = 0
            sources = [i for i, label in made if label == "SOURCE"]
            for i, (ann_id, label) in enumerate(made):
                if label == "CLAIM" and i % 2 == 0 and sources:
                    store.create_relation(
                        "ATTRIBUTED_TO", ann_id, sources[min(i // 3, len(sources) - 1)], "bench"
                    )
                    links += 1
    return article_id, len(made), links


def _time(step: Callable[[], object], repeat: int = 1) -> float:
    """Median milliseconds of ``step`` (events processed after each run)."""
    runs = []
    for _ in range(repeat):
        begin = time.perf_counter()
        step()
        QApplication.processEvents()
        runs.append((time.perf_counter() - begin) * 1000)
    return statistics.median(runs)


def run(size: int, spans: int) -> dict[str, float | int]:
    from annotator.gui.app import AppController, application
    from annotator.gui.bench.arcs import measure_arc_painting
    from annotator.gui.settings import Settings

    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "big.db"
        begin = time.perf_counter()
        article_id, made, links = build(db, size, spans)
        results: dict[str, float | int] = {
            "characters": size,
            "spans": made,
            "links": links,
            "build database (ms)": (time.perf_counter() - begin) * 1000,
        }
        settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
        controller = AppController(app, settings, data_dir=folder, ask_name=lambda *_: "bench")
        controller.start(db, None, "bench")
        window = controller.window
        assert window is not None
        window.resize(1280, 800)
        QApplication.processEvents()
        view, annotating = window.view, window.annotating

        def shown() -> ArticleSpans:
            # Opening the article again makes new spans: always the ones shown now.
            assert annotating.spans is not None
            return annotating.spans

        results["open the article (ms)"] = _time(lambda: window.open_article(article_id))
        results["paint the view (ms)"] = _time(view.viewport().repaint, repeat=5)
        bar = view.verticalScrollBar()
        positions = [bar.maximum() * k // 40 for k in range(40)]

        def scroll() -> None:
            for value in positions:
                bar.setValue(value)
                view.viewport().repaint()

        results["scroll a page and paint (ms)"] = _time(scroll) / len(positions)
        first = shown().ordered()[len(shown().annotations) // 2]
        view.reveal(first.id)
        QApplication.processEvents()
        point = QPointF(view.point_of(first.start + 1))
        results["find the spans under the mouse (ms)"] = _time(
            lambda: view.annotations_at(point), repeat=50
        )
        results["spans found under the mouse"] = len(view.annotations_at(point))
        text = shown().text
        target = text.index(" ", len(text) // 2) + 1
        end = text.index(" ", target)
        view.select_span(target, end)
        before = view.formatted_blocks
        results["mark a span: database, formats, panel (ms)"] = _time(
            lambda: annotating.label("CLAIM")
        )
        results["paragraphs re-formatted by the mark"] = view.formatted_blocks - before
        stack = annotating.stack
        assert stack is not None
        before = view.formatted_blocks
        results["undo it (ms)"] = _time(stack.undo)
        results["paragraphs re-formatted by the undo"] = view.formatted_blocks - before
        results["redo it (ms)"] = _time(stack.redo)
        some = next(iter(shown().annotations))
        results["select a span from the panel (ms)"] = _time(
            lambda: annotating.select(some, reveal=True), repeat=5
        )
        widths = iter([1100, 1280] * 5)
        results["resize the window and paint (ms)"] = _time(
            lambda: (window.resize(next(widths), 800), view.viewport().repaint()), repeat=6
        )
        results["paragraphs in the article"] = shown().block_count
        results.update(measure_arc_painting(view, annotating))
        controller.shutdown()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters in the article")
    parser.add_argument("--spans", type=int, default=5000, help="annotations on it")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    results = run(args.size, args.spans)
    if args.json:
        print(json.dumps(results))
    else:
        for name, value in results.items():
            print(
                f"{name:<48} {value:>10.2f}"
                if isinstance(value, float)
                else f"{name:<48} {value:>10}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
