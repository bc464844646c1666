"""Handing out work, the whole way round, as the README tells it: the lead assigns a
corpus to three annotators, each works on their own file (salma in the window, with
real mouse and key events), the lead merges, checks progress and agreement on finished
articles, adjudicates, and hands out a second round of new articles with --add."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.adjudication import candidates
from annotator.core.adjudication_commands import accept
from annotator.core.commands import CommandStack, CreateAnnotation
from annotator.storage import open_store
from tests.gui.conftest import drag, key

pytestmark = pytest.mark.gui

NAMES = ["salma", "omar", "huda"]
REPORTS = [
    "قال المتحدث باسم وزارة الدفاع إن الطائرات {0} عادت إلى قواعدها بسلام.",
    "وأكدت الوزارة أن التدريبات {0} ستستمر حتى نهاية الشهر المقبل.",
    "قال مصدر مطلع إن المحادثات {0} كانت «مهنية وبناءة» وإن جولة أخرى ستعقد قريبا.",
]


def annotator(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The command as the lead types it, in its own process."""
    result = subprocess.run(
        [sys.executable, "-m", "annotator", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result


def write_articles(folder: Path, first: int, count: int) -> Path:
    folder.mkdir()
    for n in range(first, first + count):
        body = "\n".join(REPORTS[k % 3].format(f"رقم {n}-{k}") for k in range(1 + n % 4))
        (folder / f"article-{n:02}.txt").write_text(body, encoding="utf-8")
    return folder


def cue_of(text: str) -> tuple[int, int]:
    """The reporting verb of the first sentence, without a conjunction in front."""
    for verb in ("قال", "أكدت"):
        if verb in text:
            start = text.index(verb)
            return start, start + len(verb)
    raise AssertionError(text)


def work_in_the_window(start, package: Path) -> list[int]:  # type: ignore[no-untyped-def]
    """salma opens her file, marks the cue of every article and marks each done, going
    on with Ctrl+Shift+PgDown; the status bar counts with her."""
    controller = start(package, annotator="salma")
    window = controller.window
    with open_store(package, readonly=True) as store:
        assigned = store.article_ids()
    label = window.assignment_label
    assert label.isVisible()
    assert label.text() == f"Your articles: 0 of {len(assigned)} done"
    seen = []
    for n in range(len(assigned)):
        article = window.annotating.article
        seen.append(article.id)
        drag(window.view, *cue_of(article.text))
        key(window.view, Qt.Key.Key_3)  # CUE
        key(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert label.text() == f"Your articles: {n + 1} of {len(assigned)} done"
        key(
            window.view,
            Qt.Key.Key_PageDown,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    controller.shutdown()
    assert sorted(seen) == assigned
    return assigned


def work_through_the_core(package: Path, name: str, finish: int) -> list[int]:
    """Another annotator marks the same cue, and also the whole first sentence as a
    CLAIM in every other article; only the first ``finish`` articles are marked done."""
    with open_store(package) as store:
        stack = CommandStack(store)
        ids = store.article_ids()
        for n, article_id in enumerate(ids):
            text = store.article_text(article_id)
            stack.push(CreateAnnotation(article_id, "CUE", *cue_of(text), name))
            if n % 2:
                stack.push(CreateAnnotation(article_id, "CLAIM", 0, text.index("."), name))
        for article_id in ids[:finish]:
            store.set_status(article_id, "done")
    return ids


def test_assign_work_merge_progress_agreement_adjudicate_and_a_second_round(
    start, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus.db"
    annotator("import", corpus, write_articles(tmp_path / "articles", 1, 9))
    # 1. The lead assigns: a third of the articles shared, over every pair.
    handed = annotator(
        "assign", corpus, tmp_path / "round1", "--annotators", "salma omar huda",
        "--overlap", "0.34", "--seed", "7",
    )  # fmt: skip
    assert "Round 1: 9 articles to 3 annotators, 3 shared (seed 7)" in handed.stdout
    manifest = json.loads((tmp_path / "round1" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pairs"] == {"salma|omar": 1, "salma|huda": 1, "omar|huda": 1}
    packages = {name: tmp_path / "round1" / f"{name}.db" for name in NAMES}

    # 2. Each annotator works on their own file.
    salma = work_in_the_window(start, packages["salma"])
    with open_store(packages["salma"], readonly=True) as store:
        for article_id in salma:
            assert store.article_status(article_id) == "done"
            (cue,) = store.annotations(article_id)
            assert (cue.label, cue.annotator) == ("CUE", "salma")
            assert cue.text in ("قال", "أكدت")
    omar = work_through_the_core(packages["omar"], "omar", finish=1)
    huda = work_through_the_core(packages["huda"], "huda", finish=99)

    # 3. The lead merges into the corpus: no warning, everyone's work is there.
    merged = annotator("merge", corpus, *packages.values())
    assert "warning" not in merged.stderr
    # 4. Progress against the plan.
    progress = json.loads(annotator("stats", corpus, "--json").stdout)["assignments"]
    people = progress["annotators"]
    assert people["salma"]["done"] == people["salma"]["assigned"] == len(salma)
    assert people["omar"] == {
        "assigned": len(omar), "started": len(omar), "done": 1,
        "remaining": len(omar) - 1, "per_day": 1.0,
    }  # fmt: skip
    assert people["huda"]["remaining"] == 0 and people["huda"]["done"] == len(huda)
    pairs = progress["shared"]["pairs"]
    assert progress["shared"]["shared"] == 3
    shared_with_omar = {pair: counts for pair, counts in pairs.items() if "omar" in pair.split("|")}
    assert all(c["shared"] == 1 for c in pairs.values())
    ready = {pair: c["ready"] for pair, c in pairs.items()}
    assert ready["huda|salma"] == 1
    assert sum(c["ready"] for c in shared_with_omar.values()) <= 1
    text = annotator("stats", corpus).stdout
    assert f"Shared articles ready for agreement: {progress['shared']['ready']} of 3" in text

    # 5. Agreement on finished shared articles only.
    finished = json.loads(annotator("agreement", corpus, "--finished", "--json").stdout)
    everything = json.loads(annotator("agreement", corpus, "--json").stdout)
    counted = {"|".join(sorted((p["a"], p["b"]))): p["articles"] for p in finished["pairs"]}
    assert counted == {pair: ready[pair] for pair in counted}
    assert sum(p["articles"] for p in everything["pairs"]) == 3
    assert sum(p["articles"] for p in finished["pairs"]) == progress["shared"]["ready"]

    # 6. The lead adjudicates the shared articles into gold.
    with open_store(corpus) as store:
        stack = CommandStack(store)
        given = Counter(a.article_id for a in store.assignments())
        shared_ids = sorted(i for i, n in given.items() if n > 1)
        for article_id in shared_ids:
            for candidate in candidates(store.annotations(article_id), NAMES, "gold"):
                stack.push(accept(candidate, 0, "gold", "lead"))
        gold = {i: [(a.label, a.text) for a in store.annotations(i, "gold")] for i in shared_ids}
    assert len(gold) == 3
    for spans in gold.values():
        assert ("CUE", "قال") in spans or ("CUE", "أكدت") in spans
    # The adjudicated corpus merges into a fresh file with its plan, without a warning
    # about gold (nobody's assignment).
    copied = annotator("merge", tmp_path / "team.db", corpus)
    assert "warning" not in copied.stderr
    team = json.loads(annotator("stats", tmp_path / "team.db", "--json").stdout)["assignments"]
    assert team == json.loads(annotator("stats", corpus, "--json").stdout)["assignments"]

    # 7. The corpus grows; a second round hands out only the new articles.
    annotator("import", corpus, write_articles(tmp_path / "more", 20, 4))
    second = annotator(
        "assign", corpus, tmp_path / "round2", "--add", "--annotators", "salma omar huda",
        "--per-article", "2", "--seed", "8",
    )  # fmt: skip
    assert "Round 2: 4 articles to 3 annotators, 4 shared (seed 8)" in second.stdout
    with open_store(corpus, readonly=True) as store:
        new_ids = {a.article_id for a in store.assignments() if a.round == 2}
        assert len(new_ids) == 4 and not new_ids & {
            a.article_id for a in store.assignments() if a.round == 1
        }
    round2 = tmp_path / "round2" / "salma.db"
    with open_store(round2, readonly=True) as store:
        mine = store.article_ids()
        assert set(mine) <= new_ids and mine
    controller = start(round2, annotator="salma")
    assert controller.window.assignment_label.text() == f"Your articles: 0 of {len(mine)} done"
    controller.shutdown()
    # Merging round 2 does not call round 1's articles missing from it.
    merged = annotator("merge", corpus, *(tmp_path / "round2").glob("*.db"))
    assert "warning" not in merged.stderr
    after = json.loads(annotator("stats", corpus, "--json").stdout)["assignments"]
    assert after["rounds"] == 2
    assert sum(p["assigned"] for p in after["annotators"].values()) == 9 + 3 + 8


def test_the_count_is_hidden_without_a_plan_and_follows_the_name_in_a_corpus(
    start, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus.db"
    annotator("import", corpus, write_articles(tmp_path / "articles", 1, 4))
    plain = start(corpus, annotator="salma")
    assert plain.window.assignment_label.isHidden()
    plain.shutdown()
    annotator("assign", corpus, tmp_path / "r1", "--annotators", "salma omar", "--seed", "1")
    with open_store(corpus, readonly=True) as store:
        theirs = len(store.assignments("omar"))
    # In the corpus the lead's own name has nothing; omar's has his articles.
    lead = start(corpus, annotator="lead")
    assert lead.window.assignment_label.isHidden()
    lead.shutdown()
    omar = start(corpus, annotator="omar")
    assert omar.window.assignment_label.text() == f"Your articles: 0 of {theirs} done"
