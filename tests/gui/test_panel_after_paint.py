"""The annotation panel's rows are made just after the article is first painted: the
article is shown without waiting for them, and every row is there at the next turn of
the event loop (or at once, when something asks the panel for them)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from annotator.core.model import NewArticle
from annotator.storage import open_store

TEXT = " ".join(f"كلمة{n}" for n in range(400))


def _rows(tree) -> int:  # type: ignore[no-untyped-def]
    return sum(tree.topLevelItem(i).childCount() for i in range(tree.topLevelItemCount()))


def test_rows_come_after_the_first_paint_and_all_of_them(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "p.db"
    with open_store(db) as store:
        article, _ = store.add_article(NewArticle(text=TEXT, title="long"))
        other, _ = store.add_article(NewArticle(text="مقال قصير", title="short"))
        at = 0
        for n, word in enumerate(TEXT.split(" ")[:300]):
            store.create_annotation(article, ("CLAIM", "SOURCE", "CUE")[n % 3], at, at + len(word))
            at += len(word) + 1
    window = start(db, other).window
    tree = window.panel.tree
    window.open_article(article)
    window.view.viewport().repaint()
    # Painted, and the panel's groups already count every annotation: no row yet.
    assert _rows(tree) == 0
    counts = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert all("(100)" in text for text in counts), counts
    QApplication.processEvents()
    assert _rows(tree) == 300
    # Asked before the event loop turns, the panel makes its rows at once.
    window.open_article(other)
    window.open_article(article)
    assert window.panel.selected_ids() == []
    assert _rows(tree) == 300
