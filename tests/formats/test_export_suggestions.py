"""Exports leave pending suggestions out unless asked; Label Studio then gets them as
predictions, at code point offsets, with their links."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.model import NewArticle
from annotator.storage import open_store
from annotator.suggest import engine

TEXT = "😀👍🏽 وقال المتحدث باسم الوزارة إن المحادثات ستستأنف. وأضاف أن الوفد جاهز."


def _db(tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    with open_store(db) as store:
        article_id, _ = store.add_article(NewArticle(text=TEXT))
        store.store_candidates(article_id, engine.run(TEXT))
        cue = next(s for s in store.suggestions(article_id) if s.text == "أضاف")
        store.accept_suggestions([cue.id], "salma")
    return db


def test_label_studio_gets_pending_suggestions_as_predictions(tmp_path: Path) -> None:
    db = _db(tmp_path)
    out = tmp_path / "ls.json"
    result = CliRunner().invoke(
        cli, ["export", str(db), str(out), "--format", "labelstudio", "--include-suggestions"]
    )
    assert result.exit_code == 0, result.output
    [task] = json.loads(out.read_text(encoding="utf-8"))
    [prediction] = task["predictions"]
    regions = [r for r in prediction["result"] if r["type"] == "labels"]
    points = list(task["data"]["text"])  # Label Studio slices by code point
    texts = set()
    for region in regions:
        value = region["value"]
        assert "".join(points[value["start"] : value["end"]]) == value["text"]
        assert 0 < region["score"] <= 1
        texts.add((value["labels"][0], value["text"]))
    assert ("SOURCE", "المتحدث باسم الوزارة") in texts
    assert ("CUE", "أضاف") not in texts, "an accepted suggestion is an annotation now"
    ids = {r["id"] for r in regions}
    relations = [r for r in prediction["result"] if r["type"] == "relation"]
    assert relations and all(r["from_id"] in ids and r["to_id"] in ids for r in relations)
    assert prediction["model_version"] == "patterns"
    [annotation] = task["annotations"]
    assert [r["value"]["text"] for r in annotation["result"]] == ["أضاف"]


def test_exports_leave_pending_suggestions_out_unless_asked(tmp_path: Path) -> None:
    db = _db(tmp_path)
    out = tmp_path / "ls.json"
    result = CliRunner().invoke(cli, ["export", str(db), str(out), "--format", "labelstudio"])
    assert result.exit_code == 0, result.output
    [task] = json.loads(out.read_text(encoding="utf-8"))
    assert "predictions" not in task
    jsonl = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        cli, ["export", str(db), str(jsonl), "--format", "jsonl", "--include-suggestions"]
    )
    assert result.exit_code == 0, result.output
    assert "jsonl has no predictions: pending suggestions are left out" in result.output
    [line] = jsonl.read_text(encoding="utf-8").splitlines()
    assert [a["text"] for a in json.loads(line)["annotations"]] == ["أضاف"]
