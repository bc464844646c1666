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


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss across exec")
def test_a_large_parent_does_not_count_as_the_import_s_memory(tmp_path: Path) -> None:
    """The bench starts the import from a process that has built a large corpus; on
    Linux ru_maxrss survives fork and exec, so the child must not report its parent's
    size as its own peak."""
    import json
    import subprocess

    corpus = tmp_path / "small.jsonl"
    write_large_corpus(corpus, 4, 50_000)
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from annotator.bench.import_memory import import_in_child\n"
        "ballast = bytearray(400 * 1024 * 1024)\n"
        "for i in range(0, len(ballast), 4096):\n"
        "    ballast[i] = 1\n"
        "print(json.dumps(import_in_child(Path(sys.argv[1]), Path(sys.argv[2]))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(corpus), str(tmp_path / "small.db")],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["imported"] == 4
    # The ballast (400 MB) is the parent's; the import itself takes well under 200 MB.
    assert figures["peak_mb"] < 200, figures
