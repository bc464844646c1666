"""Help > Keyboard shortcuts: the action table and the schema's label keys."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.schema import Schema
from annotator.gui.actions import ACTIONS, translate
from annotator.gui.names import schema_name


def shortcut_rows(schema: Schema, portable: bool = False) -> list[tuple[str, str]]:
    """(keys, what they do) for every shortcut, in the interface language."""
    native = (
        QKeySequence.SequenceFormat.PortableText
        if portable
        else QKeySequence.SequenceFormat.NativeText
    )
    rows = []
    for label in schema.labels.values():
        name = schema_name(label.name)
        rows.append(
            (
                label.key,
                QCoreApplication.translate(
                    "ShortcutsDialog",
                    "Mark the selection as {0} (or relabel the selected annotation)",
                ).format(name),
            )
        )
        rows.append(
            (
                QKeySequence(f"Alt+{label.key}").toString(native),
                QCoreApplication.translate(
                    "ShortcutsDialog", "Mark exactly the selected characters as {0}"
                ).format(name),
            )
        )
    rows.append(
        (
            "Esc",
            QCoreApplication.translate("ShortcutsDialog", "Cancel linking; clear the selection"),
        )
    )
    for spec in ACTIONS:
        if spec.shortcuts:
            keys = ", ".join(QKeySequence(k).toString(native) for k in spec.shortcuts)
            rows.append((keys, translate(spec.help) or translate(spec.text).replace("&", "")))
    return rows


def markdown_table(schema: Schema) -> str:
    """The shortcut table as the README shows it (a test checks that it does)."""
    lines = ["| keys | what they do |", "|---|---|"]
    for keys, what in shortcut_rows(schema, portable=True):
        shown = ", ".join(f"`{k.strip()}`" for k in keys.split(", "))
        lines.append(f"| {shown} | {what} |")
    return "\n".join(lines)


class ShortcutsDialog(QDialog):
    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        rows = shortcut_rows(schema)
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What it does")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(True)
        for row, (keys, what) in enumerate(rows):
            for column, text in enumerate((keys, what)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
