"""Annotations read in bulk keep their attributes as JSON text until first asked for.
SQLite checks every row's types and JSON on reading, so a damaged row is still refused
there with its one line; a record whose text fails later says the same line then."""

from __future__ import annotations

import math

import pytest

from annotator.core.errors import StorageError
from annotator.core.model import NewArticle
from annotator.storage import Store
from annotator.storage import rows as rows_module

TEXT = "قال المتحدث باسم الوزارة إن المحادثات ستستأنف غداً."


def _claim(store: Store) -> tuple[int, int]:
    article_id, _ = store.add_article(NewArticle(text=TEXT))
    made = store.create_annotation(
        article_id, "CLAIM", 29, 51, "salma", attributes={"voice": "author", "hedged": "no"}
    )
    return article_id, made.id


def test_records_read_equal_the_records_written(store: Store) -> None:
    article_id, _ = store.add_article(NewArticle(text=TEXT))
    made = [
        store.create_annotation(article_id, "CUE", 0, 3, "salma"),
        store.create_annotation(
            article_id, "SOURCE", 4, 25, "salma", attributes={"source_kind": "official_body"}
        ),
        store.create_annotation(article_id, "CLAIM", 29, 51, "salma", note="ملاحظة"),
    ]
    read = store.annotations(article_id)
    assert read == made
    assert [a.attributes for a in read] == [{}, {"source_kind": "official_body"}, {}]
    # Changed, replaced and compared like any record.
    assert read[1].with_changes(label="CLAIM").attributes == {"source_kind": "official_body"}


@pytest.mark.parametrize(
    ("stored", "reason"),
    [
        ('{"voice": "author"', "attributes: not valid JSON"),
        ("[1, 2]", "attributes: a JSON list, not an object"),
        (b"\x00\x01", "attributes: a BLOB of 2 bytes, not JSON text"),
    ],
)
def test_damaged_attributes_are_refused_on_reading_with_one_line(
    store: Store, stored: str | bytes, reason: str
) -> None:
    article_id, claim = _claim(store)
    store.db.execute("UPDATE annotations SET attributes = ? WHERE id = ?", [stored, claim])
    with pytest.raises(StorageError) as caught:
        store.annotations(article_id)
    message = str(caught.value)
    assert "\n" not in message
    assert f"annotation {claim} is damaged ({reason})" in message
    assert str(store.path) in message


def test_json_python_reads_but_sqlite_does_not_is_read_as_before(store: Store) -> None:
    article_id, claim = _claim(store)
    store.db.execute("UPDATE annotations SET attributes = ? WHERE id = ?", ['{"x": NaN}', claim])
    [record] = store.annotations(article_id)
    assert math.isnan(record.attributes["x"])


def test_a_record_whose_attributes_fail_when_first_read_says_the_one_line() -> None:
    # A row SQLite found sound (the last column), whose text the parser refuses.
    row = (7, 1, "CLAIM", 0, 3, "قال", '{"voice": ', "", "salma", "", "", 1)
    [record] = rows_module.annotation_records([row], "work.db")
    assert (record.id, record.label, record.text) == (7, "CLAIM", "قال")
    with pytest.raises(StorageError) as caught:
        _ = record.attributes
    assert str(caught.value) == (
        "work.db: annotation 7 is damaged (attributes: not valid JSON); "
        "the file was changed outside annotator"
    )
