"""Q: every attribute of the selected annotation, one key each.

Each attribute is a row whose values are numbered; a digit (Latin or Arabic-Indic)
chooses that value and moves to the next row, 0 or Space keeps the row as it is,
Backspace goes back a row. After the last row, or on Enter, the choices are applied
together (one undo step); Esc applies nothing. A claim's five attributes take Q and five
digits.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from annotator.core.schema import Label
from annotator.gui.names import schema_name

MAX_VALUES = 9  # digits 1-9; an attribute with more values is edited in the panel


def digit_of(event: QKeyEvent) -> int | None:
    """The digit a key press typed, Latin or Arabic-Indic (٠-٩, ۰-۹), or None."""
    text = event.text()
    if len(text) == 1 and text.isdigit():
        try:
            return int(text)
        except ValueError:
            return None
    return None


class QuickAttributes(QFrame):
    """A small panel over the article, one numbered row per attribute."""

    chosen = Signal(int, dict)  # annotation id, {attribute: value} to apply
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("quickAttributes")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(10, 8, 10, 8)
        self._grid.setHorizontalSpacing(12)
        self.annotation_id = -1
        self.names: list[str] = []
        self.values: list[tuple[str, ...]] = []
        self.current: dict[str, str] = {}
        self.choices: dict[str, str] = {}
        self.row = 0
        self._rows: list[tuple[QLabel, QLabel]] = []
        self._done = False

    def start(self, annotation_id: int, label: Label, current: dict[str, str], at: QPoint) -> bool:
        """Open for one annotation at a global point; False when it has no attribute
        that digits can set."""
        names = [n for n, v in label.attributes.items() if len(v) <= MAX_VALUES]
        if not names:
            return False
        self.annotation_id = annotation_id
        self.names = names
        self.values = [label.attributes[n] for n in names]
        self.current = dict(current)
        self.choices = {}
        self.row = 0
        self._done = False
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._rows = []
        hint = QLabel(self.tr("Digit: choose · 0: keep · Backspace: back · Enter: done · Esc"))
        hint.setStyleSheet("color: palette(mid);")
        self._grid.addWidget(hint, 0, 0, 1, 2)
        for n, name in enumerate(names, start=1):
            title = QLabel(schema_name(name))
            title.setToolTip(label.attribute_descriptions.get(name, ""))
            options = QLabel()
            options.setTextFormat(Qt.TextFormat.RichText)
            meanings = label.value_descriptions.get(name, {})
            options.setToolTip(
                "\n".join(f"{schema_name(v)}: {t}" for v, t in meanings.items())
                or label.attribute_descriptions.get(name, "")
            )
            self._grid.addWidget(title, n, 0)
            self._grid.addWidget(options, n, 1)
            self._rows.append((title, options))
        self._refresh()
        self.adjustSize()
        self.move(at)
        self.show()
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        return True

    def _value_of(self, name: str) -> str | None:
        return self.choices.get(name, self.current.get(name))

    def _refresh(self) -> None:
        from html import escape

        for n, ((title, options), name, values) in enumerate(
            zip(self._rows, self.names, self.values, strict=True)
        ):
            active = n == self.row
            font = title.font()
            font.setBold(active)
            title.setFont(font)
            parts = []
            for i, value in enumerate(values, start=1):
                text = f"{i} {escape(schema_name(value))}"
                if value == self._value_of(name):
                    text = f"<b><u>{text}</u></b>"
                parts.append(text)
            options.setText("&nbsp;&nbsp; ".join(parts))
            options.setStyleSheet(
                "background: palette(highlight); color: palette(highlighted-text);"
                if active
                else ""
            )

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self.hide()
        self.chosen.emit(self.annotation_id, dict(self.choices))

    def event(self, event: QEvent) -> bool:
        # Every key is the panel's while it is open: the article's label keys (digits)
        # must not relabel the annotation underneath.
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        digit = digit_of(event)
        if key == Qt.Key.Key_Escape:
            self._done = True
            self.hide()
            self.cancelled.emit()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._finish()
            return
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Up):
            self.row = max(0, self.row - 1)
            self._refresh()
            return
        if digit is not None or key in (Qt.Key.Key_Space, Qt.Key.Key_Down):
            if digit:
                values = self.values[self.row]
                if digit > len(values):
                    return  # no such value: the row stays
                self.choices[self.names[self.row]] = values[digit - 1]
            self.row += 1
            if self.row >= len(self.names):
                self._finish()
                return
            self._refresh()
            return
        super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        # A click outside closes a popup: what was chosen so far is kept.
        super().hideEvent(event)
        if not self._done:
            self._finish()
