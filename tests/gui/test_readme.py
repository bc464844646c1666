"""The README's window section: its screenshot exists and its shortcut table is the
window's own (generated from the action table)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from annotator.core.schema import load
from annotator.gui.dialogs.shortcuts_dialog import markdown_table
from annotator.paths import default_schema_path

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_lists_every_shortcut_of_the_window(qapp) -> None:  # type: ignore[no-untyped-def]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = markdown_table(load(default_schema_path()))
    assert table in readme, (
        "regenerate the table: annotator.gui.dialogs.shortcuts_dialog.markdown_table"
    )


def test_the_readme_shows_a_screenshot_of_the_window(qapp) -> None:  # type: ignore[no-untyped-def]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](resources/screenshots/window.png)" in readme
    image = QImage(str(ROOT / "resources" / "screenshots" / "window.png"))
    assert not image.isNull() and image.width() >= 1000 and image.height() >= 600


def test_the_readme_shows_the_arabic_interface_too(qapp) -> None:  # type: ignore[no-untyped-def]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](resources/screenshots/window-ar.png)" in readme
    assert not QImage(str(ROOT / "resources" / "screenshots" / "window-ar.png")).isNull()


def test_the_readme_shows_adjudication(qapp) -> None:  # type: ignore[no-untyped-def]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](resources/screenshots/adjudication.png)" in readme
    image = QImage(str(ROOT / "resources" / "screenshots" / "adjudication.png"))
    assert not image.isNull() and image.width() >= 1000
