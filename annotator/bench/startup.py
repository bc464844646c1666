"""Whole-process timings of short commands, each run interleaved with its bare baseline.

A short command's cost is mostly the interpreter and its imports, so it is timed as the
user meets it: a fresh process, from its start to its exit. Bytecode caching is allowed
in the timed processes (an installed package has its .pyc files, as the baseline's
click and sqlite3 do), and one untimed run of each command comes first.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The baseline: an interpreter that loads what a command line over SQLite needs at least.
BARE_CLI = [sys.executable, "-c", "import sqlite3, click"]
SMALL_DB_ARTICLES = 20


def python_env() -> dict[str, str]:
    """The environment of a timed process: as the user's, with .pyc files used and kept."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run(command: list[str]) -> float:
    begin = time.perf_counter()
    result = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=python_env(), timeout=300
    )
    elapsed = time.perf_counter() - begin
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stderr.decode()[-400:]}")
    return elapsed


def interleaved(commands: dict[str, list[str]], repeat: int) -> dict[str, list[float]]:
    """Seconds per run of each command, the commands taking turns (after one warm-up)."""
    for command in commands.values():
        _run(command)
    runs: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(max(1, repeat)):
        for name, command in commands.items():
            runs[name].append(_run(command))
    return runs


def make_small_db(path: Path, articles: int = SMALL_DB_ARTICLES) -> None:
    from annotator.core.model import NewArticle
    from annotator.storage import open_store

    with open_store(path) as store:
        for n in range(articles):
            store.add_article(
                NewArticle(text=f"قال المتحدث إن الاجتماع رقم {n} انتهى.", title=f"خبر {n}")
            )


def measure_cli(repeat: int) -> dict[str, list[float]]:
    """``annotator --help`` and ``annotator list`` on a small database, and the baseline.

    Returns:
        Seconds per run under "help", "list" and "bare".
    """
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "small.db"
        make_small_db(db)
        annotator = [sys.executable, "-m", "annotator"]
        return interleaved(
            {
                "bare": BARE_CLI,
                "help": [*annotator, "--help"],
                "list": [*annotator, "list", str(db)],
            },
            repeat,
        )
