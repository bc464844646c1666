"""Only annotator.gui may import Qt: the CLI and the core load without PySide6."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

_PROBE = """
import sys
import annotator.cli, annotator.core.commands, annotator.core.offsets, annotator.core.schema
import annotator.core.spans, annotator.core.normalize, annotator.storage, annotator.formats.importer
import annotator.bench.measures, annotator.bench.table
import pkgutil, importlib, annotator.formats
for m in pkgutil.iter_modules(annotator.formats.__path__):
    importlib.import_module("annotator.formats." + m.name)
from click.testing import CliRunner
CliRunner().invoke(annotator.cli.cli, ["--help"])
print(sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")))
"""


def test_cli_and_core_never_load_pyside6() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_no_module_outside_gui_mentions_pyside6() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "annotator").rglob("*.py")
        if "gui" not in p.relative_to(ROOT / "annotator").parts
        and "PySide6" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


@pytest.mark.skipif(
    shutil.which("lint-imports") is None
    and not Path(sys.executable).with_name("lint-imports").exists(),
    reason="import-linter is not installed",
)
def test_import_linter_contracts() -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run([exe], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
