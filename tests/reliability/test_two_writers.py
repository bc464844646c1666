"""Two processes writing one database: nobody sees "database is locked", nothing is lost.

ANNOTATOR_STRESS=1 runs the full 20 trials; otherwise a few run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.bench.measures import synthetic_articles
from annotator.core.model import NewArticle
from annotator.core.text import canonicalise
from annotator.storage import open_store

TRIALS = 20 if os.environ.get("ANNOTATOR_STRESS") else 2
WORKER = Path(__file__).with_name("kill_worker.py")


def _corpus(path: Path, start: int, count: int) -> set[str]:
    texts = list(synthetic_articles(start + count, size=2000))[start:]
    with path.open("w", encoding="utf-8") as fh:
        for text in texts:
            fh.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    return {canonicalise(t) for t in texts}


def _import(db: Path, corpus: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "annotator", "import", str(db), str(corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("trial", range(TRIALS))
def test_two_imports_at_once(tmp_path: Path, trial: int) -> None:
    db = tmp_path / "shared.db"
    expected = _corpus(tmp_path / "a.jsonl", 0, 1200) | _corpus(tmp_path / "b.jsonl", 1200, 1200)
    procs = [_import(db, tmp_path / "a.jsonl"), _import(db, tmp_path / "b.jsonl")]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err and "Imported 1200 articles" in out
    with open_store(db, readonly=True) as store:
        stored = {store.article_text(i) for i in store.article_ids()}
    assert stored == expected
    assert not list(tmp_path.glob("*.creating*"))


def test_annotating_while_an_import_runs(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    with open_store(db) as store:
        article = store.add_article(
            NewArticle(text=canonicalise(next(synthetic_articles(1, size=3000))))
        )[0]
    expected = _corpus(tmp_path / "a.jsonl", 5, 2000)
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), str(db), str(article), "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout is not None and worker.stdout.readline().startswith("READY")
    importer = _import(db, tmp_path / "a.jsonl")
    out, err = importer.communicate(timeout=120)
    worker.terminate()
    w_out, w_err = worker.communicate(timeout=30)
    assert importer.returncode == 0 and "locked" not in err, err
    assert "Traceback" not in w_err and "locked" not in w_err, w_err
    acks = [json.loads(line[4:]) for line in w_out.splitlines() if line.startswith("ACK ")]
    assert len(acks) > 10
    with open_store(db, readonly=True) as store:
        assert len(store.article_ids()) == 2001
        imported = {store.article_text(i) for i in store.article_ids() if i != article}
        assert imported == expected
        assert store.annotations(article)  # the annotator's work is there
