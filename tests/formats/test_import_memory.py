"""Import memory is bounded by bytes, not by the number of articles.

A batch of 500 articles of 1 MB would hold gigabytes. Here 60 articles of 250 KB (15 MB)
are imported in a fresh process with batches of 1 MB: neither the writing process nor
the reading one may grow by more than a few batches. Held in one batch, as records-only
batching would, they grow by over 50 MB each.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from annotator.bench.import_memory import import_in_child, write_large_corpus


@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage")
def test_memory_of_an_import_is_bounded_by_bytes(tmp_path: Path) -> None:
    corpus = tmp_path / "large.jsonl"
    assert write_large_corpus(corpus, 60, 250_000) > 14 * 1024 * 1024
    figures = import_in_child(corpus, tmp_path / "large.db", batch_bytes=1_000_000)
    assert figures["imported"] == 60 and figures["searchable"] == 60
    assert figures["peak_mb"] - figures["before_mb"] < 30, figures
    assert figures["reader_peak_mb"] - figures["before_mb"] < 30, figures
