"""Reading part of an article's annotations: those overlapping a stretch of its text,
and the relations from or to them (how a long article's first screen is read)."""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import NewArticle
from annotator.storage import open_store

TEXT = "قال المتحدث إن النقاش كان مهنيا وبناء وفقا لوسائل الإعلام"


def test_only_the_annotations_overlapping_the_stretch(tmp_path: Path) -> None:
    with open_store(tmp_path / "w.db") as store:
        article, _ = store.add_article(NewArticle(text=TEXT))
        other, _ = store.add_article(NewArticle(text=TEXT + "."))
        before = store.create_annotation(article, "CUE", 0, 3)  # ends where the stretch starts
        across = store.create_annotation(article, "CLAIM", 2, 20)
        inside = store.create_annotation(article, "SOURCE", 4, 11)
        after = store.create_annotation(article, "CLAIM", 20, 30)  # starts where it ends
        store.create_annotation(other, "CLAIM", 4, 11)
        found = store.annotations(article, within=(3, 20))
        assert [a.id for a in found] == [across.id, inside.id]
        assert {a.id for a in store.annotations(article, within=(0, len(TEXT)))} == {
            before.id,
            across.id,
            inside.id,
            after.id,
        }
        assert store.annotations(article, "nobody", within=(0, len(TEXT))) == []
        linked = store.create_relation("ATTRIBUTED_TO", after.id, inside.id)
        store.create_relation("HAS_CUE", after.id, before.id)
        touching = store.relations_touching(article, [a.id for a in found])
        assert [r.id for r in touching] == [linked.id]
        assert store.relations_touching(article, []) == []


def test_any_damaged_row_is_found_without_reading_the_rows(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "d.db"
    with open_store(db) as store:
        article, _ = store.add_article(NewArticle(text=TEXT))
        claim = store.create_annotation(article, "CLAIM", 4, 11)
        source = store.create_annotation(article, "SOURCE", 20, 30)
        link = store.create_relation("ATTRIBUTED_TO", claim.id, source.id)
        assert not store.any_damaged(article)
    for sql, args in (
        ("UPDATE annotations SET attributes = '[1]' WHERE id = ?", [claim.id]),
        ("UPDATE relations SET type = x'00' WHERE id = ?", [link.id]),
    ):
        connection = sqlite3.connect(db)
        with connection:
            connection.execute(sql, args)
        connection.close()
        with open_store(db) as store:
            assert store.any_damaged(article)
        connection = sqlite3.connect(db)
        with connection:  # mended again for the next case
            connection.execute("UPDATE annotations SET attributes = '{}'")
            connection.execute("UPDATE relations SET type = 'ATTRIBUTED_TO'")
        connection.close()
