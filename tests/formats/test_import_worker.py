"""A large import reads in a worker process: the same database as reading in-process,
one line for every refusal, the worker ended on errors, on cancel and on Ctrl+C."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.records import ImportRecord, Skip
from annotator.formats import pipeline
from annotator.formats.base import ImportOptions
from annotator.formats.importer import ImportReport, import_paths, read_file
from annotator.storage import open_store

ARABIC = "قالَ المتحدث باسم الوزارة 😀 إن النقاش كان «مهنيا وبناء»، وفقا لوكالة Reuters"


def _corpus(folder: Path) -> list[Path]:
    """Good lines, a duplicate, damaged UTF-8, malformed JSON, presentation forms, a
    plain text file and a binary one."""
    folder.mkdir()
    lines = [
        json.dumps(
            {"title": f"مقال {n}", "text": f"{ARABIC} {n}"}, ensure_ascii=n % 2 == 0
        ).encode()
        for n in range(120)
    ]
    lines.insert(10, lines[3])
    lines.insert(20, "قال الوزير".encode() * 30 + b"\xff" + b'"}')
    lines.insert(30, b'{"text": "x"')
    lines.insert(40, json.dumps({"text": "\ufefb \ufe8f\ufe90"}).encode())
    (folder / "feed.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    (folder / "one.txt").write_text("وأضاف أن الوزارة بالوزارة", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    return [folder]


def _content(db: Path) -> tuple[list[tuple[object, ...]], dict[str, list[int]]]:
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT id, title, text, status, meta, text_sha256 FROM articles ORDER BY id"
    ).fetchall()
    conn.close()
    with open_store(db, readonly=True) as store:
        found = {q: store.search(q) for q in ("وزارة", "لا", "مهنيا", "Reuters", "117")}
    return rows, found


def _reasons(report: ImportReport) -> list[tuple[str, str]]:
    return [(s.where, s.reason) for s in report.skipped]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_worker_stores_what_reading_in_process_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    paths = _corpus(tmp_path / "in")
    with open_store(tmp_path / "here.db") as store:
        here = import_paths(store, paths)
    monkeypatch.setattr(pipeline, "WORKER_BYTES", 0)
    monkeypatch.setattr(pipeline, "_context", lambda: pipeline.multiprocessing.get_context(method))
    with open_store(tmp_path / "worker.db") as store:
        there = import_paths(store, paths)
    assert len(there.imported) == len(here.imported) == 122
    assert there.duplicates == here.duplicates and len(there.duplicates) == 1
    assert _reasons(there) == _reasons(here)
    reasons = dict(_reasons(there))
    feed = str(tmp_path / "in" / "feed.jsonl")
    assert "not valid UTF-8 at byte 570" in reasons[f"{feed}:21"]
    assert reasons[f"{feed}:31"].startswith("malformed JSON")
    assert reasons[str(tmp_path / "in" / "image.txt")].startswith("binary file")
    ours, theirs = _content(tmp_path / "worker.db"), _content(tmp_path / "here.db")
    assert [r[:4] for r in ours[0]] == [r[:4] for r in theirs[0]]
    assert ours[1] == theirs[1]
    assert len(ours[1]["وزارة"]) == 121 and ours[1]["لا"] and len(ours[1]["117"]) == 1


def _failing_reader(path: Path, options: ImportOptions) -> Iterator[ImportRecord | Skip]:
    items = read_file(path, options)
    for n, item in enumerate(items):
        if n == 50:
            raise ZeroDivisionError("a bug in a reader")
        yield item


def _dying_reader(path: Path, options: ImportOptions) -> Iterator[ImportRecord | Skip]:
    yield from list(read_file(path, options))[:5]
    os._exit(9)


def _fork() -> object:
    return pipeline.multiprocessing.get_context("fork")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork")
def test_a_bug_in_the_worker_is_raised_in_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _corpus(tmp_path / "in")
    monkeypatch.setattr(pipeline, "_context", _fork)
    monkeypatch.setattr(pipeline, "WORKER_BYTES", 0)
    items = pipeline.prepared_items(
        [paths[0] / "feed.jsonl"], ImportOptions(), _failing_reader, 10**9
    )
    with pytest.raises(ZeroDivisionError, match="a bug in a reader"):
        list(items)
    assert not pipeline.multiprocessing.active_children()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork")
def test_a_worker_that_dies_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _corpus(tmp_path / "in")
    monkeypatch.setattr(pipeline, "_context", _fork)
    monkeypatch.setattr(pipeline, "WORKER_BYTES", 0)
    got = []
    with pytest.raises(AnnotatorError, match=r"stopped unexpectedly \(exit code 9\)") as info:
        for item in pipeline.prepared_items(
            [paths[0] / "feed.jsonl"], ImportOptions(), _dying_reader, 10**9
        ):
            got.append(item)
    assert "\n" not in str(info.value)
    assert len(got) < 124
    assert not pipeline.multiprocessing.active_children()


def test_a_cancelled_import_ends_its_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _corpus(tmp_path / "in")
    monkeypatch.setattr(pipeline, "WORKER_BYTES", 0)
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return len(calls) < 30

    with open_store(tmp_path / "c.db") as store:
        report = import_paths(store, paths, ImportOptions(), progress)
        stored = store.count_articles()
        assert len(store.search("وزارة")) == stored
    assert report.cancelled and 0 < stored == len(report.imported) < 122
    assert not pipeline.multiprocessing.active_children()


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
def test_ctrl_c_ends_the_import_and_its_worker_in_one_line(tmp_path: Path) -> None:
    from annotator.bench.measures import write_corpus_jsonl

    corpus = tmp_path / "big.jsonl"
    write_corpus_jsonl(corpus, 6000)
    db = tmp_path / "w.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "annotator", "import", str(db), str(corpus), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        workers = _children(proc.pid)
    assert workers, "no reading process was started"
    time.sleep(0.5)
    # Ctrl+C in a terminal: SIGINT to the whole process group.
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    # click's own line for an interrupted command, and nothing from the worker.
    assert proc.returncode != 0
    assert err.strip().splitlines() == ["Aborted!"], err
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text()
    conn = sqlite3.connect(db)
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    assert articles < 6000
    with open_store(db, readonly=True) as store:
        # Every stored article is whole and searchable.
        assert len(store.search("مقال")) == articles == store.count_articles()
