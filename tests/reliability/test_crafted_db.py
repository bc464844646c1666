"""A database changed outside annotator never crashes a command: one line, exit status 2.

Each case is a healthy file with one column changed by plain SQL, as a script, another
program or a damaged disk could leave it. Every reading command runs as a real process.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.storage import open_store
from tests.reliability.crafted import CRAFTED, craft

COMMANDS = {
    "show": lambda db, tmp: ["show", str(db), "1"],
    "list": lambda db, tmp: ["list", str(db)],
    "stats": lambda db, tmp: ["stats", str(db)],
    "export jsonl": lambda db, tmp: ["export", str(db), str(tmp / "o.jsonl"), "--format", "jsonl"],
    "export brat": lambda db, tmp: ["export", str(db), str(tmp / "brat"), "--format", "brat"],
    "export xmi": lambda db, tmp: ["export", str(db), str(tmp / "xmi"), "--format", "xmi"],
    "export labelstudio": lambda db, tmp: [
        "export",
        str(db),
        str(tmp / "ls.json"),
        "--format",
        "labelstudio",
    ],
    "merge": lambda db, tmp: ["merge", str(tmp / "merged.db"), str(db)],
    "agreement": lambda db, tmp: ["agreement", str(db)],
}


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("case", list(CRAFTED))
def test_no_command_crashes_on_a_crafted_database(tmp_path: Path, case: str) -> None:
    db = tmp_path / "crafted.db"
    craft(db, case)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    expected = CRAFTED[case][1]
    for name, make in COMMANDS.items():
        out = tmp_path / name.replace(" ", "-")
        out.mkdir()
        result = _run(make(db, out))
        assert "Traceback" not in result.stderr, f"{name}: {result.stderr[-1500:]}"
        assert result.returncode in (0, 2), f"{name}: {result.returncode} {result.stderr}"
        if result.returncode == 2:
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("annotator: error: "), (name, lines)
            if expected is not None:
                assert expected in lines[0] and str(db) in lines[0], (name, lines)
            # Refused: nothing half-written is left behind (merge makes its output first,
            # and it stays empty).
            if name == "merge" and (out / "merged.db").exists():
                with open_store(out / "merged.db", readonly=True) as merged:
                    assert merged.count_articles() == 0
            else:
                assert list(out.iterdir()) == [], (name, list(out.iterdir()))
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    "case", [c for c, (_, expected) in CRAFTED.items() if expected and "schema" not in c]
)
def test_show_and_export_name_the_damaged_row(tmp_path: Path, case: str) -> None:
    db = tmp_path / "crafted.db"
    craft(db, case)
    for args in (["show", str(db), "1"], ["export", str(db), "-", "--format", "jsonl"]):
        result = _run(args)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr == (
            f"annotator: error: {db}: {CRAFTED[case][1]}; the file was changed outside annotator\n"
        )


def test_an_annotation_past_the_end_of_its_text_stops_export(tmp_path: Path) -> None:
    db = tmp_path / "crafted.db"
    craft(db, "annotation past the end")
    result = _run(["export", str(db), str(tmp_path / "o.jsonl"), "--format", "jsonl"])
    assert result.returncode == 2 and "outside the article" in result.stderr
    assert not (tmp_path / "o.jsonl").exists()
    shown = _run(["show", str(db), "1"])
    assert shown.returncode == 0 and "100000-1000" in shown.stdout
