"""Links drawn in the text: an arc from each link's first end to its second (claim to
source, claim to cue, source to source), with an arrowhead and the relation's name.

Arcs are drawn for the selected annotation's links, or, with View > Show all links, for
every link with an end in the visible part of the article. An end that is off screen
is drawn at the top or bottom edge, above or below the text it is in, so that the arc
still says which way to scroll. Only visible paragraphs are asked for their geometry:
a 1 MB article with thousands of links paints as fast as a short one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTextBlock,
    QTextDocument,
)
from PySide6.QtWidgets import QWidget

from annotator.core.model import Annotation, Relation
from annotator.gui.models.article_spans import ArticleSpans
from annotator.gui.names import schema_name
from annotator.gui.widgets.span_painter import Marks


class ArcView(Protocol):
    """What drawing arcs needs of the article view (the view itself, in the window)."""

    spans: ArticleSpans | None
    marks: Marks

    def font(self) -> QFont: ...

    def viewport(self) -> QWidget: ...

    def document(self) -> QTextDocument: ...

    def firstVisibleBlock(self) -> QTextBlock: ...

    def contentOffset(self) -> QPointF: ...

    def blockBoundingGeometry(self, block: QTextBlock) -> QRectF: ...

    def range_rects(
        self, start: int, end: int, block: QTextBlock
    ) -> list[tuple[QRectF, float]]: ...


# One colour per relation type, by the type's order in the schema.
ARC_COLORS = (
    QColor("#1F4E9A"),
    QColor("#2E7D32"),
    QColor("#7B1FA2"),
    QColor("#616161"),
    QColor("#B23C17"),
)
ARROW = 7.0
# Arcs rise this far above the text they leave (more for longer arcs, up to RISE_MAX).
RISE_MIN, RISE_MAX = 12.0, 46.0
MAX_ARCS = 400  # drawn in one frame with "all links" (more would be unreadable)


@dataclass(frozen=True)
class DrawnArc:
    """An arc as painted in the last frame (viewport coordinates)."""

    relation_id: int
    type: str
    start: QPointF
    end: QPointF
    label: QRectF


class LinkArcs:
    """Paints the arcs of one article view; holds the View toggle."""

    def __init__(self) -> None:
        self.show_all = False
        self.drawn: list[DrawnArc] = []

    def relations_to_draw(self, view: ArcView) -> list[Relation]:
        spans = view.spans
        if spans is None:
            return []
        ids: set[int] = set()
        if self.show_all:
            for number in visible_blocks(view):
                ids.update(a.id for a in spans.in_block(number))
        current = view.marks.current
        if current is not None:
            ids.add(current)
        relation_ids: set[int] = set()
        for annotation_id in ids:
            relation_ids.update(link.relation.id for link in spans.links(annotation_id))
        return [spans.relations[i] for i in sorted(relation_ids)][:MAX_ARCS]

    def paint(self, view: ArcView, painter: QPainter) -> None:
        """Draw the arcs over the text (after the paragraphs were painted)."""
        self.drawn = []
        spans = view.spans
        if spans is None:
            return
        relations = self.relations_to_draw(view)
        if not relations:
            return
        shown = visible_blocks(view)
        height = float(view.viewport().height())
        order = {name: n for n, name in enumerate(spans.schema.relations)}
        font = QFont(view.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.55))
        font.setBold(True)
        metrics = QFontMetricsF(font)
        painter.save()
        painter.setFont(font)
        for relation in relations:
            first = spans.annotations.get(relation.from_id)
            second = spans.annotations.get(relation.to_id)
            if first is None or second is None:
                continue
            starts = _anchors(view, first, shown, height)
            ends = _anchors(view, second, shown, height)
            if not starts or not ends:
                continue
            # The nearest pair of ends: a claim over three lines links from the line
            # nearest its source.
            start, end = min(
                ((a, b) for a in starts for b in ends),
                key=lambda pair: abs(pair[0].x() - pair[1].x()) + abs(pair[0].y() - pair[1].y()),
            )
            color = ARC_COLORS[order.get(relation.type, 0) % len(ARC_COLORS)]
            label = _draw_arc(painter, start, end, color, schema_name(relation.type), metrics)
            self.drawn.append(DrawnArc(relation.id, relation.type, start, end, label))
        painter.restore()


def visible_blocks(view: ArcView) -> range:
    """The numbers of the paragraphs at least partly on screen."""
    block = view.firstVisibleBlock()
    first = block.blockNumber()
    offset = view.contentOffset()
    bottom = view.viewport().height()
    last = first
    while block.isValid():
        if view.blockBoundingGeometry(block).translated(offset).top() > bottom:
            break
        last = block.blockNumber()
        block = block.next()
    return range(first, last + 1)


def _anchors(view: ArcView, annotation: Annotation, shown: range, height: float) -> list[QPointF]:
    """Where an arc may leave or reach an annotation: the middle of the top of each of
    its rectangles on screen; off screen, the top or bottom edge."""
    spans = view.spans
    assert spans is not None
    blocks = spans.blocks_of(annotation)
    if blocks.stop <= shown.start:
        return [QPointF(view.viewport().width() / 2, -4.0)]
    if blocks.start >= shown.stop:
        return [QPointF(view.viewport().width() / 2, height + 4.0)]
    points = []
    for number in range(max(blocks.start, shown.start), min(blocks.stop, shown.stop)):
        block = view.document().findBlockByNumber(number)
        for rect, _ in view.range_rects(annotation.start, annotation.end, block):
            points.append(QPointF(rect.center().x(), rect.top() + 2))
    return points


def _draw_arc(
    painter: QPainter,
    start: QPointF,
    end: QPointF,
    color: QColor,
    text: str,
    metrics: QFontMetricsF,
) -> QRectF:
    """One arc from start to end, rising above both, with an arrowhead at the end and
    its name at the top; returns the label's rectangle."""
    span = math.hypot(end.x() - start.x(), end.y() - start.y())
    rise = min(RISE_MAX, RISE_MIN + span * 0.12)
    # Never above the view's top edge, where the name could not be read.
    top = max(min(start.y(), end.y()) - rise, metrics.height() * 0.6 + 1)
    first_control = QPointF(start.x(), top)
    second_control = QPointF(end.x(), top)
    path = QPainterPath(start)
    path.cubicTo(first_control, second_control, end)
    pen = QPen(color, 1.6)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    # The arrowhead points along the curve's last direction (from its control point).
    angle = math.atan2(end.y() - second_control.y(), end.x() - second_control.x())
    head = QPolygonF(
        [
            end,
            QPointF(
                end.x() - ARROW * math.cos(angle - 0.45), end.y() - ARROW * math.sin(angle - 0.45)
            ),
            QPointF(
                end.x() - ARROW * math.cos(angle + 0.45), end.y() - ARROW * math.sin(angle + 0.45)
            ),
        ]
    )
    painter.setBrush(color)
    painter.drawPolygon(head)
    apex = path.pointAtPercent(0.5)
    width = metrics.horizontalAdvance(text) + 8
    label = QRectF(
        apex.x() - width / 2, apex.y() - metrics.height() / 2 - 1, width, metrics.height() + 2
    )
    background = QColor(color)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
    painter.drawRoundedRect(label, 3, 3)
    painter.setPen(QColor("white"))
    painter.drawText(label, Qt.AlignmentFlag.AlignCenter, text)
    return label
