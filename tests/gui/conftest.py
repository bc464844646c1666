"""Fixtures for the window: a controller on a temporary database, settings in a
temporary file, and helpers that act as a user does (mouse drags, keys, Arabic text
typed as key events)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRectF, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from annotator.core.model import NewArticle
from annotator.core.text import canonicalise
from annotator.gui.app import AppController, application
from annotator.gui.main_window import MainWindow
from annotator.gui.settings import Settings
from annotator.gui.widgets.article_view import ArticleView
from annotator.storage import Store, open_store

ARTICLE = (
    "قال المتحدث باسم البنتاغون بيتر كوك إن النقاش كان «مهنيا وبناء»، وفقا لوسائل الإعلام.\n"
    "وأضاف أن الطائرات الروسية والأمريكية تدربت على مسافة آمنة."
)


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    return QApplication


@pytest.fixture(scope="session")
def qapp(qapp_args: list[str], qapp_cls: type[QApplication]) -> QApplication:  # noqa: ARG001
    # The application is named and its fonts registered exactly as `annotator gui` does.
    return application()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings in a temporary INI file: never the user's."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def add_article(db: Path, text: str, title: str = "") -> int:
    with open_store(db) as store:
        article_id, _ = store.add_article(NewArticle(text=canonicalise(text), title=title))
    return article_id


@pytest.fixture
def start(
    qtbot, qapp: QApplication, settings: Settings, tmp_path: Path
) -> Iterator[Callable[..., AppController]]:  # type: ignore[no-untyped-def]
    """Start the window as `annotator gui DB --article ID --annotator NAME` would."""
    controllers: list[AppController] = []

    def _start(
        db: Path | None = None,
        article_id: int | None = None,
        annotator: str | None = "tester",
        language: str = "en",
        ask_name: Callable[..., str | None] | None = None,
    ) -> AppController:
        settings.set("ui/language", language)
        controller = AppController(
            qapp, settings, data_dir=tmp_path / "data", ask_name=ask_name or (lambda *_: "asked")
        )
        controllers.append(controller)
        assert controller.start(db, article_id, annotator)
        window = controller.window
        assert window is not None
        window.resize(1200, 760)
        qtbot.waitExposed(window)
        window.activateWindow()
        QApplication.processEvents()
        # The article list's rows come just after the article's first paint.
        qtbot.waitUntil(lambda: window.after_first_paint.done, timeout=5000)
        return controller

    yield _start
    for controller in controllers:
        controller.shutdown()
        controller.deleteLater()
    # Without an event loop, deleteLater alone would keep every window of the session.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


@pytest.fixture
def message_boxes() -> Iterator[list[str]]:
    """Accept every message box that opens during the test; their texts, in order."""
    seen: list[str] = []
    timer = QTimer()
    timer.setInterval(20)

    def accept() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()

    timer.timeout.connect(accept)
    timer.start()
    yield seen
    timer.stop()


@pytest.fixture
def window(start, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window on a database holding one two-paragraph Arabic article."""
    db = tmp_path / "work.db"
    article_id = add_article(db, ARTICLE, "mixed")
    controller = start(db, article_id)
    return controller.window


def reader(window: MainWindow) -> Store:
    """A second connection, as another program would see the file."""
    return open_store(window.store.path, readonly=True)


def span_of(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def inside(view: ArticleView, cp: int, fraction: float) -> QPoint:
    """A point within the character at ``cp``: 0.2 is near its leading edge, 0.8 near its
    trailing edge (right and left in Arabic), whatever the direction."""
    before = view.cursorRect(view._cursor_for(cp))
    after = view.cursorRect(view._cursor_for(cp + 1))
    x = before.center().x() + (after.center().x() - before.center().x()) * fraction
    return QPoint(int(round(x)), before.center().y())


def glyph_rect(view: ArticleView, cp: int) -> QRectF:
    """The viewport rectangle of the glyphs Qt drew for the character at ``cp``."""
    spans = view.spans
    assert spans is not None
    number = spans.block_of(cp)
    block = view.document().findBlockByNumber(number)
    index = spans.in_block_utf16(number, cp)
    line = block.layout().lineForTextPosition(index)
    rect = QRectF()
    for run in line.glyphRuns(index, 1):
        rect = rect.united(run.boundingRect())
    assert rect.width() > 2, f"no glyph drawn for {spans.text[cp]!r}"
    top = view.block_origin(block).y() + line.y()
    return QRectF(view.block_origin(block).x() + rect.left(), top, rect.width(), line.height())


def inside_glyph(view: ArticleView, cp: int, fraction: float) -> QPoint:
    rect = glyph_rect(view, cp)
    return QPoint(int(rect.left() + rect.width() * fraction), int(rect.center().y()))


def drag_glyphs(
    view: ArticleView,
    start: int,
    end: int,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Drag from the middle of the glyph of ``start`` to the middle of that of ``end - 1``:
    the pointer is over each character itself, whatever the direction around it."""
    first, last = inside_glyph(view, start, 0.5), inside_glyph(view, end - 1, 0.5)
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifiers, first)
    for fraction in (0.3, 0.6, 1.0):
        point = first + (last - first) * fraction
        QTest.mouseMove(viewport, QPoint(int(point.x()), int(point.y())))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifiers, last)
    QApplication.processEvents()


def drag(
    view: ArticleView,
    start: int,
    end: int,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Drag the mouse from the first character of a span to the last one, as a careful
    hand does: from just inside the first to just inside the end of the last."""
    first = inside(view, start, 0.2)
    last = inside(view, end - 1, 0.85)
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifiers, first)
    for fraction in (0.3, 0.6, 1.0):
        point = first + (last - first) * fraction
        QTest.mouseMove(viewport, QPoint(int(point.x()), int(point.y())))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifiers, last)
    QApplication.processEvents()


def click(
    view: ArticleView, cp: int, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifiers, view.point_of(cp))
    QApplication.processEvents()


def key(
    widget: QWidget,
    key_code: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    text: str = "",
) -> None:
    """Press one key as the keyboard would (shortcuts included)."""
    QTest.keyClick(widget, key_code, modifiers)
    QApplication.processEvents()


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Arabic included: one key event per character carries it
    (QTest.keyClicks aborts on non-ASCII characters)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    QApplication.processEvents()
