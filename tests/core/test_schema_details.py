"""Attribute defaults and descriptions, and a guidelines file beside the schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import SchemaError
from annotator.core.schema import load, loads

BASE = """
name = "s"
{top}
[labels.CLAIM]
color = "#112233"
key = "1"

[labels.CLAIM.attributes]
hedged = ["yes", "no"]

[labels.CLAIM.attributes.voice]
values = ["attributed", "author"]
{voice}
"""


def schema_text(top: str = "", voice: str = "") -> str:
    return BASE.format(top=top, voice=voice)


def test_defaults_and_descriptions_are_read_and_round_trip(tmp_path: Path) -> None:
    (tmp_path / "rules.md").write_text("# Rules\r\nMark claims.\r\n", encoding="utf-8")
    path = tmp_path / "schema.toml"
    path.write_text(
        schema_text(
            'guidelines = "rules.md"',
            'default = "attributed"\ndescription = "Whose claim"\n'
            '[labels.CLAIM.attributes.voice.descriptions]\nauthor = "The writer\'s own"\n',
        ),
        encoding="utf-8",
    )
    schema = load(path)
    claim = schema.labels["CLAIM"]
    assert claim.attributes == {"hedged": ("yes", "no"), "voice": ("attributed", "author")}
    assert claim.defaults == {"voice": "attributed"}
    assert claim.attribute_descriptions == {"voice": "Whose claim"}
    assert claim.value_descriptions == {"voice": {"author": "The writer's own"}}
    assert schema.guidelines == "# Rules\nMark claims.\n"
    # A database keeps the schema as TOML: the guidelines' text goes with it.
    assert loads(schema.to_toml()) == schema


@pytest.mark.parametrize(
    ("voice", "message"),
    [
        ('default = "nobody"', "labels.CLAIM.attributes.voice.default: 'nobody' is not one of"),
        ("colour = 1", "labels.CLAIM.attributes.voice.colour: unknown key"),
        (
            "[labels.CLAIM.attributes.voice.descriptions]\nnobody = 'x'",
            "labels.CLAIM.attributes.voice.descriptions.nobody: not one of",
        ),
        ("description = 3", "labels.CLAIM.attributes.voice.description: expected text"),
    ],
)
def test_mistakes_in_attribute_tables_name_the_key(voice: str, message: str) -> None:
    with pytest.raises(SchemaError, match=message.replace("(", r"\(")):
        loads(schema_text(voice=voice), "s.toml")


@pytest.mark.parametrize("name", ["../rules.md", "/etc/passwd", "sub/rules.md", ".."])
def test_guidelines_must_be_a_file_beside_the_schema(tmp_path: Path, name: str) -> None:
    path = tmp_path / "schema.toml"
    path.write_text(schema_text(f'guidelines = "{name}"'), encoding="utf-8")
    with pytest.raises(SchemaError, match="guidelines: expected the name of a file beside"):
        load(path)


def test_a_missing_guidelines_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "schema.toml"
    path.write_text(schema_text('guidelines = "absent.md"'), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"guidelines: .*absent\.md cannot be read"):
        load(path)
