"""Opt-in: a real Label Studio 1.23.2 server takes the labelstudio export through its REST
API, and its own JSON export comes back into annotator with nothing changed.

Not run by default (it installs Label Studio, hundreds of MB). Run it with:

    ANNOTATOR_PEER_SERVERS=1 .venv/bin/python -m pytest tests/peers -m peer_server

It uses the Label Studio in ``$ANNOTATOR_LABELSTUDIO_VENV`` (a virtualenv with
``pip install label-studio==1.23.2``), or makes one in a temporary folder. The server
listens on 127.0.0.1 only and is stopped at the end.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.formats.export import ExportFilter, export
from annotator.formats.importer import import_paths
from annotator.storage import Store, open_store

pytestmark = [
    pytest.mark.peer_server,
    pytest.mark.skipif(
        os.environ.get("ANNOTATOR_PEER_SERVERS") != "1",
        reason="opt-in: set ANNOTATOR_PEER_SERVERS=1 to run against a real Label Studio",
    ),
]

VERSION = "1.23.2"
TOKEN = "annotator-peer-check-token"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _venv(tmp: Path) -> Path:
    given = os.environ.get("ANNOTATOR_LABELSTUDIO_VENV")
    if given:
        return Path(given)
    venv = tmp / "ls-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", f"label-studio=={VERSION}"], check=True
    )
    return venv


def _call(base: str, path: str, body: Any = None, method: str = "GET") -> Any:
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", f"Token {TOKEN}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read().decode("utf-8"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("labelstudio")
    venv = _venv(tmp)
    port = _free_port()
    log = (tmp / "server.log").open("w")
    process = subprocess.Popen(
        [
            str(venv / "bin" / "label-studio"),
            "start",
            "--no-browser",
            "--internal-host",
            "127.0.0.1",
            "--port",
            str(port),
            "--data-dir",
            str(tmp / "data"),
            "--username",
            "lead@example.org",
            "--password",
            "peer-check-password",
            "--user-token",
            TOKEN,
            "--enable-legacy-api-token",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "LABEL_STUDIO_LOCAL_FILES_SERVING_ENABLED": "false"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while True:
            try:
                urllib.request.urlopen(base + "/health", timeout=5).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((tmp / "server.log").read_text()[-3000:]) from None
                time.sleep(2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.close()


def test_label_studio_takes_the_export_and_gives_the_work_back(
    server: str, golden_store: Store, tmp_path: Path
) -> None:
    config = tmp_path / "config.xml"
    tasks = tmp_path / "tasks.json"
    export(golden_store, config, "labelstudio-config")
    export(golden_store, tasks, "labelstudio", ExportFilter(annotator="salma"))
    project = _call(
        server,
        "/api/projects",
        {"title": "annotator peer check", "label_config": config.read_text(encoding="utf-8")},
        "POST",
    )
    _call(
        server,
        f"/api/projects/{project['id']}/import",
        json.loads(tasks.read_text(encoding="utf-8")),
        "POST",
    )
    exported = _call(server, f"/api/projects/{project['id']}/export?exportType=JSON")
    [task] = exported
    # Label Studio's own slice of its text at its own offsets is each span's text.
    regions = [r for r in task["annotations"][0]["result"] if r["type"] == "labels"]
    points = list(task["data"]["text"])
    for region in regions:
        value = region["value"]
        assert "".join(points[value["start"] : value["end"]]) == value["text"]
    back = tmp_path / "back.json"
    back.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    with open_store(tmp_path / "work.db") as work:
        report = import_paths(work, [back])
        assert report.ok, report.skipped
        [(article_id, _)] = report.imported
        keys = ("label", "start", "end", "text", "attributes", "note")
        ours = [a for a in golden_store.annotations(1) if a.annotator == "salma"]
        theirs = work.annotations(article_id)
        assert [[getattr(a, k) for k in keys] for a in theirs] == [
            [getattr(a, k) for k in keys] for a in ours
        ]
        assert len(work.relations(article_id)) == len(
            [r for r in golden_store.relations(1) if r.annotator == "salma"]
        )
