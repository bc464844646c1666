"""annotator opens no network socket: a whole command-line session works with sockets forbidden."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from annotator.paths import sample_paths

_SESSION = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network access attempted")
socket.socket = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from click.testing import CliRunner
from annotator.cli import cli
db, samples = sys.argv[1], sys.argv[2:]
runner = CliRunner()
commands = (
    ["import", db, *samples],
    ["list", db],
    ["show", db, "1"],
    ["stats", db],
    ["list", db, "--search", "روسيا"],
)
for args in commands:
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, (args, result.output, result.stderr, result.exception)
print("ok")
"""


def test_a_cli_session_without_sockets(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _SESSION, str(tmp_path / "n.db"), *map(str, sample_paths())],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
