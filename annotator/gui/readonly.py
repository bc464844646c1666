"""A database the window may read but not write: a banner, and no way to change it.

A file that is read-only, or that sits in a folder annotator cannot write (SQLite's
WAL needs its -wal and -shm files beside the database), is opened read-only rather
than refused: the articles and annotations can be read, searched and exported. A
banner above the article says why nothing can be changed and what to do; every
command that would write is disabled. Should a change still be asked for (a context
menu entry, say), the store refuses it and the window says so in a dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel


def banner_text(path: str) -> str:
    return QCoreApplication.translate(
        "ReadOnly",
        "Read-only: {0} cannot be written (the file or its folder is read-only). "
        "You can read, search and export; to annotate, copy it to a folder you can "
        "write and open the copy.",
    ).format(path)


def read_only_banner(path: str) -> QLabel:
    """The banner (named readOnlyBanner) that goes above the article."""
    banner = QLabel(banner_text(path))
    banner.setObjectName("readOnlyBanner")
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setWordWrap(True)
    banner.setStyleSheet(
        "background: #fff3cd; color: #664d03; border-bottom: 1px solid #e0c060; padding: 6px 10px;"
    )
    return banner
