"""`annotator assign`, progress in `stats`, merge's warnings and `agreement --finished`,
run as a project lead runs them: real processes over real files."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.model import NewArticle
from annotator.core.text import canonicalise
from annotator.storage import open_store

NAMES = ["salma", "omar", "huda"]
SENTENCE = "قال المتحدث باسم الوزارة إن المحادثات كانت «مهنية وبناءة» في جولتها رقم {n}."


def run(*args: str | Path, ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "annotator", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def make_corpus(path: Path, count: int = 12) -> Path:
    with open_store(path) as store:
        store.add_articles(
            [
                NewArticle(
                    text=canonicalise("\n".join(SENTENCE.format(n=n * 100 + k) for k in range(n))),
                    title=f"مقال {n}",
                    source="الجزيرة" if n % 2 else "الأهرام",
                )
                for n in range(1, count + 1)
            ]
        )
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus.db")


def plan_rows(db: Path) -> list[tuple[int, str, int]]:
    with open_store(db, readonly=True) as store:
        return [(a.article_id, a.annotator, a.round) for a in store.assignments()]


def test_assign_writes_a_package_per_annotator_and_records_the_plan(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "round1"
    result = run(
        "assign", corpus, out, "--annotators", "salma omar huda", "--overlap", "0.5", "--seed", "7"
    )
    assert "Round 1: 12 articles to 3 annotators, 6 shared (seed 7)" in result.stdout
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["round"] == 1 and manifest["seed"] == 7 and manifest["overlap"] == 0.5
    assert sorted(manifest["annotators"]) == sorted(NAMES)
    assert all(n >= 1 for n in manifest["pairs"].values()) and len(manifest["pairs"]) == 3
    rows = plan_rows(corpus)
    assert {a for a, _, _ in rows} == set(range(1, 13))
    assert {r for _, _, r in rows} == {1}
    with open_store(corpus, readonly=True) as source:
        for name in NAMES:
            with open_store(out / f"{name}.db", readonly=True) as package:
                mine = sorted(a for a, who, _ in rows if who == name)
                assert package.article_ids() == mine
                assert package.package_annotator() == name
                assert package.package_manifest()["annotator"] == name  # type: ignore[index]
                assert package.schema.to_toml() == source.schema.to_toml()
                for article_id in mine:
                    # Same id, same text to the code point: merge matches them by hash.
                    assert package.article(article_id).text == source.article(article_id).text
                    assert package.article(article_id).status == "new"
                assert [a.annotator for a in package.assignments()] == [name] * len(mine)
                assert manifest["annotators"][name]["articles"] == len(mine)
    # The same seed gives the same split from a copy of the corpus.
    again = make_corpus(tmp_path / "again.db")
    run(
        "assign",
        again,
        tmp_path / "again",
        "--annotators",
        "salma omar huda",
        "--overlap",
        "0.5",
        "--seed",
        "7",
    )
    assert plan_rows(again) == rows


def test_a_second_assign_needs_add_and_add_hands_out_only_new_articles(
    corpus: Path, tmp_path: Path
) -> None:
    run(
        "assign",
        corpus,
        tmp_path / "r1",
        "--annotators",
        "salma",
        "--annotators",
        "omar",
        "--seed",
        "1",
    )
    refused = run("assign", corpus, tmp_path / "r1b", "--annotators", "salma omar", ok=False)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        f"annotator: error: {corpus} already holds an assignment (round 1); "
        "add --add to assign only the articles not assigned yet"
    ]
    assert not (tmp_path / "r1b").exists()
    before = plan_rows(corpus)
    with open_store(corpus) as store:
        new_ids = [
            store.add_article(NewArticle(text=canonicalise(SENTENCE.format(n=9000 + k))))[0]
            for k in range(4)
        ]
    result = run(
        "assign",
        corpus,
        tmp_path / "r2",
        "--add",
        "--annotators",
        "salma omar huda",
        "--per-article",
        "2",
    )
    assert "Round 2: 4 articles to 3 annotators, 4 shared" in result.stdout
    after = plan_rows(corpus)
    assert after[: len(before)] == before
    added = after[len(before) :]
    assert {a for a, _, _ in added} == set(new_ids) and {r for _, _, r in added} == {2}
    assert len(added) == 8
    for name in NAMES:
        with open_store(tmp_path / "r2" / f"{name}.db", readonly=True) as package:
            assert set(package.article_ids()) <= set(new_ids)
    nothing = run("assign", corpus, tmp_path / "r3", "--add", "--annotators", "salma", ok=False)
    assert nothing.stderr.strip() == (
        f"annotator: error: every article of {corpus} is assigned or annotated already: "
        "nothing to assign"
    )


def test_where_selects_articles_by_source_and_status(corpus: Path, tmp_path: Path) -> None:
    with open_store(corpus) as store:
        store.set_status(1, "done")
    run(
        "assign", corpus, tmp_path / "out", "--annotators", "salma omar",
        "--where", "source=الجزيرة", "--where", "status!=done", "--seed", "3",
    )  # fmt: skip
    assert sorted({a for a, _, _ in plan_rows(corpus)}) == [3, 5, 7, 9, 11]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--where", "colour=red"], "--where 'colour=red': unknown field 'colour'"),
        (["--where", "status=finished"], "unknown status 'finished'"),
        (["--where", "nonsense"], "write FIELD=VALUE"),
        (["--overlap", "2"], "--overlap must be between 0 and 1"),
        (["--per-article", "5"], "--per-article must be between 1 and the number of annotators"),
        (["--annotators", "salma"], "annotator 'salma' is named twice"),
    ],
)
def test_mistakes_get_one_line_and_nothing_is_written(
    corpus: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run("assign", corpus, tmp_path / "out", "--annotators", "salma omar", *args, ok=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    assert plan_rows(corpus) == []


def test_an_existing_package_is_never_overwritten_and_nothing_else_is_written(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "omar.db").write_bytes(b"omar's own work")
    result = run("assign", corpus, out, "--annotators", "salma omar", ok=False)
    assert result.returncode == 2 and f"{out / 'omar.db'} already exists" in result.stderr
    assert (out / "omar.db").read_bytes() == b"omar's own work"
    assert sorted(p.name for p in out.iterdir()) == ["omar.db"]
    assert plan_rows(corpus) == []


def work(package: Path, name: str, done: int, annotate: int | None = None) -> list[int]:
    """The annotator marks a CUE in each of their first ``annotate`` articles (half-done
    work marks the wrong word) and marks the first ``done`` done, through the core."""
    with open_store(package) as store:
        ids = store.article_ids()
        for n, article_id in enumerate(ids[: annotate if annotate is not None else done]):
            text = store.article_text(article_id)
            word = "قال" if n < done else "المتحدث"
            start = text.index(word)
            store.create_annotation(article_id, "CUE", start, start + len(word), name)
        for article_id in ids[:done]:
            store.set_status(article_id, "done")
    return ids


def test_progress_merge_warnings_and_agreement_on_finished_articles(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run("assign", corpus, out, "--annotators", "salma omar", "--overlap", "1", "--seed", "2")
    # Both have all 12; salma finishes 12, omar 5 and starts 2 more.
    work(out / "salma.db", "salma", done=12)
    work(out / "omar.db", "omar", done=5, annotate=7)
    # omar also annotates, under a wrong name, an article of his; and one article goes
    # missing from his file.
    with open_store(out / "omar.db") as store:
        last = store.article_ids()[-1]
        text = store.article_text(last)
        store.create_annotation(last, "CUE", text.index("قال"), text.index("قال") + 3, "omar2")
    conn = sqlite3.connect(out / "omar.db")
    with conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM articles WHERE id = ?", [last - 1])
    conn.close()
    merged = run("merge", corpus, out / "salma.db", out / "omar.db")
    warnings = [line for line in merged.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {out / 'omar.db'}: omar2 annotated 1 article ({last}) not assigned to omar2",
        f"warning: {out / 'omar.db'}: 1 article ({last - 1}) assigned to omar (round 1) "
        "missing from it",
    ]
    stats = json.loads(run("stats", corpus, "--json").stdout)["assignments"]
    assert stats["annotators"]["salma"] == {
        "assigned": 12, "started": 12, "done": 12, "remaining": 0, "per_day": 12.0,
    }  # fmt: skip
    # The article annotated under the wrong name was started in omar's file all the same.
    assert stats["annotators"]["omar"] == {
        "assigned": 12, "started": 8, "done": 5, "remaining": 7, "per_day": 5.0,
    }  # fmt: skip
    assert stats["shared"]["shared"] == 12 and stats["shared"]["ready"] == 5
    table = run("stats", corpus).stdout
    assert "Shared articles ready for agreement: 5 of 12" in table
    assert "  salma – omar: 5 of 12" in table or "  omar – salma: 5 of 12" in table
    # Agreement on finished work only: the 2 articles omar only started do not count.
    pair = ["--annotators", "salma omar", "--json"]
    every = json.loads(run("agreement", corpus, *pair).stdout)
    finished = json.loads(run("agreement", corpus, "--finished", *pair).stdout)
    assert every["pairs"][0]["articles"] == 7
    assert finished["pairs"][0]["articles"] == 5
    assert every["pairs"][0]["overall"]["exact_f1"] == pytest.approx(5 / 7)
    assert finished["pairs"][0]["overall"]["exact_f1"] == 1.0
    page = tmp_path / "report.html"
    run("report", corpus, page)
    html = page.read_text(encoding="utf-8")
    assert "<h2>Assignments</h2>" in html
    assert "5 of 12 shared articles are ready for agreement" in html
    cells = '<td dir="auto">{}</td>'
    assert "".join(cells.format(v) for v in ["omar", 12, 8, 5, 7, "5.0"]) in html
    # Merging the same files again adds nothing and changes no figure.
    run("merge", corpus, out / "salma.db", out / "omar.db")
    assert json.loads(run("stats", corpus, "--json").stdout)["assignments"] == stats


def test_agreement_finished_without_a_plan_says_so(tmp_path: Path) -> None:
    db = make_corpus(tmp_path / "plain.db", 2)
    result = run("agreement", db, "--finished", ok=False)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"annotator: error: {db} holds no assignment plan, so nothing is known to be "
        "finished; assign with annotator assign and merge the annotators' files into it"
    )


def test_done_in_a_package_records_when(corpus: Path, tmp_path: Path) -> None:
    run("assign", corpus, tmp_path / "out", "--annotators", "salma", "--seed", "1")
    work(tmp_path / "out" / "salma.db", "salma", done=1)
    with open_store(tmp_path / "out" / "salma.db", readonly=True) as store:
        first = store.assignments()[0]
        assert first.status == "done" and first.done_at.startswith("20")
        assert store.mine("somebody else") == (1, 12)
    # In the corpus, a status change says nothing about who: the plan does not follow it.
    with open_store(corpus) as store:
        store.set_status(1, "done")
        assert all(a.status == "new" for a in store.assignments())


def test_a_package_finds_what_its_source_finds(corpus: Path, tmp_path: Path) -> None:
    """The package's search index is made as an import makes it: «وزارة» finds the
    articles that say «الوزارة» (a proclitic) in the package as in the corpus."""
    out = tmp_path / "round1"
    run("assign", corpus, out, "--annotators", "salma omar", "--overlap", "0", "--seed", "3")
    with open_store(corpus, readonly=True) as source:
        assert len(source.search("وزارة")) == 12
    for name in ("salma", "omar"):
        with open_store(out / f"{name}.db", readonly=True) as package:
            found = package.search("وزارة")
            assert sorted(found) == sorted(package.article_ids()) != [], name
