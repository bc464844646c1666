"""The README's first command runs as a user with sudo and as root without it.

The command is run for real by bash, with apt-get, python3, sudo and id replaced by
scripts that record how they were called.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    match = re.search(r"```sh\n(.+?)\n```", section, re.S)
    assert match
    return match.group(1)


def _tool(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)


def run_quick_start(tmp_path: Path, uid: int, with_sudo: bool) -> list[str]:
    tools = tmp_path / "bin"
    tools.mkdir()
    log = tmp_path / "calls.log"
    record = f'echo "$(basename "$0") $*" >> {log}'
    _tool(tools, "id", f'[ "$1" = -u ] && echo {uid}')
    _tool(tools, "apt-get", record)
    if with_sudo:
        _tool(tools, "sudo", record + '\nexec "$@"')
    fake_tool = f'#!/bin/sh\\necho "$(basename "$0") $*" >> {log}\\n'
    _tool(
        tools,
        "python3",
        record + f"\nmkdir -p .venv/bin\n"
        f"for t in pip annotator; do printf '{fake_tool}' > .venv/bin/$t; "
        "chmod +x .venv/bin/$t; done",
    )
    # Only these tools are on the path: a sudo of the machine's own cannot creep in.
    for name in ("basename", "mkdir", "chmod"):
        found = shutil.which(name)
        assert found, name
        (tools / name).symlink_to(found)
    env = {"PATH": str(tools), "HOME": str(tmp_path)}
    result = subprocess.run(
        [shutil.which("bash") or "bash", "-c", quick_start_command()],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return log.read_text(encoding="utf-8").splitlines()


def test_as_root_without_sudo_the_quick_start_installs_and_opens_the_window(
    tmp_path: Path,
) -> None:
    calls = run_quick_start(tmp_path, uid=0, with_sudo=False)
    assert calls[0] == "apt-get update"
    assert calls[1].startswith("apt-get install -y python3-venv ")
    assert "libxcb-cursor0" in calls[1]
    assert calls[2:] == ["python3 -m venv .venv", "pip install .[spacy]", "annotator "]


def test_as_a_user_the_quick_start_asks_sudo_for_the_system_packages(tmp_path: Path) -> None:
    calls = run_quick_start(tmp_path, uid=1000, with_sudo=True)
    assert calls[0] == "sudo apt-get update"
    assert calls[1] == "apt-get update"
    assert calls[2].startswith("sudo apt-get install -y python3-venv ")
    assert calls[-2:] == ["pip install .[spacy]", "annotator "]
