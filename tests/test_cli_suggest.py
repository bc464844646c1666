"""`annotator suggest` and `annotator suggest-eval`, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.model import NewArticle
from annotator.storage import open_store

TEXTS = [
    "وقال وزير المالية إن العجز تراجع. وأضاف أن الحكومة ستخفض الإنفاق.",
    "أكدت وزارة الصحة أن الوضع مستقر، مشيرة إلى أن المستشفيات جاهزة.",
    "تشهد معظم المناطق أجواء حارة نسبياً.",
]
HERE = Path(__file__).parent


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    db = tmp_path / "corpus.db"
    with open_store(db) as store:
        for text in TEXTS:
            store.add_article(NewArticle(text=text))
    return db


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args], capture_output=True, text=True, timeout=300
    )


def test_suggest_stores_pending_suggestions_with_a_progress_bar(corpus: Path) -> None:
    result = _run("suggest", str(corpus))
    assert result.returncode == 0, result.stderr
    assert "Suggesting" in result.stderr and "3 articles" in result.stderr
    with open_store(corpus, readonly=True) as store:
        first = store.article_ids()[0]
        assert store.annotations(first) == []
        assert {s.text for s in store.suggestions(first)} >= {"قال", "وزير المالية", "العجز تراجع"}
        assert store.suggestions(store.article_ids()[2]) == []


def test_accept_as_pre_annotates_and_agreement_compares(corpus: Path) -> None:
    result = _run("suggest", str(corpus), "--accept-as", "rules", "-q")
    assert result.returncode == 0, result.stderr
    with open_store(corpus) as store:
        first = store.article_ids()[0]
        made = store.annotations(first, "rules")
        assert {(a.label, a.text) for a in made} >= {("CLAIM", "الحكومة ستخفض الإنفاق")}
        assert len(store.relations(first)) == 4
        claim = next(a for a in made if a.text == "العجز تراجع")
        store.create_annotation(first, "CLAIM", claim.start, claim.end, "salma")
    report = _run("agreement", str(corpus), "--json")
    assert report.returncode == 0, report.stderr
    assert "rules" in report.stdout and "salma" in report.stdout


def test_suggest_refuses_an_unknown_article_in_one_line(corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["suggest", str(corpus), "--article", "99"])
    assert result.exit_code == 2
    assert result.output.strip().endswith("has no article 99")


def test_external_recommender_protocol(corpus: Path) -> None:
    script = HERE / "data" / "external_recommender.py"
    result = _run(
        "suggest",
        str(corpus),
        "--recommender",
        "strings",
        "--external",
        f"{sys.executable} {script}",
        "-q",
    )
    assert result.returncode == 0, result.stderr
    with open_store(corpus, readonly=True) as store:
        first = store.article_ids()[0]
        assert [(s.text, s.recommender) for s in store.suggestions(first)] == [("قال", "external")]


def test_a_broken_external_recommender_is_one_line(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sys\nfor line in sys.stdin:\n    print('not json', flush=True)\n")
    result = _run("suggest", str(corpus), "--external", f"{sys.executable} {bad}", "-q")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("annotator: error: the external")


def test_suggest_eval_meets_the_targets_on_the_bundled_set() -> None:
    result = CliRunner().invoke(cli, ["suggest-eval", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    targets = {
        "hard": {"overlap": (0.90, 0.85, 0.85, 0.80), "exact": (0.85, 0.75, 0.70, None)},
        "tidy": {"overlap": (0.95, 0.90, 0.85, None), "exact": (0.90, 0.85, 0.75, None)},
    }
    names = ("CUE", "SOURCE", "CLAIM", "ATTRIBUTED_TO")
    for kind, rules in targets.items():
        for rule, wanted in rules.items():
            for name, target in zip(names, wanted, strict=True):
                if target is not None:
                    got = figures["patterns"][kind][f"{rule} {name}"]["f1"]
                    assert got >= target, (kind, rule, name, got)
    assert figures["patterns"]["all"]["articles"] >= 30
    assert set(figures) == {"patterns", "strings", "crf", "all together"}


def test_suggest_eval_on_held_out_articles_and_a_bad_gold_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["suggest-eval", "--split", "heldout"])
    assert result.exit_code == 0, result.output
    assert "| patterns, hard | exact |" in result.output
    result = CliRunner().invoke(cli, ["suggest-eval", "--split", "heldout3", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["patterns"]["all"]["articles"] == 12
    result = CliRunner().invoke(cli, ["suggest-eval", "--split", "nosuch"])
    assert result.exit_code != 0
    assert "no article in split 'nosuch' (it has: heldout, heldout2, heldout3, tune)" in (
        result.output
    )
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"text": "قال", "spans": [{"id": 1, "label": "CUE", "start": 0, "end": 9}]}\n')
    result = CliRunner().invoke(cli, ["suggest-eval", str(bad)])
    assert result.exit_code == 2
    assert "gold.jsonl, line 1" in result.output
