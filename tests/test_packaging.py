"""The wheel carries the resources, and an installed copy finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{result.stderr[-2000:]}")
    return next(out.glob("annotator-*.whl"))


def test_wheel_holds_schema_samples_font_and_licence(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "annotator/resources/schemas/default.toml",
        "annotator/resources/samples/joint-air-drills-syria.txt",
        "annotator/resources/samples/syrian-telegraph-air-coordination.txt",
        "annotator/resources/fonts/NotoNaskhArabic-Regular.ttf",
        "annotator/resources/fonts/OFL.txt",
        "annotator/resources/fonts/NotoSans-Regular.ttf",
        "annotator/resources/fonts/OFL-NotoSans.txt",
        "annotator/resources/schemas/guidelines.md",
        "annotator/cli/__init__.py",
    ):
        assert required in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "annotator = annotator.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_an_installed_copy_finds_its_resources(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import annotator.paths as p, annotator.core.schema as s;"
        "print(p.resources_dir());"
        "print(len(p.sample_paths()), len(p.font_paths()));"
        "print(list(s.load(p.default_schema_path()).labels))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {probe}"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == str(site / "annotator" / "resources")
    assert lines[1] == "2 4"
    assert lines[2] == "['CLAIM', 'SOURCE', 'CUE']"
