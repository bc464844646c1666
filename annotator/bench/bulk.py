"""Benchmarks of whole annotated articles in and out: the native import with its
annotations, and the memory of an export."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from annotator.bench.measures import (
    bare_connection,
    build_annotated_db,
    sample_times,
    store_tables_sql,
)
from annotator.core.text import sha256_hex


def _native_rows(
    lines: list[dict[str, Any]],
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The article, annotation and relation rows of native lines, ids remapped from 1,
    with the columns the store writes."""
    stamp = "2026-01-01T00:00:00.000Z"
    articles: list[tuple[Any, ...]] = []
    annotations: list[tuple[Any, ...]] = []
    relations: list[tuple[Any, ...]] = []
    ann_id = 0
    for article_id, line in enumerate(lines, 1):
        articles.append(
            (
                article_id,
                line["title"],
                line["text"],
                line["status"],
                line["source"],
                line["url"],
                line["published"],
                json.dumps(line["meta"], ensure_ascii=False),
                sha256_hex(line["text"]),
                stamp,
            )
        )
        ids = {}
        for ann in line["annotations"]:
            ann_id += 1
            ids[ann["id"]] = ann_id
            annotations.append(
                (
                    ann_id,
                    article_id,
                    ann["label"],
                    ann["start"],
                    ann["end"],
                    ann["text"],
                    json.dumps(ann["attributes"], ensure_ascii=False),
                    ann["note"],
                    ann["annotator"],
                    ann["created"],
                    ann["modified"],
                )
            )
        relations.extend(
            (article_id, rel["type"], ids[rel["from"]], ids[rel["to"]], rel["annotator"], stamp)
            for rel in line["relations"]
        )
    return articles, annotations, relations


def bare_native_import(db_path: Path, lines: list[dict[str, Any]], tables: list[str]) -> None:
    """The baseline: raw sqlite3 executemany of the same article, annotation and
    relation rows (same columns), in one transaction, with the store's pragmas, into the
    same tables with the same indexes and constraints (``tables``: their statements, see
    ``store_tables_sql``)."""
    conn = bare_connection(db_path, tables)
    articles, annotations, relations = _native_rows(lines)
    with conn:
        conn.executemany(f"INSERT INTO articles VALUES ({', '.join('?' * 10)})", articles)
        conn.executemany(
            'INSERT INTO annotations (id, article_id, label, start, "end", text, attributes, '
            "note, annotator, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            annotations,
        )
        conn.executemany(
            "INSERT INTO relations (article_id, type, from_id, to_id, annotator, created) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            relations,
        )
    conn.close()


def measure_native_import(annotations: int, repeat: int) -> tuple[list[float], list[float], int]:
    """Seconds to import annotator's own jsonl export of ``annotations`` annotations
    (5 KB articles with 100 spans each, and their links) into a fresh database, and
    for the bare baseline; ``repeat`` runs of each, alternated. Also the links."""
    from annotator.formats.export import export
    from annotator.formats.importer import import_paths
    from annotator.storage import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "source.db"
        links = build_annotated_db(source, annotations)
        corpus = folder / "corpus.jsonl"
        with open_store(source, readonly=True) as store:
            export(store, corpus, "jsonl")
        with corpus.open(encoding="utf-8") as fh:
            lines = [json.loads(line) for line in fh]
        tables = store_tables_sql(("articles", "annotations", "relations"))
        counter = iter(range(10_000))

        def ours() -> None:
            with open_store(folder / f"ours{next(counter)}.db") as store:
                report = import_paths(store, [corpus])
            if report.annotations != annotations or report.skipped:
                raise RuntimeError(f"imported {report.annotations} of {annotations}")

        def baseline() -> None:
            bare_native_import(folder / f"base{next(counter)}.db", lines, tables)

        ours_t: list[float] = []
        base_t: list[float] = []
        for _ in range(repeat):
            base_t += sample_times(baseline, 1)
            ours_t += sample_times(ours, 1)
    return ours_t, base_t, links


# Runs the command line and reports its own peak resident memory on exit. The peak of
# the process alone: getrusage's figure would include the parent's memory at the fork.
_PEAK_CHILD = """
import atexit, resource, sys

def _peak():
    try:
        with open("/proc/self/status") as fh:
            kb = next(int(x.split()[1]) for x in fh if x.startswith("VmHWM:"))
    except OSError:
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stderr.write(f"\\npeak-kb {kb}\\n")

atexit.register(_peak)
from annotator.cli import main
sys.argv = ["annotator", *sys.argv[1:]]
main()
"""


def peak_rss_mb(args: list[str]) -> float:
    """Peak resident memory, in MB, of ``annotator ARGS`` run to its end."""
    result = subprocess.run(
        [sys.executable, "-c", _PEAK_CHILD, *args], capture_output=True, text=True, timeout=900
    )
    lines = result.stderr.strip().splitlines()
    if result.returncode != 0 or not lines or not lines[-1].startswith("peak-kb "):
        raise RuntimeError(f"annotator {' '.join(args)} failed: {result.stderr.strip()[-400:]}")
    return int(lines[-1].split()[1]) / 1024


def measure_export_memory(annotations: int, smaller: int) -> tuple[float, float]:
    """Peak memory (MB) of ``annotator export --format jsonl`` as a process, on a
    database of ``annotations`` annotations and on one of ``smaller``: flat when the
    two are about the same."""
    peaks = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in (annotations, smaller):
            db = Path(tmp) / f"{count}.db"
            build_annotated_db(db, count)
            out = Path(tmp) / f"{count}.jsonl"
            peaks.append(peak_rss_mb(["export", str(db), str(out), "--format", "jsonl"]))
    return peaks[0], peaks[1]
