"""Export, merge and agreement read one snapshot while another process writes.

A real writer process keeps adding claims with their links and deleting claims (their
links go with them); every reading command run meanwhile must see one state: no link
to an annotation it did not read, nothing half of a change.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.bench.measures import write_corpus_jsonl
from annotator.formats.export import export
from annotator.formats.importer import import_paths
from annotator.storage import open_store
from annotator.storage.team import agreement_input, merge_into

WORKER = Path(__file__).with_name("churn_worker.py")
TRIALS = 12 if os.environ.get("ANNOTATOR_STRESS") else 3
ARTICLES = 400


@pytest.fixture(scope="module")
def busy_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("busy")
    db = folder / "work.db"
    write_corpus_jsonl(folder / "corpus.jsonl", ARTICLES, size=600)
    with open_store(db) as store:
        import_paths(store, [folder / "corpus.jsonl"])
        with store.transaction():
            for article in store.article_ids():
                store.create_annotation(article, "SOURCE", 4, 8, "salma")
                for n in range(5):
                    claim = store.create_annotation(article, "CLAIM", 10 + n, 12 + n, "salma")
                    store.create_relation("ATTRIBUTED_TO", claim.id, claim.id - n - 1, "salma")
    return db


@pytest.fixture
def writer(busy_db: Path):  # type: ignore[no-untyped-def]
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), str(busy_db), "1"], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "READY"
    yield proc
    proc.kill()
    proc.wait()
    proc.stdout.close()


def test_jsonl_exports_hold_every_link_end_and_reimport_whole(
    busy_db: Path,
    writer,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    for trial in range(TRIALS):
        out = tmp_path / f"t{trial}.jsonl"
        with open_store(busy_db, readonly=True) as store:
            export(store, out, "jsonl")
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(lines) == ARTICLES
        for line in lines:
            ids = {a["id"] for a in line["annotations"]}
            for rel in line["relations"]:
                assert {rel["from"], rel["to"]} <= ids, (trial, line["id"], rel)
        with open_store(tmp_path / f"again{trial}.db") as again:
            report = import_paths(again, [out])
            assert not report.skipped, report.skipped[:2]
            assert again.count_articles() == ARTICLES


def test_brat_exports_never_break(busy_db: Path, writer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for trial in range(TRIALS):
        out = tmp_path / f"brat{trial}"
        with open_store(busy_db, readonly=True) as store:
            export(store, out, "brat")
        for ann in out.glob("*.ann"):
            lines = ann.read_text(encoding="utf-8").splitlines()
            spans = {line.split("\t")[0] for line in lines if line.startswith("T")}
            for line in lines:
                if line.startswith("R"):
                    args = [a.split(":")[1] for a in line.split("\t")[1].split()[1:]]
                    assert set(args) <= spans, (ann.name, line)


def test_merges_and_agreement_see_one_state(busy_db: Path, writer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for trial in range(TRIALS):
        with open_store(tmp_path / f"team{trial}.db") as team:
            report = merge_into(team, busy_db)
            assert report.articles_added == ARTICLES
            assert team.db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
            assert report.relations_added > 0
        with open_store(busy_db, readonly=True) as store:
            articles = agreement_input(store)
            for art in articles:
                ids = {s.id for spans in art.spans.values() for s in spans}
                for links_of in art.links.values():
                    assert all({link.from_id, link.to_id} <= ids for link in links_of)
