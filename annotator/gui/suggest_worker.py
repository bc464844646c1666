"""The suggestion engine run over a long article off the GUI thread.

The worker thread only computes: it reads nothing from the store and writes nothing to
it. The candidates come back to the GUI thread with the id of the article they were
computed for, and the store keeps them there whatever article is open by then.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from annotator.suggest.model import Candidates, KnownSpan


class BackgroundSuggestions(QObject):
    """Computes one article's suggestions at a time per article, in a worker thread."""

    # The article id and its candidates (None when the engine failed on the text).
    done = Signal(int, object)
    _computed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: set[int] = set()
        self._closed = False
        # Emitted from the worker thread: delivered in this object's (the GUI) thread.
        self._computed.connect(self._arrived)

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

    def close(self) -> None:
        """The window goes away: what is still computing is dropped when it arrives."""
        self._closed = True

    def _work(self, article_id: int, text: str, known: list[KnownSpan]) -> None:
        from annotator.suggest import engine

        candidates: Candidates | None
        try:
            candidates = engine.run(text, engine.DEFAULT_RECOMMENDERS, engine.Context(known=known))
        except Exception:  # noqa: BLE001 - the article still opens, without suggestions
            candidates = None
        # The window, and this object with it, may be gone by now.
        with contextlib.suppress(RuntimeError):
            self._computed.emit(article_id, candidates)

    def _arrived(self, article_id: int, candidates: Candidates | None) -> None:
        self._running.discard(article_id)
        if not self._closed:
            self.done.emit(article_id, candidates)
