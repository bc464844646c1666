"""The window's rows of `annotator bench`, each measured with its bare Qt or SQLite baseline.

    QT_QPA_PLATFORM=offscreen python -m annotator.gui.bench.rows ROW [options]

Each call prints one JSON object. `annotator bench` runs every row in a fresh process,
so that a cold start is really cold and one row's memory does not weigh on another.

Rows:
    start DB ARTICLE     time to the first painted article (printed as it happens)
    bare-start           a bare QMainWindow with a QPlainTextEdit, shown and painted
    open --size --spans  opening an article until painted, and QTextEdit.setPlainText
    action               one annotation until committed (p50, p99), and a raw INSERT+COMMIT
    scroll               frame times through the 1 MB, 5,000-span article
    arcs                 frame times with every visible link's arc drawn, and without arcs

The open, action, scroll and arcs rows time an article whose suggestions are in: they
wait for its first suggestions before timing.
    memory DB            resident memory with DB open, and with an empty database
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

START = time.perf_counter()

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QTextEdit  # noqa: E402

if TYPE_CHECKING:
    from annotator.gui.app import AppController
    from annotator.gui.main_window import MainWindow
    from annotator.storage import Store


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _controller(folder: Path) -> AppController:
    from annotator.gui.app import AppController, application
    from annotator.gui.settings import Settings

    app = application()
    settings = Settings(QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat))
    return AppController(app, settings, data_dir=folder, ask_name=lambda *_: "bench")


def _window(controller: AppController) -> MainWindow:
    window = controller.window
    assert window is not None, "the window did not open"
    return window


def _painted(window: MainWindow) -> None:
    window.view.viewport().repaint()
    QApplication.processEvents()


def _suggestions_in(window: MainWindow, timeout: float = 900) -> None:
    """Wait until the open article's suggestions are computed, stored and read: these
    rows time an article in its steady state (its first opening has rows of its own,
    annotator.gui.bench.first_suggest)."""
    suggesting = window.suggesting
    deadline = time.monotonic() + timeout
    while suggesting.background.running() or suggesting.reading:
        if time.monotonic() > deadline:
            raise RuntimeError("the article's suggestions never came")
        QApplication.processEvents()
        time.sleep(0.005)
    QApplication.processEvents()


def row_start(db: Path, article_id: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        controller = _controller(Path(tmp))
        controller.start(db, article_id, "bench")
        window = _window(controller)
        window.resize(1280, 800)
        _painted(window)
        elapsed = time.perf_counter() - START
        # Said at once: the parent times the whole process up to this line.
        print(json.dumps({"seconds_in_process": elapsed}), flush=True)
        if controller.backup is not None:
            controller.backup.join()
        controller.shutdown()
    return {"seconds_in_process": elapsed}


def row_bare_start() -> dict[str, float]:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    editor = QPlainTextEdit()
    editor.setPlainText("نص")
    window.setCentralWidget(editor)
    window.resize(1280, 800)
    window.show()
    editor.viewport().repaint()
    app.processEvents()
    elapsed = time.perf_counter() - START
    print(json.dumps({"seconds_in_process": elapsed}), flush=True)
    return {"seconds_in_process": elapsed}


def _settle(seconds: float = 0.05) -> None:
    """Run the event loop for a while: what is left over from one timed turn (timers,
    posted events) is done before the next."""
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        QApplication.processEvents()
        time.sleep(0.002)


def _forget(window: MainWindow, article_id: int) -> None:
    """Drop what the window keeps of an article between two openings (its text, the
    last check of its rows, its offset map), so that the next one is timed as the first
    opening of it in this window."""
    from annotator.gui.models import article_spans

    window.store._texts.pop(article_id, None)
    window.store._sound.pop(article_id, None)
    article_spans._measured.pop(article_id, None)


def row_open(size: int, spans: int, repeat: int) -> dict[str, float]:
    from annotator.gui.bench.window import build

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "open.db"
        article_id, made, _ = build(db, size, spans)
        # A second article to switch away to, so that each turn opens the article anew.
        from annotator.core.model import NewArticle
        from annotator.storage import open_store

        with open_store(db) as store:
            other, _ = store.add_article(NewArticle(text="مقال قصير", title="other"))
            text = store.article_text(article_id)
        controller = _controller(folder)
        controller.start(db, other, "bench")
        window = _window(controller)
        window.resize(1280, 800)
        _painted(window)
        # Opened once, untimed, until its first suggestions are in: the first opening of an
        # article never suggested for has rows of its own, and the baseline, timed on its
        # own, does not share the machine with the engine.
        window.open_article(article_id)
        _painted(window)
        _suggestions_in(window)

        # The baseline lays the text out at the same width, in the same font, with the
        # same scroll bar: a text that overflows ours overflows it too. It lives beside
        # the window, so that the two take turns.
        view = window.view
        width, height = view.viewport().width(), view.viewport().height()
        overflow = view.verticalScrollBar().isVisible()
        edit = QTextEdit()
        edit.document().setDefaultFont(view.document().defaultFont())
        edit.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOn
            if overflow
            else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        edit.resize(width + 40, height + 40)
        edit.show()
        QApplication.processEvents()
        edit.resize(
            edit.width() + width - edit.viewport().width(),
            edit.height() + height - edit.viewport().height(),
        )
        QApplication.processEvents()

        def ours(again: bool) -> None:
            window.open_article(other)
            _settle()
            if not again:
                _forget(window, article_id)
            begin = time.perf_counter()
            window.open_article(article_id)
            # Until the article is painted; the panel's rows follow at the next turn of
            # the event loop, timed apart.
            window.view.viewport().repaint()
            (reopened if again else timings).append((time.perf_counter() - begin) * 1000)
            QApplication.processEvents()
            if not again:
                settled.append((time.perf_counter() - begin) * 1000)
            # What the opening leaves for later (the panel's rows, the suggestions read
            # back) is done before the next turn.
            _settle()

        timings: list[float] = []
        reopened: list[float] = []
        settled: list[float] = []
        base: list[float] = []
        for _ in range(repeat):
            ours(again=False)
            base.append(bare_paint_ms(edit, text))
            _settle()
            ours(again=True)
        same = (edit.viewport().width(), edit.verticalScrollBar().isVisible()) == (width, overflow)
        edit.close()
        controller.shutdown()
    if not same:
        raise RuntimeError("the baseline's viewport differs from the article view's")
    return {
        "ours_ms": statistics.median(timings),
        "ours_p10_ms": _percentile(timings, 0.1),
        "ours_p90_ms": _percentile(timings, 0.9),
        "baseline_ms": statistics.median(base),
        "baseline_p10_ms": _percentile(base, 0.1),
        "baseline_p90_ms": _percentile(base, 0.9),
        "again_ms": statistics.median(reopened),
        "again_p10_ms": _percentile(reopened, 0.1),
        "again_p90_ms": _percentile(reopened, 0.9),
        "panel_filled_ms": statistics.median(settled),
        "viewport_width": width,
        "spans": made,
    }


def bare_paint_ms(edit: QTextEdit, text: str) -> float:
    """Milliseconds for a bare QTextEdit to take ``text`` and paint it, from empty.

    The edit is emptied again afterwards: it would otherwise go on laying out the rest
    of a long text in steps of up to 200,000 characters, each a stall of the thread in
    whatever is measured next.
    """
    edit.setPlainText("")
    QApplication.processEvents()
    begin = time.perf_counter()
    edit.setPlainText(text)
    # Until painted, as ours is timed: what the paint leaves queued is not counted.
    edit.viewport().repaint()
    elapsed = (time.perf_counter() - begin) * 1000
    QApplication.processEvents()
    edit.setPlainText("")
    QApplication.processEvents()
    return elapsed


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _time_commits(store: Store) -> list[float]:
    """Record when each outermost transaction of ``store`` has committed."""
    from contextlib import contextmanager

    commits: list[float] = []
    plain = store.transaction

    @contextmanager
    def timed() -> Iterator[None]:
        outermost = not store.db.conn.in_transaction
        with plain():
            yield
        if outermost:
            commits.append(time.perf_counter())

    # Only this benchmark's store times its commits: an attribute of the instance.
    vars(store)["transaction"] = timed
    return commits


def row_action(actions: int) -> dict[str, float]:
    """One annotation until committed, and in the same loop, after the same painting,
    a bare INSERT and COMMIT: both commits come after the same kind of work."""
    from annotator.bench.measures import BareInserts, synthetic_articles
    from annotator.core.model import NewArticle
    from annotator.core.spans import tokens
    from annotator.core.text import canonicalise
    from annotator.storage import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "action.db"
        text = canonicalise(next(synthetic_articles(1, size=5000)))
        with open_store(db) as store:
            article_id, _ = store.add_article(NewArticle(text=text, title="5 KB"))
        words = [t for t in tokens(text) if t[1] - t[0] > 2]
        controller = _controller(folder)
        controller.start(db, article_id, "bench")
        window = _window(controller)
        window.resize(1280, 800)
        _painted(window)
        _suggestions_in(window)
        annotating, view = window.annotating, window.view
        stack = annotating.stack
        assert stack is not None
        commits = _time_commits(window.store)
        bare = BareInserts(folder / "bare.db")
        ours, shown, base = [], [], []
        for n in range(actions):
            start, end = words[n % len(words)]
            view.select_span(start, end)
            commits.clear()
            begin = time.perf_counter()
            annotating.label("CLAIM")
            QApplication.processEvents()
            shown.append((time.perf_counter() - begin) * 1000)
            ours.append((commits[-1] - begin) * 1000)
            # The same kind of work before the bare commit: the view repainted.
            _painted(window)
            base.append(bare.insert((article_id, "CLAIM", start, end, text[start:end])))
            # Undone (not timed), so that every action finds the same article: 1,000
            # actions need not 1,000 distinct words.
            stack.undo()
            QApplication.processEvents()
        bare.close()
        controller.shutdown()
    result = {"samples": float(actions)}
    for name, values in (("shown", shown), ("ours", ours), ("baseline", base)):
        for q in (10, 50, 90, 99):
            result[f"{name}_p{q}_ms"] = _percentile(values, q / 100)
    return result


def row_scroll(size: int, spans: int, frames: int) -> dict[str, float]:
    from annotator.gui.bench.window import build

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "scroll.db"
        article_id, _, _ = build(db, size, spans)
        controller = _controller(folder)
        controller.start(db, article_id, "bench")
        window = _window(controller)
        window.resize(1280, 800)
        _painted(window)
        _suggestions_in(window)
        bar = window.view.verticalScrollBar()
        times = []
        for k in range(frames):
            begin = time.perf_counter()
            bar.setValue(bar.maximum() * k // frames)
            window.view.viewport().repaint()
            QApplication.processEvents()
            times.append((time.perf_counter() - begin) * 1000)
        controller.shutdown()
    return {"p50_ms": _percentile(times, 0.5), "p99_ms": _percentile(times, 0.99), "frames": frames}


def row_arcs(size: int, spans: int, frames: int) -> dict[str, float]:
    from annotator.gui.bench.arcs import compare_arc_painting
    from annotator.gui.bench.window import build

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "arcs.db"
        article_id, _, _ = build(db, size, spans)
        controller = _controller(folder)
        controller.start(db, article_id, "bench")
        window = _window(controller)
        window.resize(1280, 800)
        _painted(window)
        _suggestions_in(window)
        result = compare_arc_painting(window.view, window.annotating, frames)
        controller.shutdown()
    return result


def row_memory(db: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        empty = folder / "empty.db"
        from annotator.core.model import NewArticle
        from annotator.storage import open_store

        with open_store(empty) as store:
            store.add_article(NewArticle(text="نص", title="one"))
        controller = _controller(folder)
        controller.start(empty, 1, "bench")
        _window(controller).resize(1280, 800)
        _painted(_window(controller))
        baseline = _rss_mb()
        controller.open_database(db)
        _window(controller).resize(1280, 800)
        _painted(_window(controller))
        for _ in range(5):
            QApplication.processEvents()
        ours = _rss_mb()
        if controller.backup is not None:
            controller.backup.join()
        controller.shutdown()
    return {"ours_mb": ours, "baseline_mb": baseline}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "row",
        choices=["start", "bare-start", "open", "action", "scroll", "arcs", "memory", "versions"],
    )
    parser.add_argument("db", nargs="?", type=Path)
    parser.add_argument("article", nargs="?", type=int, default=1)
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--spans", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--actions", type=int, default=60)
    parser.add_argument("--frames", type=int, default=200)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.row == "versions":
        import PySide6

        print(json.dumps({"qt": f"PySide6 {PySide6.__version__}"}), flush=True)
        return 0
    if args.row == "start":
        result = row_start(args.db, args.article)
    elif args.row == "bare-start":
        result = row_bare_start()
    elif args.row == "open":
        result = row_open(args.size, args.spans, args.repeat)
    elif args.row == "action":
        result = row_action(args.actions)
    elif args.row == "scroll":
        result = row_scroll(args.size, args.spans, args.frames)
    elif args.row == "arcs":
        result = row_arcs(args.size, args.spans, args.frames)
    else:
        result = row_memory(args.db)
    if args.row not in ("start", "bare-start"):
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
