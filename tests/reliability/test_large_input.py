"""A very large input is refused with a clear message and bounded memory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HUGE = 200 * 1024 * 1024

_PROBE = """
import sys
from pathlib import Path
from annotator.formats.importer import import_paths
from annotator.storage import open_store
import annotator.storage.migrations  # what creating the database loads
def status(key):
    return int([l for l in open("/proc/self/status") if l.startswith(key)][0].split()[1])
# What the libraries take before any file is read (sqlite-utils loads numpy when the
# environment has it, as spaCy's does): the import itself is measured from here.
loaded = status("VmRSS:")
with open_store(sys.argv[2]) as store:
    report = import_paths(store, [Path(sys.argv[1])])
print(report.skipped[0] if report.skipped else "imported", len(report.imported))
# VmHWM: this process's own peak; ru_maxrss can carry the parent's over fork and exec.
print((status("VmHWM:") - loaded) // 1024)
"""


def _huge(path: Path, head: bytes, filler: bytes) -> Path:
    with path.open("wb") as fh:
        fh.write(head)
        chunk = filler * (1024 * 1024 // len(filler))
        for _ in range(HUGE // len(chunk)):
            fh.write(chunk)
    return path


@pytest.mark.parametrize(
    ("name", "head", "message"),
    [
        ("huge.txt", b"", "larger than the 20,971,520-byte limit for one article"),
        ("huge.jsonl", b'{"text": "', "line longer than the 20,971,520-byte limit"),
        ("huge.csv", b'title,text\nx,"', "longer than the 20,971,520-character limit"),
    ],
)
def test_a_200_mb_file_is_refused_with_bounded_memory(
    tmp_path: Path, name: str, head: bytes, message: str
) -> None:
    path = _huge(tmp_path / name, head, "نص ".encode())
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path), str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    first, peak_mb = result.stdout.splitlines()
    assert message in first and first.endswith(" 0")
    # The file is 200 MB; reading it grows the process near its 20 MB per-article limit
    # (a few copies of one line), never near the file.
    assert int(peak_mb) < 95, f"peak RSS grew by {peak_mb} MB"
