"""A large merge or import into the file a window holds never locks the window out.

Real processes: a writer marking through the window's command path times every mark
while `annotator merge` or `annotator import` writes tens of thousands of annotations
into the same file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.bench.measures import synthetic_articles
from annotator.core.model import NewArticle
from annotator.core.text import canonicalise
from annotator.storage import open_store

WORKER = Path(__file__).with_name("mark_worker.py")
CLI = [sys.executable, "-m", "annotator"]
ARTICLES = 4000 if os.environ.get("ANNOTATOR_STRESS") else 1000
PER_ARTICLE = 40
# "Well under a second": what the window may wait for one mark.
LIMIT_SECONDS = 0.6


@pytest.fixture(scope="module")
def big_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An annotator's database with ARTICLES articles of PER_ARTICLE annotations each."""
    db = tmp_path_factory.mktemp("input") / "omar.db"
    with open_store(db) as store, store.transaction():
        for text in synthetic_articles(ARTICLES, size=800):
            text = canonicalise(text)
            aid, _ = store.add_article(NewArticle(text=text))
            rows = []
            for n in range(PER_ARTICLE):
                start = n * 15
                rows.append((aid, "CLAIM", start, start + 10, text[start : start + 10]))
            store.db.conn.executemany(
                'INSERT INTO annotations (article_id, label, start, "end", text, annotator, '
                "created, modified) VALUES (?, ?, ?, ?, ?, 'omar', 'x', 'x')",
                rows,
            )
    return db


def _window_waits(db: Path, command: list[str]) -> tuple[list[float], float]:
    with open_store(db) as store:
        aid, _ = store.add_article(NewArticle(text="قال الوزير إن المحادثات مستمرة"))
    marker = subprocess.Popen(
        [sys.executable, str(WORKER), str(db), str(aid)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert marker.stdout is not None and marker.stdin is not None
    assert marker.stdout.readline().strip() == "READY"
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    took = time.monotonic() - started
    marker.stdin.close()
    out = marker.stdout.read()
    marker.stdout.close()
    marker.wait(60)
    assert done.returncode == 0, done.stderr
    assert marker.returncode == 0
    waits = [float(line.split()[1]) for line in out.splitlines() if line.startswith("WAIT")]
    return waits, took


def _longest_wait_within_limit(
    tmp_path: Path, name: str, command: Callable[[Path], list[str]]
) -> tuple[Path, list[float], float]:
    """The window's waits during ``command`` on a fresh database; measured once more when
    the longest is over the limit: a mark that missed two of the long write's pauses
    because the machine gave neither process a core then says nothing of the write,
    while a write that holds the lock for longer misses the limit both times."""
    for attempt in range(2):
        db = tmp_path / f"{name}{attempt}.db"
        waits, took = _window_waits(db, command(db))
        if waits and max(waits) < LIMIT_SECONDS:
            break
    return db, waits, took


def test_a_large_merge_never_locks_the_window_out(big_input: Path, tmp_path: Path) -> None:
    db, waits, took = _longest_wait_within_limit(
        tmp_path, "team", lambda db: [*CLI, "merge", str(db), str(big_input)]
    )
    with open_store(db, readonly=True) as store:
        assert store.count_articles() == ARTICLES + 1
        assert store.stats()["annotator"]["omar"] == ARTICLES * PER_ARTICLE
    print(
        f"merge of {ARTICLES * PER_ARTICLE:,} annotations: {took:.1f} s; window: "
        f"{len(waits)} steps, longest wait {max(waits):.3f} s"
    )
    assert len(waits) > 10
    assert max(waits) < LIMIT_SECONDS


def test_a_large_import_never_locks_the_window_out(big_input: Path, tmp_path: Path) -> None:
    exported = tmp_path / "omar.jsonl"
    done = subprocess.run(
        [*CLI, "export", str(big_input), str(exported), "--format", "jsonl", "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    db, waits, took = _longest_wait_within_limit(
        tmp_path, "work", lambda db: [*CLI, "import", str(db), str(exported), "-q"]
    )
    with open_store(db, readonly=True) as store:
        assert store.count_articles() == ARTICLES + 1
        assert store.stats()["annotator"]["omar"] == ARTICLES * PER_ARTICLE
    print(
        f"import of {ARTICLES * PER_ARTICLE:,} annotations: {took:.1f} s; window: "
        f"{len(waits)} steps, longest wait {max(waits):.3f} s"
    )
    assert len(waits) > 10
    assert max(waits) < LIMIT_SECONDS
