"""Opening an article in a database with too few annotated articles to learn from does
not read every annotated article first (it did, on every opening)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from annotator.core.model import NewArticle
from annotator.gui.learning import Learning
from annotator.storage import Store
from annotator.suggest import crf


def test_too_few_annotated_articles_are_counted_not_read(
    store: Store, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = QWidget()
    panel.setLayout(QVBoxLayout())
    qtbot.addWidget(panel)
    learning = Learning(store, panel)
    for n in range(crf.MIN_ARTICLES - 1):
        article_id, _ = store.add_article(NewArticle(text=f"قال الوزير إن الوفد جاهز {n}"))
        store.create_annotation(article_id, "CUE", 0, 3, "salma")
    reads: list[int] = []
    plain = store.training_spans
    monkeypatch.setattr(store, "training_spans", lambda *a: reads.append(1) or plain(*a))
    assert learning.start() is False
    assert reads == []
    assert not learning.running
    learning.shutdown()
