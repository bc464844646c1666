"""The README's team path, end to end, as a new user follows it: two annotators each make
a database in the window; the lead merges them, measures agreement, adjudicates in the
window and exports the gold layer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import ARTICLE, click, drag, key, span_of
from tests.gui.test_adjudication import CTRL_SHIFT, answer_dialog  # noqa: F401 - a fixture

pytestmark = pytest.mark.gui

CUE = "قال"
CLAIM = "الطائرات الروسية والأمريكية تدربت على مسافة آمنة"
SOURCES = {"salma": "المتحدث باسم البنتاغون بيتر كوك", "omar": "بيتر كوك"}


def annotator(*args: str) -> subprocess.CompletedProcess[str]:
    """The `annotator` command, in a process of its own."""
    result = subprocess.run(
        [sys.executable, "-m", "annotator", *args], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result


def annotate_in_the_window(start, db: Path, corpus: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    """`annotator gui DB --annotator NAME`, import the article, mark and link."""
    controller = start(db, annotator=name)
    window = controller.window
    window.files.import_paths([corpus])  # what dropping the folder on the window does
    # Offscreen there is no window manager to give the window back its activation when
    # the import's message box closes.
    window.activateWindow()
    QApplication.processEvents()
    view = window.view
    for part, label_key in (
        (CUE, Qt.Key.Key_3),
        (SOURCES[name], Qt.Key.Key_2),
        (CLAIM, Qt.Key.Key_1),
    ):
        drag(view, *span_of(ARTICLE, part))
        key(view, label_key)
    key(view, Qt.Key.Key_L)  # the claim is selected: link it to its source
    click(view, span_of(ARTICLE, "كوك")[0] + 1)
    controller.shutdown()


def test_two_databases_merged_measured_adjudicated_and_exported_as_gold(  # type: ignore[no-untyped-def]
    start,
    tmp_path: Path,
    message_boxes,
    answer_dialog,  # noqa: F811
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pentagon.txt").write_text(ARTICLE, encoding="utf-8")
    salma, omar, team = tmp_path / "salma.db", tmp_path / "omar.db", tmp_path / "team.db"
    annotate_in_the_window(start, salma, corpus, "salma")
    annotate_in_the_window(start, omar, corpus, "omar")

    merged = annotator("merge", str(team), str(salma), str(omar))
    assert "annotators: salma" in merged.stdout and "annotators: omar" in merged.stdout
    figures = json.loads(annotator("agreement", str(team), "--json").stdout)
    (pair,) = figures["pairs"]
    assert pair["overall"]["exact_f1"] == pytest.approx(2 / 3)  # the source's boundaries differ
    assert pair["overall"]["overlap_f1"] == 1.0
    assert pair["links"]["ATTRIBUTED_TO"] == {"exact": 0.0, "overlap": 1.0}

    window = start(team, annotator="lead").window
    key(window.view, Qt.Key.Key_A, CTRL_SHIFT)  # Adjudication > Adjudicate…, Enter
    adjudication = window.adjudication
    assert adjudication.annotators == ["omar", "salma"]
    assert [c.status for c in adjudication.found] == ["agreed", "partial", "agreed"]
    key(window.view, Qt.Key.Key_A)  # the cue
    key(window.view, Qt.Key.Key_V)  # the source: salma's version, the longer one
    key(window.view, Qt.Key.Key_A)
    key(window.view, Qt.Key.Key_A)  # the claim, with its link to the source
    assert adjudication.panel.corpus_progress.text() == "All articles: 3 of 3 decided (100%)"
    window.app.shutdown()
    # Once gold exists it is one more annotator to measure against (README, "Gold out").
    versus = json.loads(
        annotator(
            "agreement", str(team), "--annotators", "salma", "--annotators", "gold", "--json"
        ).stdout
    )
    (pair,) = versus["pairs"]
    assert (pair["a"], pair["b"], pair["overall"]["exact_f1"]) == ("gold", "salma", 1.0)

    out = tmp_path / "gold.jsonl"
    annotator("export", str(team), str(out), "--format", "jsonl", "--annotator", "gold")
    (line,) = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    spans = {a["id"]: (a["label"], a["text"]) for a in record["annotations"]}
    assert sorted(spans.values()) == sorted(
        [("CUE", CUE), ("SOURCE", SOURCES["salma"]), ("CLAIM", CLAIM)]
    )
    assert {a["annotator"] for a in record["annotations"]} == {"gold"}
    (link,) = record["relations"]
    assert (link["type"], spans[link["from"]][0], spans[link["to"]][0]) == (
        "ATTRIBUTED_TO",
        "CLAIM",
        "SOURCE",
    )
    assert message_boxes == ["Imported 1 articles.", "Imported 1 articles."]
