"""Asks the annotator's name: once on the first start, and from Edit > Annotator name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class NameDialog(QDialog):
    def __init__(self, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nameDialog")
        self.setWindowTitle(self.tr("Your name"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "annotator records who made each annotation. Type the name (or initials) "
                "that your project uses for you. You can change it later in Edit > Annotator name."
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self.field = QLineEdit(current)
        self.field.setObjectName("nameField")
        self.field.setMaxLength(80)
        layout.addWidget(self.field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        self.field.textChanged.connect(lambda t: self._ok.setEnabled(bool(t.strip())))
        self._ok.setEnabled(bool(current.strip()))

    @property
    def name(self) -> str:
        return self.field.text().strip()


def ask_name(parent: QWidget | None = None, current: str = "") -> str | None:
    """The name typed, or None when the dialog was cancelled."""
    dialog = NameDialog(current, parent)
    return dialog.name if dialog.exec() == QDialog.DialogCode.Accepted and dialog.name else None
