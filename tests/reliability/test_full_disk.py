"""A full disk (simulated with PRAGMA max_page_count): the change that did not fit fails
with a clear message, earlier work is intact, and a retry after space is freed works."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.commands import CommandStack, CreateAnnotation
from annotator.core.errors import StorageError
from annotator.core.model import NewArticle
from annotator.formats.importer import import_paths
from annotator.storage import Store, open_store


def _fill_limit(store: Store, spare_pages: int = 0) -> int:
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + spare_pages}")
    return pages


def test_an_annotation_that_does_not_fit(store: Store, mixed_article: int) -> None:
    stack = CommandStack(store)
    kept = stack.push(CreateAnnotation(mixed_article, "CUE", 0, 3, "salma")).created
    _fill_limit(store)
    big_note = "ملاحظة طويلة " * 5000
    with pytest.raises(StorageError, match="the disk is full; the last change was not saved"):
        store.update_annotation(kept.id, note=big_note)
    assert store.annotation(kept.id).note == ""
    assert [a.id for a in store.annotations(mixed_article)] == [kept.id]
    # Space is freed: the same action now succeeds.
    store.db.execute("PRAGMA max_page_count = 1000000")
    store.update_annotation(kept.id, note=big_note)
    assert store.annotation(kept.id).note == big_note


def test_an_import_that_runs_out_of_space_keeps_what_was_committed(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.bench.measures import write_corpus_jsonl
    from annotator.formats import importer, pipeline

    # Batches of 100 articles from the first one (not the small first ones by bytes).
    monkeypatch.setattr(pipeline, "FIRST_BATCH_BYTES", pipeline.BATCH_BYTES)

    corpus = tmp_path / "c.jsonl"
    write_corpus_jsonl(corpus, 1200, size=3000)
    with open_store(db_path) as store:
        store.add_article(NewArticle(text="قديم"))
        _fill_limit(store, spare_pages=700)
        old_batch = importer.BATCH
        importer.BATCH = 100
        try:
            with pytest.raises(StorageError, match="disk is full"):
                import_paths(store, [corpus])
        finally:
            importer.BATCH = old_batch
        count = store.count_articles()
        assert 1 < count < 1201 and (count - 1) % 100 == 0  # whole batches, never half of one
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_the_cli_says_so_in_one_line(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from annotator import cli
    from annotator.bench.measures import write_corpus_jsonl
    from annotator.cli import common

    corpus = tmp_path / "c.jsonl"
    write_corpus_jsonl(corpus, 300, size=3000)
    real_open = common.open_store

    def tiny_disk(*args, **kwargs):  # type: ignore[no-untyped-def]
        store = real_open(*args, **kwargs)
        _fill_limit(store, spare_pages=20)
        return store

    monkeypatch.setattr(common, "open_store", tiny_disk)
    result = CliRunner().invoke(cli.cli, ["import", str(db_path), str(corpus)])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("the disk is full; the last change was not saved")
    assert result.stderr.count("\n") == 1
