"""merge, agreement and report from the command line, as a project lead runs them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.formats.importer import import_paths
from annotator.paths import sample_paths
from annotator.storage import open_store

CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)


def _annotate(path: Path, name: str, spans: list[tuple[str, str, dict]]) -> Path:
    with open_store(path) as store:
        import_paths(store, sample_paths())
        text = store.article_text(1)
        made = {}
        for label, words, attrs in spans:
            start = text.index(words)
            made[label] = store.create_annotation(1, label, start, start + len(words), name, attrs)
        store.create_relation("ATTRIBUTED_TO", made["CLAIM"].id, made["SOURCE"].id, name)
    return path


@pytest.fixture
def team(tmp_path: Path) -> Path:
    salma = _annotate(
        tmp_path / "salma.db",
        "salma",
        [
            ("SOURCE", "مسؤول روسي", {"specificity": "role_only"}),
            ("CLAIM", "أجرت روسيا والولايات المتحدة تدريبات مشتركة", {"claim_type": "factual"}),
        ],
    )
    omar = _annotate(
        tmp_path / "omar.db",
        "omar",
        [
            ("SOURCE", "مسؤول روسي", {"specificity": "role_only"}),
            ("CLAIM", "تدريبات مشتركة", {"claim_type": "factual"}),
        ],
    )
    out = tmp_path / "team.db"
    result = CliRunner().invoke(cli, ["merge", str(out), str(salma), str(omar)])
    assert result.exit_code == 0, result.output + result.stderr
    assert "annotators: salma" in result.output and "annotators: omar" in result.output
    return out


def test_agreement_json(team: Path) -> None:
    result = CliRunner().invoke(cli, ["agreement", str(team), "--json"])
    figures = json.loads(result.output)
    (pair,) = figures["pairs"]
    assert (pair["a"], pair["b"]) == ("omar", "salma")
    assert pair["overall"]["exact_f1"] == 0.5 and pair["overall"]["overlap_f1"] == 1.0
    assert pair["links"]["ATTRIBUTED_TO"] == {"exact": 0.0, "overlap": 1.0}
    assert pair["attributes"]["SOURCE.specificity"] is None  # one item, both the same: undefined


def test_agreement_table_and_filters(team: Path) -> None:
    result = CliRunner().invoke(
        cli, ["agreement", str(team), "--label", "SOURCE", "--annotators", "salma omar"]
    )
    assert result.exit_code == 0
    assert re.search(r"omar – salma\s+1 all\s+1\.000\s+1\.000", result.output)
    bad = CliRunner().invoke(
        cli, ["agreement", str(team), "--annotators", "nobody", "--annotators", "salma"]
    )
    assert bad.exit_code == 2 and "annotator 'nobody' has no annotations" in bad.stderr
    label = CliRunner().invoke(cli, ["agreement", str(team), "--label", "EVENT"])
    assert label.exit_code == 2 and "unknown label 'EVENT'" in label.stderr


def test_agreement_with_one_annotator_says_so(tmp_path: Path) -> None:
    db = _annotate(
        tmp_path / "solo.db",
        "salma",
        [("SOURCE", "مسؤول روسي", {}), ("CLAIM", "تدريبات مشتركة", {})],
    )
    result = CliRunner().invoke(cli, ["agreement", str(db)])
    assert result.exit_code == 2 and "needs at least two annotators" in result.stderr


def test_report_is_self_contained(team: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", str(team), str(out)])
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and "مسؤول روسي" in page and "salma" in page
    assert not re.search(r"""(src|href)\s*=""", page)  # nothing to fetch
    assert "<script" not in page
    again = CliRunner().invoke(cli, ["report", str(team), str(out)])
    assert again.exit_code == 2 and "--force" in again.stderr


def test_report_escapes_titles(tmp_path: Path) -> None:
    from annotator.core.model import NewArticle

    db = tmp_path / "x.db"
    with open_store(db) as store:
        aid, _ = store.add_article(
            NewArticle(text="قال <b>x</b>", title="<script>alert(1)</script>")
        )
        store.create_annotation(aid, "SOURCE", 4, 12, "a")
    out = tmp_path / "r.html"
    CliRunner().invoke(cli, ["report", str(db), str(out)])
    page = out.read_text(encoding="utf-8")
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page and "<script" not in page


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_report_renders_in_headless_chromium(team: Path, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    out = tmp_path / "report.html"
    CliRunner().invoke(cli, ["report", str(team), str(out)])
    shot = tmp_path / "report.png"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1100,1800",
        "--hide-scrollbars",
    ]
    subprocess.run(
        [CHROMIUM, *flags, f"--screenshot={shot}", out.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120
    )
    assert dom.stdout.count("<svg") >= 4 and "مسؤول روسي" in dom.stdout
    image = QImage(str(shot))
    assert not image.isNull() and image.width() == 1100
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    }
    # The bars carry the schema's colours: CLAIM yellow, SOURCE blue, and the done/new greys.
    assert QColor("#F2C744").name() in colours and QColor("#3D7DD8").name() in colours
    dark = sum(
        1
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
        if image.pixelColor(x, y).lightness() < 80
    )
    assert dark > 500  # text was drawn
