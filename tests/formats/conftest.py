"""The golden fixture: one article that holds everything exporters get wrong.

Diacritics (قالَ, حلّقت), Latin names, digits (MQ-1, 5.5), an emoji before later spans,
text imported from CRLF bytes through the real CSV importer, nested spans (البنتاغون
inside the spokesman's span), a link across the paragraph break, a span that leaves a
proclitic out (وكالة in لوكالة) and two annotators. Timestamps are fixed, so that
exports are byte for byte the same on every run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import Annotation, Relation
from annotator.formats.importer import import_paths
from annotator.storage import Store, open_store

PARAGRAPH_1 = "قالَ المتحدث باسم البنتاغون Peter Cook 😀 إن الطائرات MQ-1 حلّقت 5.5 كيلومتر."
PARAGRAPH_2 = "وأضاف أن النقاش كان «مهنيا وبناء»، وفقا لوكالة Reuters."
TEXT = PARAGRAPH_1 + "\n" + PARAGRAPH_2
TITLE = "بيان البنتاغون: 5.5 كم"

# (key, label, text, occurrence, annotator, attributes, note)
SPANS = [
    ("cue1", "CUE", "قالَ", 0, "salma", {"cue_form": "speech_verb", "cue_stance": "neutral"}, ""),
    (
        "spokesman",
        "SOURCE",
        "المتحدث باسم البنتاغون Peter Cook",
        0,
        "salma",
        {"source_kind": "person", "specificity": "named"},
        "-تحقق من الاسم الكامل",
    ),
    (
        "pentagon",
        "SOURCE",
        "البنتاغون",
        0,
        "salma",
        {"source_kind": "official_body", "specificity": "named"},
        "",
    ),
    (
        "claim1",
        "CLAIM",
        "الطائرات MQ-1 حلّقت 5.5 كيلومتر",
        0,
        "salma",
        {
            "claim_type": "factual",
            "checkworthy": "yes",
            "quote_type": "indirect",
            "voice": "attributed",
            "hedged": "no",
        },
        "",
    ),
    ("cue2", "CUE", "وأضاف", 0, "salma", {"cue_form": "speech_verb", "cue_stance": "neutral"}, ""),
    (
        "claim2",
        "CLAIM",
        "النقاش كان «مهنيا وبناء»",
        0,
        "salma",
        {
            "claim_type": "opinion",
            "checkworthy": "no",
            "quote_type": "mixed",
            "voice": "attributed",
        },
        "",
    ),
    (
        "cue3",
        "CUE",
        "وفقا ل",
        0,
        "ahmed",
        {"cue_form": "prepositional", "cue_stance": "neutral"},
        "",
    ),
    (
        "reuters",
        "SOURCE",
        "وكالة Reuters",
        0,
        "ahmed",
        {"source_kind": "media", "specificity": "named"},
        "وكالة أنباء",
    ),
]

# (type, from key, to key, annotator)
LINKS = [
    ("ATTRIBUTED_TO", "claim1", "spokesman", "salma"),
    ("HAS_CUE", "claim1", "cue1", "salma"),
    ("RELAYED_BY", "spokesman", "pentagon", "salma"),
    # Across the paragraph break: «وأضاف» drops its subject, which is in paragraph 1.
    ("ATTRIBUTED_TO", "claim2", "spokesman", "salma"),
    ("HAS_CUE", "claim2", "cue2", "salma"),
    ("HAS_CUE", "claim2", "cue3", "ahmed"),
]


def stamp(minute: int, second: int = 0) -> str:
    return f"2026-11-21T10:{minute:02d}:{second:02d}.000Z"


def _offset(text: str, needle: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start


def build_fixture(store: Store, folder: Path) -> int:
    """Import the fixture article from CRLF bytes and annotate it; returns its id."""
    csv_bytes = (
        "title,source,url,published,text\r\n"
        f'"{TITLE}",Reuters,https://example.org/pentagon?id=1,2015-10-14,'
        f'"{PARAGRAPH_1}\r\n{PARAGRAPH_2}"\r\n'
    ).encode()
    source = folder / "fixture-source" / "pentagon.csv"
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(csv_bytes)
    report = import_paths(store, [source])
    assert report.ok, report.skipped
    article_id = report.imported[0][0]
    text = store.article_text(article_id)
    assert text == TEXT, "the CRLF import did not give the canonical text"
    ids: dict[str, int] = {}
    for n, (key, label, needle, occurrence, annotator, attributes, note) in enumerate(SPANS):
        start = _offset(text, needle, occurrence)
        stored = store.insert_annotation(
            Annotation(
                id=0,
                article_id=article_id,
                label=label,
                start=start,
                end=start + len(needle),
                text=needle,
                attributes=attributes,
                note=note,
                annotator=annotator,
                created=stamp(n),
                modified=stamp(n, 30),
            )
        )
        ids[key] = stored.id
    for n, (rel_type, source_key, target_key, annotator) in enumerate(LINKS):
        store.insert_relation(
            Relation(
                id=0,
                article_id=article_id,
                type=rel_type,
                from_id=ids[source_key],
                to_id=ids[target_key],
                annotator=annotator,
                created=stamp(20 + n),
            )
        )
    store.set_status(article_id, "done")
    return article_id


@pytest.fixture
def golden_db(tmp_path: Path) -> Path:
    """A database holding only the fixture article (id 1)."""
    path = tmp_path / "golden.db"
    with open_store(path) as store:
        build_fixture(store, tmp_path)
    return path


@pytest.fixture
def golden_store(golden_db: Path) -> Store:
    store = open_store(golden_db, readonly=True)
    yield store
    store.close()
