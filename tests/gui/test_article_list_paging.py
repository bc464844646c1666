"""The article list pages by key: the last window of a long corpus comes as fast as the
first, and scrolling to the end lists every article once, in order."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from annotator.core.model import NewArticle
from annotator.gui.widgets.article_list import FETCH_WINDOW, ID_ROLE, ArticleList
from annotator.storage import Store, open_store

ARTICLES = 40_000


def _corpus(path: Path) -> Store:
    with open_store(path, backup=False) as store:
        store.add_articles(
            [NewArticle(text=f"نص المقال رقم {n}", title=f"article {n}") for n in range(ARTICLES)]
        )
    return open_store(path, readonly=True)


def test_scrolling_to_the_end_lists_every_article_and_the_last_window_is_as_fast(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    store = _corpus(tmp_path / "long.db")
    windows: list[float] = []
    plain = store.summaries

    def timed(*args: object, **kwargs: object) -> object:
        begin = time.perf_counter()
        rows = plain(*args, **kwargs)  # type: ignore[arg-type]
        windows.append(time.perf_counter() - begin)
        return rows

    vars(store)["summaries"] = timed
    widget = ArticleList(store)
    qtbot.addWidget(widget)
    widget.resize(400, 600)
    widget.show()
    bar = widget.view.verticalScrollBar()
    while widget.model.canFetchMore():
        bar.setValue(bar.maximum())
        QApplication.processEvents()
    model = widget.model
    shown = [model.data(model.index(row, 0), role=ID_ROLE) for row in range(model.rowCount())]
    assert shown == store.article_ids()
    assert len(windows) >= ARTICLES // FETCH_WINDOW
    first = sorted(windows[:20])[10]
    last = sorted(windows[-20:])[10]
    # By offset, the last window walks 40,000 rows first: about 9 ms against 1 ms.
    assert last < 2.5 * first + 0.001, (first, last)
    store.close()
