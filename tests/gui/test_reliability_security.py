"""Markup in the data is shown as characters, and no resource is ever loaded.

An article, its title, a note and the annotator's name hold <img src="file:...">,
<a href> and <script>. The window opens the article, marks spans over the markup,
links them, types the note, shows the tooltips of the text and of the panel, and a
message box naming a file whose name is markup; every widget is then painted. A
kernel watch (inotify) on the file the <img> tags point to sees no open and no read,
though the same watch sees a rich-text QLabel read it at once (the control); the
article view's loadResource is never called; every label that could take the data
as markup is plain text; tooltips carry it escaped.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QTextFormat
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip, QWidget

from annotator.gui.widgets.article_view import ArticleView
from tests.gui.conftest import add_article, click, drag, key, span_of, type_text

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's"),
]

IN_ACCESS, IN_OPEN = 0x1, 0x20


class FileWatch:
    """Counts opens and reads of one file by anyone, through the kernel (inotify)."""

    def __init__(self, path: Path) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        self.fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0 or libc.inotify_add_watch(self.fd, bytes(path), IN_OPEN | IN_ACCESS) < 0:
            pytest.skip("inotify is not available")

    def events(self) -> int:
        seen = 0
        while True:
            try:
                seen += len(os.read(self.fd, 65536))
            except BlockingIOError:
                return seen

    def close(self) -> None:
        os.close(self.fd)


def _paint_everything() -> None:
    QApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.grab()
    QApplication.processEvents()


def _tooltip_at(widget: QWidget, point: QPoint) -> str:
    event = QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point))
    QApplication.sendEvent(widget, event)
    _paint_everything()
    return QToolTip.text()


def test_markup_is_text_and_nothing_is_loaded(start, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    img = f'<img src="file://{secret}">'
    article = (
        f'قال المتحدث <img src="file:///etc/passwd"> {img} ثم '
        '<a href="http://127.0.0.1:9/x">رابط</a> و<script>alert(1)</script> &amp; &lt;b&gt; انتهى.'
    )
    watch = FileWatch(secret)
    try:
        # The control: markup rendered as rich text does read the file, and the watch sees it.
        control = QLabel(f"<b>rich</b> {img}")
        control.show()
        control.grab()
        QApplication.processEvents()
        assert watch.events() > 0, "the watch does not see a rich-text image load"
        control.close()
        control.deleteLater()
        watch.events()

        loads: list[str] = []
        monkeypatch.setattr(
            ArticleView, "loadResource", lambda _self, _t, url: loads.append(url.toString())
        )
        db = tmp_path / "hostile.db"
        controller = start(db, add_article(db, article, f"{img}<b>عنوان</b>"), annotator=img)
        window = controller.window
        view = window.view

        # Mark the <img> tag as a source and a claim after it, link them, type a note.
        drag(view, *span_of(article, img))
        key(view, Qt.Key.Key_2)
        source = window.annotating.current
        drag(view, *span_of(article, "<script>alert(1)</script>"))
        key(view, Qt.Key.Key_1)
        claim = window.annotating.current
        key(view, Qt.Key.Key_L)
        click(view, span_of(article, img)[0] + 3)
        assert window.annotating.spans.annotations[source].text == img
        window.annotating.select(claim)
        note = window.panel.details.note
        note.setFocus()
        type_text(note, f"انظر {img} <a href='x'>هنا</a>")
        key(note, Qt.Key.Key_Tab)
        window.annotating.select(source)

        # The tooltips of the text and of the panel, as the mouse would ask for them.
        tip = _tooltip_at(view.viewport(), view.point_of(span_of(article, img)[0] + 2))
        assert "&lt;img src=" in tip and "<img" not in tip
        tree = window.panel.tree
        tree.expandAll()
        item = next(
            tree.topLevelItem(i).child(j)
            for i in range(tree.topLevelItemCount())
            for j in range(tree.topLevelItem(i).childCount())
        )
        tip = _tooltip_at(tree.viewport(), tree.visualItemRect(item).center())
        assert "&lt;" in tip and "<img" not in tip and "<script" not in tip

        # A message box naming a file whose name is markup.
        named = tmp_path / f"{img.replace('/', '_')}.db"
        named.write_bytes(b"<html>" * 100)
        shown: list[str] = []

        def paint_and_accept() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                box.grab()
                shown.append(box.text())
                assert box.textFormat() == Qt.TextFormat.PlainText
                box.accept()

        timer = QTimer()
        timer.timeout.connect(paint_and_accept)
        timer.start(20)
        assert not controller.open_database(named)
        timer.stop()
        assert shown and str(named) in shown[0]
        _paint_everything()

        # Nothing was read, nothing was asked for.
        assert watch.events() == 0, "a resource named in the data was read"
        assert loads == []
        # The article is every character, with no image or anchor in it.
        doc = view.document()
        assert doc.characterCount() - 1 == len(article)
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                assert not fmt.isImageFormat() and not fmt.isAnchor()
                assert fmt.objectType() == QTextFormat.ObjectTypes.NoObject
                it += 1
            block = block.next()
        # Every label that holds data is plain text; the data shows literally.
        texts = {}
        for label in window.findChildren(QLabel):
            if QtGui.Qt.mightBeRichText(label.text()):
                assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
            texts[label.objectName()] = label.text()
        assert texts["articleTitle"] == f"{img}<b>عنوان</b>"
        assert texts["annotationText"] == f"«{img}»"
        assert img in window.annotator_button.text()
        assert window.annotating.spans.annotations[claim].note.startswith(f"انظر {img}")
    finally:
        watch.close()
