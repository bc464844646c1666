"""The label palette: each label with its key and its look, plus linking and the
exact-characters switch. The buttons are the same actions as the keys and menus."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QToolBar, QWidget

from annotator.core.schema import Schema
from annotator.gui.names import schema_name
from annotator.gui.widgets.span_style import LabelStyles


class LabelPalette(QToolBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelPalette")
        self.setWindowTitle(self.tr("Labels"))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setIconSize(QSize(22, 22))
        self.setMovable(False)

    def populate(
        self,
        schema: Schema,
        styles: LabelStyles,
        label_actions: dict[str, QAction],
        extra: list[QAction],
    ) -> None:
        self.clear()
        for name, label in schema.labels.items():
            action = label_actions[name]
            action.setIcon(QIcon(styles.sample(name)))
            action.setIconText(f"{schema_name(name)}  {label.key}")
            self.addAction(action)
        self.addSeparator()
        for action in extra:
            self.addAction(action)
