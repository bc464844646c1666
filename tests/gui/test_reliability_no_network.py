"""The window opens no socket: a whole session works with socket creation made to fail.

tests/gui/window_session.py makes Python's socket functions fail before anything else
is imported, then starts the window as a first-time user (the samples are imported),
opens articles, marks, links, sets an attribute, undoes and redoes, exports through
File > Export and quits. Where strace can trace it, the kernel's socket() call is made
to fail as well (so Qt's own C++ code would fail too), and the trace must show that
no socket was even attempted. Qt's network module is never loaded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def _strace() -> str | None:
    """strace, if it can trace and inject faults here (ptrace may be forbidden)."""
    strace = shutil.which("strace")
    if strace is None:
        return None
    probe = subprocess.run(
        [strace, "-qq", "-e", "trace=socket", "-e", "inject=socket:error=EACCES", "true"],
        capture_output=True,
        timeout=30,
    )
    return strace if probe.returncode == 0 else None


def test_a_window_session_without_sockets(tmp_path: Path) -> None:
    out, trace = tmp_path / "export.jsonl", tmp_path / "socket.trace"
    strace = _strace()
    prefix = (
        [
            strace,
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect,socketpair",
            "-e",
            "inject=socket,socketpair:error=EACCES",
            "-o",
            str(trace),
        ]
        if strace
        else []
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [
            *prefix,
            sys.executable,
            "-m",
            "tests.gui.window_session",
            str(tmp_path / "data"),
            str(tmp_path / "s.ini"),
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["articles"] >= 2 and summary["annotations"] == 2
    assert summary["boxes"][0].startswith("Wrote ")
    assert summary["qt_network"] == []
    if strace:
        attempts = [line for line in trace.read_text().splitlines() if "(" in line]
        assert attempts == [], "the window tried to open a socket"


def test_no_module_of_the_window_uses_qt_networking() -> None:
    """No QNetworkAccessManager, QtNetwork or web engine anywhere in the package."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "annotator").rglob("*.py")
        for word in ("QtNetwork", "QNetworkAccessManager", "QtWebEngine", "QDesktopServices")
        if word in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
