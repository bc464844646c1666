"""What opening one article after another reuses (the label box, the label samples)
still shows and works as on the first article opened."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import ARTICLE, add_article, drag, key, reader, span_of

pytestmark = pytest.mark.gui


def test_the_label_box_relabels_on_the_article_opened_after_another(start, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "work.db"
    first = add_article(db, "مقال أول قصير", "first")
    second = add_article(db, ARTICLE, "second")
    window = start(db, first).window
    window.open_article(second)
    QApplication.processEvents()
    drag(window.view, *span_of(ARTICLE, "الطائرات الروسية"))
    key(window.view, Qt.Key.Key_1)  # CLAIM
    box = window.panel.details.label_box
    labels = list(window.store.schema.labels)
    assert [box.itemData(i) for i in range(box.count())] == labels
    assert all(not box.itemIcon(i).isNull() for i in range(box.count()))
    assert box.currentData() == "CLAIM"
    # The label box, as a user changes it: focus it, one step down, Enter.
    box.setFocus(Qt.FocusReason.TabFocusReason)
    box.showPopup()
    QApplication.processEvents()
    view = box.view()
    key(view, Qt.Key.Key_Down)
    key(view, Qt.Key.Key_Return)
    QApplication.processEvents()
    with reader(window) as store:
        stored = store.annotations(second)
    assert [a.label for a in stored] == [labels[1]]
    window.open_article(first)
    window.open_article(second)
    QApplication.processEvents()
    assert [box.itemData(i) for i in range(box.count())] == labels


def test_an_article_opened_again_reuses_its_measures_and_still_selects_right(  # type: ignore[no-untyped-def]
    start, tmp_path
) -> None:
    # The offset map and paragraph starts are a pass over the whole text: made once.
    db = tmp_path / "work.db"
    text = "🙂 " + ARTICLE  # a character beyond 16 bits before every span
    first = add_article(db, "مقال أول قصير", "first")
    second = add_article(db, text, "second")
    window = start(db, second).window
    offsets = window.annotating.spans.offsets
    window.open_article(first)
    QApplication.processEvents()
    window.open_article(second)
    QApplication.processEvents()
    assert window.annotating.spans.offsets is offsets
    drag(window.view, *span_of(text, "الطائرات الروسية"))
    key(window.view, Qt.Key.Key_1)  # CLAIM
    with reader(window) as store:
        stored = store.annotations(second)
    assert [a.text for a in stored] == ["الطائرات الروسية"]


def test_measures_are_made_again_for_another_text_under_the_same_id() -> None:
    from annotator.core.schema import load
    from annotator.gui.models.article_spans import ArticleSpans
    from annotator.paths import default_schema_path

    schema = load(default_schema_path())
    one = ArticleSpans(1, "🙂 نص\nأول", schema, [], [])
    other = ArticleSpans(1, "نص آخر\nثان\nثالث", schema, [], [])
    assert other.offsets is not one.offsets and other.block_starts == [0, 7, 11]
    assert other.offsets.to_utf16(3) == 3 and one.offsets.to_utf16(3) == 4
