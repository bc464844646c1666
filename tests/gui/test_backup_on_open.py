"""Opening an existing database in the window keeps a rolling backup, without waiting for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.storage import backups
from tests.gui.conftest import add_article

pytestmark = pytest.mark.gui


def test_the_window_backs_up_an_existing_database_in_the_background(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "work.db"
    article_id = add_article(db, "قال الوزير إن الطائرات وصلت", "t")
    controller = start(db, article_id)
    assert controller.window is not None and controller.window.isVisible()
    assert controller.backup is not None
    controller.backup.join(30)
    copies = backups.backups(db)
    assert len(copies) == 1
    from annotator.storage import open_store

    with open_store(copies[0], readonly=True) as copy:
        assert copy.article_text(article_id) == "قال الوزير إن الطائرات وصلت"


def test_a_new_database_needs_no_backup(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = start(tmp_path / "fresh.db")
    assert controller.backup is None
    assert backups.backups(tmp_path / "fresh.db") == []
