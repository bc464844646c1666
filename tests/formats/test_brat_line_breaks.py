"""A span made only of line breaks (jsonl and xmi imports accept one) cannot be a brat
span: the export leaves it out with the reason, never crashes, and the rest is exact."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from annotator.formats.importer import import_paths
from annotator.storage import open_store

TEXT = "قال المتحدث بيتر كوك\n\nإن النقاش كان مهنيا"


def test_brat_export_of_a_span_of_line_breaks(tmp_path: Path) -> None:
    source = TEXT.index("بيتر")
    breaks = TEXT.index("\n\n")
    claim = TEXT.index("النقاش")
    line = {
        "text": TEXT,
        "annotations": [
            {"id": 1, "label": "SOURCE", "start": source, "end": source + 8, "text": "بيتر كوك"},
            {"id": 2, "label": "CUE", "start": breaks, "end": breaks + 2, "text": "\n\n"},
            {"id": 3, "label": "CLAIM", "start": claim, "end": len(TEXT), "text": TEXT[claim:]},
        ],
        "relations": [
            {"type": "ATTRIBUTED_TO", "from": 3, "to": 1},
            {"type": "HAS_CUE", "from": 3, "to": 2},
        ],
    }
    (tmp_path / "in.jsonl").write_text(json.dumps(line, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "w.db"
    with open_store(db) as store:
        report = import_paths(store, [tmp_path / "in.jsonl"])
        assert report.ok and report.annotations == 3
    out = tmp_path / "brat"
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "export", str(db), str(out), "--format", "brat"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    lossy = [x for x in result.stderr.splitlines() if x.startswith("lossy:")]
    assert len(lossy) == 1 and "CUE" in lossy[0] and "only line breaks" in lossy[0]
    [ann_file] = out.glob("*.ann")
    txt = ann_file.with_suffix(".txt").read_text(encoding="utf-8")
    assert txt == TEXT
    spans = {}
    for row in ann_file.read_text(encoding="utf-8").splitlines():
        if row.startswith("T"):
            tid, middle, shown = row.split("\t")
            label, start, end = re.fullmatch(r"(\w+) (\d+) (\d+)", middle).groups()  # type: ignore[union-attr]
            assert txt[int(start) : int(end)] == shown
            spans[tid] = (label, shown)
    assert sorted(spans.values()) == [("CLAIM", TEXT[claim:]), ("SOURCE", "بيتر كوك")]
    relations = [r for r in ann_file.read_text(encoding="utf-8").splitlines() if r.startswith("R")]
    assert len(relations) == 1 and relations[0].split("\t")[1].startswith("ATTRIBUTED_TO")
    # And brat's files read back: the two spans and their link.
    with open_store(tmp_path / "back.db") as back:
        again = import_paths(back, [out])
        assert again.ok and again.annotations == 2 and again.relations == 1
