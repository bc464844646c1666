"""Attributes are read from the database as text and parsed when first looked at: what
the window shows of them must not change (the details panel, the needs-a-source marks),
and what is edited there is saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import ARTICLE, add_article, click, drag, key, reader, span_of

pytestmark = pytest.mark.gui

CLAIM = "النقاش كان «مهنيا وبناء»"


def test_attributes_edited_are_saved_and_shown_after_reopening(  # type: ignore[no-untyped-def]
    start, tmp_path: Path
) -> None:
    db = tmp_path / "two.db"
    first = add_article(db, ARTICLE, "first")
    second = add_article(db, "قال الوزير إن الوفد جاهز.", "second")
    window = start(db, first).window
    view, details = window.view, window.panel.details
    drag(view, *span_of(ARTICLE, CLAIM))
    key(view, Qt.Key.Key_1)
    spans = window.annotating.spans
    [claim] = spans.annotations.values()
    assert spans.is_missing(claim.id)  # a claim without its source
    box = details.attribute_boxes["voice"]
    box.setCurrentIndex(box.findData("author"))
    box.activated.emit(box.currentIndex())
    assert not window.annotating.spans.is_missing(claim.id)
    with reader(window) as store:
        [stored] = store.annotations(first)
    assert stored.attributes == {"voice": "author"}

    # Away and back: the records now come from the database, attributes unparsed.
    window.open_article(second)
    window.open_article(first)
    spans = window.annotating.spans
    assert not spans.is_missing(claim.id)
    assert spans.missing_count == 0
    click(view, span_of(ARTICLE, CLAIM)[0] + 2)
    assert window.annotating.current == claim.id
    shown = details.attribute_boxes["voice"]
    assert shown.currentData() == "author"
    assert details.attribute_boxes["claim_type"].currentData() in (None, "")

    # Edited again after the reading: saved, and shown after one more reopening.
    kind = details.attribute_boxes["claim_type"]
    kind.setCurrentIndex(kind.findData("opinion"))
    kind.activated.emit(kind.currentIndex())
    with reader(window) as store:
        [stored] = store.annotations(first)
    assert stored.attributes == {"voice": "author", "claim_type": "opinion"}
    window.open_article(second)
    window.open_article(first)
    click(view, span_of(ARTICLE, CLAIM)[0] + 2)
    assert details.attribute_boxes["claim_type"].currentData() == "opinion"
    assert details.attribute_boxes["voice"].currentData() == "author"
