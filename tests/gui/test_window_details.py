"""Smaller window details: the article list's titles and highlight, Qt's own dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QScrollArea,
    QToolButton,
    QToolTip,
)

from annotator.core.tokens import tokenize
from annotator.gui.names import is_rtl
from annotator.gui.widgets.article_list import ArticleListModel
from annotator.storage import open_store
from tests.gui.conftest import ARTICLE, add_article, click, drag, key, reader, span_of

pytestmark = pytest.mark.gui


def _tooltip_at(widget, point: QPoint) -> str:  # type: ignore[no-untyped-def]
    event = QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point))
    QApplication.sendEvent(widget, event)
    QApplication.processEvents()
    return QToolTip.text()


def test_the_article_list_highlights_the_open_article_after_ctrl_pgdown(
    start, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "work.db"
    ids = [add_article(db, f"{ARTICLE} {n}", f"article {n}") for n in range(4)]
    assert len(set(ids)) == 4
    window = start(db, ids[0]).window
    table = window.article_list.view

    def shown() -> tuple[int | None, list[int]]:
        current = table.currentIndex()
        selected = [i.row() for i in table.selectionModel().selectedRows()]
        return (current.row() if current.isValid() else None), selected

    assert shown() == (0, [0])
    for step, expected in (
        (Qt.Key.Key_PageDown, 1),
        (Qt.Key.Key_PageDown, 2),
        (Qt.Key.Key_PageUp, 1),
    ):
        key(window.view, step, Qt.KeyboardModifier.ControlModifier)
        assert window.annotating.article.id == ids[expected]
        assert shown() == (expected, [expected])
        # What the annotator sees: the open article's row, and only it, is highlighted.
        QApplication.processEvents()
        top_left = table.viewport().mapTo(window, QPoint(0, 0))
        image = (
            window.screen()
            .grabWindow(window.winId())
            .toImage()
            .copy(top_left.x(), top_left.y(), table.viewport().width(), table.viewport().height())
        )
        model = table.model()
        colours = []
        for row in range(4):
            rect = table.visualRect(model.index(row, ArticleListModel.COUNT))
            colours.append(image.pixelColor(rect.left() + 2, rect.center().y()).name())
        palette = table.palette()
        plain = {
            palette.color(role).name()
            for role in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase)
        }
        highlighted = [row for row, colour in enumerate(colours) if colour not in plain]
        assert highlighted == [expected], colours


def test_a_long_title_is_elided_in_the_middle_with_the_whole_title_as_tooltip(
    start, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "work.db"
    title = "بداية العنوان " + "كلمات كثيرة في وسط عنوان طويل جدا <b>x</b> " * 8 + "نهاية العنوان"
    article_id = add_article(db, ARTICLE, title)
    window = start(db, article_id).window
    table = window.article_list.view
    rect = table.visualRect(table.model().index(0, ArticleListModel.TITLE))
    assert table.fontMetrics().horizontalAdvance(title) > rect.width()  # it must be elided
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    tip = _tooltip_at(table.viewport(), rect.center())
    document = QTextDocument()
    document.setHtml(tip)
    assert document.toPlainText() == title


def test_the_annotation_tree_never_cuts_inside_a_number(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Cut at a fixed count of characters, both halves would fall inside a number.
    claim = "قال المسؤول إن 1150000000 دولار وصلت هذا الأسبوع إلى الحسابات 2024000000 جنود أمريكيين"
    text = f"{claim}. ثم انتهى الاجتماع."
    db = tmp_path / "work.db"
    window = start(db, add_article(db, text)).window
    drag(window.view, *span_of(text, claim))
    key(window.view, Qt.Key.Key_1)
    tree = window.panel.tree
    shown = [
        tree.topLevelItem(g).child(c).text(0)
        for g in range(tree.topLevelItemCount())
        for c in range(tree.topLevelItem(g).childCount())
    ]
    assert len(shown) == 1 and "…" in shown[0]
    words = {text[s:e] for s, e in tokenize(claim)}
    for part in shown[0].strip("\u2068\u2069").split("…"):
        assert part.strip()
        assert {part[s:e] for s, e in tokenize(part)} <= words, part
    assert claim.startswith(shown[0].strip("\u2068").split("…")[0].strip())
    assert claim.endswith(shown[0].strip("\u2069").split("…")[1].strip())


def test_qt_own_dialog_buttons_speak_arabic_after_switching(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "work.db"
    controller = start(db, add_article(db, ARTICLE))
    window = controller.window
    # View > Language > العربية, as the annotator switches.
    window.findChild(type(window.command_actions["undo"]), "language_ar").trigger()
    QApplication.processEvents()
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "",
        "",
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel,
        controller.window,
    )
    texts = [
        box.button(b).text()
        for b in (
            QMessageBox.StandardButton.Yes,
            QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Cancel,
        )
    ]
    assert all(is_rtl(t.replace("&", "")) for t in texts), texts
    dialog = QFileDialog(controller.window)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert is_rtl(cancel.text().replace("&", "")), cancel.text()


def test_the_details_panel_never_scrolls_sideways_with_a_long_link(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = "المتحدثالرسميباسموزارةالخارجيةالأمريكية " * 6 + "المتحدثالرسميباسمالبنتاغونالأمريكي"
    claim = "إن النقاش كان مهنيا وبناء"
    text = f"قال {source} {claim}."
    db = tmp_path / "work.db"
    window = start(db, add_article(db, text)).window
    view = window.view
    drag(view, *span_of(text, source))
    key(view, Qt.Key.Key_2)
    drag(view, *span_of(text, claim))
    key(view, Qt.Key.Key_1)
    key(view, Qt.Key.Key_L)
    click(view, span_of(text, source)[0] + 3)
    details = window.panel.details
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # rows shown before
    QApplication.processEvents()
    unlinks = [b for b in details.findChildren(QToolButton) if b.objectName().startswith("unlink_")]
    assert len(unlinks) == 1
    scroll = details.parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea)
    # A narrow panel, as on a small screen.
    window.resizeDocks([window.panel_dock], [230], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert scroll.horizontalScrollBar().maximum() == 0
    visible = scroll.viewport().rect()
    for button in (unlinks[0], details.delete_button):
        assert button.isVisible()
        corner = button.mapTo(scroll.viewport(), QPoint(0, 0))
        inside = visible.left() <= corner.x() and corner.x() + button.width() <= visible.right() + 1
        assert inside, (button.objectName(), corner, visible)


@pytest.mark.parametrize("label", ["CLAIM", "SOURCE"])
def test_touching_spans_of_one_label_show_as_two(start, tmp_path: Path, label: str) -> None:  # type: ignore[no-untyped-def]
    text = "قال المسؤول إن النقاش كان مهنيا وبناء جدا في الاجتماع."
    first = "النقاش كان "
    second = "مهنيا وبناء"
    db = tmp_path / "work.db"
    article_id = add_article(db, text)
    start_cp = span_of(text, first)[0]
    middle = start_cp + len(first)
    with open_store(db) as store:  # two spans meeting at the space between them
        store.create_annotation(article_id, label, start_cp, middle, "tester")
        store.create_annotation(article_id, label, middle, middle + len(second), "tester")
    window = start(db, article_id).window
    view = window.view
    window.annotating.select(None)
    QApplication.processEvents()
    with reader(window) as store:
        spans = sorted((a.start, a.end) for a in store.annotations(article_id))
    assert spans == [(start_cp, middle), (middle, middle + len(second))]
    image = view.viewport().grab().toImage()
    base = view.palette().color(QPalette.ColorRole.Base).name()
    caret = view.cursorRect(view._cursor_for(middle))
    # Down the boundary, some pixel column is the page's own colour from top to bottom
    # of where the spans are painted.
    ys = range(caret.top() + 2, caret.bottom() + 4)
    columns = {
        x: [image.pixelColor(x, y).name() for y in ys]
        for x in range(caret.center().x() - 2, caret.center().x() + 3)
    }
    assert any(all(c == base for c in column) for column in columns.values()), columns
