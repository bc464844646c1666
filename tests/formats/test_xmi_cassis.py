"""The xmi format needs dkpro-cassis: without it, or with one writing code points, say so."""

from __future__ import annotations

import sys
from pathlib import Path

import cassis.cas
import pytest

from annotator.formats.export import ExportError, export
from annotator.formats.importer import import_paths
from annotator.storage import Store, open_store


def test_without_cassis_the_error_says_how_to_install(
    golden_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export(golden_store, tmp_path / "x", "xmi")
    monkeypatch.setitem(sys.modules, "cassis", None)  # import cassis now raises ImportError
    with pytest.raises(ExportError, match=r"pip install dkpro-cassis"):
        export(golden_store, tmp_path / "y", "xmi")
    assert not (tmp_path / "y").exists()
    # Other formats do not need it.
    export(golden_store, tmp_path / "z.jsonl", "jsonl")
    with open_store(tmp_path / "other.db") as other:
        report = import_paths(other, [tmp_path / "x"])
    assert report.imported == []
    assert "pip install dkpro-cassis" in report.skipped[0].reason


def test_a_cassis_that_writes_code_points_is_refused(
    golden_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What cassis did before its issue #135: XMI offsets in code points, not UTF-16.
    monkeypatch.setattr(
        cassis.cas.Utf16CodepointOffsetConverter, "python_to_external", lambda self, idx: idx
    )
    with pytest.raises(ExportError, match="does not write UTF-16 offsets; upgrade it"):
        export(golden_store, tmp_path / "x", "xmi")
    assert not (tmp_path / "x").exists()
