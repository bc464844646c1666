"""What a killed command leaves is cleared, OUT is never lost, and a merge checks every
input before it writes: real processes, real kills."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.bench.measures import write_corpus_jsonl
from annotator.core.model import NewArticle
from annotator.core.schema import loads
from annotator.formats import staging
from annotator.formats.importer import import_paths
from annotator.storage import open_store

CLI = [sys.executable, "-m", "annotator"]
TRIALS = 10 if os.environ.get("ANNOTATOR_STRESS") else 3
ARTICLES = 1500


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus_jsonl(folder / "c.jsonl", ARTICLES, size=4000)
    db = folder / "corpus.db"
    with open_store(db) as store:
        import_paths(store, [folder / "c.jsonl"])
        with store.transaction():
            for article in store.article_ids():
                store.create_annotation(article, "CLAIM", 0, 3, "salma")
    return db


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _kill_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool], limit: float = 60) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.005)
    proc.wait()
    return False


def test_a_killed_export_leaves_nothing_after_the_next_one(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [*CLI, "export", str(corpus_db), str(out), "--format", "jsonl", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def half_written() -> bool:
        return any(p.stat().st_size > 1_000_000 for p in tmp_path.glob(".out.jsonl.*.tmp"))

    assert _kill_when(proc, half_written), "the export ended before it could be killed"
    assert list(tmp_path.glob(".out.jsonl.*")), "the kill left nothing to clear"
    assert not out.exists()
    done = subprocess.run(
        [*CLI, "export", str(corpus_db), str(out), "--format", "jsonl", "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]
    assert len(out.read_text(encoding="utf-8").splitlines()) == ARTICLES


def test_a_killed_force_export_never_loses_out(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    first = subprocess.run(
        [*CLI, "export", str(corpus_db), str(out), "--format", "brat", "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert first.returncode == 0, first.stderr
    started = time.monotonic()
    subprocess.run(
        [*CLI, "export", str(corpus_db), str(out), "--format", "brat", "--force", "-q"],
        check=True,
        timeout=300,
    )
    full = time.monotonic() - started
    rng = random.Random(5)
    for _trial in range(TRIALS):
        proc = subprocess.Popen(
            [*CLI, "export", str(corpus_db), str(out), "--format", "brat", "--force", "-q"],
        )
        # Late in the run, when the new folder is being put in place.
        time.sleep(full * rng.uniform(0.75, 1.05))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert out.is_dir(), "OUT went missing"
        assert len(list(out.glob("*.ann"))) == ARTICLES
    subprocess.run(
        [*CLI, "export", str(corpus_db), str(out), "--format", "brat", "--force", "-q"],
        check=True,
        timeout=300,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brat"]


def test_an_out_moved_aside_by_a_dead_export_is_put_back(tmp_path: Path) -> None:
    # Where renaming two folders at once is not possible, the old OUT is moved aside
    # first; a process that died right then left this.
    aside = tmp_path / f".brat.{_dead_pid()}.abcd.old"
    (aside / "brat").mkdir(parents=True)
    (aside / "brat" / "a.ann").write_text("T1\tCLAIM 0 3\tقال\n", encoding="utf-8")
    staging.clear_leftovers(tmp_path, "brat")
    assert (tmp_path / "brat" / "a.ann").read_text(encoding="utf-8").startswith("T1")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brat"]


def test_half_built_databases_of_dead_processes_are_cleared(tmp_path: Path) -> None:
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = tmp_path / f".new.db.{_dead_pid()}.ab12.creating"
        dead.write_bytes(b"x" * 4096)
        Path(f"{dead}-wal").write_bytes(b"x")
        busy = tmp_path / f".new.db.{live.pid}.cd34.creating"
        busy.write_bytes(b"x" * 4096)
        with open_store(tmp_path / "new.db") as store:
            store.add_article(NewArticle(text="قال الوزير"))
        assert not dead.exists() and not Path(f"{dead}-wal").exists()
        assert busy.exists()
    finally:
        live.kill()
        live.wait()


def test_a_database_is_never_made_under_the_name_of_a_wal(tmp_path: Path) -> None:
    x = tmp_path / "x.db"
    with open_store(x) as store:
        store.add_article(NewArticle(text="قال الوزير"))
    source = tmp_path / "salma.db"
    with open_store(source) as store:
        store.add_article(NewArticle(text="أكدت الوزارة"))
    for name in ("x.db-wal", "x.db-shm", "x.db-journal"):
        done = subprocess.run(
            [*CLI, "merge", str(tmp_path / name), str(source)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, done.stderr
        assert "choose a name that does not end in" in done.stderr
        assert not (tmp_path / name).exists()
    conn = sqlite3.connect(x)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    conn.close()


def test_a_bad_second_input_stops_the_merge_before_it_writes(tmp_path: Path) -> None:
    first = tmp_path / "salma.db"
    with open_store(first) as store:
        aid, _ = store.add_article(NewArticle(text="قال الوزير"))
        store.create_annotation(aid, "CUE", 0, 3, "salma")
    other = loads('[labels.CLAIM]\ncolor = "#112233"\nkey = "1"\n')
    second = tmp_path / "omar.db"
    with open_store(second, schema=other) as store:
        store.add_article(NewArticle(text="أكدت الوزارة"))
    team = tmp_path / "team.db"
    for existing in (False, True):
        done = subprocess.run(
            [*CLI, "merge", str(team), str(first), str(second)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, done.stderr
        assert "omar.db has a different schema" in done.stderr
        if not existing:
            assert not team.exists()
            with open_store(team) as store:
                store.add_article(NewArticle(text="نص سابق"))
        else:
            with open_store(team, readonly=True) as store:
                assert store.count_articles() == 1 and store.stats()["annotator"] == {}
