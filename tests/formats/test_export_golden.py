"""Every format, written from the one fixture article, byte for byte against a golden file.

Regenerate after an intended change of a format, then read the diff before committing:

    ANNOTATOR_REGENERATE_GOLDEN=1 python -m pytest tests/formats/test_export_golden.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from annotator.formats.export import FORMATS, export
from annotator.storage import Store

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("ANNOTATOR_REGENERATE_GOLDEN") == "1"

STREAM_FILES = {
    "jsonl": "fixture.jsonl",
    "csv": "fixture.csv",
    "conll": "fixture.conll",
    "labelstudio": "fixture.labelstudio.json",
    "labelstudio-config": "labelstudio-config.xml",
    "doccano": "fixture.doccano.jsonl",
}
FOLDERS = {"brat": "brat", "xmi": "xmi"}


def test_every_format_has_a_golden_file() -> None:
    assert set(STREAM_FILES) | set(FOLDERS) == set(FORMATS)


def _report_text(report) -> str:  # type: ignore[no-untyped-def]
    lines = [f"lossy: {w}" for w in report.warnings] + [f"note: {n}" for n in report.notes]
    return "".join(line + "\n" for line in lines)


def _compare(actual: Path, golden: Path) -> None:
    if REGENERATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        if actual.is_dir():
            shutil.rmtree(golden, ignore_errors=True)
            shutil.copytree(actual, golden)
        else:
            shutil.copyfile(actual, golden)
        return
    if actual.is_dir():
        names = sorted(p.name for p in actual.iterdir())
        assert names == sorted(p.name for p in golden.iterdir())
        for name in names:
            assert (actual / name).read_bytes() == (golden / name).read_bytes(), name
    else:
        assert actual.read_bytes() == golden.read_bytes(), golden.name


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_format_matches_golden(fmt: str, golden_store: Store, tmp_path: Path) -> None:
    name = STREAM_FILES.get(fmt) or FOLDERS[fmt]
    out = tmp_path / name
    report = export(golden_store, out, fmt)
    report_file = tmp_path / f"{fmt}.report.txt"
    report_file.write_text(_report_text(report), encoding="utf-8")
    _compare(out, GOLDEN / name)
    _compare(report_file, GOLDEN / "reports" / f"{fmt}.txt")
    counts = (1, 8, 6) if FORMATS[fmt].articles else (0, 0, 0)
    assert (report.articles, report.annotations, report.relations) == counts
    if REGENERATE:
        pytest.skip("golden files regenerated; review the diff")
