"""Starting, the article list, status, navigation, reading position, import, autosave."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

from annotator.storage import open_store
from tests.gui.conftest import ARTICLE, add_article, drag, key, reader, span_of

pytestmark = pytest.mark.gui


def test_first_run_makes_a_database_with_the_samples_and_asks_the_name_once(
    start, settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def ask(_parent, current: str) -> str:  # type: ignore[no-untyped-def]
        asked.append(current)
        return "salma"

    controller = start(None, annotator=None, ask_name=ask)
    db = tmp_path / "data" / "annotator.db"
    assert controller.store.path == db
    assert controller.store.count_articles() == 2
    assert controller.window.annotating.article is not None
    assert asked == [""] and settings.get("annotator/name") == "salma"
    assert settings.get("database/last") == str(db)
    controller.shutdown()
    # The second start reopens the same database and asks nothing.
    again = start(None, annotator=None, ask_name=ask)
    assert again.store.path == db and again.store.count_articles() == 2
    assert asked == [""] and again.annotator == "salma"


def test_the_name_can_be_changed_and_goes_on_new_annotations(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "n.db"
    controller = start(db, add_article(db, ARTICLE), ask_name=lambda *_: "karim")
    window = controller.window
    window.command_actions["rename"].trigger()
    assert "karim" in window.annotator_button.text()
    drag(window.view, *span_of(ARTICLE, "كوك"))
    key(window.view, Qt.Key.Key_2)
    with reader(window) as store:
        assert [a.annotator for a in store.annotations(1)] == ["karim"]


def test_article_option_opens_that_article(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "a.db"
    add_article(db, ARTICLE, "one")
    second = add_article(db, "مقال ثان عن التدريبات.", "two")
    controller = start(db, second)
    assert controller.window.annotating.article.id == second
    assert controller.window.title.text() == "two"


def test_status_goes_new_then_in_progress_then_done(window) -> None:  # type: ignore[no-untyped-def]
    article_id = window.annotating.article.id

    def status() -> str:
        with reader(window) as store:
            return store.article(article_id).status

    assert status() == "new"
    drag(window.view, *span_of(ARTICLE, "كوك"))
    key(window.view, Qt.Key.Key_2)
    assert status() == "in_progress"
    assert window.article_list.model.summary(article_id).status == "in_progress"
    assert window.article_list.model.summary(article_id).annotation_count == 1
    key(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert status() == "done"
    assert window.command_actions["mark_done"].isChecked()
    assert "done" in window.article_status.text()
    key(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert status() == "in_progress"


def test_next_previous_and_next_unfinished(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "nav.db"
    ids = [add_article(db, f"مقال رقم {n} عن التدريبات المشتركة.", f"a{n}") for n in range(4)]
    with open_store(db) as store:
        store.set_status(ids[1], "done")
        store.set_status(ids[2], "done")
    window = start(db, ids[0]).window
    key(window.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.annotating.article.id == ids[1]
    key(window.view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.annotating.article.id == ids[0]
    key(
        window.view,
        Qt.Key.Key_PageDown,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.annotating.article.id == ids[3]
    assert QApplication.focusWidget() is window.view
    key(window.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.annotating.article.id == ids[3]
    assert "last" in window.statusBar().currentMessage()


def test_the_reading_position_comes_back(start, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "long.db"
    paragraphs = "\n".join(
        f"الفقرة رقم {n}: قال مسؤول روسي إن التدريبات المشتركة مهمة جدا للطرفين."
        for n in range(300)
    )
    long_id = add_article(db, paragraphs, "long")
    other = add_article(db, ARTICLE, "other")
    controller = start(db, long_id)
    window = controller.window
    target = paragraphs.index("الفقرة رقم 150")
    window.view.scroll_to_position(target)
    top = window.view.top_position()
    assert abs(top - target) < 80
    window.open_article(other)
    with reader(window) as store:
        assert store.reading_position(long_id, "tester") == top
    window.open_article(long_id)
    qtbot.waitUntil(lambda: abs(window.view.top_position() - top) < 80, timeout=2000)


def test_search_ignores_diacritics_and_the_filter_keeps_one_status(
    start, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "list.db"
    add_article(db, "قالَ المتحدثُ باسم البنتاغون إنّ الطائرات حلّقت.", "pentagon")
    add_article(db, "أعلنت موسكو عن تدريبات جديدة.", "moscow")
    add_article(db, "خبر ثالث لا علاقة له.", "third")
    with open_store(db) as store:
        store.set_status(3, "done")
    window = start(db, 1).window
    articles = window.article_list
    assert articles.model.rowCount() == 3
    from tests.gui.conftest import type_text

    articles.search.setFocus()
    type_text(articles.search, "المتحدث")  # no damma: still found
    qtbot.waitUntil(lambda: articles.model.rowCount() == 1, timeout=2000)
    assert articles.model.summary(1) is not None
    articles.search.clear()
    type_text(articles.search, "اعلنت")  # أعلنت without its hamza
    qtbot.waitUntil(
        lambda: articles.model.rowCount() == 1 and articles.model.summary(2) is not None,
        timeout=2000,
    )
    articles.search.clear()
    articles.reload()
    articles.status.setCurrentIndex(articles.status.findData("done"))
    assert articles.model.rowCount() == 1 and articles.model.summary(3) is not None
    # Choosing a row opens it.
    index = articles.model.index(0, 0)
    articles.view.clicked.emit(index)
    assert window.annotating.article.id == 3


def test_import_shows_progress_and_adds_articles(window, tmp_path: Path, message_boxes) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"a{n}.txt").write_text(f"نص المقال رقم {n} عن الطائرات.", encoding="utf-8")
    window.files.import_paths([folder])
    assert message_boxes and "3" in message_boxes[0]
    assert window.store.count_articles() == 4
    assert window.article_list.model.rowCount() == 4


def test_import_can_be_cancelled(window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        (folder / f"a{n}.txt").write_text(f"نص المقال رقم {n}.", encoding="utf-8")
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    window.files.import_paths([folder], quiet=True)
    assert window.store.count_articles() < 6


def test_closing_asks_nothing_and_keeps_everything(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "close.db"
    controller = start(db, add_article(db, ARTICLE))
    window = controller.window
    drag(window.view, *span_of(ARTICLE, "بيتر كوك"))
    key(window.view, Qt.Key.Key_2)
    window.panel.details.note.setFocus()
    from tests.gui.conftest import type_text

    type_text(window.panel.details.note, "ملاحظة")  # still being typed when the window closes
    assert window.close()  # no dialog: close() returns at once, accepted
    with open_store(db, readonly=True) as store:
        [ann] = store.annotations(1)
    assert ann.note == "ملاحظة"


def test_dropping_files_on_the_window_imports_them(window, tmp_path: Path, message_boxes) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    dropped = tmp_path / "dropped.txt"
    dropped.write_text("مقال أُسقط على النافذة.", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.store.count_articles() == 2
    assert message_boxes and "1" in message_boxes[0]


def test_a_write_the_database_refuses_is_never_shown_as_saved(
    window, monkeypatch, message_boxes, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from annotator.core.errors import StorageError

    def full(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise StorageError(f"{window.store.path}: the disk is full")

    monkeypatch.setattr(window.store, "create_annotation", full)
    drag(window.view, *span_of(ARTICLE, "كوك"))
    key(window.view, Qt.Key.Key_2)
    assert message_boxes and "the disk is full" in message_boxes[0]
    assert "Not saved" in window.saved_label.text()
    assert window.annotating.spans.annotations == {}
    monkeypatch.undo()
    # Offscreen, closing a dialog does not give the activation back as a desktop does.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    assert QApplication.focusWidget() is window.view
    window.view.select_span(*span_of(ARTICLE, "كوك"))
    key(window.view, Qt.Key.Key_2)
    assert len(window.annotating.spans.annotations) == 1
    assert "Saved" in window.saved_label.text() and "Not" not in window.saved_label.text()


def test_an_unknown_article_id_says_so_and_opens_another(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "u.db"
    add_article(db, ARTICLE)
    window = start(db, 42).window
    assert window.annotating.article.id == 1
    assert "42" in window.statusBar().currentMessage()
