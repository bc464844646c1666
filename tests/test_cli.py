"""The command line: exit codes, one-line errors, and help for every command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from annotator.cli import cli, mark_text
from annotator.core.model import Annotation, NewArticle
from annotator.paths import sample_paths
from annotator.storage import open_store


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def sample_db(tmp_path: Path, runner: CliRunner) -> Path:
    db = tmp_path / "samples.db"
    result = runner.invoke(cli, ["import", str(db), *map(str, sample_paths())])
    assert result.exit_code == 0, result.output
    return db


def _all_commands(group: click.Group) -> list[tuple[str, click.Command]]:
    return sorted(group.commands.items())


@pytest.mark.parametrize(("name", "command"), _all_commands(cli))
def test_every_command_has_help(runner: CliRunner, name: str, command: click.Command) -> None:
    assert command.help and len(command.help.strip()) > 20, f"{name} has no help text"
    for param in command.params:
        if isinstance(param, click.Option) and param.name not in ("help",):
            assert param.help, f"{name} --{param.name} has no help text"
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_import_reports_and_lists(runner: CliRunner, sample_db: Path) -> None:
    result = runner.invoke(cli, ["list", str(sample_db)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 2 and "joint-air-drills-syria" in lines[0] and "new" in lines[0]


def test_import_summary_line(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = runner.invoke(cli, ["import", str(db), *map(str, sample_paths())])
    assert (
        "Imported 2 articles into" in result.output and "(0 duplicates, 0 skipped)" in result.output
    )
    again = runner.invoke(cli, ["import", str(db), str(sample_paths()[0])])
    assert again.exit_code == 0
    assert "duplicate:" in again.stderr and "same text as article 1" in again.stderr


def test_import_with_skipped_input_exits_1_and_names_the_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "نص"}\n{oops\n', encoding="utf-8")
    result = runner.invoke(cli, ["import", str(tmp_path / "x.db"), str(bad)])
    assert result.exit_code == 1
    assert f"skipped: {bad}:2: malformed JSON" in result.stderr
    assert "Imported 1 articles" in result.output


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p.write_bytes(b""), "is an empty file"),
        (lambda p: p.write_bytes(b"hello world" * 100), "is not a SQLite database"),
        (lambda p: p.mkdir(), "is a folder"),
    ],
)
def test_bad_database_is_one_line_and_status_2(
    runner: CliRunner, tmp_path: Path, setup, message: str
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "bad.db"
    setup(db)
    for args in (
        ["list", str(db)],
        ["stats", str(db)],
        ["show", str(db), "1"],
        ["import", str(db), str(sample_paths()[0])],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, args
        assert result.stderr.count("\n") == 1 and message in result.stderr
        assert "Traceback" not in result.output + result.stderr


def test_missing_database_for_reading(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["list", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_unknown_article_and_bad_schema(runner: CliRunner, sample_db: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["show", str(sample_db), "99"])
    assert result.exit_code == 2 and "there is no article 99" in result.stderr
    schema = tmp_path / "s.toml"
    schema.write_text('[labels.CLAIM]\ncolor = "yellow"\nkey = "1"\n', encoding="utf-8")
    result = runner.invoke(
        cli, ["import", str(tmp_path / "n.db"), "--schema", str(schema), str(sample_paths()[0])]
    )
    assert result.exit_code == 2
    assert f"{schema}: labels.CLAIM.color: expected #RRGGBB, got 'yellow'" in result.stderr


def test_show_marks_annotations(runner: CliRunner, sample_db: Path) -> None:
    with open_store(sample_db) as store:
        text = store.article_text(1)
        start = text.index("مسؤول روسي")
        store.create_annotation(
            1, "SOURCE", start, start + 10, "salma", {"specificity": "role_only"}
        )
        store.create_annotation(1, "CLAIM", 0, start - 5, "salma")
    result = runner.invoke(cli, ["show", str(sample_db), "1"])
    assert result.exit_code == 0
    assert "[مسؤول روسي]2" in result.output
    assert (
        "2  SOURCE" in result.output
        and "specificity=role_only" in result.output
        and "(salma)" in result.output
    )


def test_mark_text_nests() -> None:
    anns = [
        Annotation(1, 1, "CLAIM", 0, 9, "abc def g"),
        Annotation(2, 1, "SOURCE", 4, 7, "def"),
    ]
    assert mark_text("abc def ghi", anns) == "[abc [def]2 g]1hi"


def test_visual_output_is_shaped_and_reordered(runner: CliRunner, sample_db: Path) -> None:
    plain = runner.invoke(cli, ["list", str(sample_db)]).output
    with open_store(sample_db) as store:
        store.add_article(NewArticle(text="نص", title="عنوان عربي"))
    visual = runner.invoke(cli, ["list", str(sample_db), "--visual"]).output
    line = visual.splitlines()[-1]
    # Presentation forms (shaped letters), in visual (reversed) order.
    assert any(0xFE70 <= ord(c) <= 0xFEFC for c in line)
    assert "عنوان عربي" not in line and plain


def test_list_search_and_status(runner: CliRunner, sample_db: Path) -> None:
    result = runner.invoke(cli, ["list", str(sample_db), "--search", "سبوتنيك", "--json"])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["title"] for r in rows] == ["joint-air-drills-syria"]
    assert runner.invoke(cli, ["list", str(sample_db), "--status", "done"]).output == ""


def test_stats(runner: CliRunner, sample_db: Path) -> None:
    result = runner.invoke(cli, ["stats", str(sample_db), "--json"])
    assert json.loads(result.output)["status"] == {"new": 2, "in_progress": 0, "done": 0}
    assert "Articles by status" in runner.invoke(cli, ["stats", str(sample_db)]).output


@pytest.mark.gui
def test_bench_quick_produces_every_row(runner: CliRunner) -> None:
    import re

    result = runner.invoke(cli, ["bench", "--quick"])
    assert result.exit_code == 0, result.output + result.stderr
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["measurement", "ours", "baseline", "ratio"]
    expected = [
        "import 300 articles",
        "database size per article, 300 articles",
        "cold start",
        "open a 5 KB article",
        "the same, opened again",
        "open a 100 KB article",
        "one annotation action until committed, p50",
        "one annotation action until committed, p99",
        "the same, until the window shows it",
        "scroll through",
        "diacritic-insensitive search",
        "memory (RSS)",
        "export 5,000 annotations",
        "annotator --help, whole process",
        "annotator list on a 20-article database, whole process",
        "paint with link arcs (vs none), 100 KB, 500 spans, p99 of 10 frames",
        "first opening of a 100 KB article never suggested for, until painted",
        "the same, until its suggestions are shown",
        "the same, the window's longest stall until then",
        "agreement, 6 annotators (15 pairs)",
        "suggest for one 5 KB article",
        "import annotator's own jsonl, 5,000 annotations",
        "export memory (peak RSS), 5,000 annotations",
    ]
    body = [line.strip() for line in lines[1:]]
    for line in body:
        if line.startswith(("cold start", "annotator --help", "annotator list")):
            assert "— / —" not in line and "ratio ≤ 2" in line, line
    assert [
        next((b for b in body if b.startswith(name)), None) is not None for name in expected
    ] == [True] * len(expected)
    for line in body:
        value = re.search(r"(\d+\.\d+) (s|ms|MB|KB)", line)
        assert value and float(value.group(1)) > 0, line
        assert (
            line.endswith(("met", "MISSED", "(no target)")) or "over an empty database" in line
        ), line


def test_console_script_runs_without_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "list", str(tmp_path / "missing.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"annotator: error: {tmp_path / 'missing.db'} does not exist"


def test_bench_markdown_is_a_table_headed_by_the_machine(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["bench", "--quick", "--no-gui", "--markdown"])
    assert result.exit_code == 0, result.output + result.stderr
    lines = [line for line in result.output.splitlines() if line]
    assert lines[0].startswith("Machine: ") and "Python 3." in lines[0] and "SQLite" in lines[0]
    assert lines[1].startswith("| measurement | ours")
    assert lines[2] == "|---|---|---|---|---|---|"
    rows = lines[3:]
    assert any(row.startswith("| import 300 articles") for row in rows)
    assert any(row.startswith("| export 5,000 annotations") for row in rows)
    for row in rows:
        cells = row.split(" | ")
        assert row.startswith("| ") and row.endswith(" |") and len(cells) == 6, row
        assert cells[-1].removesuffix(" |") in ("met", "missed", ""), row
