"""The status bar's "Your articles: 34 of 120 done", for a database made by
``annotator assign`` (or a corpus whose plan names the annotator)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class AssignmentLabel(QLabel):
    """Progress against the plan; hidden when the plan gives this user nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assignmentLabel")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setToolTip(self.tr("The articles assigned to you, and how many you marked done"))
        self.hide()

    def show_progress(self, progress: tuple[int, int] | None) -> None:
        """Show (done, assigned), or hide when None."""
        if progress is None:
            self.hide()
            return
        done, assigned = progress
        self.setText(self.tr("Your articles: {0} of {1} done").format(done, assigned))
        self.show()
