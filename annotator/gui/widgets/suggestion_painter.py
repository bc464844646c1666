"""Painting suggestions over one visible paragraph: a dashed outline and a light tint in
the label's colour, dashed link lines between suggestions, and a solid frame around
the suggestion being decided. Annotations are filled and underlined, so the two never
look alike."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTextBlock

from annotator.core.suggestions import Suggestion, SuggestionLink
from annotator.gui.widgets.span_style import LabelStyles

if TYPE_CHECKING:
    from annotator.gui.widgets.article_view import ArticleView

TINT_ALPHA = 38
OUTLINE_ALPHA = 210
CURRENT_COLOR = QColor("#1F5FA8")


def _dashed(color: QColor) -> QPen:
    # One device pixel wide: Qt strokes a dashed line that thin about ten times faster
    # than a wider one, and dozens of outlines are drawn in every frame.
    pen = QPen(color, 1, Qt.PenStyle.DashLine)
    pen.setCosmetic(True)
    return pen


class SuggestionPainter:
    """The view's overlay for pending suggestions: call it with the view, painter, block."""

    def __init__(self, styles: LabelStyles) -> None:
        self.styles = styles
        self.suggestions: dict[int, Suggestion] = {}
        # The links drawn: both ends among the suggestions.
        self.links: list[SuggestionLink] = []
        self.current: int | None = None
        self._by_block: dict[int, list[Suggestion]] = {}
        # A link is drawn in the paragraphs both its ends are in: only those are asked.
        self._links_by_block: dict[int, list[SuggestionLink]] = {}
        # Links given before one of their ends, by that end's id.
        self._waiting: dict[int, list[SuggestionLink]] = {}
        self._block_of: Callable[[int], int] = lambda _cp: 0
        self._looks: dict[tuple[str, int], tuple[QPen, QColor, QPen]] = {}
        self._current_pen = QPen(CURRENT_COLOR, 2.6)

    def load(
        self,
        suggestions: Sequence[Suggestion],
        links: Sequence[SuggestionLink],
        block_of: Callable[[int], int],
    ) -> None:
        self.suggestions = {}
        self.links = []
        self._by_block = {}
        self._links_by_block = {}
        self._waiting = {}
        self._block_of = block_of
        self.add(suggestions)
        self.add_links(links)

    def add(self, suggestions: Sequence[Suggestion]) -> None:
        """Draw these suggestions too (an article's are read a stretch at a time)."""
        by_block = self._by_block
        for s in suggestions:
            self.suggestions[s.id] = s
            for number in self._blocks(s):
                by_block.setdefault(number, []).append(s)
        for s in suggestions:
            waiting = self._waiting.pop(s.id, None)
            if waiting:
                self.add_links(waiting)

    def add_links(self, links: Sequence[SuggestionLink]) -> None:
        """Draw these links, each once both its ends are among the suggestions."""
        for link in links:
            a, b = self.suggestions.get(link.from_id), self.suggestions.get(link.to_id)
            if a is None or b is None:
                self._waiting.setdefault(link.from_id if a is None else link.to_id, []).append(link)
                continue
            self.links.append(link)
            blocks_a, blocks_b = self._blocks(a), self._blocks(b)
            if len(blocks_a) == 1 == len(blocks_b):
                shared: Iterable[int] = blocks_a if blocks_a == blocks_b else ()
            else:
                shared = set(blocks_a).intersection(blocks_b)
            for number in shared:
                self._links_by_block.setdefault(number, []).append(link)

    def _look(self, label: str) -> tuple[QPen, QColor, QPen]:
        """The label's outline pen, tint and link pen, made once per colour."""
        style = self.styles[label]
        key = (label, style.color.rgba())
        look = self._looks.get(key)
        if look is None:
            color = QColor(style.strong)
            color.setAlpha(OUTLINE_ALPHA)
            tint = QColor(style.color)
            tint.setAlpha(TINT_ALPHA)
            line = QColor(style.strong)
            line.setAlpha(150)
            look = (_dashed(color), tint, _dashed(line))
            self._looks[key] = look
        return look

    def _blocks(self, s: Suggestion) -> range:
        first = self._block_of(s.start)
        return range(first, max(first, self._block_of(s.end - 1)) + 1)

    def __call__(self, view: ArticleView, painter: QPainter, block: QTextBlock) -> None:
        number = block.blockNumber()
        here = self._by_block.get(number, ())
        if not here:
            return
        painter.save()
        anchors: dict[int, QPointF] = {}
        for s in here:
            outline, tint, _ = self._look(s.label)
            pen = self._current_pen if s.id == self.current else outline
            rects = view.range_rects(s.start, s.end, block)
            for rect, _ in rects:
                framed = rect.adjusted(-1, 1, 1, -1)
                painter.fillRect(framed.toAlignedRect(), tint)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(framed, 4, 4)
            if rects:
                top = rects[0][0]
                anchors[s.id] = QPointF(top.center().x(), top.top() + 1)
        for link in self._links_by_block.get(number, ()):
            a, b = anchors.get(link.from_id), anchors.get(link.to_id)
            if a is None or b is None:
                continue
            painter.setPen(self._look(self.suggestions[link.to_id].label)[2])
            path = QPainterPath(a)
            lift = min(18.0, 6 + abs(a.x() - b.x()) / 12)
            control = QPointF((a.x() + b.x()) / 2, min(a.y(), b.y()) - lift)
            path.quadTo(control, b)
            painter.drawPath(path)
        painter.restore()
