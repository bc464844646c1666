"""Bad values in native JSON Lines: one line each, and the good lines are stored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.storage import open_store

TEXT = "قال المتحدث بيتر كوك إن النقاش كان مهنيا"


def _line(n: int, label: object = "SOURCE", rel_type: object = "ATTRIBUTED_TO") -> str:
    text = f"{TEXT} {n}"
    start = text.index("بيتر")
    return json.dumps(
        {
            "text": text,
            "annotations": [
                {"id": 1, "label": label, "start": start, "end": start + 8, "text": "بيتر كوك"},
                {"id": 2, "label": "CLAIM", "start": 25, "end": 40, "text": text[25:40]},
            ],
            "relations": [{"type": rel_type, "from": 2, "to": 1}],
        },
        ensure_ascii=False,
    )


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({"label": ["SOURCE"]}, "annotation 1: 'label' must be a name, not ['SOURCE']"),
        ({"label": {"name": "SOURCE"}}, "annotation 1: 'label' must be a name, not {'name'"),
        ({"label": 7}, "annotation 1: 'label' must be a name, not 7"),
        ({"rel_type": ["ATTRIBUTED_TO"]}, "relation 1: 'type' must be a name"),
        ({"rel_type": {"a": 1}}, "relation 1: 'type' must be a name"),
    ],
)
def test_a_label_that_is_not_a_name(tmp_path: Path, bad: dict, reason: str) -> None:  # type: ignore[type-arg]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([_line(1), _line(2, **bad), _line(3)]) + "\n", encoding="utf-8")
    db = tmp_path / "w.db"
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "import", str(db), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    assert len(skipped) == 1 and skipped[0].startswith(f"skipped: {path}:2: {reason}")
    with open_store(db, readonly=True) as store:
        texts = [store.article_text(i) for i in store.article_ids()]
        assert texts == [f"{TEXT} 1", f"{TEXT} 3"]
        for article_id in store.article_ids():
            assert [a.label for a in store.annotations(article_id)] == ["SOURCE", "CLAIM"]
            assert len(store.relations(article_id)) == 1


def test_a_line_refused_by_the_store_does_not_spoil_the_next(tmp_path: Path) -> None:
    """Found by the fuzzer: the first line's article was rolled back but its text stayed
    cached under its id, which the next article got; that line's spans were then
    checked against the wrong text and refused."""
    first = "قال المتحدث باسم البنتاغون بيتر كوك إن النقاش كان مهنيا"
    second = "وأكدت وزارة الدفاع الروسية في بيان أن الطائرات حلقت بعيدا"
    lines = [
        {
            "text": first,
            "annotations": [{"id": 1, "label": "CLAIM", "start": 0, "end": 3, "text": "قال"}],
            "relations": [{"type": "ATTRIBUTED_TO", "from": 1, "to": 1}],  # refused: itself
        },
        {
            "text": second,
            "annotations": [{"id": 1, "label": "CUE", "start": 0, "end": 5, "text": "وأكدت"}],
        },
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    with open_store(tmp_path / "w.db") as store:
        from annotator.formats.importer import import_paths

        report = import_paths(store, [path])
        assert [s.where for s in report.skipped] == [f"{path}:1"]
        assert "itself" in report.skipped[0].reason
        [(article_id, _)] = report.imported
        assert store.article_text(article_id) == second
        assert [a.text for a in store.annotations(article_id)] == ["وأكدت"]
