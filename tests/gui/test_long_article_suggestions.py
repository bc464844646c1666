"""A long article never suggested for is painted first; its suggestions are computed off
the GUI thread, then drawn, and stored once, on their own article."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.text import canonicalise
from annotator.gui.main_window import MainWindow
from annotator.suggest import engine, gold
from tests.gui.conftest import ARTICLE, add_article, reader

pytestmark = pytest.mark.gui

SMALL = "وأكدت الوزارة أن الوفد جاهز، بحسب مصادر رسمية.\nوقال المتحدث إن المحادثات ستستأنف."


def _long_text(size: int = 300_000) -> str:
    joined = "\n".join(a.text for a in gold.load(gold.bundled_path())) + "\n"
    return canonicalise((joined * (size // len(joined) + 1))[:size])


class _Paints(QObject):
    """What the window had when the article view's page was first painted."""

    def __init__(self, window: MainWindow, article_id: int) -> None:
        super().__init__()
        self.window, self.article_id = window, article_id
        self.seen: tuple[bool, bool, int] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        suggesting = self.window.suggesting
        if (
            event.type() == QEvent.Type.Paint
            and self.seen is None
            and suggesting.article_id == self.article_id
        ):
            with reader(self.window) as store:
                stored = len(store.suggestions(self.article_id, state=None))
            self.seen = (
                suggesting.background.running(self.article_id),
                bool(suggesting.pending),
                stored,
            )
        return False


def _stored(window: MainWindow, article_id: int) -> list[tuple[int, str, int, int]]:
    with reader(window) as store:
        return [
            (s.article_id, s.label, s.start, s.end)
            for s in store.suggestions(article_id, state=None)
        ]


def test_a_long_article_is_painted_before_its_suggestions(start, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "long.db"
    small = add_article(db, ARTICLE, "small")
    text = _long_text()
    long = add_article(db, text, "long")
    window = start(db, small).window
    suggesting = window.suggesting
    paints = _Paints(window, long)
    window.view.viewport().installEventFilter(paints)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    # Ticks while the suggestions are computed (storing and drawing them follow on the
    # GUI thread, through the store's own connection).
    timer.timeout.connect(
        lambda: suggesting.background.running(long) and ticks.append(time.perf_counter())
    )
    timer.start()

    window.open_article(long)
    qtbot.waitUntil(lambda: paints.seen is not None, timeout=10_000)
    # Painted before its suggestions were computed: none drawn, none stored.
    assert paints.seen is not None and paints.seen[1:] == (False, 0)
    painted = time.perf_counter()
    qtbot.waitUntil(lambda: bool(suggesting.pending), timeout=120_000)
    timer.stop()
    during = [t for t in ticks if t >= painted]
    gaps = [b - a for a, b in zip(during, during[1:], strict=False)]
    assert len(during) > 3 and max(gaps) < 0.5, "the event loop kept running while computing"

    expected = engine.run(text)
    stored = _stored(window, long)
    assert sorted(stored) == sorted((long, s.label, s.start, s.end) for s in expected.spans)
    assert {s.id for s in suggesting.pending} == set(suggesting.painter.suggestions)
    assert suggesting.count.text() == f"Suggestions pending: {len(suggesting.pending)}"

    # Opened again: nothing is computed or stored a second time.
    window.open_article(small)
    window.open_article(long)
    QApplication.processEvents()
    assert not suggesting.background.running()
    assert sorted(_stored(window, long)) == sorted(stored)


def test_switching_away_meanwhile_draws_nothing_stale(start, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "switch.db"
    first = add_article(db, ARTICLE, "first")
    text = _long_text()
    long = add_article(db, text, "long")
    other = add_article(db, SMALL, "other")
    window = start(db, first).window
    suggesting = window.suggesting

    window.open_article(long)
    QApplication.processEvents()
    assert suggesting.background.running(long)
    window.open_article(other)
    QApplication.processEvents()
    shown = {s.id for s in suggesting.pending}
    assert shown and {s.article_id for s in suggesting.pending} == {other}
    qtbot.waitUntil(lambda: not suggesting.background.running(), timeout=120_000)
    QApplication.processEvents()

    # The long article's suggestions went to the long article, and only there.
    assert sorted(_stored(window, long)) == sorted(
        (long, s.label, s.start, s.end) for s in engine.run(text).spans
    )
    assert {s.id for s in suggesting.pending} == shown == set(suggesting.painter.suggestions)
    assert {a for a, *_ in _stored(window, other)} == {other}
