"""Work left for just after a widget's first paint.

A zero-delay timer started while the window is built fires before the window is first
painted: Qt handles the timers that are due before the paint its showing asks for. So a
start that put its secondary work on such timers would still paint only after all of
it. ``AfterFirstPaint`` waits for the widget's first paint event itself, then runs its
callbacks at the next turn of the event loop, once that frame is out.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Runs callbacks once, after ``widget`` has been painted for the first time.

    Args:
        widget: the widget whose first paint is awaited (for a scroll area, its
            viewport).
        parent: the owner; the callbacks are dropped with it.
    """

    def __init__(self, widget: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._widget: QWidget | None = widget
        self._callbacks: list[Callable[[], None]] = []
        self._done = False
        widget.installEventFilter(self)

    @property
    def done(self) -> bool:
        """Whether the callbacks have run."""
        return self._done

    def call(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` after the first paint, or now if that is past already."""
        if self._done:
            callback()
        else:
            self._callbacks.append(callback)

    def run_now(self) -> None:
        """Run what waits now (something needs it before the first paint)."""
        if self._done:
            return
        callbacks = self._callbacks
        self.cancel()
        for callback in callbacks:
            callback()

    def cancel(self) -> None:
        """Drop what waits: the widget's owner goes away before its first paint."""
        self._done = True
        self._callbacks = []
        if self._widget is not None:
            self._widget.removeEventFilter(self)
            self._widget = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._widget = None
            # At the next turn: this paint, and the frame it belongs to, finish first.
            QTimer.singleShot(0, self, self.run_now)
        return False
