"""Painting over the visible paragraphs: what character formats cannot show.

Underlines (stacked one level per nesting), frames for the selected annotation, what
it links to and link candidates, the flash, and a red dot where a claim without a
source ends. Rectangles come from the glyph runs Qt laid out, so they are right in
mixed-direction lines too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTextBlock,
)

from annotator.core.model import Annotation, reading_order
from annotator.gui.models.article_spans import ArticleSpans
from annotator.gui.widgets.span_style import LINE_KINDS, Kind, LabelStyles

MISSING_SOURCE_COLOR = QColor("#D0312D")


@dataclass
class Marks:
    """What the view shows besides the spans themselves."""

    current: int | None = None
    linked: set[int] = field(default_factory=set)
    link_anchor: int | None = None
    link_candidates: list[int] = field(default_factory=list)
    link_focus: int | None = None
    flash_id: int | None = None
    flash_level: float = 0.0


class PaintedView(Protocol):
    """What painting needs of the article view (the view itself, in the window)."""

    spans: ArticleSpans | None
    styles: LabelStyles | None
    marks: Marks

    def font(self) -> QFont: ...

    def palette(self) -> QPalette: ...

    def block_origin(self, block: QTextBlock) -> QPointF: ...

    def span_rects(
        self, annotation: Annotation, block: QTextBlock | None = None
    ) -> list[tuple[QRectF, float]]: ...


def paint_block(view: PaintedView, painter: QPainter, block: QTextBlock) -> None:
    """Underlines, frames, the flash and missing-source dots of one visible paragraph."""
    spans, styles, marks = view.spans, view.styles, view.marks
    assert spans is not None and styles is not None
    number = block.blockNumber()
    annotations = spans.in_block(number)
    if not annotations:
        return
    metrics = QFontMetricsF(view.font())
    thickness = max(2.0, metrics.height() / 14)
    gap = max(2.0, metrics.descent() * 0.3)
    levels = _levels([a for a in annotations if styles[a.label].kind in LINE_KINDS])
    candidates = set(marks.link_candidates)
    origin: QPointF | None = None  # found when first needed
    for ann in annotations:
        style = styles[ann.label]
        flashing = ann.id == marks.flash_id and marks.flash_level > 0
        frame: QPen | None = None
        if ann.id == marks.current or ann.id == marks.link_anchor or ann.id == marks.link_focus:
            frame = QPen(style.strong, 2.2)
        elif ann.id in candidates:
            frame = QPen(style.strong, 1.4, Qt.PenStyle.DotLine)
        elif ann.id in marks.linked:
            frame = QPen(style.strong, 1.6, Qt.PenStyle.DashLine)
        # Fills and text colours are the paragraph's formats: a span drawn only by them
        # needs no rectangles (asking Qt for its glyph runs is most of a paint's cost).
        rects = (
            view.span_rects(ann, block) if ann.id in levels or flashing or frame is not None else []
        )
        if ann.id in levels:
            pen = style.pen(thickness)
            painter.setPen(pen)
            for rect, baseline in rects:
                y = baseline + gap + levels[ann.id] * (thickness + 2.5)
                if style.kind is Kind.WAVE:
                    _wave(painter, rect.left(), rect.right(), y, thickness)
                else:
                    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        if flashing:
            color = QColor(style.color)
            color.setAlphaF(0.55 * marks.flash_level)
            for rect, _ in rects:
                painter.fillRect(rect, color)
        if frame is not None:
            painter.setPen(frame)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for rect, _ in rects:
                painter.drawRoundedRect(rect.adjusted(-2, 1, 2, -1), 4, 4)
        if spans.is_missing(ann.id) and spans.block_of(ann.end - 1) == number:
            origin = origin or view.block_origin(block)
            _paint_missing_source(view, painter, block, origin, ann, metrics.height())
    # Two spans of one label that touch would read as one: a thin gap where they meet.
    ends = {(a.label, a.end) for a in annotations}
    for ann in annotations:
        if (ann.label, ann.start) in ends and spans.block_of(ann.start) == number:
            origin = origin or view.block_origin(block)
            _paint_gap(view, painter, block, origin, ann.start, thickness)


def _paint_missing_source(
    view: PaintedView,
    painter: QPainter,
    block: QTextBlock,
    origin: QPointF,
    ann: Annotation,
    font_height: float,
) -> None:
    """A small red dot where a claim without a source ends."""
    assert view.spans is not None
    number = block.blockNumber()
    position = view.spans.in_block_utf16(number, ann.end)
    layout = block.layout()
    line = layout.lineForTextPosition(max(0, position - 1))
    if not line.isValid():
        return
    # PySide6 answers (x, position) for cursorToX(int); older versions a bare x.
    answer: object = line.cursorToX(position)
    x = float(answer[0] if isinstance(answer, tuple) else answer)  # type: ignore[arg-type]
    radius = max(3.0, font_height / 10)
    center = QPointF(origin.x() + x, origin.y() + line.y() + radius + 1)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(MISSING_SOURCE_COLOR)
    painter.drawEllipse(center, radius, radius)


def _paint_gap(
    view: PaintedView,
    painter: QPainter,
    block: QTextBlock,
    origin: QPointF,
    cp: int,
    thickness: float,
) -> None:
    """A thin line of the background colour across the line at code point ``cp``."""
    assert view.spans is not None
    position = view.spans.in_block_utf16(block.blockNumber(), cp)
    line = block.layout().lineForTextPosition(position)
    if not line.isValid():
        return
    answer: object = line.cursorToX(position)
    x = float(answer[0] if isinstance(answer, tuple) else answer)  # type: ignore[arg-type]
    top = origin.y() + line.y()
    painter.setPen(QPen(view.palette().color(QPalette.ColorRole.Base), 2.0))
    # Down through the first underline, short of the next line.
    bottom = top + min(line.height(), line.ascent() + line.descent() + thickness + 2)
    painter.drawLine(QPointF(origin.x() + x, top), QPointF(origin.x() + x, bottom))


def _levels(annotations: list[Annotation]) -> dict[int, int]:
    """Stack overlapping underlines: each gets the first level its neighbours leave free."""
    levels: dict[int, int] = {}
    active: list[tuple[int, int]] = []
    for ann in sorted(annotations, key=reading_order):
        used = {level for end, level in active if end > ann.start}
        level = 0
        while level in used:
            level += 1
        levels[ann.id] = level
        active.append((ann.end, level))
    return levels


def _wave(painter: QPainter, left: float, right: float, y: float, height: float) -> None:
    path = QPainterPath(QPointF(left, y))
    step = max(3.0, height * 1.5)
    x, up = left, True
    while x < right:
        x = min(right, x + step)
        path.lineTo(x, y - height if up else y + height * 0.2)
        up = not up
    painter.drawPath(path)
