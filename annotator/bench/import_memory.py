"""Peak memory of an import of large articles, measured in a fresh process.

``python -m annotator.bench.import_memory CORPUS DB [BATCH_BYTES]`` imports CORPUS into
DB and prints one JSON line: the process's resident size before the import (interpreter
and modules) and its peak (VmHWM where Linux gives it), and the peak of its reading
process (ru_maxrss of the
children it waited for). The bench and the test suite run it so that no other work's
memory counts.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from annotator.bench.measures import synthetic_articles


def write_large_corpus(path: Path, articles: int, size_bytes: int) -> int:
    """A JSON Lines file of ``articles`` distinct articles of about ``size_bytes`` bytes of
    UTF-8 each, written one at a time; returns the file's size."""
    # The synthetic text takes about 1.8 bytes of UTF-8 per character.
    chars = int(size_bytes / 1.8)
    with path.open("w", encoding="utf-8") as fh:
        for n, text in enumerate(synthetic_articles(articles, chars, seed=11)):
            fh.write(json.dumps({"title": f"large {n}", "text": text}, ensure_ascii=False))
            fh.write("\n")
    return path.stat().st_size


def _mb(kilobytes: int) -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    return kilobytes / (1024 * 1024) if sys.platform == "darwin" else kilobytes / 1024


def _own_peak_kb() -> int:
    """This process's peak resident size in kilobytes.

    On Linux, ru_maxrss survives fork and exec: a process started by a large one (the
    bench, after building its corpus) would report its parent's size. VmHWM belongs to
    the process's own memory, so it is read where it exists.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                kb = int(line.split()[1])
                return kb * 1024 if sys.platform == "darwin" else kb
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def import_in_child(corpus: Path, db: Path, batch_bytes: int | None = None) -> dict[str, float]:
    """Run the import of ``corpus`` in a fresh process; its memory figures in MB."""
    args = [sys.executable, "-m", "annotator.bench.import_memory", str(corpus), str(db)]
    if batch_bytes is not None:
        args.append(str(batch_bytes))
    result = subprocess.run(args, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise RuntimeError(f"the import failed: {result.stderr.strip()[-800:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_import_memory(articles: int, size_bytes: int) -> dict[str, float]:
    """Memory of importing ``articles`` articles of ``size_bytes`` each (see
    ``import_in_child``), with the corpus's size in MB."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "large.jsonl"
        size = write_large_corpus(corpus, articles, size_bytes)
        figures = import_in_child(corpus, Path(tmp) / "large.db")
    return figures | {"corpus_mb": size / 1024 / 1024}


def main(argv: list[str]) -> None:
    from annotator.formats import importer, pipeline
    from annotator.formats.importer import import_paths
    from annotator.storage import open_store

    corpus, db = Path(argv[0]), Path(argv[1])
    if len(argv) > 2:
        pipeline.BATCH_BYTES = importer.BATCH_BYTES = int(argv[2])
    with open_store(db) as store:
        # After the store is made (its migrations load modules of their own), so that
        # the growth is the import's.
        before = _own_peak_kb()
        report = import_paths(store, [corpus])
        searchable = len(store.search("large"))
    own = _own_peak_kb()
    reader = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "before_mb": _mb(before),
                "peak_mb": _mb(own),
                "reader_peak_mb": _mb(reader),
                "imported": len(report.imported),
                "searchable": searchable,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
