"""What an opened article's first frame does without: the article remembered for the
next start and the panel's "without a source" button come at the next turn of the event
loop after the article is painted (the list's highlight is in the first frame); nothing
of them is lost when another article is opened, or the window closed, before that."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from annotator.core.model import NewArticle
from annotator.gui.widgets.article_list import ID_ROLE
from annotator.storage import open_store

TEXT = "قال الوزير إن الحكومة ستخفض الضرائب. وأكد المتحدث أن القرار نهائي."


def _articles(db: Path) -> tuple[int, int, int]:
    with open_store(db) as store:
        lacking, _ = store.add_article(NewArticle(text=TEXT, title="claim alone"))
        plain, _ = store.add_article(NewArticle(text="مقال قصير بلا تعليقات", title="plain"))
        third, _ = store.add_article(NewArticle(text="مقال ثالث", title="third"))
        store.create_annotation(lacking, "CLAIM", 15, 36)
    return lacking, plain, third


def _highlighted(window) -> int | None:  # type: ignore[no-untyped-def]
    view = window.article_list.view
    return view.model().data(view.currentIndex(), ID_ROLE)


def test_the_button_list_and_setting_follow_the_first_paint(start, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "a.db"
    lacking, plain, _ = _articles(db)
    window = start(db, plain).window
    panel = window.panel
    assert panel.missing.isHidden() and _highlighted(window) == plain
    window.open_article(lacking)
    window.view.viewport().repaint()
    # The first frame: the header, the list's highlight and the summary are the new
    # article's.
    assert window.title.text() == "claim alone" and _highlighted(window) == lacking
    assert panel.summary.text().endswith("1")
    assert panel.missing.isHidden()
    QApplication.processEvents()
    assert not panel.missing.isHidden() and panel.missing.text().endswith("1")
    assert _highlighted(window) == lacking
    assert window.settings.last_article(str(db)) == lacking
    # Back to an article whose claims all have a source: the button goes at once.
    window.open_article(plain)
    assert panel.missing.isHidden()
    # Painted by the event loop this time: the rest follows.
    assert _highlighted(window) == plain
    qtbot.waitUntil(lambda: window.settings.last_article(str(db)) == plain, timeout=5000)
    assert panel.missing.isHidden()


def test_the_last_opening_wins_and_a_close_keeps_it(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "b.db"
    lacking, plain, third = _articles(db)
    controller = start(db, plain)
    window = controller.window
    # Two openings before any paint: the list and the setting end on the second.
    window.open_article(lacking)
    window.open_article(third)
    window.view.viewport().repaint()
    QApplication.processEvents()
    assert _highlighted(window) == third
    assert window.settings.last_article(str(db)) == third
    assert window.panel.missing.isHidden()
    # Opened, then the window closed before it is painted: the next start opens it.
    window.open_article(lacking)
    window.close()
    assert window.settings.last_article(str(db)) == lacking
