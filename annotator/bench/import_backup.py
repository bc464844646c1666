"""A short import into a large database whose backup is due: the whole command.

The command's copy of a database over ``backups.HELPER_OVER`` is made by a helper process
while the import goes on, so the command should cost about what it costs on a small
database, whose copy it makes itself first. Both run as real ``annotator import``
processes with their backup due; the large file is made large by a table of random
bytes (the copy reads every page, whatever they hold).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from annotator.bench.measures import synthetic_articles, write_corpus_jsonl


def _ten(path: Path, seed: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for n, text in enumerate(synthetic_articles(10, seed=seed)):
            fh.write(json.dumps({"title": f"new {seed} {n}", "text": f"{seed} {text}"}) + "\n")


def _command(db: Path, corpus: Path) -> float:
    args = [sys.executable, "-m", "annotator", "import", str(db), str(corpus), "--quiet"]
    begin = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - begin
    if result.returncode != 0:
        raise RuntimeError(f"annotator import failed: {result.stderr.strip()[-800:]}")
    return elapsed


def _wait_for_copy(db: Path, timeout: float = 600) -> None:
    """Until the helper's copy is whole (no partial file left)."""
    from annotator.storage.backups import backup_folder

    folder = backup_folder(db)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(folder.glob("*.db")) and not any(folder.glob("*.partial")):
            return
        time.sleep(0.2)
    raise RuntimeError(f"the backup of {db} was not finished after {timeout:.0f} s")


def measure_import_into_large(size_mb: int, repeat: int) -> tuple[list[float], list[float]]:
    """Seconds of ``annotator import`` of 10 articles into a database of ``size_mb`` MB
    whose backup is due, and into a small one whose backup is due (the baseline)."""
    ours: list[float] = []
    base: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seed = folder / "seed.jsonl"
        write_corpus_jsonl(seed, 10)
        for n in range(repeat):
            large, small = folder / f"large{n}.db", folder / f"small{n}.db"
            for db in (large, small):
                _command(db, seed)
            conn = sqlite3.connect(large)
            with conn:
                conn.execute("CREATE TABLE padding (b BLOB)")
                conn.executemany("INSERT INTO padding VALUES (randomblob(1048576))", [()] * size_mb)
            conn.close()
            corpus = folder / f"ten{n}.jsonl"
            _ten(corpus, n)
            # A new database has no backup yet: both are due.
            base.append(_command(small, corpus))
            ours.append(_command(large, corpus))
            _wait_for_copy(large)
            for path in folder.glob(f"large{n}.db*"):
                if path.is_dir():
                    for child in path.iterdir():
                        child.unlink()
                    path.rmdir()
                else:
                    path.unlink()
    return ours, base
