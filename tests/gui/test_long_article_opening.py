"""A long article opens with the annotations of its first screen: they are all painted
in the first frame (fills, marks, a claim's missing-source dot decided by its links
anywhere in the article); the rest, and the panel, come at the next turn of the event
loop, or at once when a gesture needs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import NewArticle
from annotator.gui.models.article_spans import ArticleSpans
from annotator.gui.opening import LONG_ARTICLE
from annotator.storage import open_store
from tests.gui.conftest import key

pytestmark = pytest.mark.gui

PARAGRAPH = "قال المتحدث باسم الوزارة إن النقاش كان مهنيا وبناء وفقا لوسائل الإعلام"
TEXT = "\n".join(f"{PARAGRAPH} {n}" for n in range(400))
LABELS = ("CLAIM", "SOURCE", "CUE")


def _article(db: Path) -> tuple[int, int, dict[str, int]]:
    """The long article (a span per paragraph; the first claim linked to a source near
    the end, the second claim to none) and a short one."""
    assert len(TEXT) > LONG_ARTICLE
    ids: dict[str, int] = {}
    with open_store(db) as store:
        article, _ = store.add_article(NewArticle(text=TEXT, title="long"))
        other, _ = store.add_article(NewArticle(text="مقال قصير", title="short"))
        at = 0
        for n, paragraph in enumerate(TEXT.split("\n")):
            word = paragraph.index(" ")
            made = store.create_annotation(article, LABELS[n % 3], at, at + word)
            ids.setdefault(f"{LABELS[n % 3]} {n}", made.id)
            at += len(paragraph) + 1
        store.create_relation("ATTRIBUTED_TO", ids["CLAIM 0"], ids["SOURCE 391"])
    return article, other, ids


def _truth(db: Path, article: int) -> ArticleSpans:
    with open_store(db) as store:
        return ArticleSpans(
            article,
            TEXT,
            store.schema,
            store.annotations(article),
            store.relations(article),
        )


def _rows(tree) -> int:  # type: ignore[no-untyped-def]
    return sum(tree.topLevelItem(i).childCount() for i in range(tree.topLevelItemCount()))


def test_the_first_frame_has_the_first_screen_and_the_rest_follows(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "long.db"
    article, other, ids = _article(db)
    truth = _truth(db, article)
    window = start(db, other).window
    view = window.view
    window.open_article(article)
    spans = window.annotating.spans
    assert not spans.complete
    view.viewport().repaint()
    assert not spans.complete, "the first paint needed more than the first screen"
    # Every paragraph on screen looks as it would with every annotation read.
    block = view.firstVisibleBlock()
    shown = 0
    while (
        block.isValid()
        and view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
        < view.viewport().height()
    ):
        number = block.blockNumber()
        formats = [(r.start, r.length) for r in block.layout().formats()]
        assert formats == [(r.start, r.length) for r in view.styles.block_formats(truth, number)]
        assert [a.id for a in spans.in_block(number)] == [a.id for a in truth.in_block(number)]
        shown += 1
        block = block.next()
    assert shown > 5 and not spans.complete
    # The first claim's source is far away, yet no dot: its link was read with it.
    assert not spans.is_missing(ids["CLAIM 0"])
    assert spans.is_missing(ids["CLAIM 3"])
    # The panel is filled just after the paint, with every annotation and the right counts.
    QApplication.processEvents()
    assert spans.complete
    assert _rows(window.panel.tree) == 400
    assert window.panel.summary.text().endswith("400")
    assert spans.missing_count == truth.missing_count
    assert not window.panel.missing.isHidden()


def test_a_gesture_before_the_rest_came_sees_every_annotation(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "long.db"
    article, other, ids = _article(db)
    window = start(db, other).window
    view = window.view
    window.open_article(article)
    view.viewport().repaint()
    assert not window.annotating.spans.complete
    # Shift+Tab from the end of the text selects the last annotation, far off screen.
    view.place_caret(len(TEXT))
    key(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    last = max(ids.values())
    assert window.annotating.current == last
    QApplication.processEvents()
    # The panel came afterwards and shows that selection.
    assert window.panel.selected_ids() == [last]
    assert window.panel.details.annotation.id == last


def test_scrolling_away_first_reads_the_rest_for_the_paragraphs_shown(  # type: ignore[no-untyped-def]
    start, tmp_path: Path
) -> None:
    db = tmp_path / "long.db"
    article, other, _ = _article(db)
    truth = _truth(db, article)
    window = start(db, other).window
    view = window.view
    window.open_article(article)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    view.viewport().repaint()
    assert window.annotating.spans.complete
    first = view.firstVisibleBlock().blockNumber()
    assert first > 300
    number = first + (3 - first % 3) % 3  # a claim's paragraph: a fill
    block = view.document().findBlockByNumber(number)
    formats = [(r.start, r.length) for r in block.layout().formats()]
    assert formats == [(r.start, r.length) for r in view.styles.block_formats(truth, number)]
    assert formats


def test_a_damaged_row_further_on_is_refused_on_opening_with_its_one_line(  # type: ignore[no-untyped-def]
    start, tmp_path: Path, message_boxes: list[str], capfd: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    db = tmp_path / "long.db"
    article, other, ids = _article(db)
    window = start(db, other).window
    damaged = max(ids.values())  # in the last paragraph, far from the first screen
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("UPDATE annotations SET attributes = 'not json' WHERE id = ?", [damaged])
    connection.close()
    window.open_article(article)
    QApplication.processEvents()
    # As for a short article: refused at once, one line naming the file and the row.
    assert len(message_boxes) == 1
    assert str(db) in message_boxes[0] and f"annotation {damaged}" in message_boxes[0]
    assert "\n" not in message_boxes[0]
    assert window.annotating.article.id == other
    assert "Traceback" not in capfd.readouterr().err


def test_a_row_damaged_after_the_first_screen_was_read_closes_the_article(  # type: ignore[no-untyped-def]
    start, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    db = tmp_path / "long.db"
    article, other, ids = _article(db)
    window = start(db, other).window
    window.open_article(article)
    # Suggestions read the file on their own after the first paint: not this test's.
    window.suggesting._opening.stop()
    damaged = max(ids.values())
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("UPDATE annotations SET attributes = 'not json' WHERE id = ?", [damaged])
    connection.close()
    # Changed by another program between the first screen and the rest: the text is
    # painted, even scrolled to the damaged row, and then the article closes, said in
    # one line.
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    window.view.viewport().repaint()
    window.annotating._read_rest()
    assert window.annotating.spans is None and window.view.spans is None
    message = window.statusBar().currentMessage()
    assert str(db) in message and f"annotation {damaged}" in message and "\n" not in message
    assert "Traceback" not in capfd.readouterr().err
