"""The marks' rectangles are kept between paints: a repaint asks Qt for no glyph runs,
and whatever lays a paragraph out again (its formats, the width, the direction) makes
them be measured afresh, so that they still sit on the glyphs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLine
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import add_article, drag, key, span_of

pytestmark = pytest.mark.gui

TEXT = "\n".join(
    f"قال المتحدث باسم وزارة الدفاع Reuters {n} إن الطائرات الروسية حلقت فوق المنطقة"
    for n in range(6)
)
SOURCE = "وزارة الدفاع Reuters 3"


@pytest.fixture
def glyph_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many times Qt was asked for glyph runs."""
    calls = [0]
    plain = QTextLine.glyphRuns

    def counted(line: QTextLine, *args: int):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return plain(line, *args)

    monkeypatch.setattr(QTextLine, "glyphRuns", counted)
    yield calls


def _glyph_edges(view, start: int, end: int) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """Left and right of the glyphs of start..end, straight from Qt's layout."""
    spans = view.spans
    number = spans.block_of(start)
    block = view.document().findBlockByNumber(number)
    origin = view.block_origin(block)
    first, last = spans.in_block_utf16(number, start), spans.in_block_utf16(number, end)
    edges = []
    layout = block.layout()
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        a, b = max(first, line.textStart()), min(last, line.textStart() + line.textLength())
        if a < b:
            boxes = [r.boundingRect() for r in QTextLine.glyphRuns(line, a, b - a)]
            edges.append(
                (
                    origin.x() + min(r.left() for r in boxes),
                    origin.x() + max(r.right() for r in boxes),
                )
            )
    return edges


def _drawn_edges(view, start: int, end: int) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    block = view.document().findBlockByNumber(view.spans.block_of(start))
    return [(rect.left(), rect.right()) for rect, _ in view.range_rects(start, end, block)]


def test_a_repaint_measures_nothing_again(start, tmp_path: Path, glyph_runs: list[int]) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "marks.db"
    window = start(db, add_article(db, TEXT)).window
    view = window.view
    drag(view, *span_of(TEXT, SOURCE))
    key(view, Qt.Key.Key_2)  # SOURCE: an underline, and the new span is framed
    view.viewport().repaint()
    assert glyph_runs[0] > 0
    glyph_runs[0] = 0
    for _ in range(3):
        view.viewport().repaint()
    assert glyph_runs[0] == 0
    start_cp, end_cp = span_of(TEXT, SOURCE)
    glyph_runs[0] = 0
    assert _drawn_edges(view, start_cp, end_cp) == _glyph_edges(view, start_cp, end_cp)


def test_a_new_layout_measures_again(start, tmp_path: Path, glyph_runs: list[int]) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "marks.db"
    window = start(db, add_article(db, TEXT)).window
    view = window.view
    start_cp, end_cp = span_of(TEXT, SOURCE)
    drag(view, start_cp, end_cp)
    key(view, Qt.Key.Key_2)
    view.viewport().repaint()
    before = _drawn_edges(view, start_cp, end_cp)
    # Narrower: the lines wrap elsewhere, the marks follow the glyphs.
    window.resize(700, window.height())
    QApplication.processEvents()
    view.viewport().repaint()
    after = _drawn_edges(view, start_cp, end_cp)
    assert after != before
    assert after == _glyph_edges(view, start_cp, end_cp)
    # The other direction: every paragraph is laid out again.
    view.set_direction(Qt.LayoutDirection.LeftToRight)
    view.viewport().repaint()
    assert _drawn_edges(view, start_cp, end_cp) == _glyph_edges(view, start_cp, end_cp)
    assert _drawn_edges(view, start_cp, end_cp) != after
    # A span added in the paragraph gives it new formats: measured again there too.
    claim = span_of(TEXT, "إن الطائرات الروسية حلقت فوق المنطقة", 3)
    drag(view, *claim)
    key(view, Qt.Key.Key_1)
    view.viewport().repaint()
    assert _drawn_edges(view, start_cp, end_cp) == _glyph_edges(view, start_cp, end_cp)


def test_spans_drawn_by_their_formats_alone_are_not_measured(  # type: ignore[no-untyped-def]
    start, tmp_path: Path, glyph_runs: list[int]
) -> None:
    db = tmp_path / "marks.db"
    window = start(db, add_article(db, TEXT)).window
    view = window.view
    window.suggesting.toggle.setChecked(False)  # suggestions are painted marks of their own
    for n in range(6):
        drag(view, *span_of(TEXT, "إن الطائرات الروسية", n))
        key(view, Qt.Key.Key_1)  # CLAIM: a fill
        drag(view, *span_of(TEXT, "قال", n))
        key(view, Qt.Key.Key_3)  # CUE: coloured text
    key(view, Qt.Key.Key_Escape)
    assert window.annotating.current is None
    view.viewport().repaint()
    glyph_runs[0] = 0
    # A fresh layout everywhere, then a paint: fills and colours need no rectangles.
    window.resize(800, window.height())
    QApplication.processEvents()
    view.viewport().repaint()
    assert glyph_runs[0] == 0
    # Selected, a claim is framed: its rectangles are measured.
    window.annotating.select(next(iter(window.annotating.spans.annotations)))
    view.viewport().repaint()
    assert glyph_runs[0] > 0
