"""The CRF learns from the database's annotations in another process: the window keeps
answering while it trains, shows the cross-validated F1, and then suggests with it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from annotator.core.model import NewArticle
from annotator.storage import open_store
from annotator.suggest import gold
from tests.gui.conftest import reader

pytestmark = pytest.mark.gui


def test_background_training_never_blocks_the_window(start, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "team.db"
    articles = gold.load(gold.bundled_path())
    with open_store(db) as store:
        for article in articles[:24]:
            article_id, _ = store.add_article(NewArticle(text=article.text, title=article.id))
            for span in article.spans:
                store.create_annotation(article_id, span.label, span.start, span.end, "team")
        fresh, _ = store.add_article(NewArticle(text=articles[30].text, title="new"))
        other, _ = store.add_article(NewArticle(text=articles[31].text, title="other"))
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    window = start(db, fresh).window
    learning = window.suggesting.learning
    # Training starts shortly after the article is on screen.
    qtbot.waitUntil(lambda: learning.running, timeout=5_000)
    started = time.perf_counter()
    qtbot.waitUntil(lambda: learning.model is not None, timeout=120_000)
    timer.stop()
    during = [t for t in ticks if t >= started]
    gaps = [b - a for a, b in zip(during, during[1:], strict=False)]
    assert len(during) > 5 and max(gaps) < 0.5, "the event loop kept running while training"
    assert "cross-validated F1" in learning.status.text()
    annotated = sum(1 for a in articles[:24] if a.spans)
    assert learning.examples == annotated and learning.scores["CUE"] is not None
    # The model suggests for the open article and for the next one opened.
    window.open_article(other)

    def recommenders() -> set[str]:
        with reader(window) as store:
            return {s.recommender for s in store.suggestions(other, state=None)}

    # Computed after the article's first paint.
    qtbot.waitUntil(lambda: "patterns" in recommenders(), timeout=5_000)
    assert learning.model is not None
    learned = learning.model.suggest(articles[31].text)
    assert learned.spans, "the trained model proposes spans"
