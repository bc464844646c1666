"""Scrolling to paragraphs not yet shown: the paint that brings them in gives them their
span formats and draws them, in one paint. (The formats made Qt's layout ask the view
for a second paint of the whole screen in the same frame, which doubled such frames.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from annotator.core.model import NewArticle
from annotator.storage import open_store

pytestmark = pytest.mark.gui

PARAGRAPH = "قال المتحدث باسم الوزارة إن النقاش كان مهنيا وبناء وفقا لوسائل الإعلام"
TEXT = "\n".join(f"{PARAGRAPH} {n}" for n in range(300))


class Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _article(db: Path) -> int:
    with open_store(db) as store:
        article, _ = store.add_article(NewArticle(text=TEXT, title="long"))
        at = 0
        for n, paragraph in enumerate(TEXT.split("\n")):
            word = paragraph.index(" ")
            store.create_annotation(article, ("CLAIM", "SOURCE", "CUE")[n % 3], at, at + word)
            at += len(paragraph) + 1
    return article


def _wheel(widget, notches: int) -> None:  # type: ignore[no-untyped-def]
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(),
        QPoint(0, -120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_a_scroll_to_new_paragraphs_paints_once(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "scroll.db"
    article = _article(db)
    window = start(db, article).window
    view = window.view
    # One step first: what the opening left for later (the panel, the scroll range) is
    # done, and its paints are not counted.
    _wheel(view.viewport(), 4)
    for _ in range(5):
        QApplication.processEvents()
    paints = Paints()
    view.viewport().installEventFilter(paints)
    steps = []
    for _ in range(12):
        top, formats, paints.count = view.verticalScrollBar().value(), view.first_formats, 0
        _wheel(view.viewport(), 4)
        for _ in range(5):
            QApplication.processEvents()
        assert view.verticalScrollBar().value() > top  # the wheel scrolled the article
        steps.append((view.first_formats - formats, paints.count))
    view.viewport().removeEventFilter(paints)
    # Each step brought paragraphs never shown before, formatted by its one paint.
    assert all(formatted > 0 for formatted, _ in steps), steps
    assert all(count == 1 for _, count in steps), steps
    # And they are drawn with their formats: what the paint formatted is what is shown.
    spans, styles = view.spans, view.styles
    block = view.firstVisibleBlock()
    while (
        block.isValid()
        and view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
        <= view.viewport().height()
    ):
        number = block.blockNumber()
        formats = [(r.start, r.length) for r in block.layout().formats()]
        assert formats == [(r.start, r.length) for r in styles.block_formats(spans, number)]
        if number % 3 != 1:  # CLAIM fills and CUE colours are formats; SOURCE is painted
            assert formats
        block = block.next()
