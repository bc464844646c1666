"""Started with no display, `annotator` says so in one line and exits with status 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_no_display_is_one_clear_line(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["HOME"] = str(tmp_path)
    for args in (["gui", str(tmp_path / "x.db")], []):
        result = subprocess.run(
            [sys.executable, "-m", "annotator", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "no display" in lines[0], result.stderr
        assert "libxcb" not in result.stderr and "Traceback" not in result.stderr
