"""Bad database files in the window: one line in a dialog, the window goes on, the
file is left exactly as it was.

Each case is opened twice: with File > Open (the file dialog answers with the path)
and as `annotator gui PATH` starts (the controller's start, which `run` calls). A file
that cannot be used gets a one-line message box naming it; the window stays on the
database it had (at start-up: the one used last) and can still open a good database
and annotate it; the file's bytes (SHA-256) and its folder are unchanged, and no
backup is made of it. A read-only file, or a database in a read-only folder, opens
read-only instead: a banner says why, and nothing can be changed.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from annotator.core.model import NewArticle
from annotator.storage import backups, files, open_store
from tests.gui.conftest import ARTICLE, add_article, drag, key, span_of
from tests.gui.gestures import Hand

pytestmark = pytest.mark.gui


def _healthy(path: Path, articles: int = 30) -> None:
    with open_store(path) as store:
        for n in range(articles):
            store.add_article(NewArticle(text=f"مقال رقم {n} " + "نص " * 200))
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(5).randbytes(8192))


def _truncated(path: Path) -> None:
    _healthy(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _another_application(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()


def _newer_annotator(path: Path) -> None:
    _healthy(path, 1)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE metadata SET value = '999' WHERE key = 'db_version'")
    conn.commit()
    conn.close()


def _folder(path: Path) -> None:
    path.mkdir()


REFUSED: dict[str, tuple[Callable[[Path], None], str]] = {
    "empty file": (_empty, "is an empty file"),
    "random bytes": (_random_bytes, "is not a SQLite database"),
    "truncated": (_truncated, "is truncated"),
    "another application's": (_another_application, "another application"),
    "newer annotator's": (_newer_annotator, "newer annotator"),
    "a folder": (_folder, "is a folder"),
}


def _fingerprint(path: Path) -> tuple[str | None, list[str]]:
    """The file's SHA-256 (None for a folder) and what its folder holds."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    return digest, sorted(p.name for p in path.parent.iterdir())


def _open_with_the_menu(window, monkeypatch, path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    window.command_actions["open_database"].trigger()
    QApplication.processEvents()


def _focus(controller, qtbot):  # type: ignore[no-untyped-def]
    window = controller.window
    window.resize(1200, 760)
    qtbot.waitExposed(window)
    # Offscreen, a closed dialog does not give the activation back as a desktop does.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.view.setFocus()
    return window


def _annotates(window) -> None:  # type: ignore[no-untyped-def]
    hand = Hand(window, random.Random(1))
    assert hand.create("SOURCE") is not None
    assert hand.refusals == []


@pytest.mark.parametrize("case", list(REFUSED))
def test_file_open_refuses_it_in_one_line_and_the_window_goes_on(
    start, qtbot, tmp_path: Path, monkeypatch, message_boxes, case: str
) -> None:  # type: ignore[no-untyped-def]
    make, expected = REFUSED[case]
    good = tmp_path / "good.db"
    controller = start(good, add_article(good, ARTICLE, "good"))
    bad = tmp_path / "bad" / "bad.db"
    bad.parent.mkdir()
    make(bad)
    before = _fingerprint(bad)

    _open_with_the_menu(controller.window, monkeypatch, bad)

    assert len(message_boxes) == 1
    [message] = message_boxes
    assert expected in message and str(bad) in message and "\n" not in message
    assert _fingerprint(bad) == before
    assert not backups.backup_folder(bad).exists()
    assert controller.window.store.path == good
    window = _focus(controller, qtbot)
    _annotates(window)
    # And another good database opens from the same menu, and takes annotations.
    other = tmp_path / "other.db"
    add_article(other, ARTICLE, "other")
    _open_with_the_menu(window, monkeypatch, other)
    assert controller.window.store.path == other
    _annotates(_focus(controller, qtbot))
    assert len(message_boxes) == 1


@pytest.mark.parametrize("case", list(REFUSED))
def test_starting_on_it_says_so_and_opens_the_last_database(
    start, settings, qtbot, tmp_path: Path, message_boxes, case: str
) -> None:  # type: ignore[no-untyped-def]
    make, expected = REFUSED[case]
    last = tmp_path / "last.db"
    add_article(last, ARTICLE, "last")
    settings.add_recent(str(last))
    bad = tmp_path / "bad" / "bad.db"
    bad.parent.mkdir()
    make(bad)
    before = _fingerprint(bad)

    controller = start(bad)  # `annotator gui bad/bad.db`

    [message] = message_boxes
    assert expected in message and str(bad) in message and "\n" not in message
    assert _fingerprint(bad) == before
    assert not backups.backup_folder(bad).exists()
    window = _focus(controller, qtbot)
    assert window.store.path == last and window.title.text() == "last"
    assert str(bad) in window.statusBar().currentMessage()
    _annotates(window)


# ------------------------------------------------------------- read-only


@pytest.fixture
def unwritable(monkeypatch):  # type: ignore[no-untyped-def]
    """Make files and folders unwritable; root passes permission checks, so for root the
    check itself answers as it would for anyone else (a subprocess test below runs as
    an ordinary user for real)."""

    locked: set[Path] = set()
    real = os.access

    def access(path, mode, *args, **kwargs):  # type: ignore[no-untyped-def]
        if mode == os.W_OK and Path(path) in locked:
            return False
        return real(path, mode, *args, **kwargs)

    def lock(path: Path) -> None:
        path.chmod(0o555 if path.is_dir() else 0o444)
        locked.add(path)
        if os.geteuid() == 0:
            monkeypatch.setattr(files.os, "access", access)

    yield lock


def _read_only_file(tmp_path: Path, lock) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "ro" / "corpus.db"
    path.parent.mkdir()
    _healthy(path, 3)
    lock(path)
    return path


def _read_only_folder(tmp_path: Path, lock) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "locked" / "corpus.db"
    path.parent.mkdir()
    _healthy(path, 3)
    lock(path.parent)
    return path


READ_ONLY = {"read-only file": _read_only_file, "read-only folder": _read_only_folder}


def _banner(window) -> QLabel:  # type: ignore[no-untyped-def]
    banner = window.findChild(QLabel, "readOnlyBanner")
    assert banner is not None, "no read-only banner"
    return banner


def _assert_read_only(window, path: Path, message_boxes) -> None:  # type: ignore[no-untyped-def]
    assert window.store.path == path and window.store.readonly
    banner = _banner(window)
    assert banner.isVisible() and "Read-only" in banner.text() and str(path) in banner.text()
    assert banner.textFormat() == Qt.TextFormat.PlainText
    assert window.saved_label.text() == "Read-only"
    for name in ("import_files", "delete", "link", "mark_done", "undo"):
        assert not window.command_actions[name].isEnabled(), name
    assert not any(a.isEnabled() for a in window.label_actions.values())
    assert (
        window.command_actions["export"].isEnabled() and window.command_actions["find"].isEnabled()
    )
    # Marking text does nothing at all: the label key is disabled, no dialog, no change.
    text = window.annotating.spans.text
    drag(window.view, 0, text.index(" ", 4))
    key(window.view, Qt.Key.Key_1)
    assert window.annotating.spans.annotations == {} and message_boxes == []


@pytest.mark.parametrize("case", list(READ_ONLY))
def test_a_read_only_database_opens_read_only_with_a_banner(
    start, qtbot, tmp_path: Path, monkeypatch, message_boxes, unwritable, case: str
) -> None:  # type: ignore[no-untyped-def]
    path = READ_ONLY[case](tmp_path, unwritable)
    try:
        before = _fingerprint(path)
        good = tmp_path / "good.db"
        controller = start(good, add_article(good, ARTICLE, "good"))
        _open_with_the_menu(controller.window, monkeypatch, path)
        window = _focus(controller, qtbot)
        _assert_read_only(window, path, message_boxes)
        assert window.store.count_articles() == 3  # it can be read
        # Back to a writable database: everything is enabled again.
        _open_with_the_menu(window, monkeypatch, good)
        window = _focus(controller, qtbot)
        assert not window.store.readonly and window.saved_label.text().endswith("Saved")
        assert all(a.isEnabled() for a in window.label_actions.values())
        _annotates(window)
        # Start-up on it: read-only too.
        controller.shutdown()
        window = _focus(start(path), qtbot)
        _assert_read_only(window, path, message_boxes)
        controller.app.processEvents()
        assert _fingerprint(path)[0] == before[0]
        assert not backups.backup_folder(path).exists()
    finally:
        path.chmod(0o644)
        path.parent.chmod(0o755)


def test_the_read_only_banner_is_plain_text(
    start, tmp_path: Path, message_boxes, unwritable
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "<b>x"
    folder.mkdir()
    path = folder / "<img src=x>.db"
    add_article(path, ARTICLE)
    unwritable(path)
    try:
        window = start(path).window
        assert _banner(window).textFormat() == Qt.TextFormat.PlainText
        assert "<img src=x>.db" in _banner(window).text()
    finally:
        path.chmod(0o644)


def test_marking_in_a_read_only_window_says_so_if_it_gets_through(
    start, tmp_path: Path, message_boxes, unwritable
) -> None:  # type: ignore[no-untyped-def]
    """Should a writing command stay enabled (a context-menu entry, say), the store
    refuses it and the window shows it as not saved."""
    path = _read_only_file(tmp_path, unwritable)
    try:
        window = start(path).window
        window.view.select_span(*span_of(window.annotating.spans.text, "مقال"))
        window.annotating.label("CLAIM")
        assert message_boxes and "read-only" in message_boxes[0]
        assert window.annotating.spans.annotations == {}
        assert "Not saved" in window.saved_label.text()
    finally:
        path.chmod(0o644)


_AS_USER = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from annotator.gui.app import AppController, application
from annotator.gui.settings import Settings
from tests.gui.conftest import drag, key

app = application()
boxes = []
def close_boxes():
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        boxes.append(box.text())
        box.accept()
timer = QTimer()
timer.timeout.connect(close_boxes)
timer.start(20)
settings = Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
controller = AppController(app, settings, ask_name=lambda *a: "user")
assert controller.start(Path(sys.argv[1]), None, "user")
window = controller.window
window.resize(1200, 760)
QTest.qWaitForWindowExposed(window)
window.activateWindow()
window.view.setFocus()
text = window.annotating.spans.text
drag(window.view, 0, text.index(" ", 4))
key(window.view, Qt.Key.Key_1)
from PySide6.QtWidgets import QLabel
banner = window.findChild(QLabel, "readOnlyBanner")
print(json.dumps({
    "readonly": window.store.readonly,
    "banner": banner.text() if banner is not None and banner.isVisible() else "",
    "saved": window.saved_label.text(),
    "labels_enabled": any(a.isEnabled() for a in window.label_actions.values()),
    "annotations": len(window.annotating.spans.annotations),
    "articles": window.store.count_articles(),
    "boxes": boxes,
}))
controller.shutdown()
"""


def _as_ordinary_user() -> list[str] | None:
    if os.geteuid() != 0:
        return []
    import shutil

    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.mark.parametrize("case", ["read-only file", "read-only folder"])
def test_real_permissions_as_an_ordinary_user(case: str) -> None:
    """No pretending: the window runs as a user who really cannot write there."""
    import json
    import shutil
    import subprocess
    import sys
    import tempfile

    prefix = _as_ordinary_user()
    if prefix is None:
        pytest.skip("running as root without setpriv to become an ordinary user")
    root = Path(__file__).resolve().parents[2]
    base = Path(tempfile.mkdtemp(prefix="annotator-ro-"))
    try:
        base.chmod(0o777)
        home = base / "home"
        home.mkdir(mode=0o777)
        home.chmod(0o777)
        folder = base / ("ro" if case == "read-only file" else "locked")
        folder.mkdir()
        path = folder / "corpus.db"
        _healthy(path, 3)
        if case == "read-only file":
            folder.chmod(0o777)  # the folder is writable, the file is not
            path.chmod(0o444)
        else:
            path.chmod(0o644)
            folder.chmod(0o555)
        before = _fingerprint(path)
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            PYTHONPATH=str(root),
            PYTHONDONTWRITEBYTECODE="1",
            HOME=str(home),
            XDG_CONFIG_HOME=str(home),
            XDG_DATA_HOME=str(home),
            XDG_RUNTIME_DIR=str(home),
        )
        result = subprocess.run(
            [*prefix, sys.executable, "-c", _AS_USER, str(path), str(home / "s.ini")],
            capture_output=True,
            text=True,
            env=env,
            cwd=base,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        shown = json.loads(result.stdout.strip().splitlines()[-1])
        assert shown["readonly"] and str(path) in shown["banner"], shown
        assert shown["saved"] == "Read-only" and not shown["labels_enabled"]
        assert shown["articles"] == 3 and shown["annotations"] == 0 and shown["boxes"] == []
        assert _fingerprint(path)[0] == before[0]
        if case == "read-only folder":
            assert _fingerprint(path) == before  # not even a -wal or -shm beside it
        assert not backups.backup_folder(path).exists()
    finally:
        for p in base.rglob("*"):
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)
