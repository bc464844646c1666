"""The article view: plain text only, direction per paragraph, highlights, tooltips."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QHelpEvent, QTextFormat
from PySide6.QtWidgets import QApplication, QToolTip

from annotator.gui.fonts import ARTICLE_FAMILY
from tests.gui.conftest import ARTICLE, add_article, click, drag, key, span_of

pytestmark = pytest.mark.gui

HTML_LIKE = (
    'قال <b>المتحدث</b> <img src="http://127.0.0.1:9/x.png"> '
    'و<a href="http://127.0.0.1:9/">رابط</a> '
    "&amp; <script>alert(1)</script>"
)


def test_html_like_text_is_shown_literally_and_loads_nothing(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "html.db"
    controller = start(db, add_article(db, HTML_LIKE, "<b>title</b>"))
    window = controller.window
    doc = window.view.document()
    # Every character is there as text: no tag was taken as markup.
    assert doc.characterCount() - 1 == len(HTML_LIKE)
    block = doc.firstBlock()
    it = block.begin()
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        assert not fmt.isImageFormat() and not fmt.isAnchor()
        assert fmt.objectType() == QTextFormat.ObjectTypes.NoObject
        it += 1
    assert "&lt;img src=" in doc.toHtml()
    assert window.title.text() == "<b>title</b>"
    assert window.title.textFormat() == Qt.TextFormat.PlainText
    # A span over the markup-looking text: its tooltip shows it escaped, as text.
    drag(window.view, *span_of(HTML_LIKE, "<b>المتحدث</b>"))
    key(window.view, Qt.Key.Key_1)
    spans = window.annotating.spans
    from annotator.gui.names import annotation_tooltip

    tip = annotation_tooltip(spans, list(spans.annotations.values()), {})
    assert "&lt;b&gt;" in tip and "<b>المتحدث" not in tip


def _paragraph_edges(view, number: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    block = view.document().findBlockByNumber(number)
    line = block.layout().lineAt(0)
    rect = line.naturalTextRect()
    origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
    return origin.x() + rect.left(), origin.x() + rect.right()


def _glyph_lefts(view, number: int, line_index: int = 0) -> list[tuple[float, int]]:  # type: ignore[no-untyped-def]
    """(left edge, character index) of every glyph on a line, left to right."""
    line = view.document().findBlockByNumber(number).layout().lineAt(line_index)
    found = []
    for i in range(line.textStart(), line.textStart() + line.textLength()):
        for run in line.glyphRuns(i, 1):
            if run.boundingRect().width() > 0:
                found.append((run.boundingRect().left(), i))
    return sorted(found)


ARABIC_PARAGRAPHS = (
    "قال المتحدث إن الطائرات MQ-1 حلقت 5.5 كيلومتر.\n"
    "Reuters: نقلت وكالة الأنباء عن مصدر مطلع.\n"
    "2024 كان عاما صعبا.\n"
    "قصير."
)


def test_an_arabic_articles_paragraphs_run_right_to_left_whatever_they_begin_with(
    start, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    text = ARABIC_PARAGRAPHS
    db = tmp_path / "dir.db"
    view = start(db, add_article(db, text)).window.view
    doc = view.document()
    assert view.direction == Qt.LayoutDirection.RightToLeft
    width, margin = view.viewport().width(), doc.documentMargin()
    for number, paragraph in enumerate(text.split("\n")):
        left, right = _paragraph_edges(view, number)
        # Each hugs the right margin, and its final stop is its leftmost glyph.
        assert abs(right - (width - margin)) < 3 and left > margin + 3, paragraph
        glyphs = _glyph_lefts(view, number)
        assert paragraph[glyphs[0][1]] == ".", paragraph
    # The Latin run inside the Arabic paragraph stays in its own order: M before Q before 1.
    line = doc.findBlockByNumber(0).layout().lineAt(0)
    start_mq = text.index("MQ-1")
    xs = [line.cursorToX(start_mq + i)[0] for i in (1, 2, 3)]
    assert xs == sorted(xs) and xs[0] < xs[2]
    # ...and the Arabic around it runs right to left.
    arabic = [line.cursorToX(i)[0] for i in (1, 2, 3)]
    assert arabic == sorted(arabic, reverse=True)
    # «Reuters» opens its paragraph at the right edge, in its own order, and its colon
    # follows it leftwards, towards the Arabic.
    reuters = {i: x for x, i in _glyph_lefts(view, 1)}
    assert reuters[6] == max(reuters.values())
    assert max(x for i, x in reuters.items() if i > 8) < reuters[7] < reuters[0] < reuters[6]


def test_an_english_article_runs_left_to_right(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "The spokesman Peter Cook said so.\nقال المتحدث إن Pentagon officials agreed."
    db = tmp_path / "en.db"
    view = start(db, add_article(db, text)).window.view
    assert view.direction == Qt.LayoutDirection.LeftToRight
    margin = view.document().documentMargin()
    for number in (0, 1):
        left, right = _paragraph_edges(view, number)
        assert abs(left - margin) < 3 and right < view.viewport().width() - margin - 3


def _choose(window, name: str) -> None:  # type: ignore[no-untyped-def]
    """Choose View > Paragraph direction > name, from the menu bar, with the keyboard."""
    from PySide6.QtWidgets import QMenu

    action = window.command_actions[name]
    menu = next(
        m
        for m in window.menuBar().findChildren(QMenu)
        if action in m.actions() and m.title() == "Paragraph &direction"
    )
    menu.popup(window.mapToGlobal(window.rect().center()))
    menu.setActiveAction(action)
    key(menu, Qt.Key.Key_Return)


def test_the_direction_chosen_in_the_view_menu_is_remembered_per_article(
    start, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "choice.db"
    first = add_article(db, ARABIC_PARAGRAPHS, "one")
    second = add_article(db, ARABIC_PARAGRAPHS + "\nقصير أيضا.", "two")
    controller = start(db, first)
    window = controller.window
    _choose(window, "direction_ltr")
    assert window.view.direction == Qt.LayoutDirection.LeftToRight
    assert window.command_actions["direction_ltr"].isChecked()
    margin = window.view.document().documentMargin()
    assert abs(_paragraph_edges(window.view, 3)[0] - margin) < 3  # «قصير.» now at the left
    window.open_article(second)
    assert window.view.direction == Qt.LayoutDirection.RightToLeft
    assert window.command_actions["direction_auto"].isChecked()
    controller.shutdown()
    again = start(db, first).window
    assert again.view.direction == Qt.LayoutDirection.LeftToRight
    assert again.command_actions["direction_ltr"].isChecked()
    _choose(again, "direction_auto")
    assert again.view.direction == Qt.LayoutDirection.RightToLeft


def test_the_bundled_arabic_font_is_used_with_its_diacritics(window) -> None:  # type: ignore[no-untyped-def]
    assert ARTICLE_FAMILY in QFontDatabase.families()
    assert window.view.font().families()[0] == ARTICLE_FAMILY
    assert window.view.document().defaultFont().families()[0] == ARTICLE_FAMILY


def test_latin_words_and_digits_use_the_bundled_latin_font(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from annotator.gui.fonts import LATIN_FAMILY, register_fonts

    assert LATIN_FAMILY in register_fonts()  # bundled, not taken from the system
    text = "قال Peter Cook إن 1,250 طائرة."
    db = tmp_path / "latin.db"
    view = start(db, add_article(db, text)).window.view
    line = view.document().firstBlock().layout().lineAt(0)
    for part in ("Peter", "Cook"):
        faces = {
            (run.rawFont().familyName(), run.rawFont().styleName())
            for run in line.glyphRuns(text.index(part), len(part))
        }
        assert faces == {(LATIN_FAMILY, "Regular")}, (part, faces)
    arabic = {run.rawFont().familyName() for run in line.glyphRuns(0, 3)}
    assert arabic == {ARTICLE_FAMILY}


def test_when_an_article_opens_the_focus_is_in_it(window) -> None:  # type: ignore[no-untyped-def]
    assert QApplication.focusWidget() is window.view


def test_zoom_keys(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    size = view.font().pointSizeF()
    key(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() > size
    assert window.settings.get("view/zoom") == 1
    key(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    key(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() < size
    key(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() == size
    assert window.settings.get("view/zoom") == 0


def test_hover_shows_label_attributes_note_and_links(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view, annotating = window.view, window.annotating
    drag(view, *span_of(ARTICLE, "بيتر كوك"))
    key(view, Qt.Key.Key_2)
    source = annotating.current
    annotating.set_attribute(source, "specificity", "named")
    annotating.set_note(source, "اسم كامل")
    drag(view, *span_of(ARTICLE, "النقاش كان «مهنيا وبناء»"))
    key(view, Qt.Key.Key_1)
    key(view, Qt.Key.Key_L)
    click(view, span_of(ARTICLE, "بيتر")[0] + 1)
    point = view.point_of(span_of(ARTICLE, "كوك")[0] + 1)
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    text = QToolTip.text()
    for expected in (
        "SOURCE",
        "بيتر كوك",
        "specificity",
        "named",
        "اسم كامل",
        "ATTRIBUTED_TO",
        "مهنيا",
    ):
        assert expected in text
    outside = QHelpEvent(
        QEvent.Type.ToolTip, QPoint(3, 3), view.viewport().mapToGlobal(QPoint(3, 3))
    )
    QApplication.sendEvent(view.viewport(), outside)
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)


def test_clicking_a_span_selects_it_in_the_panel_and_back(window) -> None:  # type: ignore[no-untyped-def]
    view, panel, annotating = window.view, window.panel, window.annotating
    drag(view, *span_of(ARTICLE, "الطائرات الروسية"))
    key(view, Qt.Key.Key_1)
    drag(view, *span_of(ARTICLE, "بيتر كوك"))
    key(view, Qt.Key.Key_2)
    key(view, Qt.Key.Key_Escape)
    assert panel.selected_ids() == []
    claim_id = next(a.id for a in annotating.spans.annotations.values() if a.label == "CLAIM")
    click(view, span_of(ARTICLE, "الروسية")[0] + 1)
    assert panel.selected_ids() == [claim_id]
    assert panel.details.text.text() == "«الطائرات الروسية»"
    # Choosing in the panel scrolls the article there, and flashes the span.
    source_id = next(a.id for a in annotating.spans.annotations.values() if a.label == "SOURCE")
    panel.tree.setCurrentItem(panel._items[source_id])
    assert annotating.current == source_id
    assert view.marks.flash_id == source_id
    assert view.caret() == span_of(ARTICLE, "بيتر كوك")[0]


def test_tab_walks_the_annotations_in_reading_order(window) -> None:  # type: ignore[no-untyped-def]
    view, annotating = window.view, window.annotating
    # Tab walks pending suggestions while they are shown (tests/gui/test_suggesting.py).
    window.suggesting.toggle.setChecked(False)
    for part, label in (("الطائرات الروسية", Qt.Key.Key_1), ("بيتر كوك", Qt.Key.Key_2)):
        drag(view, *span_of(ARTICLE, part))
        key(view, label)
    key(view, Qt.Key.Key_Escape)
    view.place_caret(0)
    key(view, Qt.Key.Key_Tab)
    assert annotating.spans.annotations[annotating.current].text == "بيتر كوك"
    key(view, Qt.Key.Key_Tab)
    assert annotating.spans.annotations[annotating.current].text == "الطائرات الروسية"
    key(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert annotating.spans.annotations[annotating.current].text == "بيتر كوك"


def test_a_change_reformats_only_the_paragraphs_it_touches(window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    before = view.formatted_blocks
    drag(view, *span_of(ARTICLE, "الطائرات الروسية"))
    key(view, Qt.Key.Key_1)
    assert view.formatted_blocks - before == 1
    before = view.formatted_blocks
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.formatted_blocks - before == 1


def test_fills_and_text_colours_are_formats_of_the_right_characters(window) -> None:  # type: ignore[no-untyped-def]
    view, styles = window.view, window.annotating.styles
    claim = span_of(ARTICLE, "النقاش كان «مهنيا وبناء»")
    inner = span_of(ARTICLE, "مهنيا")
    for span, label in (
        (claim, Qt.Key.Key_1),
        (inner, Qt.Key.Key_1),
        (span_of(ARTICLE, "قال"), Qt.Key.Key_3),
    ):
        drag(view, *span)
        key(view, label)
    ranges = view.document().firstBlock().layout().formats()
    by_start = {r.start: r for r in ranges}
    assert by_start[claim[0]].format.background().color() == styles["CLAIM"].fill(1)
    assert by_start[inner[0]].format.background().color() == styles["CLAIM"].fill(
        2
    )  # darker where two overlap
    assert by_start[0].format.foreground().color() == styles["CUE"].strong


def test_copy_takes_the_stored_text(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "قال\u00a0المتحدث 😀 بيتر\nكوك إن"
    db = tmp_path / "copy.db"
    view = start(db, add_article(db, text)).window.view
    view.select_span(0, len(text))
    key(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == text


def test_f2_edits_the_attributes_and_esc_comes_back(window) -> None:  # type: ignore[no-untyped-def]
    view, details = window.view, window.panel.details
    drag(view, *span_of(ARTICLE, "بيتر كوك"))
    key(view, Qt.Key.Key_2)
    key(view, Qt.Key.Key_F2)
    box = details.attribute_boxes["source_kind"]
    assert QApplication.focusWidget() is box
    box.setCurrentIndex(box.findData("person"))
    box.activated.emit(box.currentIndex())
    key(box, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is view
    from tests.gui.conftest import reader

    with reader(window) as store:
        [ann] = store.annotations(1)
    assert ann.attributes == {"source_kind": "person"}


def test_fonts_are_never_registered_before_the_application_exists() -> None:
    import subprocess
    import sys

    probe = (
        "from annotator.gui.fonts import register_fonts\n"
        "try:\n    register_fonts()\nexcept RuntimeError as exc:\n    print('refused:', exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr  # no segfault
    assert result.stdout.startswith("refused:")
