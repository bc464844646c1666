"""A 1 MB article with 5,000 spans: a change re-formats only its own paragraph.

The measurement runs in its own process (python -m annotator.gui.bench), so that its
large document does not weigh on the other tests. Timings are printed, not judged.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def test_one_megabyte_and_five_thousand_spans() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "annotator.gui.bench", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads(result.stdout.strip().splitlines()[-1])
    print(json.dumps(results, indent=1))
    assert (
        results["characters"] == 1_000_000 and results["spans"] == 5000 and results["links"] > 500
    )
    assert results["paragraphs in the article"] > 5000
    # No re-layout of the whole document: the mark and its undo each re-format one paragraph.
    assert results["paragraphs re-formatted by the mark"] == 1
    assert results["paragraphs re-formatted by the undo"] == 1
    assert results["spans found under the mouse"] >= 1


def test_the_bare_paint_leaves_no_long_text_laying_out(qapp) -> None:  # type: ignore[no-untyped-def]
    # A QTextEdit left holding a long text lays the rest of it out in steps of up to
    # 200,000 characters, each a stall in whatever the bench measures next.
    from PySide6.QtWidgets import QTextEdit

    from annotator.gui.bench.rows import bare_paint_ms

    edit = QTextEdit()
    edit.resize(600, 400)
    edit.show()
    assert bare_paint_ms(edit, "قال المتحدث إن الاجتماع كان مثمرا.\n" * 3000) > 0
    assert edit.document().isEmpty()
    edit.close()
