"""Learning from the team in the background: the CRF recommender is trained in another
process on the database's annotations (manual and accepted alike), so the window never
waits for it, and its cross-validated F1 is shown in the annotation panel.

Training starts when the window opens an article and again a few seconds after the
annotations change, once enough articles are annotated. A new model is used for the
articles opened after it is ready.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from annotator.core.errors import AnnotatorError
from annotator.storage import Store

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from annotator.suggest import crf

RETRAIN_DELAY_MS = 4000
# After an article opens: the article is painted first, then the examples are read and
# the CRF and its worker process are loaded (a cost of their own at start).
OPEN_DELAY_MS = 300
POLL_MS = 250


class Learning(QObject):
    """Trains the CRF in a worker process and keeps the latest model."""

    trained = Signal()

    def __init__(self, store: Store, panel: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model: crf.CrfModel | None = None
        self.scores: dict[str, float | None] = {}
        self.examples = 0
        self._pool: ProcessPoolExecutor | None = None
        self._future: Future[tuple[bytes | None, dict[str, float | None], int]] | None = None
        self._again = False
        self.status = QLabel()
        self.status.setObjectName("learningStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setContentsMargins(6, 0, 6, 2)
        self.status.hide()
        layout = panel.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(2, self.status)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(RETRAIN_DELAY_MS)
        self._delay.timeout.connect(self.start)
        self._after_open = QTimer(self)
        self._after_open.setSingleShot(True)
        self._after_open.setInterval(OPEN_DELAY_MS)
        self._after_open.timeout.connect(self.start)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def soon(self) -> None:
        """Train again a few seconds after the last change."""
        self._delay.start()

    def after_open(self) -> None:
        """Start training shortly after an article opens, once it is on screen."""
        self._after_open.start()

    @property
    def running(self) -> bool:
        return self._future is not None

    def start(self) -> bool:
        """Start a training run in the worker process (unless one is running)."""
        if self._future is not None:
            self._again = True
            return False
        # The CRF and the process pool load with the first training, not with the window.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from annotator.suggest import crf

        try:
            # Counted first: too few annotated articles are known without reading them all.
            if self.store.annotated_article_count() < crf.MIN_ARTICLES:
                return False
            examples = crf.examples_from_store(self.store)
        except AnnotatorError:
            return False
        if len([e for e in examples if e.spans]) < crf.MIN_ARTICLES:
            return False
        if self._pool is None:
            # spawn: a forked copy of a process running Qt is not safe.
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        self._future = self._pool.submit(crf.train_and_score, examples)
        self.status.setText(
            self.tr("Learning from %1 annotated articles…").replace("%1", str(len(examples)))
        )
        self.status.show()
        self._poll.start()
        return True

    def _check(self) -> None:
        future = self._future
        if future is None or not future.done():
            return
        self._poll.stop()
        self._future = None
        try:
            model_bytes, scores, count = future.result()
        except Exception as exc:  # noqa: BLE001 - a worker's failure must not reach Qt
            self.status.setText(self.tr("Learning failed: %1").replace("%1", str(exc)))
            return
        from annotator.suggest import crf

        self.model = crf.CrfModel(model_bytes) if model_bytes else None
        self.scores, self.examples = scores, count
        shown = " · ".join(
            f"{label} {'-' if value is None else f'{value:.2f}'}" for label, value in scores.items()
        )
        self.status.setText(
            self.tr("Learned from %1 articles; cross-validated F1: %2")
            .replace("%1", str(count))
            .replace("%2", shown)
        )
        self.trained.emit()
        if self._again:
            self._again = False
            self.start()

    def shutdown(self) -> None:
        self._delay.stop()
        self._after_open.stop()
        self._poll.stop()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
