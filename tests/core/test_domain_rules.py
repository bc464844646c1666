"""Domain rules defined once in the core: reading order, what a change touches, and
which annotations the schema expects to be linked."""

from __future__ import annotations

import random

import pytest

from annotator.core.commands import (
    Compound,
    CreateAnnotation,
    DeleteAnnotation,
    Link,
    Unlink,
    UpdateAnnotation,
    flatten,
)
from annotator.core.errors import SchemaError
from annotator.core.model import Annotation, NewArticle, reading_order
from annotator.core.schema import load, loads
from annotator.gui.models.article_spans import ArticleSpans
from annotator.paths import default_schema_path
from annotator.storage import Store


def test_the_store_lists_annotations_in_the_cores_reading_order(store: Store) -> None:
    text = "أ" * 60
    article_id, _ = store.add_article(NewArticle(text=text))
    rng = random.Random(5)
    # Ties on start (the longer first), equal spans (by id), nesting and overlaps.
    extents = [(0, 10), (0, 20), (5, 8), (5, 8), (0, 20), (30, 31), (29, 40), (5, 30)]
    extents += [tuple(sorted(rng.sample(range(61), 2))) for _ in range(30)]
    for start, end in extents:
        store.create_annotation(article_id, "CLAIM", start, end, "a")
    listed = store.annotations(article_id)
    assert listed == sorted(listed, key=reading_order)
    assert [a.id for a in listed] != sorted(a.id for a in listed)  # the order is not by id
    (bulk,) = list(store.annotated_articles([article_id]))
    assert bulk.annotations == listed


def _ann(id: int, start: int, end: int) -> Annotation:
    return Annotation(id=id, article_id=1, label="CLAIM", start=start, end=end, text="x")


def test_reading_order_puts_the_outer_span_first_then_goes_by_id() -> None:
    spans = [_ann(3, 5, 6), _ann(2, 0, 4), _ann(1, 0, 9), _ann(4, 0, 9)]
    assert [a.id for a in sorted(spans, key=reading_order)] == [1, 4, 2, 3]


def test_each_command_names_the_annotations_it_touched(store: Store, mixed_article: int) -> None:
    claim = CreateAnnotation(mixed_article, "CLAIM", 0, 3, "a")
    source = CreateAnnotation(mixed_article, "SOURCE", 4, 10, "a")
    claim.do(store)
    source.do(store)
    assert claim.created is not None and source.created is not None
    c, s = claim.created.id, source.created.id
    assert claim.affected_ids() == {c}
    link = Link("ATTRIBUTED_TO", c, s, "a")
    link.do(store)
    assert link.affected_ids() == {c, s}
    assert link.created is not None
    unlink = Unlink(link.created.id)
    unlink.do(store)
    assert unlink.affected_ids() == {c, s}
    unlink.undo(store)
    relabel = UpdateAnnotation(c, {"label": "CUE"})  # CUE cannot start ATTRIBUTED_TO
    relabel.do(store)
    assert relabel.affected_ids() == {c, s}  # the dropped link's other end too
    relabel.undo(store)
    delete = DeleteAnnotation(s)
    delete.do(store)
    assert delete.affected_ids() == {s, c}
    both = Compound([Compound([claim]), delete])
    assert flatten(both) == [claim, delete]
    assert both.affected_ids() == {c, s}


def test_the_default_schema_expects_a_source_for_a_claim_unless_its_voice_says_not() -> None:
    schema = load(default_schema_path())
    assert [r.name for r in schema.expected_relations("CLAIM", {})] == ["ATTRIBUTED_TO"]
    assert [r.name for r in schema.expected_relations("CLAIM", {"voice": "attributed"})] == [
        "ATTRIBUTED_TO"
    ]
    assert schema.expected_relations("CLAIM", {"voice": "author"}) == []
    assert schema.expected_relations("CLAIM", {"voice": "unattributed"}) == []
    assert schema.expected_relations("SOURCE", {}) == []


_TWO_LABELS = """
[labels.EVENT]
color = "#112233"
key = "1"
[labels.EVENT.attributes]
certainty = ["sure", "rumour"]
[labels.PLACE]
color = "#445566"
key = "2"
[relations.HAPPENED_IN]
from = ["EVENT"]
to = ["PLACE"]
"""


def test_which_annotations_need_a_link_is_the_schemas_word_not_the_codes() -> None:
    schema = loads(
        _TWO_LABELS + "required = true\n[relations.HAPPENED_IN.unless]\ncertainty = ['rumour']\n"
    )
    event = Annotation(1, 1, "EVENT", 0, 3, "abc", {"certainty": "sure"})
    rumour = Annotation(2, 1, "EVENT", 4, 7, "def", {"certainty": "rumour"})
    place = Annotation(3, 1, "PLACE", 8, 11, "ghi")
    spans = ArticleSpans(1, "abc def ghi", schema, [event, rumour, place], [])
    assert [a.id for a in spans.without_source()] == [1]
    assert loads(schema.to_toml()) == schema
    optional = loads(_TWO_LABELS + "required = false\n")
    assert ArticleSpans(1, "abc def ghi", optional, [event], []).without_source() == []


def test_a_schema_that_declares_no_requirement_expects_its_first_relation() -> None:
    # The schema copies inside databases made before ``required`` existed.
    legacy = loads(
        (default_schema_path())
        .read_text(encoding="utf-8")
        .replace("required = true\n", "")
        .replace("[relations.ATTRIBUTED_TO.unless]\n", "")
        .replace('voice = ["author", "unattributed"]\n', ""),
        folder=default_schema_path().parent,
    )
    assert legacy == load(default_schema_path())
    assert loads(_TWO_LABELS).relations["HAPPENED_IN"].required


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        ("required = 'yes'\n", "relations.HAPPENED_IN.required: expected true or false"),
        (
            "required = true\n[relations.HAPPENED_IN.unless]\ncolour = ['red']\n",
            "relations.HAPPENED_IN.unless.colour: no label this relation starts from",
        ),
        (
            "required = true\n[relations.HAPPENED_IN.unless]\ncertainty = ['maybe']\n",
            "relations.HAPPENED_IN.unless.certainty: 'maybe' is not a value of certainty",
        ),
        (
            "[relations.HAPPENED_IN.unless]\ncertainty = ['rumour']\n",
            "relations.HAPPENED_IN.unless: only a required relation has exceptions",
        ),
    ],
)
def test_a_mistake_in_a_requirement_is_named_by_its_key(tail: str, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        loads(_TWO_LABELS + tail, "mine.toml")
