"""Export to a full disk, a read-only file system or a folder the user may not write:
one line naming OUT and why, exit status 2, and nothing left behind.

The full disk and the read-only file system are real: small tmpfs mounts (root only;
skipped otherwise). The unwritable folder is written by a real ordinary user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.model import NewArticle
from annotator.storage import open_store

FORMATS = ["jsonl", "csv", "conll", "labelstudio", "doccano", "brat", "xmi"]


def _corpus(db: Path) -> None:
    with open_store(db) as store:
        for n in range(150):
            text = f"قال المتحدث رقم {n} إن النقاش كان مهنيا وبناء. " * 12
            article, _ = store.add_article(NewArticle(text=text))
            store.create_annotation(article, "SOURCE", 4, 11, "salma")
            store.create_annotation(article, "CLAIM", 20, 40, "salma")


def _export(db: Path, out: Path, fmt: str, prefix: list[str] | None = None):  # type: ignore[no-untyped-def]
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "annotator", "export", str(db), str(out)]
        + ["--format", fmt],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd="/",
    )


@pytest.fixture
def mount() -> Iterator:  # type: ignore[type-arg]
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted: list[Path] = []

    def _mount(options: str) -> Path:
        point = Path(tempfile.mkdtemp(prefix="annotator-mnt-"))
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True
        )
        if done.returncode != 0:
            point.rmdir()
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(point)
        return point

    yield _mount
    for point in mounted:
        subprocess.run(["umount", str(point)], check=False)
        point.rmdir()


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_to_a_full_disk(tmp_path: Path, mount, fmt: str) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "w.db"
    _corpus(db)
    disk = mount("size=8k")
    out = disk / f"out.{fmt}"
    result = _export(db, out, fmt)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        f"annotator: error: {out} cannot be written (the disk is full); nothing was exported\n"
    )
    assert list(disk.iterdir()) == []  # no partial OUT, no temporary file


@pytest.mark.parametrize("fmt", ["jsonl", "brat"])
def test_export_to_a_read_only_file_system(tmp_path: Path, mount, fmt: str) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "w.db"
    _corpus(db)
    disk = mount("ro,size=48k")
    out = disk / f"out.{fmt}"
    result = _export(db, out, fmt)
    assert result.returncode == 2
    assert result.stderr == (
        f"annotator: error: {out} cannot be written (it is on a read-only file system); "
        "nothing was exported\n"
    )


@pytest.mark.parametrize("fmt", ["jsonl", "brat"])
def test_export_to_a_folder_the_user_may_not_write(fmt: str) -> None:
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv to become an ordinary user")
        prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    base = Path(tempfile.mkdtemp(prefix="annotator-export-"))
    try:
        base.chmod(0o755)
        db = base / "w.db"
        _corpus(db)
        db.chmod(0o644)
        locked = base / "locked"
        locked.mkdir(mode=0o555)
        locked.chmod(0o555)
        out = locked / f"out.{fmt}"
        result = _export(db, out, fmt, prefix)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr
        assert lines[0].startswith(f"annotator: error: {out} cannot be written (")
        assert "Permission denied" in lines[0] or "read-only" in lines[0], lines[0]
        assert list(locked.iterdir()) == []
    finally:
        for p in base.rglob("*"):
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)
