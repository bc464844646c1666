"""A long article's first suggestions never freeze the window: they are computed and
stored in a worker process, and read back and drawn a stretch at a time, while the
window's event loop keeps turning."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from annotator.core.text import canonicalise
from annotator.suggest import engine, gold
from tests.gui.conftest import ARTICLE, add_article, reader

pytestmark = pytest.mark.gui

# The longest pause of the event loop allowed while the suggestions come: far above a
# frame, for a loaded machine, and far below the engine sharing the interpreter lock
# with the window and thousands of suggestions stored and read in one go (each well
# over a second on this article).
LONGEST_PAUSE_S = 0.4


def _long_text(size: int = 600_000) -> str:
    joined = "\n".join(a.text for a in gold.load(gold.bundled_path())) + "\n"
    return canonicalise((joined * (size // len(joined) + 1))[:size])


def test_the_event_loop_keeps_turning_until_the_suggestions_are_shown(  # type: ignore[no-untyped-def]
    start, qtbot, tmp_path: Path
) -> None:
    db = tmp_path / "long.db"
    small = add_article(db, ARTICLE, "small")
    text = _long_text()
    long = add_article(db, text, "long")
    window = start(db, small).window
    suggesting, view = window.suggesting, window.view
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    window.open_article(long)
    view.viewport().repaint()
    timer.start()
    qtbot.waitUntil(lambda: bool(suggesting.pending) and not suggesting.reading, timeout=180_000)
    view.viewport().repaint()
    ticks.append(time.perf_counter())
    timer.stop()

    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 20
    assert max(gaps) < LONGEST_PAUSE_S, f"the window froze for {max(gaps):.3f} s"
    # All of them, stored once, on their article, and drawn.
    expected = engine.run(text)
    with reader(window) as store:
        stored = [(s.label, s.start, s.end) for s in store.suggestions(long, state=None)]
        links = store.suggestion_links(long)
    assert sorted(stored) == sorted((s.label, s.start, s.end) for s in expected.spans)
    assert len(links) == len(expected.links) > 0
    assert {s.id for s in suggesting.pending} == set(suggesting.painter.suggestions)
    assert len(suggesting.pending) == len(stored)
    assert {x.id for x in suggesting.painter.links} == {x.id for x in links}
    assert suggesting.count.text() == f"Suggestions pending: {len(stored)}"


def test_the_engine_runs_in_a_process_that_stops_with_the_window(  # type: ignore[no-untyped-def]
    start, qtbot, tmp_path: Path
) -> None:
    db = tmp_path / "process.db"
    small = add_article(db, ARTICLE, "small")
    long = add_article(db, _long_text(200_000), "long")
    window = start(db, small).window
    suggesting = window.suggesting
    window.open_article(long)
    window.view.viewport().repaint()
    qtbot.waitUntil(lambda: suggesting.background.running(long), timeout=10_000)
    process = suggesting.background._process
    assert process is not None and process.is_alive() and process.pid != os.getpid()

    window.close()
    qtbot.waitUntil(lambda: not process.is_alive(), timeout=10_000)
    # Stopped in the middle: nothing half-stored.
    with reader(window) as store:
        assert store.suggestions(long, state=None) == []
        assert store.suggestion_links(long, state=None) == []


def test_a_worker_that_dies_leaves_the_article_as_it_was(start, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "killed.db"
    small = add_article(db, ARTICLE, "small")
    text = _long_text(200_000)
    long = add_article(db, text, "long")
    window = start(db, small).window
    suggesting = window.suggesting
    window.open_article(long)
    window.view.viewport().repaint()
    qtbot.waitUntil(lambda: suggesting.background.running(long), timeout=10_000)
    process = suggesting.background._process
    assert process is not None and process.pid is not None
    os.kill(process.pid, signal.SIGKILL)

    qtbot.waitUntil(lambda: not suggesting.background.running(), timeout=20_000)
    assert suggesting.pending == [] and suggesting.painter.suggestions == {}
    assert window.statusBar().isVisible()
    with reader(window) as store:
        assert store.suggestions(long, state=None) == []
    # Opened again, it is suggested for by a new worker.
    window.open_article(small)
    window.open_article(long)
    window.view.viewport().repaint()
    qtbot.waitUntil(lambda: bool(suggesting.pending) and not suggesting.reading, timeout=180_000)
    with reader(window) as store:
        assert len(store.suggestions(long, state=None)) == len(engine.run(text).spans)
