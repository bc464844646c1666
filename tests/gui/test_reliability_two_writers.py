"""The window and `annotator import` write one database at the same time.

While an `annotator import` process adds thousands of articles, the real window
annotates with mouse and keys (or imports a corpus of its own through File > Import).
Nobody sees "database is locked", no dialog opens, every gesture is shown as saved, and
afterwards the file holds every imported article and exactly what the window shows.

ANNOTATOR_STRESS=1 runs 20 trials with 10,000 articles; otherwise 2 with 4,000.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from annotator.bench.measures import synthetic_articles
from annotator.core.text import canonicalise
from annotator.storage import open_store
from tests.gui.conftest import add_article
from tests.gui.gestures import Hand, shown_state
from tests.gui.test_reliability_kill import TEXT
from tests.reliability.test_kill import _check_consistent, _db_state

pytestmark = pytest.mark.gui

STRESS = bool(os.environ.get("ANNOTATOR_STRESS"))
TRIALS = 20 if STRESS else 2
ARTICLES = 10_000 if STRESS else 4_000


def _corpus(path: Path, start: int, count: int) -> set[str]:
    texts = list(synthetic_articles(start + count, size=1000))[start:]
    with path.open("w", encoding="utf-8") as fh:
        for text in texts:
            fh.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    return {canonicalise(t) for t in texts}


def _count(db: Path) -> int:
    with open_store(db, readonly=True) as store:
        return store.count_articles()


@pytest.mark.parametrize("trial", range(TRIALS))
def test_the_window_and_annotator_import_write_at_once(
    start, qtbot, tmp_path: Path, message_boxes, trial: int
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "shared.db"
    article = add_article(db, TEXT, "shared")
    window_imports = trial % 2 == 1
    # When the window imports too, the command gets twice the articles, so that it is
    # still writing when the window's own import (a quarter of the command's) is done.
    cli_articles = ARTICLES * 2 if window_imports else ARTICLES
    expected = _corpus(tmp_path / "cli.jsonl", 0, cli_articles)
    if window_imports:
        expected |= _corpus(tmp_path / "window.jsonl", cli_articles, ARTICLES // 4)
    window = start(db, article).window
    hand = Hand(window, random.Random(trial))
    importer = subprocess.Popen(
        [sys.executable, "-m", "annotator", "import", str(db), str(tmp_path / "cli.jsonl")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    during = 0
    if window_imports:
        # Start once the command has committed its first batch, so that both import.
        qtbot.waitUntil(lambda: _count(db) > 1, timeout=30_000)
        window.files.import_paths([tmp_path / "window.jsonl"], quiet=True)
        during += importer.poll() is None
        # Offscreen, a closed dialog does not give the activation back as a desktop does.
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
        window.view.setFocus()
    while importer.poll() is None:
        during += hand.step() is not None
    out, err = importer.communicate(timeout=120)
    for _ in range(10):
        hand.step()

    # Shown with -rP: the figures in the README's Reliability section.
    print(f"{during} window writes while the import ran, {hand.reported} in all")
    assert importer.returncode == 0 and "locked" not in err, err
    assert f"Imported {cli_articles} articles" in out
    assert message_boxes == [] and hand.refusals == []
    assert during >= (1 if window_imports else 5), "the window did not write while the import ran"
    _check_consistent(db, article)
    with open_store(db, readonly=True) as store:
        stored = {store.article_text(i) for i in store.article_ids()}
    assert stored == expected | {canonicalise(TEXT)}
    assert _db_state(db, article) == shown_state(window)


_COUNT = (
    "import sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1])\n"
    "print(c.execute('SELECT count(*) FROM annotations').fetchone()[0])\n"
)


def test_reopening_its_own_file_keeps_the_window_s_changes_visible(
    start, qtbot, tmp_path: Path, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    """File > Open Recent of the file already open, then `annotator import` runs and
    exits: what the window saves next must still reach the file, for every process."""
    db = tmp_path / "same.db"
    article = add_article(db, TEXT, "same")
    controller = start(db, article)
    assert controller.open_database(db)
    window = controller.window
    window.resize(1200, 760)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.view.setFocus()
    _corpus(tmp_path / "c.jsonl", 0, 200)
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "import", str(db), str(tmp_path / "c.jsonl")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    hand = Hand(window, random.Random(7))
    made = sum(hand.create(label) is not None for label in ("CLAIM", "SOURCE", "CUE"))
    assert made == 3 and message_boxes == []
    seen = subprocess.run(
        [sys.executable, "-c", _COUNT, str(db)], capture_output=True, text=True, check=True
    )
    assert seen.stdout.strip() == "3", "another process does not see what the window saved"
