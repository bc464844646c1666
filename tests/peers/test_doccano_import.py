"""Opt-in: doccano 1.8.4's own import pipeline reads the doccano export, and the text at
every one of its offsets is the annotation's text; every link comes through.

Not run by default (it installs doccano, hundreds of MB). Run it with:

    ANNOTATOR_PEER_SERVERS=1 .venv/bin/python -m pytest tests/peers -m peer_server

It uses the doccano in ``$ANNOTATOR_DOCCANO_VENV`` (a virtualenv with
``pip install doccano==1.8.4 'marshmallow<4' 'numpy<2'``), or makes one in a temporary
folder. ``doccano_import.py`` runs in that virtualenv: Django with doccano's settings on
a throwaway SQLite file, a sequence-labeling project with relations and overlapping
spans, and ``data_import.datasets.load_dataset`` (what doccano's import task calls) on
the file. No server and no Celery worker.

doccano counts UTF-16 units: its backend stores ``start_offset``/``end_offset`` as given
(``data_import/pipeline/label.py``, ``SpanLabel``), and its annotation view
(``client/dist/static/_nuxt``, the span selector's ``convert``) returns the browser's
JavaScript string indices unchanged unless the project's ``grapheme_mode`` is on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from annotator.storage import Store

pytestmark = [
    pytest.mark.peer_server,
    pytest.mark.skipif(
        os.environ.get("ANNOTATOR_PEER_SERVERS") != "1",
        reason="opt-in: set ANNOTATOR_PEER_SERVERS=1 to run against a real doccano",
    ),
]

VERSION = "1.8.4"
# doccano 1.8.4 pins neither: environs fails on marshmallow 4, its pandas 1.5 on numpy 2.
PINS = ("marshmallow<4", "numpy<2")
SCRIPT = Path(__file__).with_name("doccano_import.py")


@pytest.fixture(scope="module")
def doccano_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("ANNOTATOR_DOCCANO_VENV")
    if given:
        return Path(given) / "bin" / "python"
    venv = tmp_path_factory.mktemp("doccano") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", f"doccano=={VERSION}", *PINS], check=True
    )
    return venv / "bin" / "python"


def _utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def test_doccano_imports_the_export_with_every_span_and_link(
    doccano_python: Path, golden_db: Path, golden_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "doccano.jsonl"
    annotator = Path(sys.executable).with_name("annotator")
    subprocess.run(
        [str(annotator), "export", str(golden_db), str(out), "--format", "doccano"],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "doccano-work"
    work.mkdir()
    run = subprocess.run(
        [str(doccano_python), str(SCRIPT), str(out), str(work)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert run.returncode == 0, run.stderr[-3000:]
    stored: dict[str, Any] = json.loads(run.stdout.splitlines()[-1])
    assert stored["errors"] == []
    [example] = stored["examples"]
    article = golden_store.article(1)
    assert example["text"] == article.text
    assert example["meta"]["title"] == article.title

    ours = golden_store.annotations(1)
    spans = example["spans"]
    # doccano's slice of its text at its own offsets, in UTF-16 units, is each span's text.
    assert sorted(
        (s["label"], _utf16_slice(example["text"], s["start_offset"], s["end_offset"]))
        for s in spans
    ) == sorted((a.label, a.text) for a in ours)
    # The emoji is one code point and two units: spans after it differ in the two units.
    after_emoji = [s for s in spans if s["start_offset"] > example["text"].index("😀")]
    assert after_emoji
    assert all(
        example["text"][s["start_offset"] : s["end_offset"]]
        != _utf16_slice(example["text"], s["start_offset"], s["end_offset"])
        for s in after_emoji
    )

    # Every link, by the labels and texts of its two ends, is a doccano relation.
    by_id = {
        s["id"]: (s["label"], _utf16_slice(example["text"], s["start_offset"], s["end_offset"]))
        for s in spans
    }
    ann_by_id = {a.id: (a.label, a.text) for a in ours}
    assert sorted(
        (r["type"], by_id[r["from_id"]], by_id[r["to_id"]]) for r in example["relations"]
    ) == sorted(
        (r.type, ann_by_id[r.from_id], ann_by_id[r.to_id]) for r in golden_store.relations(1)
    )
