"""Opening an article again skips the work whose result cannot have changed: the text
(texts never change) and the pass that looks for damaged rows, while no other
connection has written. A row damaged by another program in between is still found."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import StorageError
from annotator.core.model import Annotation, NewArticle
from annotator.storage import Store, open_store

TEXT = "قال المتحدث باسم الوزارة إن الاجتماع كان مثمرا. " * 50


def _article(store: Store) -> int:
    article_id, _ = store.add_article(NewArticle(text=TEXT, title="خبر"))
    store.insert_annotation(
        Annotation(
            id=0,
            article_id=article_id,
            label="SOURCE",
            start=4,
            end=11,
            text=TEXT[4:11],
            annotator="salma",
        )
    )
    return article_id


def _statements(store: Store, run: object) -> list[str]:
    ran: list[str] = []
    store.db.conn.set_trace_callback(ran.append)
    try:
        assert callable(run)
        run()
    finally:
        store.db.conn.set_trace_callback(None)
    return ran


def test_a_sound_article_is_not_checked_again_until_another_program_writes(
    tmp_path: Path,
) -> None:
    db = tmp_path / "a.db"
    with open_store(db) as store:
        article_id = _article(store)
        assert store.any_damaged(article_id) is False
        again = _statements(store, lambda: store.any_damaged(article_id))
        assert not any("EXISTS" in sql for sql in again)
        # Our own writes are sound: they do not make it check again.
        store.set_reading_position(article_id, "salma", 10)
        assert not any(
            "EXISTS" in sql for sql in _statements(store, lambda: store.any_damaged(article_id))
        )

        other = sqlite3.connect(db)
        with other:
            other.execute("UPDATE annotations SET note = x'00' WHERE article_id = ?", [article_id])
        other.close()
        after = _statements(store, lambda: store.any_damaged(article_id))
        assert any("EXISTS" in sql for sql in after)
        assert store.any_damaged(article_id) is True
        with pytest.raises(StorageError, match="annotation"):
            store.annotations(article_id)


def test_an_opened_text_is_read_once(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with open_store(db) as store:
        article_id = _article(store)
    with open_store(db) as store:
        first = store.article(article_id, keep_text=True)
        ran = _statements(store, lambda: store.article(article_id, keep_text=True))
        assert ran and all("text," not in sql and "*" not in sql for sql in ran)
        second = store.article(article_id)
        assert second == first and second.text == TEXT
        # Everything but the text is read afresh.
        store.set_status(article_id, "done")
        assert store.article(article_id).status == "done"


def test_an_article_read_without_keeping_leaves_no_text_behind(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with open_store(db) as store:
        article_id = _article(store)
    with open_store(db) as store:
        store.article(article_id)
        ran = _statements(store, lambda: store.article(article_id))
        assert any("*" in sql for sql in ran)


def test_a_text_another_program_rewrote_is_read_again(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with open_store(db) as store:
        article_id = _article(store)
    with open_store(db) as store:
        assert store.article(article_id, keep_text=True).text == TEXT
        other = sqlite3.connect(db)
        with other:
            other.execute(
                "UPDATE articles SET text = 'نص آخر', text_sha256 = 'x' WHERE id = ?",
                [article_id],
            )
        other.close()
        again = store.article(article_id, keep_text=True)
        assert again.text == "نص آخر" and again.text_sha256 == "x"
        assert store.article_text(article_id) == "نص آخر"
