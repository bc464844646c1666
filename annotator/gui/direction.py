"""View > Paragraph direction: automatic (the article's dominant script), right to left
or left to right, remembered for each article of each database."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup

from annotator.gui.settings import Settings
from annotator.gui.widgets.article_view import ArticleView

CHOICES = {
    "direction_auto": None,
    "direction_rtl": Qt.LayoutDirection.RightToLeft,
    "direction_ltr": Qt.LayoutDirection.LeftToRight,
}
_SAVED = {"direction_rtl": "rtl", "direction_ltr": "ltr"}


class DirectionChooser(QObject):
    """Applies the direction chosen for the open article, and remembers a new choice.

    The window's command table calls ``choose`` for the three commands of CHOICES.

    Args:
        actions: the window's actions; the three of CHOICES are used.
        view: the article view.
        settings: where the choices are remembered.
        article_key: the open article's key ("database path#article id"), or None.
    """

    def __init__(
        self,
        actions: dict[str, QAction],
        view: ArticleView,
        settings: Settings,
        article_key: Callable[[], str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view, self.settings, self._key = view, settings, article_key
        self.actions = {name: actions[name] for name in CHOICES}
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        for action in self.actions.values():
            action.setCheckable(True)
            self.group.addAction(action)
        self.actions["direction_auto"].setChecked(True)

    def chosen(self) -> str:
        key = self._key()
        directions: dict[str, str] = self.settings.get("view/directions")
        saved = directions.get(key, "") if key is not None else ""
        return {v: k for k, v in _SAVED.items()}.get(saved, "direction_auto")

    def article_opened(self) -> None:
        name = self.chosen()
        self.actions[name].setChecked(True)
        self.view.set_direction(CHOICES[name])

    def choose(self, name: str) -> None:
        key = self._key()
        if key is not None:
            directions = self.settings.get("view/directions")
            if name in _SAVED:
                directions[key] = _SAVED[name]
            else:
                directions.pop(key, None)
            self.settings.set("view/directions", directions)
        self.actions[name].setChecked(True)
        self.view.set_direction(CHOICES[name])
