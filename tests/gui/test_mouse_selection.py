"""Mouse selection over mixed-direction text: a drag from inside the first character of a
phrase to inside its last, either way round, stores exactly that phrase.

The points are computed from the glyphs Qt laid out for each character (never from caret
positions, which are ambiguous where a Latin or digit run meets Arabic), near either edge
of the glyph, and the result is read back from the database.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.gui.widgets.article_view import ArticleView
from tests.gui.conftest import add_article, glyph_rect, inside_glyph, key, reader

pytestmark = pytest.mark.gui

ARABIC_LINE = (
    "وفي 1 أكتوبر قال مدير Siemens Energy إن عام 2024 كان عاما صعبا، وفقا لوكالة Reuters "
    "التي أشارت إلى ارتفاع بنسبة 85% في الساعة 11:00 يوم 15/03/2024 أمس."
)
LATIN_FIRST = "Reuters: نقلت وكالة الأنباء عن مصدر مطلع قوله إن 40 طائرة شاركت."
ENGLISH_LINE = "The spokesman said that وزارة الدفاع confirmed 5.5 km on Monday."
LONG = " ".join(["وأضاف المتحدث أن الطائرات الروسية حلقت فوق Aleppo لمدة 3 ساعات"] * 6) + "."
TEXT = "\n".join([ARABIC_LINE, LATIN_FIRST, ENGLISH_LINE, LONG])

PHRASES = [
    "1 أكتوبر",
    "Siemens Energy",
    "2024 كان عاما صعبا",
    "وفقا لوكالة Reuters",
    "مدير Siemens",
    "Energy إن",
    "بنسبة 85%",
    "الساعة 11:00",
    "15/03/2024 أمس",
    "Reuters: نقلت",
    "مطلع قوله",
    "إن 40 طائرة",
    "said that وزارة",
    "وزارة الدفاع confirmed",
    "5.5 km",
]


def mouse_drag(view: ArticleView, first: QPoint, last: QPoint) -> None:
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
    for step in (0.25, 0.5, 0.75, 1.0):
        point = first + (last - first) * step
        QTest.mouseMove(viewport, QPoint(int(point.x()), int(point.y())))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, last)
    QApplication.processEvents()


def stored_texts(window) -> list[str]:  # type: ignore[no-untyped-def]
    with reader(window) as store:
        return [a.text for a in store.annotations(window.annotating.article.id)]


def mark_by_drag(window, first: QPoint, last: QPoint) -> list[str]:  # type: ignore[no-untyped-def]
    """Drag, press 1, read what the database holds, and undo it again."""
    view = window.view
    mouse_drag(view, first, last)
    key(view, Qt.Key.Key_1)
    texts = stored_texts(window)
    if texts:
        key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    view.setFocus()
    return texts


@pytest.fixture
def mixed(start, tmp_path: Path):  # type: ignore[no-untyped-def]
    db = tmp_path / "bidi.db"
    return start(db, add_article(db, TEXT, "bidi")).window


@pytest.mark.parametrize("phrase", PHRASES)
def test_a_drag_inside_the_first_and_last_glyph_stores_the_phrase(mixed, phrase: str) -> None:  # type: ignore[no-untyped-def]
    view = mixed.view
    start = TEXT.index(phrase)
    end = start + len(phrase) - 1
    failures = []
    for near_first, near_last in ((0.1, 0.9), (0.9, 0.1), (0.5, 0.5)):
        first, last = inside_glyph(view, start, near_first), inside_glyph(view, end, near_last)
        for a, b, way in ((first, last, "forward"), (last, first, "backward")):
            stored = mark_by_drag(mixed, a, b)
            if stored != [phrase]:
                failures.append(f"{way} at {near_first}/{near_last}: {stored}")
    assert not failures, failures


def test_a_drag_across_a_line_wrap_stores_both_lines_words(mixed) -> None:  # type: ignore[no-untyped-def]
    view = mixed.view
    spans = view.spans
    number = 3
    block = view.document().findBlockByNumber(number)
    layout = block.layout()
    assert layout.lineCount() >= 2
    wrap = spans.offsets.to_codepoint(block.position() + layout.lineAt(1).textStart())
    # The last two words of the first line and the first two of the second.
    before = TEXT.rstrip()[:wrap].rstrip().rsplit(" ", 2)
    after = TEXT[wrap:].split(" ", 2)
    phrase = " ".join(before[-2:]) + " " + " ".join(after[:2])
    start = TEXT.index(phrase, TEXT.index(LONG))
    end = start + len(phrase) - 1
    assert glyph_rect(view, start).top() < glyph_rect(view, end).top()
    for a, b in ((0.1, 0.9), (0.9, 0.1)):
        first, last = inside_glyph(view, start, a), inside_glyph(view, end, b)
        assert mark_by_drag(mixed, first, last) == [phrase]
        assert mark_by_drag(mixed, last, first) == [phrase]


def test_a_click_still_selects_the_annotation_under_it(mixed) -> None:  # type: ignore[no-untyped-def]
    view = mixed.view
    start = TEXT.index("Siemens Energy")
    mouse_drag(view, inside_glyph(view, start, 0.1), inside_glyph(view, start + 13, 0.9))
    key(view, Qt.Key.Key_2)
    [source] = mixed.annotating.spans.annotations.values()
    key(view, Qt.Key.Key_Escape)
    assert mixed.annotating.current is None
    QTest.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        inside_glyph(view, start + 3, 0.5),
    )
    QApplication.processEvents()
    assert mixed.annotating.current == source.id
    assert not view.textCursor().hasSelection()
