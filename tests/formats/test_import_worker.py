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
from annotator.core.model import NewArticle
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


def _annotated_corpus(path: Path, count: int) -> dict[str, tuple[int, int]]:
    """Native lines of ``count`` 5 KB articles with 30 spans and 10 links each; returns
    each article's title with its numbers of annotations and links."""
    import re

    from annotator.bench.measures import synthetic_articles
    from annotator.core.text import canonicalise

    expected = {}
    labels = ("SOURCE", "CUE", "CLAIM")
    with path.open("w", encoding="utf-8") as fh:
        for n, raw in enumerate(synthetic_articles(count)):
            text = canonicalise(raw)
            words = [m.span() for m in re.finditer(r"[\u0621-\u064a]{3,}", text)][::7][:30]
            spans = [
                {"id": k, "label": labels[k % 3], "start": a, "end": b, "text": text[a:b]}
                for k, (a, b) in enumerate(words)
            ]
            links = [
                {"type": "ATTRIBUTED_TO", "from": k, "to": k - 2} for k in range(2, len(spans), 3)
            ]
            title = f"article {n}"
            line = {"title": title, "text": text, "annotations": spans, "relations": links}
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            expected[title] = (len(spans), len(links))
    return expected


def _state(pid: int) -> str:
    """The process's state letter ("" when it is gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return ""


def _start_import(
    db: Path, corpus: Path, already: int = 0
) -> tuple[subprocess.Popen[str], list[int]]:
    """``annotator import`` in a session of its own, once its reading process runs and
    the first articles are committed (beyond the ``already`` stored)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "annotator", "import", str(db), str(corpus), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    workers: list[int] = []
    stored = 0
    while (
        (not workers or stored <= already) and time.monotonic() < deadline and proc.poll() is None
    ):
        time.sleep(0.05)
        workers = workers or _children(proc.pid)
        if db.exists():
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
            try:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0  # the tables are not made yet
            conn.close()
    assert workers, "no reading process was started"
    assert stored > already and proc.poll() is None, "the import ended before it was interrupted"
    return proc, workers


def _check_whole(db: Path, expected: dict[str, tuple[int, int]]) -> int:
    """Every stored article has all its annotations and links and is found by search;
    the database is sound. Returns the number of articles."""
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    rows = conn.execute(
        "SELECT a.title, (SELECT count(*) FROM annotations WHERE article_id = a.id), "
        "(SELECT count(*) FROM relations WHERE article_id = a.id) FROM articles a"
    ).fetchall()
    conn.close()
    for title, spans, links in rows:
        assert expected.get(title, (0, 0)) == (spans, links), title
    with open_store(db, readonly=True) as store:
        assert len(store.search("مقال")) == len(rows) == store.count_articles()
    return len(rows)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
def test_ctrl_c_ends_the_import_and_its_worker_in_one_line(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    expected = _annotated_corpus(corpus, 4000)
    db = tmp_path / "w.db"
    with open_store(db) as store:
        store.add_article(NewArticle(text="مقال كان هنا قبل الاستيراد", title="before"))
    proc, workers = _start_import(db, corpus, already=1)
    # Ctrl+C in a terminal: SIGINT to the whole process group.
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(
        "annotator: import interrupted; what was stored before it stays ("
    ), err
    for pid in workers:
        assert _state(pid) in ("", "Z"), f"reading process {pid} left running"
    articles = _check_whole(db, expected)
    assert 1 < articles < 4001
    assert f"({articles - 1:,} new article" in lines[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
def test_a_worker_whose_caller_is_killed_ends_itself(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    expected = _annotated_corpus(corpus, 4000)
    db = tmp_path / "k.db"
    proc, workers = _start_import(db, corpus)
    proc.kill()
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while any(_state(pid) not in ("", "Z") for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_state(pid) in ("", "Z") for pid in workers), "reading process left running"
    # What was committed before the kill is whole.
    assert 0 < _check_whole(db, expected) < 4000
