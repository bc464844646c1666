"""Painting adjudication over one visible paragraph: lanes, differences, the current
candidate.

Every compared annotator has a thin lane under the text (first annotator highest),
below where the gold layer's own underlines go; their spans are drawn in it in the
label's colour. Stretches some annotators marked and others did not are hatched, and
the candidate being decided is framed. Decided candidates fade, so that what is left
to do stands out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen, QPixmap, QTextBlock

from annotator.gui.models.adjudication_overlay import OPEN, REJECTED, Overlay
from annotator.gui.widgets.span_style import LabelStyles

if TYPE_CHECKING:
    from annotator.gui.widgets.article_view import ArticleView

DIFFERENCE_COLOR = QColor(208, 49, 45)
CURRENT_COLOR = QColor("#5B2C83")
# Lane opacity of open, accepted and rejected candidates.
LANE_ALPHA = {OPEN: 255, "accepted": 80, REJECTED: 70}


def lane_geometry(view: ArticleView) -> tuple[float, float, float]:
    """(offset below the baseline of the first lane, lane thickness, lane pitch)."""
    metrics = QFontMetricsF(view.font())
    thickness = max(2.0, metrics.height() / 15)
    # Below the gold layer's first underline (see span_painter), within the descent.
    first = max(2.0, metrics.descent() * 0.3) + max(2.0, metrics.height() / 14) + thickness
    return first, thickness, thickness + 2.0


class OverlayPainter:
    """The view's overlay while adjudicating: call it with the view, painter and block."""

    def __init__(self, overlay: Overlay, styles: LabelStyles) -> None:
        self.overlay = overlay
        self.styles = styles
        hatch = QColor(DIFFERENCE_COLOR)
        hatch.setAlpha(120)
        self._hatch = QBrush(hatch, Qt.BrushStyle.BDiagPattern)
        tint = QColor(DIFFERENCE_COLOR)
        tint.setAlpha(28)
        self._tint = tint

    def __call__(self, view: ArticleView, painter: QPainter, block: QTextBlock) -> None:
        overlay = self.overlay
        number = block.blockNumber()
        for start, end, index in overlay.differences.get(number, ()):
            if overlay.states[index] != OPEN:
                continue
            for rect, _ in view.range_rects(start, end, block):
                painter.fillRect(rect, self._tint)
                painter.fillRect(rect, self._hatch)
        first, thickness, pitch = lane_geometry(view)
        for mark in overlay.marks.get(number, ()):
            color = QColor(self.styles[mark.label].strong)
            state = overlay.states[mark.candidate]
            color.setAlpha(LANE_ALPHA[state])
            pen = QPen(color, thickness)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            if state == REJECTED:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            for rect, baseline in view.range_rects(mark.start, mark.end, block):
                y = baseline + first + mark.lane * pitch
                painter.drawLine(QPointF(rect.left() + 1, y), QPointF(rect.right() - 1, y))
        if overlay.current is not None:
            start, end = overlay.extents[overlay.current]
            painter.setPen(QPen(CURRENT_COLOR, 2.4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            depth = first + len(overlay.annotators) * pitch
            for rect, baseline in view.range_rects(start, end, block):
                bottom = max(rect.bottom(), baseline + depth)
                framed = rect.adjusted(-3, 0, 3, 0)
                framed.setBottom(bottom + 1)
                painter.drawRoundedRect(framed, 5, 5)


def lane_sample(lane: int, lanes: int, color: QColor, size: int = 22) -> QPixmap:
    """A small picture of the lanes with one of them drawn: the legend's icon."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    pitch = min(5.0, (size - 6) / max(lanes, 1))
    for n in range(lanes):
        y = 4 + n * pitch + pitch / 2
        painter.setPen(
            QPen(color if n == lane else QColor(200, 200, 200), 2.5 if n == lane else 1.5)
        )
        painter.drawLine(QPointF(2, y), QPointF(size - 2, y))
    painter.end()
    return pixmap
