"""Guidelines in the window: F1 shows the schema's guidelines file and what each label,
attribute and value means; the same descriptions are tooltips in the panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import ARTICLE, add_article, drag, key, span_of

pytestmark = pytest.mark.gui


def test_f1_shows_the_guidelines_and_the_schemas_descriptions(window) -> None:  # type: ignore[no-untyped-def]
    dock = window.guidelines_dock
    assert not dock.isVisible()
    key(window.view, Qt.Key.Key_F1)
    assert dock.isVisible()
    text = window.guidelines.toPlainText()
    assert "Annotation guidelines: claims, sources and cues" in text  # the guidelines file
    assert "«وقال» → «قال»" in text
    assert "CLAIM (1)" in text and "The proposition asserted" in text
    assert "2 author: The writer's own voice: no source needed." in text
    assert "ATTRIBUTED_TO (CLAIM → SOURCE)" in text
    key(window.view, Qt.Key.Key_F1)
    assert not dock.isVisible()


def test_attribute_values_carry_their_meaning_as_tooltips(window) -> None:  # type: ignore[no-untyped-def]
    drag(window.view, *span_of(ARTICLE, "الطائرات الروسية"))
    key(window.view, Qt.Key.Key_1)
    box = window.panel.details.attribute_boxes["voice"]
    assert box.toolTip() == "Whose claim it is."
    author = box.findData("author")
    assert box.itemData(author, Qt.ItemDataRole.ToolTipRole) == (
        "The writer's own voice: no source needed."
    )
    labels = window.panel.details.label_box
    assert "proposition" in labels.itemData(labels.findData("CLAIM"), Qt.ItemDataRole.ToolTipRole)


def test_guidelines_left_open_are_there_with_their_text_at_the_next_start(  # type: ignore[no-untyped-def]
    start, tmp_path
) -> None:
    db = tmp_path / "work.db"
    article_id = add_article(db, ARTICLE, "mixed")
    first = start(db, article_id).window
    key(first.view, Qt.Key.Key_F1)
    assert first.guidelines_dock.isVisible()
    first.close()  # the layout is saved on closing
    again = start(db, article_id).window
    dock = again.guidelines_dock
    assert dock.isVisible()
    assert dock.widget() is not None and dock.widget().isVisible()
    assert "ATTRIBUTED_TO (CLAIM → SOURCE)" in dock.widget().toPlainText()
    key(again.view, Qt.Key.Key_F1)
    assert not dock.isVisible()
    key(again.view, Qt.Key.Key_F1)
    assert dock.isVisible()
