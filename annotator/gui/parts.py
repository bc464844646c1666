"""What the window hands its helpers: its parts, and the application's services.

A helper (the File menu, the menus, adjudication) receives a ``WindowParts`` and, when
it needs what only the application can do, a ``WindowServices``; never the window
itself, so that no helper imports the window or reaches into it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QDockWidget, QStatusBar, QWidget

from annotator.gui.editing import Annotating
from annotator.gui.settings import Settings
from annotator.gui.undo import UndoHistory
from annotator.gui.widgets.annotation_panel import AnnotationPanel
from annotator.gui.widgets.article_list import ArticleList
from annotator.gui.widgets.article_view import ArticleView
from annotator.storage import Store


class WindowServices(Protocol):
    """What only the application can do: open a database, change language or annotator.

    It also holds what outlives one window: the settings, and the undo history that a
    window rebuilt for another language picks up again.
    """

    @property
    def settings(self) -> Settings: ...

    @property
    def undo_group(self) -> QUndoGroup: ...

    @property
    def history(self) -> UndoHistory: ...

    @property
    def annotator(self) -> str:
        """The annotator's own name."""
        ...

    @property
    def language(self) -> str:
        """The interface language in use ("en", "ar")."""
        ...

    def open_database(self, path: Path, create: bool = False) -> bool: ...

    def set_language(self, language: str) -> None: ...

    def change_annotator(self, parent: QWidget | None = None) -> None: ...


@dataclass(frozen=True)
class WindowParts:
    """The widgets and state of one window that its helpers work with.

    Args:
        store: the open database.
        settings: the settings table.
        annotating: the open article and its undoable commands.
        view: the article.
        panel: the annotation panel.
        article_list: the article list.
        list_dock, panel_dock: the docks that hold the list and the panel.
        status: the status bar.
        open_article: shows an article (at the annotator's reading position).
    """

    store: Store
    settings: Settings
    annotating: Annotating
    view: ArticleView
    panel: AnnotationPanel
    article_list: ArticleList
    list_dock: QDockWidget
    panel_dock: QDockWidget
    status: QStatusBar
    open_article: Callable[[int], None]

    def dialog_parent(self) -> QWidget:
        """The top-level widget that dialogs belong to."""
        return self.view.window()
