"""The first opening of a long article never suggested for, in the real window.

    QT_QPA_PLATFORM=offscreen python -m annotator.gui.bench.first_suggest [--size N]

Prints one JSON object: milliseconds until the article is painted and until its
suggestions are shown (computed and stored in a worker process, read and drawn), each
run on a fresh article; beside them, in the same process and turn by turn, a bare
QTextEdit painting the same text at the same width, and the bare engine run over it.

And how long the window's thread stalls meanwhile: the longest gap between the ticks of
a 5 ms timer, from the first paint until the suggestions are shown. Its baseline is the
same loop for as long, on the same article opened again once its suggestions are in
(nothing is being made: the pending ones are read back as on any opening).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QTextEdit

from annotator.core.model import NewArticle
from annotator.gui.bench.rows import bare_paint_ms
from annotator.storage import open_store


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


TICK_MS = 5


class _Ticks:
    """When a 5 ms timer fired: its longest gap is the longest stall of the thread."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(lambda: self.times.append(time.perf_counter()))

    def start(self) -> None:
        self.times = [time.perf_counter()]
        self._timer.start()

    def longest_gap_ms(self) -> float:
        self._timer.stop()
        self.times.append(time.perf_counter())
        return max(b - a for a, b in zip(self.times, self.times[1:], strict=False)) * 1000


def _past(moment: float) -> bool:
    return time.perf_counter() >= moment


def _wait(done: Callable[[], bool]) -> None:
    while not done():
        QApplication.processEvents()
        time.sleep(0.001)


def measure(size: int, repeat: int) -> dict[str, float]:
    from annotator.gui.app import AppController, application
    from annotator.gui.bench.window import build
    from annotator.gui.settings import Settings
    from annotator.suggest import engine

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "first.db"
        # A fresh article (a different text) for each run: each is opened for the first time.
        ids = [build(db, size, 10, seed=seed)[0] for seed in range(3, 3 + repeat)]
        with open_store(db) as store:
            other, _ = store.add_article(NewArticle(text="مقال قصير", title="other"))
            texts = [store.article_text(i) for i in ids]
        app = application()
        settings = Settings(QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat))
        controller = AppController(app, settings, data_dir=folder, ask_name=lambda *_: "bench")
        controller.start(db, other, "bench")
        window = controller.window
        assert window is not None, "the window did not open"
        window.resize(1280, 800)
        window.view.viewport().repaint()
        QApplication.processEvents()
        view, suggesting = window.view, window.suggesting
        edit = QTextEdit()
        edit.document().setDefaultFont(view.document().defaultFont())
        edit.resize(view.width(), view.height())
        edit.show()
        QApplication.processEvents()
        ticks = _Ticks()
        painted: list[float] = []
        shown: list[float] = []
        stall: list[float] = []
        bare_stall: list[float] = []
        bare_paint: list[float] = []
        bare_engine: list[float] = []
        for article_id, text in zip(ids, texts, strict=True):
            begin = time.perf_counter()
            window.open_article(article_id)
            view.viewport().repaint()
            painted.append((time.perf_counter() - begin) * 1000)
            ticks.start()
            since = time.perf_counter()
            # Shown: computed, stored, every one of them read and drawn.
            _wait(lambda: bool(suggesting.pending) and not suggesting.reading)
            view.viewport().repaint()
            shown.append((time.perf_counter() - begin) * 1000)
            stall.append(ticks.longest_gap_ms())
            lasted = time.perf_counter() - since
            window.open_article(other)
            QApplication.processEvents()

            # The same loop for as long, on the same article with nothing being made.
            window.open_article(article_id)
            view.viewport().repaint()
            ticks.start()
            _wait(partial(_past, time.perf_counter() + lasted))
            view.viewport().repaint()
            bare_stall.append(ticks.longest_gap_ms())
            if suggesting.background.running():
                raise RuntimeError("suggestions were made again for an article that has them")
            window.open_article(other)
            QApplication.processEvents()

            bare_paint.append(bare_paint_ms(edit, text))
            begin = time.perf_counter()
            engine.run(text)
            bare_engine.append((time.perf_counter() - begin) * 1000)
        edit.close()
        controller.shutdown()
    result: dict[str, float] = {}
    for name, values in (
        ("painted", painted),
        ("shown", shown),
        ("bare_paint", bare_paint),
        ("bare_engine", bare_engine),
        ("stall", stall),
        ("bare_stall", bare_stall),
    ):
        result[f"{name}_ms"] = statistics.median(values)
        result[f"{name}_p10_ms"] = _percentile(values, 0.1)
        result[f"{name}_p90_ms"] = _percentile(values, 0.9)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps(measure(args.size, args.repeat)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
