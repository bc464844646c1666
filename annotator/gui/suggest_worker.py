"""The suggestion engine run over a long article off the GUI thread.

The worker thread only computes: it reads nothing from the store and writes nothing to
it. The candidates come back to the GUI thread with the id of the article they were
computed for, and the store keeps them there whatever article is open by then.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.suggest.model import Candidates, KnownSpan

# How often the GUI thread looks for finished work: well under what a reader notices.
_POLL_MS = 25


class BackgroundSuggestions(QObject):
    """Computes articles' suggestions in worker threads, one article at most once at a time.

    The worker threads touch no Qt object: the GUI thread collects what they finished,
    so a window closed meanwhile leaves nothing for them to reach.
    """

    # The article id and its candidates (None when the engine failed on the text).
    done = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: set[int] = set()
        self._finished: list[tuple[int, Candidates | None]] = []
        self._lock = threading.Lock()
        self._closed = False
        self._poll = QTimer(self)
        self._poll.setInterval(_POLL_MS)
        self._poll.timeout.connect(self._collect)

    def running(self, article_id: int | None = None) -> bool:
        """Whether suggestions are being computed (for this article, when given)."""
        return bool(self._running) if article_id is None else article_id in self._running

    def start(self, article_id: int, text: str, known: Sequence[KnownSpan]) -> None:
        if self._closed or article_id in self._running:
            return
        self._running.add(article_id)
        worker = threading.Thread(
            target=self._work,
            args=(article_id, text, list(known)),
            name=f"suggestions-{article_id}",
            daemon=True,
        )
        worker.start()
        self._poll.start()

    def close(self) -> None:
        """The window goes away: what is still computing is dropped when it finishes."""
        self._closed = True
        self._poll.stop()

    def _work(self, article_id: int, text: str, known: list[KnownSpan]) -> None:
        from annotator.suggest import engine

        candidates: Candidates | None
        try:
            candidates = engine.run(text, engine.DEFAULT_RECOMMENDERS, engine.Context(known=known))
        except Exception:  # noqa: BLE001 - the article still opens, without suggestions
            candidates = None
        with self._lock:
            self._finished.append((article_id, candidates))

    def _collect(self) -> None:
        with self._lock:
            finished, self._finished = self._finished, []
        for article_id, candidates in finished:
            self._running.discard(article_id)
            if not self._closed:
                self.done.emit(article_id, candidates)
        if not self._running:
            self._poll.stop()
