"""Ctrl+F in the article: the core's matches, one selected at a time.

Matching is annotator.core.search.Matcher over the stored text, the same matcher as
``annotator list --search`` and the article filter: whole words with their proclitics,
diacritics and letter variants ignored. The selected match is an ordinary selection in
the article, so a label key marks it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt

from annotator.core.search import Matcher
from annotator.gui.models.article_spans import ArticleSpans
from annotator.gui.widgets.article_view import ArticleView
from annotator.gui.widgets.find_bar import FindBar


class Finder(QObject):
    """Connects the find bar to the article view."""

    def __init__(
        self,
        bar: FindBar,
        view: ArticleView,
        spans: Callable[[], ArticleSpans | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bar, self.view, self._spans = bar, view, spans
        self.matches: list[tuple[int, int]] = []
        self.index: int | None = None
        bar.queryChanged.connect(self.refresh)
        bar.suffixesToggled.connect(lambda _on: self.refresh(bar.field.text()))
        bar.stepRequested.connect(self.step)
        bar.accepted.connect(lambda forward: self.step(forward, focus_view=True))
        bar.closed.connect(self.close)
        view.escapePressed.connect(self.close)
        # Esc in the article while the bar is open closes the bar and keeps the match
        # selected, ready for a label key; a second Esc clears it (the view's own Esc).
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape  # type: ignore[attr-defined]
            and self.bar.isVisible()
            and not self.view.in_link_mode
        ):
            self.close()
            return True
        return super().eventFilter(watched, event)

    def open(self) -> None:
        self.bar.open()
        self.refresh(self.bar.field.text())

    def close(self) -> None:
        if self.bar.isVisible():
            self.bar.hide()
            self.matches, self.index = [], None
            self.view.set_find_matches([])
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self, query: str, select: bool = True) -> None:
        """Find every match; select the first one from the caret on."""
        spans = self._spans()
        matcher = Matcher(query, stem=self.bar.suffixes.isChecked())
        self.matches = matcher.matches(spans.text) if spans is not None else []
        self.index = None
        self.view.set_find_matches(self.matches)
        if self.matches and select:
            selection = self.view.selection_span()
            start = selection[0] if selection else self.view.caret()
            self.index = next((i for i, m in enumerate(self.matches) if m[0] >= start), 0)
            self.view.select_span(*self.matches[self.index])
        self.bar.set_count(self.index, len(self.matches))

    def article_changed(self) -> None:
        if self.bar.isVisible():
            self.refresh(self.bar.field.text(), select=False)

    def step(self, forward: bool, focus_view: bool = False) -> None:
        """Select the next (or previous) match; Enter in the field (focus_view) first
        hands the match already selected to the article, where a label key marks it."""
        if not self.bar.isVisible():
            self.open()
            return
        if not self.matches:
            return
        if self.index is None:
            self.index = 0 if forward else len(self.matches) - 1
        elif not (focus_view and self.view.selection_span() == self.matches[self.index]):
            self.index = (self.index + (1 if forward else -1)) % len(self.matches)
        self.view.select_span(*self.matches[self.index])
        self.bar.set_count(self.index, len(self.matches))
        if focus_view:
            self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
