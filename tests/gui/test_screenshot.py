"""Screenshots of an annotated Arabic article, checked pixel by pixel.

The PNGs are written to the test's temporary folder (look at them when this fails).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from annotator.paths import sample_paths
from annotator.storage import open_store
from tests.gui.conftest import drag, key, span_of

pytestmark = pytest.mark.gui

CLAIM = (
    "أجرت روسيا والولايات المتحدة تدريبات مشتركة لمنع إمكانية تشابك قواتهما الجوية "
    "في المجال الجوي السوري"
)
INNER_CLAIM = "تدريبات مشتركة"
SOURCE = "مسؤول روسي"
CUE = "قال"


def _blend(color: QColor) -> QColor:
    """A translucent colour as it looks on white paper."""
    a = color.alphaF()
    return QColor(
        *(round(a * c + (1 - a) * 255) for c in (color.red(), color.green(), color.blue()))
    )


def _count(image: QImage, target: QColor, tolerance: int = 12) -> int:
    hits = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - target.red()) <= tolerance
                and abs(pixel.green() - target.green()) <= tolerance
                and abs(pixel.blue() - target.blue()) <= tolerance
            ):
                hits += 1
    return hits


def _is_ink(color: QColor) -> bool:
    return color.lightness() < 110


def test_an_annotated_arabic_article_looks_right(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "shot.db"
    with open_store(db) as store:
        from annotator.formats.importer import import_paths

        import_paths(store, [sample_paths()[0]])
        text = store.article_text(1)
    controller = start(db, 1)
    window = controller.window
    window.resize(1240, 780)
    view = window.view
    for part, label in (
        (CLAIM, Qt.Key.Key_1),
        (INNER_CLAIM, Qt.Key.Key_1),
        (SOURCE, Qt.Key.Key_2),
        (CUE, Qt.Key.Key_3),
    ):
        drag(view, *span_of(text, part))
        key(view, label)
    key(view, Qt.Key.Key_Escape)
    view.place_caret(0)
    view.verticalScrollBar().setValue(0)
    whole = window.grab().toImage()
    whole.save(str(tmp_path / "window.png"))
    image = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    image.save(str(tmp_path / "article.png"))
    styles = window.annotating.styles

    # The colours of the schema are on screen: claim fill, darker overlap, source line, cue text.
    assert _count(image, _blend(styles["CLAIM"].fill(1))) > 400
    assert _count(image, _blend(styles["CLAIM"].fill(2))) > 40
    assert _count(image, styles["SOURCE"].color, tolerance=20) > 15
    assert _count(image, styles["CUE"].strong, tolerance=40) > 5

    # The first paragraph starts at the right margin: ink reaches the right text edge
    # on its first line, and the short last line of the paragraph leaves the left empty.
    block = view.document().firstBlock()
    layout = block.layout()
    origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
    right_edge = image.width() - view.document().documentMargin()

    def ink_columns(line_number: int) -> list[int]:
        line = layout.lineAt(line_number)
        top = int(origin.y() + line.y() + line.height() * 0.3)
        bottom = int(origin.y() + line.y() + line.height() * 0.7)
        return [
            x
            for x in range(image.width())
            if any(_is_ink(image.pixelColor(x, y)) for y in range(top, bottom, 2))
        ]

    first = ink_columns(0)
    assert first and abs(max(first) - right_edge) < 10, (max(first), right_edge)
    last = ink_columns(layout.lineCount() - 1)
    assert last and abs(max(last) - right_edge) < 10 and min(last) > image.width() * 0.25
