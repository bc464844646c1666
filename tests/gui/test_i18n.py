"""English and Arabic interfaces: compiled translations, Qt's own, and a mirrored window."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from annotator.gui.i18n import qm_path
from annotator.paths import i18n_dir
from tests.gui.conftest import ARTICLE, add_article, drag, key, span_of

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
TS = i18n_dir() / "annotator_ar.ts"


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def _messages(ts: Path) -> list[tuple[str, str, str, bool]]:
    """(context, source, translation, finished) of every message of a .ts file."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            found.append((name, message.findtext("source") or "", translation.text or "", finished))
    return found


def test_the_compiled_qm_matches_the_ts_source() -> None:
    translator = QTranslator()
    assert translator.load(qm_path("ar"))
    messages = _messages(TS)
    assert len(messages) > 200
    for context, source, translation, finished in messages:
        assert finished and translation.strip(), f"untranslated: {context} {source!r}"
        assert translator.translate(context, source) == translation, (
            f"stale .qm for {context} {source!r}"
        )


@pytest.mark.skipif(_tool("pyside6-lupdate") is None, reason="pyside6-lupdate is not installed")
def test_every_interface_string_has_an_arabic_translation(tmp_path: Path) -> None:
    copy = tmp_path / "annotator_ar.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "annotator" / "gui").rglob("*.py"))
    result = subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *sources,
            "-ts",
            str(copy),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    missing = [(c, s) for c, s, _, finished in _messages(copy) if not finished]
    assert missing == [], "run pyside6-lupdate, translate, then pyside6-lrelease (see README)"


def test_the_arabic_interface_is_mirrored_and_translated(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "ar.db"
    controller = start(db, add_article(db, ARTICLE), language="ar")
    window = controller.window
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert "qtbase_ar" in controller.translations.loaded
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"  # Qt's own buttons
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[0] == "&ملف" and "&File" not in titles
    # The article list, where reading starts, is on the right; the panel on the left.
    view_x = window.view.mapTo(window, window.view.rect().center()).x()
    list_x = window.article_list.mapTo(window, window.article_list.rect().center()).x()
    panel_x = window.panel.mapTo(window, window.panel.rect().center()).x()
    assert panel_x < view_x < list_x
    # The menu bar starts at the right edge.
    bar = window.menuBar()
    first = bar.actionGeometry(bar.actions()[0])
    assert first.right() > bar.width() * 0.8
    # Label names show in Arabic, and annotating works the same.
    assert window.label_actions["CLAIM"].text() == "ادعاء"
    drag(window.view, *span_of(ARTICLE, "بيتر كوك"))
    key(window.view, Qt.Key.Key_2)
    assert window.panel.details.label_box.currentText() == "مصدر"


def test_switching_the_language_rebuilds_the_window_and_keeps_the_history(
    start, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "switch.db"
    controller = start(db, add_article(db, ARTICLE))
    window = controller.window
    drag(window.view, *span_of(ARTICLE, "بيتر كوك"))
    key(window.view, Qt.Key.Key_2)
    window.findChild(type(window.command_actions["undo"]), "language_ar").trigger()
    QApplication.processEvents()
    rebuilt = controller.window
    assert rebuilt is not window and rebuilt.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert controller.settings.get("ui/language") == "ar"
    assert rebuilt.annotating.article.id == 1
    rebuilt.command_actions["undo"].trigger()
    assert rebuilt.annotating.spans.annotations == {}
    rebuilt.findChild(type(rebuilt.command_actions["undo"]), "language_en").trigger()
    assert controller.window.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_the_translations_ship_with_the_package() -> None:
    assert (i18n_dir() / "annotator_ar.qm").is_file()
    assert TS.is_file()
