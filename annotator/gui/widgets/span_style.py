"""How each label looks, and the character formats of one paragraph.

Labels get a drawing style by their order in the schema, so that nested and
overlapping spans of different labels stay apart: the first label (CLAIM) is a
background fill that grows darker where two of them overlap, the second (SOURCE) a
thick coloured underline, the third (CUE) coloured text, and any further labels
dashed, dotted and wavy underlines. Colours come from the schema.

Fills and text colours are character formats, applied per paragraph; underlines and
frames are painted by the view over the visible paragraphs only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPen,
    QPixmap,
    QTextCharFormat,
    QTextLayout,
)

from annotator.core.schema import Schema
from annotator.gui.models.article_spans import ArticleSpans


class Kind(Enum):
    FILL = "fill"
    UNDERLINE = "underline"
    TEXT = "text"
    DASHED = "dashed"
    DOTTED = "dotted"
    WAVE = "wave"


KIND_ORDER = (Kind.FILL, Kind.UNDERLINE, Kind.TEXT, Kind.DASHED, Kind.DOTTED, Kind.WAVE)
LINE_KINDS = frozenset({Kind.UNDERLINE, Kind.DASHED, Kind.DOTTED, Kind.WAVE})
# Fill opacity for 1, 2 and 3 or more overlapping spans of one label.
FILL_ALPHA = (105, 175, 230)


@dataclass(frozen=True)
class LabelStyle:
    name: str
    kind: Kind
    color: QColor

    def fill(self, depth: int) -> QColor:
        color = QColor(self.color)
        color.setAlpha(FILL_ALPHA[min(depth, len(FILL_ALPHA)) - 1])
        return color

    @property
    def strong(self) -> QColor:
        """A darker shade that reads as text and frames on a white page."""
        return self.color.darker(150) if self.color.lightnessF() > 0.35 else QColor(self.color)

    def pen(self, width: float = 2.5) -> QPen:
        pen = QPen(self.color if self.kind is not Kind.FILL else self.strong, width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if self.kind is Kind.DASHED:
            pen.setStyle(Qt.PenStyle.DashLine)
        elif self.kind is Kind.DOTTED:
            pen.setStyle(Qt.PenStyle.DotLine)
        return pen


class LabelStyles:
    """The styles of a schema's labels, and the paragraph formats they make."""

    def __init__(self, schema: Schema) -> None:
        self.by_label: dict[str, LabelStyle] = {}
        for n, label in enumerate(schema.labels.values()):
            kind = KIND_ORDER[n] if n < len(KIND_ORDER) else KIND_ORDER[3 + (n - 3) % 3]
            self.by_label[label.name] = LabelStyle(label.name, kind, QColor(label.color))
        self._formats: dict[tuple[int, int], QTextCharFormat] = {}
        # Drawn once: the panel and the details show them again at every article opened.
        self._samples: dict[tuple[str, int], QPixmap] = {}

    def __getitem__(self, label: str) -> LabelStyle:
        style = self.by_label.get(label)
        if style is None:
            # A label missing from the schema still shows, in grey, rather than vanishing.
            style = LabelStyle(label, Kind.DASHED, QColor("#808080"))
            self.by_label[label] = style
        return style

    def _format(self, fill: QColor | None, text: QColor | None) -> QTextCharFormat:
        key = (fill.rgba() if fill else 0, text.rgba() if text else 0)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            if fill is not None:
                fmt.setBackground(QBrush(fill))
            if text is not None:
                fmt.setForeground(QBrush(text))
            self._formats[key] = fmt
        return fmt

    def block_formats(self, spans: ArticleSpans, block: int) -> list[QTextLayout.FormatRange]:
        """Character formats of one paragraph: fills and text colours, positions in UTF-16."""
        block_start, block_end = spans.block_span(block)
        cuts: set[int] = set()
        pieces = []
        for ann in spans.in_block(block):
            style = self[ann.label]
            if style.kind not in (Kind.FILL, Kind.TEXT):
                continue
            start, end = max(ann.start, block_start), min(ann.end, block_end)
            if start < end:
                pieces.append((start, end, style))
                cuts.update((start, end))
        if not pieces:
            return []
        bounds = sorted(cuts)
        ranges: list[QTextLayout.FormatRange] = []
        for left, right in zip(bounds, bounds[1:], strict=False):
            depth: dict[str, int] = {}
            fill_style = text_style = None
            for start, end, style in pieces:
                if start <= left and right <= end:
                    if style.kind is Kind.FILL:
                        depth[style.name] = depth.get(style.name, 0) + 1
                        fill_style = style
                    else:
                        text_style = style
            if fill_style is None and text_style is None:
                continue
            fill = fill_style.fill(sum(depth.values())) if fill_style else None
            text = text_style.strong if text_style else None
            fmt_range = QTextLayout.FormatRange()
            fmt_range.start = spans.in_block_utf16(block, left)
            fmt_range.length = spans.in_block_utf16(block, right) - fmt_range.start
            fmt_range.format = self._format(fill, text)
            ranges.append(fmt_range)
        return ranges

    def sample(self, label: str, size: int = 22) -> QPixmap:
        """A small picture of how a label looks, for the palette and the panel."""
        drawn = self._samples.get((label, size))
        if drawn is None:
            drawn = self._samples[(label, size)] = self._draw_sample(label, size)
        return drawn

    def _draw_sample(self, label: str, size: int) -> QPixmap:
        style = self[label]
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(2, 3, size - 4, size - 7)
        if style.kind is Kind.FILL:
            painter.fillRect(box, style.fill(1))
        font = QFont()
        font.setPixelSize(int(size * 0.55))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(style.strong if style.kind is Kind.TEXT else QColor("#202020"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "ab")
        if style.kind in LINE_KINDS:
            painter.setPen(style.pen(2.5))
            y = size - 3.5
            painter.drawLine(QPointF(2, y), QPointF(size - 2, y))
        painter.end()
        return pixmap
