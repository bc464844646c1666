"""A long article's first suggestions computed and stored off the window's process.

The engine runs in a worker process (``annotator.background_suggest``), started when
the first long article asks for suggestions (spawned, never forked: a forked copy of a
process running Qt is not safe), and kept for the next ones. The worker reads the
article, computes and stores its suggestions in one transaction through its own
connection, and says which article is done: the window's thread never shares Python's
interpreter lock with the engine, and never waits for the inserts.
"""

from __future__ import annotations

import queue
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

# How often the GUI thread looks for finished work: well under what a reader notices.
_POLL_MS = 25


class BackgroundSuggestions(QObject):
    """Computes and stores articles' suggestions in a worker process, one article at
    most once at a time."""

    # The article id, and whether its suggestions were stored (False when the engine or
    # the store failed, or the worker died: the article has none, as before).
    done = Signal(int, bool)

    def __init__(self, db: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._running: set[int] = set()
        self._closed = False
        self._process: BaseProcess | None = None
        self._requests: Any = None
        self._results: Any = None
        self._poll = QTimer(self)
        self._poll.setInterval(_POLL_MS)
        self._poll.timeout.connect(self._collect)

    def running(self, article_id: int | None = None) -> bool:
        """Whether suggestions are being computed (for this article, when given)."""
        return bool(self._running) if article_id is None else article_id in self._running

    def start(self, article_id: int) -> None:
        if self._closed or article_id in self._running:
            return
        if self._process is None or not self._process.is_alive():
            self._spawn()
        self._running.add(article_id)
        self._requests.put((str(self.db), article_id))
        self._poll.start()

    def _spawn(self) -> None:
        # Loaded with the first long article, never before the first paint.
        import multiprocessing

        from annotator.background_suggest import serve

        self._stop_process()
        context = multiprocessing.get_context("spawn")
        self._requests, self._results = context.Queue(), context.Queue()
        self._process = context.Process(
            target=serve,
            args=(self._requests, self._results),
            name="annotator-suggestions",
            daemon=True,
        )
        self._process.start()

    def close(self) -> None:
        """The window goes away: the worker stops, even in the middle of an article (a
        transaction it had not committed leaves nothing behind)."""
        self._closed = True
        self._poll.stop()
        self._running.clear()
        self._stop_process()

    def _stop_process(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.terminate()
            process.join(2)
        for channel in (self._requests, self._results):
            if channel is not None:
                channel.cancel_join_thread()
                channel.close()
        self._requests = self._results = None

    def _collect(self) -> None:
        finished: list[tuple[int, bool]] = []
        while self._results is not None:
            try:
                article_id, stored = self._results.get_nowait()
            except queue.Empty:
                break
            finished.append((int(article_id), bool(stored)))
        if not finished and self._process is not None and not self._process.is_alive():
            # The worker died (killed, out of memory): its articles get no suggestions.
            finished = [(article_id, False) for article_id in sorted(self._running)]
            self._stop_process()
        for article_id, stored in finished:
            self._running.discard(article_id)
            if not self._closed:
                self.done.emit(article_id, stored)
        if not self._running:
            self._poll.stop()
