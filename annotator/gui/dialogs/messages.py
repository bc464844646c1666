"""Message boxes that never render data as markup."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def _box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, details: str = ""
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    # A file name or an article title may look like HTML; QMessageBox would render it.
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    return box


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """One clear line for an AnnotatorError: never a traceback."""
    _box(parent, QMessageBox.Icon.Warning, title, text, details).exec()


def show_info(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    _box(parent, QMessageBox.Icon.Information, title, text, details).exec()
