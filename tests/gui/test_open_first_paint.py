"""Opening an article: the paragraphs of its first screen get their span formats before
Qt lays them out, so the first paint shows every span there and lays each paragraph out
once (a format given after the layout makes Qt lay the paragraph out again)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.model import NewArticle
from annotator.storage import open_store

pytestmark = pytest.mark.gui

PARAGRAPH = "قال المتحدث باسم الوزارة إن النقاش كان مهنيا وبناء وفقا لوسائل الإعلام"
TEXT = "\n".join(f"{PARAGRAPH} {n}" for n in range(120))


def _article(db: Path) -> tuple[int, int]:
    with open_store(db) as store:
        article, _ = store.add_article(NewArticle(text=TEXT, title="long"))
        other, _ = store.add_article(NewArticle(text="مقال قصير", title="short"))
        at = 0
        for n, paragraph in enumerate(TEXT.split("\n")):
            word = paragraph.index(" ")
            store.create_annotation(article, ("CLAIM", "SOURCE", "CUE")[n % 3], at, at + word)
            at += len(paragraph) + 1
    return article, other


def _visible_blocks(view) -> list[int]:  # type: ignore[no-untyped-def]
    numbers = []
    block = view.firstVisibleBlock()
    offset = view.contentOffset()
    while block.isValid():
        if view.blockBoundingGeometry(block).translated(offset).top() > view.viewport().height():
            break
        numbers.append(block.blockNumber())
        block = block.next()
    return numbers


def _check_first_paint(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    spans, styles = view.spans, view.styles
    view.viewport().repaint()
    # Nothing was left for the paint to format: no paragraph on screen laid out twice.
    assert view.first_formats == 0
    visible = _visible_blocks(view)
    assert len(visible) > 3
    for number in visible:
        block = view.document().findBlockByNumber(number)
        formats = [(r.start, r.length) for r in block.layout().formats()]
        wanted = [(r.start, r.length) for r in styles.block_formats(spans, number)]
        assert formats == wanted, number
        # Shaped once: the paint and the marks reuse the glyphs of the layout.
        assert block.layout().cacheEnabled() == bool(spans.in_block(number))
        if number % 3 != 1:  # CLAIM fills and CUE colours are formats; SOURCE is painted
            assert formats


def test_the_first_screen_is_formatted_before_its_layout(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "open.db"
    article, other = _article(db)
    window = start(db, other).window
    window.open_article(article)
    _check_first_paint(window)


def test_so_is_the_screen_at_the_reading_position(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "open.db"
    article, other = _article(db)
    position = TEXT.index(f"{PARAGRAPH} 80")
    with open_store(db) as store:
        store.set_reading_position(article, "tester", position)
    window = start(db, other).window
    window.open_article(article)
    _check_first_paint(window)
    QApplication.processEvents()
    # The view is where the annotator left it, and the paint did not need to format it.
    assert window.view.spans.block_of(window.view.top_position()) == 80


def test_the_last_screen_is_laid_out_after_the_first_paint(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "open.db"
    article, other = _article(db)
    window = start(db, other).window
    view = window.view
    window.open_article(article)
    view.viewport().repaint()
    # Painted without laying out the end of the article (Qt does, to find its scroll range).
    last = view.document().lastBlock()
    assert last.layout().lineCount() == 0
    QApplication.processEvents()
    # Just after: the range is exact, the last line ends at the bottom of the view.
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    QApplication.processEvents()
    bottom = view.blockBoundingGeometry(last).translated(view.contentOffset()).bottom()
    margin = view.document().documentMargin()
    assert last.layout().lineCount() > 0
    assert view.viewport().height() - 2 * margin - 2 <= bottom <= view.viewport().height()
