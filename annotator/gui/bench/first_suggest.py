"""The first opening of a long article never suggested for, in the real window.

    QT_QPA_PLATFORM=offscreen python -m annotator.gui.bench.first_suggest [--size N]

Prints one JSON object: milliseconds until the article is painted and until its
suggestions are shown (computed in a worker thread, stored, drawn), each run on a fresh
article; beside them, in the same process and turn by turn, a bare QTextEdit painting
the same text at the same width, and the bare engine run over it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QTextEdit

from annotator.core.model import NewArticle
from annotator.storage import open_store


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


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
        painted: list[float] = []
        shown: list[float] = []
        bare_paint: list[float] = []
        bare_engine: list[float] = []
        for article_id, text in zip(ids, texts, strict=True):
            begin = time.perf_counter()
            window.open_article(article_id)
            view.viewport().repaint()
            painted.append((time.perf_counter() - begin) * 1000)
            while not suggesting.pending:
                QApplication.processEvents()
                time.sleep(0.001)
            view.viewport().repaint()
            shown.append((time.perf_counter() - begin) * 1000)
            window.open_article(other)
            QApplication.processEvents()

            edit.setPlainText("")
            QApplication.processEvents()
            begin = time.perf_counter()
            edit.setPlainText(text)
            edit.viewport().repaint()
            QApplication.processEvents()
            bare_paint.append((time.perf_counter() - begin) * 1000)
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
