"""Ctrl+F: find in the article, ignoring diacritics, tatweel and letter forms.

Matching is the core's (annotator.core.search) over the stored text; the bar only
collects the query and the suffix mode, and shows where the match is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    """A search field with a match counter; Enter hands the match to the article."""

    queryChanged = Signal(str)
    suffixesToggled = Signal(bool)
    stepRequested = Signal(bool)  # forward
    accepted = Signal(bool)  # Enter (forward) or Shift+Enter: select and go to the article
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        label = QLabel(self.tr("Find:"))
        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(
            self.tr("Words to find (diacritics and و ب ل ال… ignored) — Enter selects")
        )
        label.setBuddy(self.field)
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setMinimumWidth(80)
        previous = QToolButton()
        previous.setText("▲")
        previous.setToolTip(self.tr("Previous match (Shift+F3)"))
        previous.clicked.connect(lambda: self.stepRequested.emit(False))
        following = QToolButton()
        following.setText("▼")
        following.setToolTip(self.tr("Next match (F3)"))
        following.clicked.connect(lambda: self.stepRequested.emit(True))
        self.suffixes = QCheckBox(self.tr("Suffixes"))
        self.suffixes.setObjectName("findSuffixes")
        self.suffixes.setToolTip(
            self.tr("Also find words with pronoun suffixes (ه ها هم نا ي …) and plurals in ات")
        )
        self.suffixes.toggled.connect(self.suffixesToggled)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("Close (Esc)"))
        close.clicked.connect(self.closed)
        for widget in (label, self.field, self.count, self.suffixes, previous, following, close):
            layout.addWidget(widget, 1 if widget is self.field else 0)
        self.field.textChanged.connect(self.queryChanged)

    def open(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def set_count(self, index: int | None, total: int) -> None:
        if not self.field.text().strip():
            self.count.setText("")
        elif total == 0:
            self.count.setText(self.tr("no match"))
        else:
            self.count.setText(
                self.tr("{0} of {1}").format(0 if index is None else index + 1, total)
            )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accepted.emit(not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return
        super().keyPressEvent(event)
