"""Schemas: the default one, TOML round trips, and mistakes named by their key."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import SchemaError
from annotator.core.schema import load, loads
from annotator.paths import default_schema_path


def test_default_schema_is_the_one_in_the_domain_notes() -> None:
    schema = load(default_schema_path())
    assert list(schema.labels) == ["CLAIM", "SOURCE", "CUE"]
    assert [schema.labels[n].key for n in schema.labels] == ["1", "2", "3"]
    assert schema.labels["CLAIM"].attributes == {
        "claim_type": ("factual", "opinion", "prediction", "mixed"),
        "checkworthy": ("yes", "no", "unsure"),
        "quote_type": ("direct", "indirect", "mixed", "none"),
        "voice": ("attributed", "author", "unattributed"),
        "hedged": ("yes", "no"),
    }
    assert schema.labels["SOURCE"].attributes == {
        "source_kind": ("person", "official_body", "media", "organisation", "document", "other"),
        "specificity": ("named", "role_only", "anonymous"),
    }
    assert schema.labels["CUE"].attributes == {
        "cue_form": ("speech_verb", "cognition_verb", "prepositional", "noun", "punctuation"),
        "cue_stance": ("neutral", "distancing", "endorsing"),
    }
    rel = schema.relations
    assert list(rel) == ["ATTRIBUTED_TO", "HAS_CUE", "RELAYED_BY", "SAME_AS"]
    assert rel["ATTRIBUTED_TO"].allows("CLAIM", "SOURCE")
    assert not rel["ATTRIBUTED_TO"].allows("SOURCE", "CLAIM")
    assert rel["HAS_CUE"].allows("CLAIM", "CUE")
    assert rel["RELAYED_BY"].allows("SOURCE", "SOURCE")
    assert rel["SAME_AS"].allows("SOURCE", "SOURCE")


def test_toml_round_trip() -> None:
    schema = load(default_schema_path())
    assert loads(schema.to_toml()) == schema


VALID = """
[labels.CLAIM]
color = "#112233"
key = "1"
[labels.CLAIM.attributes]
kind = ["a", "b"]
[labels.SOURCE]
color = "#445566"
key = "2"
[relations.ATTRIBUTED_TO]
from = ["CLAIM"]
to = ["SOURCE"]
"""


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("labels = 3", "labels: at least one"),
        (VALID.replace('"#112233"', '"red"'), r"labels\.CLAIM\.color: expected #RRGGBB, got 'red'"),
        (
            VALID.replace('key = "2"', 'key = "1"'),
            r"labels\.SOURCE\.key: '1' is already the key of CLAIM",
        ),
        (VALID.replace('key = "1"', 'key = "12"'), r"labels\.CLAIM\.key: expected one character"),
        (VALID.replace('key = "1"', ""), r"labels\.CLAIM\.key: missing"),
        (
            VALID.replace('kind = ["a", "b"]', "kind = []"),
            r"labels\.CLAIM\.attributes\.kind: expected a non-empty list",
        ),
        (
            VALID.replace('kind = ["a", "b"]', 'kind = ["a", "a"]'),
            r"labels\.CLAIM\.attributes\.kind: values repeat",
        ),
        (
            VALID.replace('kind = ["a", "b"]', "kind = [1, 2]"),
            r"labels\.CLAIM\.attributes\.kind: expected text, got int",
        ),
        (
            VALID.replace('to = ["SOURCE"]', 'to = ["PERSON"]'),
            r"relations\.ATTRIBUTED_TO\.to: 'PERSON' is not a label",
        ),
        (
            VALID.replace('from = ["CLAIM"]', ""),
            r"relations\.ATTRIBUTED_TO\.from: expected a label",
        ),
        (VALID + "\ncolour = 1\n", r"relations\.ATTRIBUTED_TO\.colour: unknown key"),
        (
            VALID.replace("[labels.CLAIM]", "[labels.CLAIM]\ncolour = 'x'"),
            r"labels\.CLAIM\.colour: unknown key",
        ),
        (
            VALID.replace("[labels.SOURCE]", '[labels."bad name"]'),
            r"labels\.bad name: a label name",
        ),
        ("name = ", "not valid TOML"),
        ("version = -1\n" + VALID, "version must be a positive"),
    ],
)
def test_mistakes_name_the_key(source: str, message: str) -> None:
    with pytest.raises(SchemaError, match=message) as info:
        loads(source, "my.toml")
    assert str(info.value).startswith("my.toml: ")


def test_a_schema_file_cannot_run_code(tmp_path: Path) -> None:
    # Only TOML is read: Python in the file is a syntax error, never executed.
    marker = tmp_path / "ran"
    evil = tmp_path / "evil.toml"
    evil.write_text(f"import os; os.system('touch {marker}')\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="not valid TOML"):
        load(evil)
    assert not marker.exists()


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match="cannot be read"):
        load(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(SchemaError, match="not UTF-8"):
        load(bad)


def test_attribute_checks() -> None:
    schema = loads(VALID)
    schema.check_attributes("CLAIM", {"kind": "a"})
    with pytest.raises(SchemaError, match="CLAIM.kind cannot be 'z'; allowed: a, b"):
        schema.check_attributes("CLAIM", {"kind": "z"})
    with pytest.raises(SchemaError, match="label SOURCE has no attribute 'kind'"):
        schema.check_attributes("SOURCE", {"kind": "a"})
    with pytest.raises(SchemaError, match="unknown label 'CUE'"):
        schema.label("CUE")
    assert schema.relation("ATTRIBUTED_TO").allows("CLAIM", "SOURCE")


def test_attribute_table_flattens_attributes_across_labels() -> None:
    source = (
        '[labels.CLAIM]\ncolor = "#112233"\nkey = "1"\n'
        '[labels.CLAIM.attributes]\nkind = ["a", "b"]\n'
        '[labels.SOURCE]\ncolor = "#445566"\nkey = "2"\n'
        '[labels.SOURCE.attributes]\nkind = ["b", "c"]\n'
    )
    assert loads(source).attribute_table() == {"kind": (["CLAIM", "SOURCE"], ["a", "b", "c"])}
