"""A database the window may read but not write: a banner, and no way to change it.

A file that is read-only, or that sits in a folder annotator cannot write (SQLite's
WAL needs its -wal and -shm files beside the database), is opened read-only rather
than refused: the articles and annotations can be read, searched and exported. A
banner above the article says why nothing can be changed and what to do; every
command that would write is disabled. Should a change still be asked for (a context
menu entry, say), the store refuses it and the window says so in a dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QVBoxLayout

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

# The commands that write to the database (the label keys are added to them).
WRITING_ACTIONS = (
    "import_files",
    "import_folder",
    "undo",
    "redo",
    "delete",
    "link",
    "link_menu",
    "grow_left",
    "grow_right",
    "shrink_left",
    "shrink_right",
    "mark_done",
)


def banner_text(path: str) -> str:
    return QCoreApplication.translate(
        "ReadOnly",
        "Read-only: {0} cannot be written (the file or its folder is read-only). "
        "You can read, search and export; to annotate, copy it to a folder you can "
        "write and open the copy.",
    ).format(path)


def show_read_only(window: MainWindow) -> QLabel:
    """Put up the banner (named readOnlyBanner) and disable every command that would write."""
    banner = QLabel(banner_text(str(window.store.path)))
    banner.setObjectName("readOnlyBanner")
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setWordWrap(True)
    banner.setStyleSheet(
        "background: #fff3cd; color: #664d03; border-bottom: 1px solid #e0c060; padding: 6px 10px;"
    )
    central = window.centralWidget()
    layout = central.layout() if central is not None else None
    assert isinstance(layout, QVBoxLayout)
    layout.insertWidget(0, banner)
    actions: dict[str, QAction] = window.actions  # type: ignore[assignment]
    for name in WRITING_ACTIONS:
        if name in actions:
            actions[name].setEnabled(False)
    for action in [*window.label_actions.values(), *window.exact_label_actions.values()]:
        action.setEnabled(False)
    details = window.panel.details
    for widget in (
        details.label_box,
        details.attributes_box,
        details.link_button,
        details.delete_button,
    ):
        widget.setEnabled(False)
    details.note.setReadOnly(True)
    details.note.setPlaceholderText("")
    window.setAcceptDrops(False)
    return banner
