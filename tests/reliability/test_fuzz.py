"""Fuzzing: whatever the bytes, an importer imports or refuses with a reason, never crashes."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from annotator.core.errors import SchemaError
from annotator.core.schema import loads
from annotator.core.text import sha256_hex
from annotator.formats.importer import ImportOptions, import_paths
from annotator.paths import default_schema_path
from annotator.storage import open_store

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

arabicish = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(
            list("قالوزير،؛؟«»ـًٌٍَُِّْ\r\n\t\"',{}[]:") + ["😀", "\ufeff", "\u2028", "\x85", "\ufefb"]
        ),
    ),
    max_size=300,
)


def _import(suffix: str, data: bytes, options: ImportOptions | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        with open_store(folder / "f.db") as store:
            report = import_paths(store, [path], options)
            for skip in report.skipped:
                assert skip.reason.strip() and skip.where.startswith(str(path))
            assert store.verify_annotations() == []
            stored = store.count_articles()
        assert stored == len(report.imported)


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".csv"])
@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes(suffix: str, data: bytes) -> None:
    _import(suffix, data)


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".csv"])
@FUZZ
@given(text=arabicish, encoding=st.sampled_from(["utf-8", "utf-16", "cp1256", "utf-8-sig"]))
def test_random_unicode(suffix: str, text: str, encoding: str) -> None:
    _import(suffix, text.encode(encoding, errors="replace"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 50) | st.floats(allow_nan=False) | arabicish,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
annotation = st.fixed_dictionaries(
    {
        "label": st.sampled_from(["CLAIM", "SOURCE", "CUE", "X", 3]),
        "start": st.integers(-2, 12) | st.text(max_size=2),
        "end": st.integers(-2, 14),
        "text": st.text(max_size=6),
    },
    optional={
        "id": json_values,
        "attributes": json_values,
        "note": json_values,
        "annotator": json_values,
    },
)
native_line = st.fixed_dictionaries(
    {"text": st.sampled_from(["قال بيتر كوك 😀 إن", "abc def", ""]) | arabicish},
    optional={
        "annotations": st.lists(annotation, max_size=3) | json_values,
        "relations": st.lists(
            st.fixed_dictionaries(
                {
                    "type": st.sampled_from(["ATTRIBUTED_TO", "SAME_AS", "Z"]),
                    "from": json_values,
                    "to": json_values,
                }
            ),
            max_size=2,
        )
        | json_values,
        "meta": json_values,
        "status": st.sampled_from(["new", "done", "nope", 4]),
        "offsets": json_values,
        "title": json_values,
        "text_sha256": json_values,
    },
)


@FUZZ
@given(lines=st.lists(native_line, min_size=1, max_size=4))
@example(
    lines=[
        {
            "text": "قال بيتر",
            "annotations": [{"label": "SOURCE", "start": 4, "end": 8, "text": "بيتر"}],
            "relations": [{"type": "SAME_AS", "from": [], "to": 1}],
        }
    ]
)
def test_random_native_jsonl(lines: list[dict]) -> None:
    _import(".jsonl", "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode())


@FUZZ
@given(source=st.text(max_size=300))
def test_schema_loader_never_crashes(source: str) -> None:
    try:
        loads(source, "fuzz.toml")
    except SchemaError as exc:
        assert str(exc).startswith("fuzz.toml: ")


toml_values = st.one_of(
    st.integers(),
    st.text(max_size=8),
    st.lists(st.text(max_size=4) | st.integers(), max_size=3),
    st.booleans(),
)


@FUZZ
@given(
    labels=st.dictionaries(
        st.text(max_size=6),
        st.dictionaries(
            st.sampled_from(["color", "key", "attributes", "x"]), toml_values, max_size=4
        ),
        max_size=3,
    ),
)
def test_schema_structures_never_crash(labels: dict) -> None:
    lines = []
    for name, body in labels.items():
        lines.append(f"[labels.{json.dumps(name)}]")
        for key, value in body.items():
            lines.append(f"{key} = {json.dumps(value)}")
    try:
        loads("\n".join(lines), "fuzz.toml")
    except SchemaError as exc:
        assert str(exc).startswith("fuzz.toml: ")


brat_line = st.one_of(
    st.builds(
        lambda n, label, a, b, text: f"T{n}\t{label} {a} {b}\t{text}",
        st.integers(1, 4),
        st.sampled_from(["CLAIM", "SOURCE", "CUE", "X"]),
        st.integers(-1, 12),
        st.integers(-1, 14),
        st.text(max_size=6),
    ),
    st.builds(
        lambda n, a, b: f"R{n}\tATTRIBUTED_TO Arg1:T{a} Arg2:T{b}",
        st.integers(1, 3),
        st.integers(1, 4),
        st.integers(1, 4),
    ),
    st.builds(
        lambda n, t, v: f"A{n}\tclaim_type T{t} {v}",
        st.integers(1, 3),
        st.integers(1, 4),
        st.sampled_from(["factual", "zz"]),
    ),
    st.builds(
        lambda n, t, note: f"#{n}\tAnnotatorNotes T{t}\t{note}",
        st.integers(1, 3),
        st.integers(1, 4),
        st.text(max_size=8),
    ),
    arabicish,
)


@FUZZ
@given(text=arabicish, lines=st.lists(brat_line, max_size=6), raw=st.binary(max_size=60))
def test_random_brat_pairs(text: str, lines: list[str], raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "brat"
        folder.mkdir()
        (folder / "a.txt").write_text(text, encoding="utf-8", errors="replace")
        (folder / "a.ann").write_bytes("\n".join(lines).encode("utf-8", errors="replace") + raw)
        with open_store(Path(tmp) / "f.db") as store:
            report = import_paths(store, [folder])
            for skip in report.skipped:
                assert skip.reason.strip()
            assert store.verify_annotations() == []
            assert store.count_articles() == len(report.imported)


# ------------------------------------------------- native lines that reach storage

_SCHEMA = loads(
    default_schema_path().read_text(encoding="utf-8"), folder=default_schema_path().parent
)
_TEXTS = [
    "قال المتحدث باسم البنتاغون بيتر كوك 😀 إن النقاش كان «مهنيا وبناء».",
    "وأكدت وزارة الدفاع الروسية في بيان أن الطائرات حلقت على مسافة آمنة.",
]
_ALL_VALUES = sorted(
    {v for label in _SCHEMA.labels.values() for vs in label.attributes.values() for v in vs}
)
_ALL_ATTRS = _SCHEMA.all_attribute_names()
odd_value = st.sampled_from([["factual"], {"v": "factual"}, 3, True, "", "FACTUAL"])


@st.composite
def stored_line(draw: st.DrawFn) -> dict:  # type: ignore[type-arg]
    """A native line whose offsets and texts are right, so that it reaches storage with
    valid or unknown labels, right or wrong attribute values, and links of every kind."""
    text = draw(st.sampled_from(_TEXTS)) + draw(st.sampled_from(["", " 1", " 2", " 3"]))
    annotations = []
    for n in range(1, draw(st.integers(0, 3)) + 1):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 12)))
        good = draw(st.integers(0, 9)) < 8  # mostly right, so that most lines are stored
        label = (
            draw(st.sampled_from(list(_SCHEMA.labels)))
            if good
            else draw(st.sampled_from(["EVENT", "claim"]) | odd_value)
        )
        own = _SCHEMA.labels[label].attributes if good else {}
        attrs = {}
        for _ in range(draw(st.integers(0, 2))):
            if own and draw(st.integers(0, 9)) < 8:
                name = draw(st.sampled_from(list(own)))
                attrs[name] = draw(st.sampled_from([*own[name], None]))
            else:
                name = draw(st.sampled_from([*_ALL_ATTRS, "colour"]))
                attrs[name] = draw(st.sampled_from([*_ALL_VALUES, None]) | odd_value)
        annotations.append(
            {"id": n, "label": label, "start": start, "end": end, "text": text[start:end]}
            | ({"attributes": attrs} if attrs else {})
        )
    relations = []
    if annotations:
        for _ in range(draw(st.integers(0, 2))):
            relations.append(
                {
                    "type": draw(
                        st.sampled_from(list(_SCHEMA.relations))
                        | st.sampled_from(list(_SCHEMA.relations))
                        | st.sampled_from(["CAUSES"])
                        | odd_value
                    ),
                    "from": draw(st.integers(1, len(annotations))),
                    "to": draw(st.integers(1, len(annotations))),
                }
            )
    return {"text": text, "annotations": annotations, "relations": relations}


def _storable(line: dict) -> bool:  # type: ignore[type-arg]
    """Whether the schema and the store's rules accept every annotation and link."""
    labels = {}
    for ann in line["annotations"]:
        label = ann["label"]
        if not isinstance(label, str) or label not in _SCHEMA.labels:
            return False
        allowed = _SCHEMA.labels[label].attributes
        for name, value in ann.get("attributes", {}).items():
            if name not in allowed or (value is not None and value not in allowed[name]):
                return False
            if value is not None and not isinstance(value, str):
                return False
        labels[ann["id"]] = label
    seen = set()
    for rel in line["relations"]:
        kind = rel["type"]
        if not isinstance(kind, str) or kind not in _SCHEMA.relations or rel["from"] == rel["to"]:
            return False
        if not _SCHEMA.relations[kind].allows(labels[rel["from"]], labels[rel["to"]]):
            return False
        if (kind, rel["from"], rel["to"]) in seen:
            return False
        seen.add((kind, rel["from"], rel["to"]))
    return True


@FUZZ
@given(lines=st.lists(stored_line(), min_size=1, max_size=5))
def test_native_lines_reach_storage(lines: list[dict]) -> None:  # type: ignore[type-arg]
    # No duplicates: every line is judged on its own (texts only grow at their end).
    lines = [dict(line, text=f"{line['text']} ({n})") for n, line in enumerate(lines)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
        with open_store(Path(tmp) / "f.db") as store:
            report = import_paths(store, [path])
            skipped = {s.where: s.reason for s in report.skipped}
            for n, line in enumerate(lines, 1):
                where = f"{path}:{n}"
                article = store.find_article_by_sha(sha256_hex(line["text"]))
                if not _storable(line):
                    assert where in skipped and article is None, (line, report.skipped)
                    event("a line refused by the schema or the store")
                    continue
                assert where not in skipped and article is not None, (line, skipped)
                event("a line stored" + (" with annotations" if line["annotations"] else ""))
                stored = sorted(
                    (a.label, a.start, a.end, a.text, json.dumps(a.attributes, sort_keys=True))
                    for a in store.annotations(article)
                )
                wanted = sorted(
                    (x["label"], x["start"], x["end"], x["text"])
                    + (json.dumps(x.get("attributes", {}), sort_keys=True),)
                    for x in line["annotations"]
                )
                assert stored == wanted
                assert len(store.relations(article)) == len(line["relations"])
            for where, reason in skipped.items():
                assert where.startswith(f"{path}:") and reason.strip()
            assert store.verify_annotations() == []
            assert store.count_articles() == len(report.imported)
            total = sum(len(store.annotations(i)) for i in store.article_ids())
            assert total == report.annotations
