"""The store: durable, checked, and readable by other tools."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from annotator.core.errors import AnnotatorError, InvariantError, SchemaError
from annotator.core.model import NewArticle
from annotator.core.text import canonicalise, sha256_hex
from annotator.storage import Store, open_store


def test_tables_and_columns_are_the_documented_interface(store: Store, db_path: Path) -> None:
    db = sqlite_utils.Database(db_path)
    assert {"articles", "annotations", "relations", "schema", "metadata"} <= set(db.table_names())
    assert set(db["articles"].columns_dict) >= {
        "id",
        "title",
        "text",
        "status",
        "source",
        "url",
        "published",
        "meta",
        "text_sha256",
        "created",
    }
    assert set(db["annotations"].columns_dict) >= {
        "id",
        "article_id",
        "label",
        "start",
        "end",
        "text",
        "attributes",
        "note",
        "annotator",
        "created",
        "modified",
    }
    assert set(db["relations"].columns_dict) >= {
        "id",
        "article_id",
        "type",
        "from_id",
        "to_id",
        "annotator",
        "created",
    }


def test_wal_and_foreign_keys(store: Store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    reopened = open_store(store.path, readonly=True)
    assert reopened.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    reopened.close()


def test_a_change_is_on_disk_when_the_call_returns(
    store: Store, mixed_article: int, db_path: Path
) -> None:
    ann = store.create_annotation(mixed_article, "SOURCE", 22, 32, "salma")
    other = sqlite3.connect(db_path)
    try:
        row = other.execute(
            "SELECT label, text, annotator FROM annotations WHERE id = ?", [ann.id]
        ).fetchone()
    finally:
        other.close()
    assert row == ("SOURCE", store.article_text(mixed_article)[22:32], "salma")


def test_stored_text_always_matches_the_article(store: Store, mixed_article: int) -> None:
    text = store.article_text(mixed_article)
    start = text.index("😀") + 2
    ann = store.create_annotation(mixed_article, "CLAIM", start, start + 2)
    assert ann.text == text[start : start + 2] == "إن"


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 5), (7, 3), (0, 10_000)])
def test_bad_offsets_are_refused(store: Store, mixed_article: int, start: int, end: int) -> None:
    with pytest.raises(InvariantError):
        store.create_annotation(mixed_article, "CLAIM", start, end)
    assert store.annotations(mixed_article) == []


def test_the_database_itself_refuses_a_mismatched_length(store: Store, mixed_article: int) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.db.conn.execute(
            'INSERT INTO annotations (article_id, label, start, "end", text, created, modified) '
            "VALUES (?, 'CLAIM', 0, 3, 'ab', 'x', 'x')",
            [mixed_article],
        )


def test_unknown_labels_and_attribute_values_are_refused(store: Store, mixed_article: int) -> None:
    with pytest.raises(SchemaError, match="unknown label 'PERSON'"):
        store.create_annotation(mixed_article, "PERSON", 0, 3)
    with pytest.raises(SchemaError, match="CLAIM.claim_type cannot be 'maybe'"):
        store.create_annotation(mixed_article, "CLAIM", 0, 3, attributes={"claim_type": "maybe"})
    assert store.annotations(mixed_article) == []


def test_first_annotation_moves_the_article_to_in_progress(
    store: Store, mixed_article: int
) -> None:
    assert store.article(mixed_article).status == "new"
    store.create_annotation(mixed_article, "CLAIM", 0, 3)
    assert store.article(mixed_article).status == "in_progress"
    store.set_status(mixed_article, "done")
    store.create_annotation(mixed_article, "CUE", 0, 3)
    assert store.article(mixed_article).status == "done"
    with pytest.raises(AnnotatorError, match="unknown status"):
        store.set_status(mixed_article, "finished")


def test_the_same_text_is_stored_once(store: Store) -> None:
    first, created = store.add_article(NewArticle(text="نص واحد", title="a"))
    again, created_again = store.add_article(NewArticle(text="نص واحد", title="b"))
    assert created and not created_again and again == first
    assert store.count_articles() == 1
    assert store.article(first).text_sha256 == sha256_hex("نص واحد")


def test_deleting_an_annotation_deletes_its_relations(store: Store, mixed_article: int) -> None:
    src = store.create_annotation(mixed_article, "SOURCE", 22, 32)
    claim = store.create_annotation(mixed_article, "CLAIM", 0, 3)
    rel = store.create_relation("ATTRIBUTED_TO", claim.id, src.id)
    removed, links = store.delete_annotation(src.id)
    assert links == [rel] and removed.id == src.id
    assert store.relations(mixed_article) == []


def test_relations_stay_within_one_article(store: Store, mixed_article: int) -> None:
    other, _ = store.add_article(NewArticle(text="مصدر آخر"))
    claim = store.create_annotation(mixed_article, "CLAIM", 0, 3)
    src = store.create_annotation(other, "SOURCE", 0, 4)
    with pytest.raises(AnnotatorError, match="same article"):
        store.create_relation("ATTRIBUTED_TO", claim.id, src.id)
    with pytest.raises(AnnotatorError, match="itself"):
        store.create_relation("SAME_AS", src.id, src.id)


def test_search_ignores_diacritics_tatweel_and_variants(store: Store) -> None:
    a, _ = store.add_article(
        NewArticle(text=canonicalise("أكّدت الوزارةُ أنّ الطّـــائرات وصلت"), title="أ")
    )
    b, _ = store.add_article(NewArticle(text="قال المتحدث Peter Cook عن MQ-1", title="ب"))
    assert store.search("الطائرات") == [a]
    assert store.search("اكدت الوزاره") == [a]
    assert store.search("ان") == [a]  # prefix, and أنّ folds to ان
    assert store.search("peter") == [b]
    assert store.search("mq-1") == [b] == store.search("MQ")
    assert store.search("غير موجود") == []
    assert store.search("«»") == []
    # The stored text is never rewritten by the index.
    assert "الطّـــائرات" in store.article_text(a)
    assert [s.id for s in store.summaries(query="الطائرات")] == [a]


def test_summaries_count_annotations_and_load_in_windows(store: Store, mixed_article: int) -> None:
    for n in range(5):
        store.add_article(NewArticle(text=f"مقال {n}"))
    store.create_annotation(mixed_article, "CLAIM", 0, 3)
    rows = store.summaries()
    assert [r.annotation_count for r in rows] == [1, 0, 0, 0, 0, 0]
    assert [r.id for r in store.summaries(offset=2, limit=2)] == [rows[2].id, rows[3].id]
    assert [r.id for r in store.summaries(after=rows[1].id, limit=2)] == [rows[2].id, rows[3].id]
    assert [r.id for r in store.summaries(after=rows[4].id, limit=2)] == [rows[5].id]
    assert store.summaries(query="مقال", after=rows[4].id, limit=9) == [rows[5]]
    assert [r.id for r in store.summaries(status="in_progress")] == [mixed_article]


def test_navigation_and_reading_position(store: Store) -> None:
    ids = [store.add_article(NewArticle(text=f"مقال {n}"))[0] for n in range(4)]
    store.set_status(ids[1], "done")
    assert store.neighbour(ids[0], 1) == ids[1]
    assert store.neighbour(ids[0], 1, unfinished=True) == ids[2]
    assert store.neighbour(ids[0], -1) is None
    store.set_status(ids[2], "done")
    store.set_status(ids[3], "done")
    assert store.neighbour(ids[3], 1, unfinished=True) == ids[0]  # wraps around
    store.set_reading_position(ids[0], "salma", 120)
    assert store.reading_position(ids[0], "salma") == 120
    assert store.reading_position(ids[0], "omar") == 0


def test_stats(store: Store, mixed_article: int) -> None:
    store.create_annotation(mixed_article, "CLAIM", 0, 3, "salma")
    store.create_annotation(mixed_article, "SOURCE", 22, 32, "omar")
    counts = store.stats()
    assert counts["label"] == {"CLAIM": 1, "SOURCE": 1}
    assert counts["annotator"] == {"omar": 1, "salma": 1}
    assert counts["status"] == {"new": 0, "in_progress": 1, "done": 0}


def test_the_database_keeps_its_own_schema(db_path: Path) -> None:
    from annotator.core.schema import loads

    custom = loads('[labels.EVENT]\ncolor = "#aabbcc"\nkey = "e"\n')
    with open_store(db_path, schema=custom) as s:
        assert list(s.schema.labels) == ["EVENT"]
    with open_store(db_path) as s:
        assert list(s.schema.labels) == ["EVENT"]
        aid, _ = s.add_article(NewArticle(text="حدث"))
        s.create_annotation(aid, "EVENT", 0, 3)
        with pytest.raises(AnnotatorError, match="lacks labels in use: EVENT"):
            s.set_schema(loads('[labels.X]\ncolor = "#aabbcc"\nkey = "x"\n'))


def test_verify_reports_text_that_no_longer_matches(store: Store, mixed_article: int) -> None:
    ann = store.create_annotation(mixed_article, "CLAIM", 0, 3)
    assert store.verify_annotations() == []
    store.db.conn.execute("UPDATE annotations SET text = 'xyz' WHERE id = ?", [ann.id])
    assert "does not match" in store.verify_annotations()[0]
