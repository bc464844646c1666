"""Which character is under the pointer, found from the glyphs Qt laid out.

A caret position cannot answer this in mixed-direction text: where a Latin word or a
number sits inside an Arabic line, one x on screen is the edge of two runs at once, and
the caret Qt picks there belongs to whichever run it prefers, often the wrong one. The
glyph under the pointer belongs to one character, and that is what a
mouse selection starts and ends on.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtGui import QTextLayout, QTextLine


@dataclass(frozen=True)
class GlyphBox:
    """One glyph's horizontal extent on its line, in layout coordinates."""

    left: float
    right: float
    index: int  # the first character (UTF-16, within the paragraph) the glyph shows


def glyph_boxes(line: QTextLine) -> list[GlyphBox]:
    """The glyphs of each character of a line that takes room, left to right.

    Asked one character at a time: the string indexes Qt gives for a whole line are
    wrong after a change of font inside it (Latin in an Arabic line), and a character's
    own glyph run includes the room justification added after it.
    """
    boxes: list[GlyphBox] = []
    for index in range(line.textStart(), line.textStart() + line.textLength()):
        for run in line.glyphRuns(index, 1):
            rect = run.boundingRect()
            if rect.width() > 0:
                boxes.append(GlyphBox(rect.left(), rect.right(), index))
    boxes.sort(key=lambda b: (b.left, b.index))
    return boxes


def line_at(layout: QTextLayout, y: float) -> QTextLine | None:
    """The line of a paragraph at height ``y`` (layout coordinates), or the nearest."""
    count = layout.lineCount()
    if count == 0:
        return None
    for i in range(count):
        line = layout.lineAt(i)
        if y < line.y() + line.height():
            return line
    return layout.lineAt(count - 1)


def character_at(layout: QTextLayout, point: QPointF) -> int | None:
    """The character (UTF-16 index within the paragraph) whose glyph is under ``point``
    (layout coordinates); off every glyph, the character of the nearest glyph on that
    line. None for an empty paragraph."""
    line = line_at(layout, point.y())
    if line is None:
        return None
    boxes = glyph_boxes(line)
    if not boxes:
        return line.textStart() if line.textLength() else None
    x = point.x()
    # Overlaps (a mark over its letter, both halves of an emoji): the first character.
    under = [box.index for box in boxes if box.left <= x < box.right]
    if under:
        return min(under)
    nearest = min(boxes, key=lambda b: min(abs(x - b.left), abs(x - b.right)))
    return nearest.index
