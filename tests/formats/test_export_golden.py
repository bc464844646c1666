"""Every format, written from the one fixture article, byte for byte against a golden file.

Regenerate after an intended change of a format, then read the diff before committing:

    ANNOTATOR_REGENERATE_GOLDEN=1 python -m pytest tests/formats/test_export_golden.py
"""

from __future__ import annotations

import json
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
    "iob2": "fixture.iob2",
}
FOLDERS = {"brat": "brat", "xmi": "xmi"}
# A DocBin's bytes depend on set order; its golden file is what spaCy loads from it.
LOADED = {"spacy": "fixture.spacy.json"}


def test_every_format_has_a_golden_file() -> None:
    assert set(STREAM_FILES) | set(FOLDERS) | set(LOADED) == set(FORMATS)


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
    name = STREAM_FILES.get(fmt) or FOLDERS.get(fmt) or LOADED[fmt]
    out = tmp_path / name
    if fmt in LOADED:
        report = export(golden_store, tmp_path / "out.spacy", fmt)
        out.write_text(_spacy_as_json(tmp_path / "out.spacy"), encoding="utf-8")
    else:
        report = export(golden_store, out, fmt)
    report_file = tmp_path / f"{fmt}.report.txt"
    report_file.write_text(_report_text(report), encoding="utf-8")
    _compare(out, GOLDEN / name)
    _compare(report_file, GOLDEN / "reports" / f"{fmt}.txt")
    counts = (1, 8, 6) if FORMATS[fmt].articles else (0, 0, 0)
    assert (report.articles, report.annotations, report.relations) == counts
    if REGENERATE:
        pytest.skip("golden files regenerated; review the diff")


def _spacy_as_json(path: Path) -> str:
    """What spaCy itself reads from a DocBin: text, tokens, spans, entities, user data."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("ar")
    docs = []
    for doc in DocBin().from_disk(path).get_docs(nlp.vocab):
        docs.append(
            {
                "text": doc.text,
                "tokens": [[t.idx, t.text, t.whitespace_] for t in doc],
                "spans": {
                    key: [[s.start_char, s.end_char, s.label_, s.text] for s in group]
                    for key, group in doc.spans.items()
                },
                "ents": [[e.start_char, e.end_char, e.label_, e.text] for e in doc.ents],
                "user_data": doc.user_data,
            }
        )
    return json.dumps(docs, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
