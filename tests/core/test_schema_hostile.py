"""Hostile schema files: one line naming the key, never a traceback or invalid XML."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import SchemaError
from annotator.core.schema import load, loads
from annotator.paths import default_schema_path

DEFAULT = default_schema_path().read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "source",
    [
        "x = " + "[" * 5000 + "]" * 5000,
        "x = " + "{a = " * 3000 + "1" + "}" * 3000,
        DEFAULT + "\n[relations.X]\nfrom = " + "[" * 5000 + "]" * 5000,
    ],
)
def test_deep_nesting_is_one_error(source: str) -> None:
    with pytest.raises(SchemaError, match=r"^s\.toml: not a schema: .* nested too deeply$"):
        loads(source, "s.toml", folder=default_schema_path().parent)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('name = "', 'name = "\\u0000', "name"),
        ('"factual"', '"fact\\u0000ual"', "labels.CLAIM.attributes.claim_type.values"),
        ('"factual"', '"fact\\u001bual"', "labels.CLAIM.attributes.claim_type.values"),
        ('key = "1"', 'key = "\\u0000"', "labels.CLAIM.key"),
    ],
)
def test_control_characters_are_refused_with_the_key(
    tmp_path: Path, old: str, new: str, key: str
) -> None:
    assert old in DEFAULT
    path = tmp_path / "bad.toml"
    path.write_text(DEFAULT.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}: {key}: holds the control character U+00")


def test_a_nul_schema_never_reaches_an_export(tmp_path: Path) -> None:
    """Before, the schema was stored and Label Studio's config was invalid XML."""
    path = tmp_path / "bad.toml"
    path.write_text(DEFAULT.replace('"factual"', '"fact\\u0000ual"', 1), encoding="utf-8")
    (tmp_path / "a.txt").write_text("قال الوزير إن الاجتماع كان مثمرا", encoding="utf-8")
    db = tmp_path / "w.db"
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "import", str(db), str(tmp_path / "a.txt")]
        + ["--schema", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and not db.exists()
    assert result.stderr.splitlines() == [
        f"annotator: error: {path}: labels.CLAIM.attributes.claim_type.values: holds the control "
        "character U+0000, which no schema text may hold"
    ]
