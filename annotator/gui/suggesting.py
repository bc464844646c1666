"""Suggestions in the window: shown as soon as an article opens, decided with the keys.

Keys (while the article has the focus and suggestions are shown):
- Tab / Shift+Tab: the next or previous pending suggestion (annotations again once
  none is pending);
- Enter: accept the current suggestion; Backspace or Delete: reject it;
- Shift+Enter: accept its whole attribution (the claim with its source, cue and links);
- Ctrl+Shift+Enter: accept every pending suggestion of its label in the article;
- Ctrl+Shift+H: show or hide suggestions.
Every decision is one undo step. The suggestions themselves come from the Qt-free
engine (annotator.suggest) and live in the store; this helper only shows and decides.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from annotator.core.commands import Command
from annotator.core.errors import AnnotatorError
from annotator.core.suggestions import AcceptSuggestions, RejectSuggestions, Suggestion
from annotator.gui.editing import Annotating
from annotator.gui.first_paint import AfterFirstPaint
from annotator.gui.learning import Learning
from annotator.gui.models.article_spans import ArticleSpans
from annotator.gui.suggest_worker import BackgroundSuggestions
from annotator.gui.widgets.article_view import ArticleView
from annotator.gui.widgets.suggestion_painter import SuggestionPainter
from annotator.storage import Store

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_REJECT = (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
_NAV = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
# Longer articles are suggested for in a worker process (about 2 ms per 1,000 characters
# here; starting the worker costs more than that for a short one).
_IN_THE_GUI_CHARS = 10_000
# Pending suggestions are read this many characters of text at a time (about 150 of them,
# a few milliseconds), the visible paragraphs' first, the rest between frames.
_STRETCH_CHARS = 10_000
# Their links are read this many at a time.
_LINKS = 1_000
# Paragraphs around the first one on screen whose suggestions are read first.
_BEFORE_VISIBLE, _AFTER_VISIBLE = 5, 80


class Suggesting(QObject):
    """Shows an article's pending suggestions and turns the keys into decisions."""

    changed = Signal(int)  # pending suggestions of this article changed

    def __init__(
        self,
        store: Store,
        view: ArticleView,
        annotating: Annotating,
        panel: QWidget,
        annotator: Callable[[], str],
        toggle: QAction,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.view = view
        self.annotating = annotating
        self._annotator = annotator
        self.painter = SuggestionPainter(annotating.styles)
        self.pending: list[Suggestion] = []
        self.current: int | None = None
        self.article_id: int | None = None
        # The command table's show_suggestions (its handler calls refresh).
        self.toggle = toggle
        self.toggle.setChecked(True)
        self.count = QLabel()
        self.count.setObjectName("pendingSuggestions")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setContentsMargins(6, 2, 6, 2)
        layout = panel.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, self.count)
        self.learning = Learning(store, panel, self)
        # An opened article is painted first; its suggestions are read and drawn at the
        # next turn of the event loop (at once when a key asks for them before that).
        self._opening = QTimer(self)
        self._opening.setSingleShot(True)
        self._opening.setInterval(0)
        self._opening.timeout.connect(self._show_opened)
        # The article a window starts on waits for the window's first paint itself: a
        # zero-delay timer started before the window is shown fires before that paint.
        self._first_paint = AfterFirstPaint(view.viewport(), self)
        self._first_paint.call(self._painted)
        self._due = False
        # The rest of the open article's pending suggestions, read a stretch at a time.
        self._reading_steps: Iterator[None] | None = None
        self._reading = QTimer(self)
        self._reading.setInterval(0)
        self._reading.timeout.connect(self._read_more)
        self.background = BackgroundSuggestions(store.path, self)
        self.background.done.connect(self._computed)
        self.learning.trained.connect(self._learned)
        view.installEventFilter(self)
        view.annotationClicked.connect(lambda _i: self._set_current(None))
        annotating.opened.connect(self._opened)
        # Through the article's own signal, which the window's annotating stops sending
        # when the window goes away (the undo history outlives windows).
        annotating.changed.connect(self._changed)

    # ------------------------------------------------------------- showing

    @property
    def shown(self) -> bool:
        return self.toggle.isChecked()

    def _opened(self, article_id: int) -> None:
        self.article_id = article_id
        self.current = None
        # Nothing of the previous article is drawn on this one meanwhile.
        self.pending = []
        self.painter.current = None
        self._stop_reading()
        spans = self.annotating.spans
        if spans is not None:
            self.painter.load([], [], spans.block_of)
        if self._first_paint.done:
            self._opening.start()
        else:
            self._due = True

    def _painted(self) -> None:
        if self._due:
            self._due = False
            self._opening.start()

    def finish(self) -> None:
        """The window goes away: what was left for after the first paint is dropped."""
        self._first_paint.cancel()
        self._due = False
        self._opening.stop()
        self._stop_reading()
        self.background.close()

    def _show_opened(self) -> None:
        self._opening.stop()
        article_id = self.article_id
        if article_id is None:
            return
        self._refused(self._suggest_opened, article_id)

    def _refused(self, step: Callable[[int], object], article_id: int) -> None:
        """Run one step of suggesting for the open article; a database that refuses
        it (a row another program damaged since the article was read, say) is said in
        the status bar, and the article stays open without its suggestions."""
        try:
            step(article_id)
        except AnnotatorError as exc:
            self._stop_reading()
            self._settle()
            self.view.viewport().update()
            self.annotating.message.emit(str(exc))

    def _suggest_opened(self, article_id: int) -> None:
        # An article never suggested for gets its suggestions after its first paint.
        if (
            not self.store.readonly
            and not self.background.running(article_id)
            and not self.store.has_suggestions(article_id)
        ):
            self._compute(article_id)
        if not self.background.running(article_id):
            self._learned_suggestions(article_id)
        self.refresh()
        if not self.store.readonly and self.learning.model is None and not self.learning.running:
            self.learning.after_open()

    def _learned(self) -> None:
        if self.article_id is not None:
            self._refused(self._show_learned, self.article_id)

    def _show_learned(self, article_id: int, redraw: bool = False) -> None:
        """Add the learned model's suggestions, and draw them (drawn anew when
        ``redraw``, whether any were added or not)."""
        if self._learned_suggestions(article_id) or redraw:
            self.refresh()

    def _learned_suggestions(self, article_id: int) -> bool:
        """Add the learned model's suggestions to an article that has none of them yet."""
        model = self.learning.model
        if model is None or self.store.readonly:
            return False
        every = self.store.suggestions(article_id, state=None)
        if any(s.recommender == "crf" for s in every):
            return False
        from annotator.suggest import engine
        from annotator.suggest.model import KnownSpan

        known = [KnownSpan(a.label, a.start, a.end) for a in self.store.annotations(article_id)]
        known += [KnownSpan(s.label, s.start, s.end) for s in every]
        text = self.store.article_text(article_id)
        context = engine.Context(known=known, crf=model.suggest)
        candidates = engine.run(text, ["crf"], context)
        with contextlib.suppress(AnnotatorError):
            return self.store.store_candidates(article_id, candidates, replace=False)[0] > 0
        return False

    def _compute(self, article_id: int) -> None:
        spans = self.annotating.spans
        # The open article's text is at hand: reading a long one again costs a pause.
        if spans is not None and spans.article_id == article_id:
            text = spans.text
        else:
            text = self.store.article_text(article_id)
        if len(text) > _IN_THE_GUI_CHARS:
            self.background.start(article_id)
            return
        # The recommenders load with the first article that asks for suggestions.
        from annotator.suggest import engine
        from annotator.suggest.model import KnownSpan

        known = [KnownSpan(a.label, a.start, a.end) for a in self.store.annotations(article_id)]
        candidates = engine.run(text, engine.DEFAULT_RECOMMENDERS, engine.Context(known=known))
        # A full disk, say: the article still opens, without suggestions. Annotations
        # made meanwhile are respected: the store leaves out what they overlap.
        with contextlib.suppress(AnnotatorError):
            self.store.store_candidates(article_id, candidates, replace=False)

    def _computed(self, article_id: int, stored: bool) -> None:
        """A long article's suggestions are stored (by the worker): drawn if it is open."""
        if article_id == self.article_id:
            self._refused(partial(self._show_learned, redraw=True), article_id)

    def refresh(self) -> None:
        """Read the open article's pending suggestions again and redraw them.

        A long article's are read a stretch of text at a time: the visible paragraphs'
        at once, the rest at the next turns of the event loop (at once when a key or a
        decision needs them all), so that the window never pauses for thousands of them.
        """
        self._stop_reading()
        spans = self.annotating.spans
        self.pending = []
        if spans is not None:
            self.painter.load([], [], spans.block_of)
        self.painter.current = self.current
        if self.view.overlay is None or self.view.overlay is self.painter:
            self.view.overlay = self.painter if self.shown else None
        if (
            self.article_id is not None
            and spans is not None
            and spans.article_id == self.article_id
        ):
            self._reading_steps = self._read(self.article_id, spans)
            self._read_more()
            if len(spans.text) <= _STRETCH_CHARS:
                self.read_all()
        else:
            self._settle()
        self.view.viewport().update()

    @property
    def reading(self) -> bool:
        """Whether some of the open article's pending suggestions are still to be read."""
        return self._reading_steps is not None

    def read_all(self) -> None:
        """Read the rest of the open article's pending suggestions now."""
        while self._reading_steps is not None:
            self._read_more()

    def _read(self, article_id: int, spans: ArticleSpans) -> Iterator[None]:
        first = self.view.firstVisibleBlock().blockNumber()
        low = max(0, first - _BEFORE_VISIBLE)
        high = first + _AFTER_VISIBLE
        starts = spans.block_starts
        visible = (starts[low], starts[high] if high < len(starts) else len(spans.text))
        links_read = False
        for found in self.store.pending_suggestions_by_stretch(article_id, visible, _STRETCH_CHARS):
            self.pending.extend(found)
            if self.shown:
                self.painter.add(found)
            self.count.setText(
                self.tr("Suggestions pending: %1").replace("%1", str(len(self.pending)))
            )
            yield
            if self.pending and not links_read:
                links_read = True
                for links in self.store.pending_suggestion_links_by_batch(article_id, _LINKS):
                    if self.shown:
                        self.painter.add_links(links)
                    yield
        self.pending.sort(key=lambda s: (s.start, -s.end, s.id))

    def _read_more(self) -> None:
        steps = self._reading_steps
        if steps is None:
            return
        try:
            next(steps)
        except (StopIteration, AnnotatorError):
            # An unreadable database leaves what was read so far (the error is said
            # when the window next writes or reads the article).
            self._reading_steps = None
            self._reading.stop()
            self._settle()
            self.view.viewport().update()
            return
        self._reading.start()

    def _stop_reading(self) -> None:
        self._reading.stop()
        self._reading_steps = None

    def _settle(self) -> None:
        spans = self.annotating.spans
        if self.current not in {s.id for s in self.pending}:
            self.current = None
        self.painter.current = self.current
        self.count.setText(self.tr("Suggestions pending: %1").replace("%1", str(len(self.pending))))
        self.count.setVisible(spans is not None)
        if self.article_id is not None:
            self.changed.emit(self.article_id)

    def _changed(self, article_id: int) -> None:
        if article_id == self.article_id:
            self.refresh()
        if not self.store.readonly:
            self.learning.soon()

    def _set_current(self, suggestion_id: int | None) -> None:
        self.current = suggestion_id
        self.painter.current = suggestion_id
        self.view.viewport().update()

    # ------------------------------------------------------------- the keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if self._opening.isActive() or self._due:
            self._due = False
            self._show_opened()
        self.read_all()
        if not self.shown or not self.pending or self.view.in_link_mode:
            return False
        if self.view.overlay is not None and self.view.overlay is not self.painter:
            return False  # adjudicating: its own overlay and keys
        assert isinstance(event, QKeyEvent)
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        ours = (key in _NAV and not ctrl and not alt) or (
            self.current is not None and (key in _ENTER or (key in _REJECT and not mods))
        )
        if not ours:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        if key in _NAV:
            self.step(key == Qt.Key.Key_Tab and not shift)
        elif key in _REJECT:
            self.reject_current()
        elif ctrl and shift:
            self.accept_label()
        elif shift:
            self.accept_attribution()
        elif not ctrl:
            self.accept_current()
        else:
            return False
        return True

    def step(self, forward: bool) -> None:
        """The next (or previous) pending suggestion after the current one or the caret."""
        if not self.pending:
            return
        order = sorted(self.pending, key=lambda s: (s.start, -s.end, s.id))
        ids = [s.id for s in order]
        if self.current in ids:
            index = ids.index(self.current) + (1 if forward else -1)
        else:
            caret = self.view.caret()
            after = [n for n, s in enumerate(order) if s.start >= caret]
            before = [n for n, s in enumerate(order) if s.start < caret]
            index = (after[0] if after else 0) if forward else (before[-1] if before else -1)
        target = order[index % len(order)]
        self.annotating.select(None)
        self._set_current(target.id)
        self.view.place_caret(target.start)
        self.view.ensureCursorVisible()

    # ------------------------------------------------------------ decisions

    def _decide(self, command: Command, text: str, then: int | None) -> None:
        if self.annotating.push(command, text):
            self.refresh()
            self.read_all()
            if then is not None and any(s.id == then for s in self.pending):
                self._set_current(then)

    def _next_after(self, ids: set[int]) -> int | None:
        order = sorted(self.pending, key=lambda s: (s.start, -s.end, s.id))
        current = next((s for s in order if s.id == self.current), None)
        rest = [s for s in order if s.id not in ids]
        if current is None or not rest:
            return rest[0].id if rest else None
        later = [s for s in rest if (s.start, -s.end) >= (current.start, -current.end)]
        return (later or rest)[0].id

    def accept_current(self) -> None:
        if self.current is None:
            return
        ids = [self.current]
        command = AcceptSuggestions([], "accept suggestion", ids, self._annotator())
        self._decide(command, self.tr("accept suggestion"), self._next_after(set(ids)))

    def reject_current(self) -> None:
        if self.current is None:
            return
        ids = [self.current]
        command = RejectSuggestions(ids, self._annotator())
        self._decide(command, self.tr("reject suggestion"), self._next_after(set(ids)))

    def accept_attribution(self) -> None:
        """The current suggestion's claim(s) with their sources, cues and relays."""
        if self.current is None or self.article_id is None:
            return
        pending = {s.id: s for s in self.pending}
        links = self.store.suggestion_links(self.article_id)
        current = pending[self.current]
        if current.label == "CLAIM":
            claims = {current.id}
        else:
            claims = {x.from_id for x in links if x.to_id == current.id and x.from_id in pending}
            claims = {c for c in claims if pending[c].label == "CLAIM"} or {current.id}
        group = set(claims)
        for link in links:
            if link.from_id in claims:
                group.add(link.to_id)
        for link in links:
            if link.type == "RELAYED_BY" and link.from_id in group:
                group.add(link.to_id)
        ids = sorted(i for i in group if i in pending)
        command = AcceptSuggestions([], "accept attribution", ids, self._annotator())
        self._decide(command, self.tr("accept attribution"), self._next_after(set(ids)))

    def accept_label(self) -> None:
        if self.current is None:
            return
        label = next(s.label for s in self.pending if s.id == self.current)
        ids = [s.id for s in self.pending if s.label == label]
        command = AcceptSuggestions([], f"accept every {label}", ids, self._annotator())
        self._decide(command, self.tr("accept every %1").replace("%1", label), None)
