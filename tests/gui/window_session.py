"""A whole window session with every socket refused: run by test_reliability_no_network.

Usage: python -m tests.gui.window_session DATA_DIR SETTINGS_INI EXPORT_FILE

Before anything else is imported, Python's socket functions are made to fail (the
test may also run this under strace, which makes the kernel's socket() call fail for
Qt's own code). Then, as a first-time user: start (the database is made in DATA_DIR
and the samples imported), go to the next article and back, mark a claim and a source, link
them, set an attribute, undo and redo, export to jsonl through File > Export, close.
The last line printed is a JSON summary.
"""

from __future__ import annotations

import socket


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise OSError("network access attempted")


class _NoSocket(socket.socket):
    """Still a class (ssl subclasses it when the exporters import xml.sax), never made."""

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        _refuse()


socket.socket = _NoSocket  # type: ignore[misc]
for _name in ("create_connection", "getaddrinfo", "socketpair", "fromfd"):
    setattr(socket, _name, _refuse)

import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox  # noqa: E402

from annotator.gui.app import AppController, application  # noqa: E402
from annotator.gui.dialogs.export_dialog import ExportDialog  # noqa: E402
from annotator.gui.settings import Settings  # noqa: E402
from tests.gui.conftest import key  # noqa: E402
from tests.gui.gestures import Hand  # noqa: E402


def main() -> int:
    data_dir, ini, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    app = application()
    boxes: list[str] = []

    def answer_dialogs() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            boxes.append(dialog.text())
            dialog.accept()
        elif isinstance(dialog, ExportDialog) and not dialog.target.text():
            dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
            dialog.target.setText(str(out))
            buttons = dialog.findChild(QDialogButtonBox)
            export = next(
                b
                for b in buttons.buttons()
                if buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
            )
            # Clicked after this returns: the summary box it opens is answered here too.
            QTimer.singleShot(0, lambda: QTest.mouseClick(export, Qt.MouseButton.LeftButton))

    timer = QTimer()
    timer.timeout.connect(answer_dialogs)
    timer.start(20)
    settings = Settings(QSettings(ini, QSettings.Format.IniFormat))
    controller = AppController(app, settings, data_dir=data_dir, ask_name=lambda *_a: "salma")
    assert controller.start(), "the window did not start"
    window = controller.window
    assert window is not None
    window.resize(1200, 760)
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    first = window.annotating.article.id
    window.command_actions["next_article"].trigger()
    assert window.annotating.article.id != first
    window.command_actions["previous_article"].trigger()  # back to one that starts in Arabic
    assert window.annotating.article.id == first
    QTest.qWait(100)  # the view settles at the reading position
    window.view.setFocus()
    hand = Hand(window, random.Random(3), within=300)
    done = [hand.create("CLAIM"), hand.create("SOURCE")]
    anns = window.annotating.spans.annotations
    claim = next(i for i, a in anns.items() if a.label == "CLAIM")
    source = next(i for i, a in anns.items() if a.label == "SOURCE")
    done += [hand.link(claim, source), hand.set_attribute(claim), hand.undo()]
    key(
        window.view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert all(done) and not hand.refusals, done
    window.command_actions["export"].trigger()
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    window.command_actions["quit"].trigger()
    controller.shutdown()
    print(
        json.dumps(
            {
                "articles": len(exported),
                "annotations": sum(len(r["annotations"]) for r in exported),
                "boxes": boxes,
                "qt_network": sorted(m for m in sys.modules if "QtNetwork" in m),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
