"""`annotator export`: formats, filters, stdout, and one-line errors with exit status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.formats.export import FORMATS


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_from_the_command_line(
    fmt: str, runner: CliRunner, golden_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / f"out-{fmt}"
    result = runner.invoke(cli, ["export", str(golden_db), str(out), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert out.exists()
    if FORMATS[fmt].articles:
        assert (
            f"Exported 1 articles, 8 annotations and 6 relations to {out} ({fmt}" in result.stderr
        )
    else:
        assert f"Wrote the {fmt} of the schema of {golden_db} to {out}" in result.stderr
    if fmt == "conll":
        # Only the same-label overlap is lossy: «لوكالة» is split where the SOURCE begins.
        assert result.stderr.count("lossy: ") == 1
        assert "cuts through" not in result.stderr


def test_stdout_and_filters(runner: CliRunner, golden_db: Path) -> None:
    result = runner.invoke(
        cli,
        [
            "export",
            str(golden_db),
            "-",
            "--format",
            "jsonl",
            "--annotator",
            "salma",
            "--label",
            "CLAIM",
            "--label",
            "SOURCE",
            "--status",
            "done",
            "--article",
            "1",
        ],
    )
    assert result.exit_code == 0, result.stderr
    line = json.loads(result.stdout)
    assert [a["label"] for a in line["annotations"]] == ["SOURCE", "SOURCE", "CLAIM", "CLAIM"]
    assert {a["annotator"] for a in line["annotations"]} == {"salma"}
    assert len(line["relations"]) == 3  # claim->spokesman twice, spokesman->pentagon
    assert "Exported 1 articles" in result.stderr and "Exported" not in result.stdout


def test_quiet_prints_nothing_but_lossy_lines(
    runner: CliRunner, golden_db: Path, tmp_path: Path
) -> None:
    result = runner.invoke(
        cli, ["export", str(golden_db), str(tmp_path / "o.conll"), "--format", "conll", "-q"]
    )
    assert result.exit_code == 0
    assert all(line.startswith("lossy: ") for line in result.stderr.splitlines())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "excel"], "unknown export format 'excel'; choose one of jsonl, brat"),
        (
            ["--format", "jsonl", "--label", "CLAM"],
            "unknown label 'CLAM'; the schema has CLAIM, SOURCE, CUE",
        ),
        (["--format", "jsonl", "--annotator", "nobody"], "no annotations by 'nobody'"),
        (["--format", "jsonl", "--article", "42"], "there is no article 42"),
    ],
)
def test_mistakes_are_one_line_and_status_2(
    runner: CliRunner, golden_db: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "o.jsonl"
    result = runner.invoke(cli, ["export", str(golden_db), str(out), *args])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_existing_out_needs_force(runner: CliRunner, golden_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "b"
    assert (
        runner.invoke(cli, ["export", str(golden_db), str(out), "--format", "brat"]).exit_code == 0
    )
    again = runner.invoke(cli, ["export", str(golden_db), str(out), "--format", "brat"])
    assert again.exit_code == 2 and "already exists and is not empty; add --force" in again.stderr
    forced = runner.invoke(cli, ["export", str(golden_db), str(out), "--format", "brat", "--force"])
    assert forced.exit_code == 0


def test_export_never_writes_to_the_database(
    runner: CliRunner, golden_db: Path, tmp_path: Path
) -> None:
    before = golden_db.read_bytes()
    runner.invoke(cli, ["export", str(golden_db), str(tmp_path / "o.jsonl"), "--format", "jsonl"])
    assert golden_db.read_bytes() == before


def test_missing_database(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["export", str(tmp_path / "none.db"), "-", "--format", "jsonl"])
    assert result.exit_code == 2 and "does not exist" in result.stderr
