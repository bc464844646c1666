"""Kill -9 at random moments: every acknowledged change survives, nothing is half done.

A worker process annotates through the core commands and the store (the window's code
path) and acknowledges each change after its call returned. The test kills it with
SIGKILL at a random moment, reopens the database and checks it. ANNOTATOR_STRESS=1
runs the full 50 trials; otherwise a few run.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from annotator.core.model import NewArticle
from annotator.core.text import canonicalise
from annotator.paths import sample_paths
from annotator.storage import open_store

WORKER = Path(__file__).with_name("kill_worker.py")
TRIALS = 50 if os.environ.get("ANNOTATOR_STRESS") else 4


def _db_state(path: Path, article_id: int) -> dict:
    with open_store(path, readonly=True) as store:
        return {
            "annotations": {
                str(a.id): [a.label, a.start, a.end, a.text, a.attributes, a.note]
                for a in store.annotations(article_id)
            },
            "relations": {
                str(r.id): [r.type, r.from_id, r.to_id] for r in store.relations(article_id)
            },
        }


def _check_consistent(path: Path, article_id: int) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute(
            "SELECT count(*) FROM relations r "
            "WHERE NOT EXISTS (SELECT 1 FROM annotations a WHERE a.id = r.from_id) "
            "OR NOT EXISTS (SELECT 1 FROM annotations a WHERE a.id = r.to_id)"
        ).fetchone()[0]
        assert orphans == 0
        text = conn.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
        for start, end, covered in conn.execute('SELECT start, "end", text FROM annotations'):
            assert text[start:end] == covered
    finally:
        conn.close()


def _diff(before: dict, after: dict) -> tuple[dict, dict]:
    changed: dict = {}
    for kind in ("annotations", "relations"):
        keys = set(before[kind]) | set(after[kind])
        changed[kind] = {k for k in keys if before[kind].get(k) != after[kind].get(k)}
    return changed, after


def _explained(pending: dict, acked: dict, found: dict) -> bool:
    """Whether ``found`` is ``acked`` plus exactly the one change that was in flight."""
    changed, _ = _diff(acked, found)
    anns, rels = changed["annotations"], changed["relations"]
    op = pending["op"]
    if op == "create":
        return (
            len(anns) == 1
            and not rels
            and found["annotations"][next(iter(anns))][:3]
            == [pending["label"], pending["start"], pending["end"]]
        )
    if op == "link":
        return (
            not anns
            and len(rels) == 1
            and found["relations"][next(iter(rels))][1:] == [pending["from"], pending["to"]]
        )
    if op == "unlink":
        return (
            not anns
            and rels == {str(pending["id"])}
            and str(pending["id"]) not in found["relations"]
        )
    if op == "update":
        return anns == {str(pending["id"])} and not rels
    # delete, and undo of any single command: one annotation and its relations.
    if len(anns) > 1:
        return False
    touched = {int(a) for a in anns}
    for rel_id in rels:
        rel = found["relations"].get(rel_id) or acked["relations"][rel_id]
        if not touched & {rel[1], rel[2]} and anns:
            return False
    return len(anns) == 1 or (op == "undo" and len(rels) <= 1 and not anns)


@pytest.fixture
def article(db_path: Path) -> int:
    with open_store(db_path) as store:
        text = canonicalise(sample_paths()[0].read_text(encoding="utf-8"))
        return store.add_article(NewArticle(text=text, title="sample"))[0]


@pytest.mark.parametrize("trial", range(TRIALS))
def test_kill_at_a_random_moment_loses_nothing_acknowledged(
    db_path: Path, article: int, trial: int
) -> None:
    rng = random.Random(trial)
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), str(db_path), str(article), str(trial)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith("READY"), proc.stderr.read() if proc.stderr else first
    acked = json.loads(first.split(" ", 1)[1])
    pending: dict | None = None
    lines: list[str] = []

    def read() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    delay = rng.uniform(0.05, 0.8)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    reader.join(10)
    proc.stdout.close()
    proc.stderr.close()  # type: ignore[union-attr]
    assert proc.returncode == -signal.SIGKILL
    for line in lines:
        if line.startswith("BEGIN "):
            pending = json.loads(line[6:])
        elif line.startswith("ACK ") and line.endswith("\n"):
            acked, pending = json.loads(line[4:]), None
    if delay > 0.4:
        assert any(line.startswith("ACK") for line in lines), (
            "the worker made no change before the kill"
        )

    _check_consistent(db_path, article)
    found = _db_state(db_path, article)
    if found != acked:
        assert pending is not None, (
            "the database differs from the last acknowledged state with nothing in flight"
        )
        assert _explained(pending, acked, found), (
            f"in flight {pending}, but found changes {_diff(acked, found)[0]}"
        )
