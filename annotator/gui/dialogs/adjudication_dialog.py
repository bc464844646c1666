"""Adjudication > Adjudicate: which annotators to compare, and the gold layer's name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)


class AdjudicationDialog(QDialog):
    """Two or more annotators to compare, and the name gold is recorded under.

    Args:
        names: every annotator with annotations in the database.
        chosen: the annotators ticked at first.
        gold: the gold layer's name at first.
    """

    def __init__(
        self, names: list[str], chosen: list[str], gold: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("adjudicationDialog")
        self.setWindowTitle(self.tr("Adjudicate"))
        form = QFormLayout(self)
        intro = QLabel(
            self.tr(
                "Compare the annotators' spans article by article, and accept, reject or "
                "edit each into the gold layer. New marks and edits are recorded under the "
                "gold name."
            )
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.names = QListWidget()
        self.names.setObjectName("adjudicationAnnotators")
        for name in names:
            item = QListWidgetItem(name or self.tr("(no name)"))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in chosen else Qt.CheckState.Unchecked)
            self.names.addItem(item)
        self.names.itemChanged.connect(lambda _item: self._check())
        form.addRow(self.tr("Compare"), self.names)
        self.gold = QLineEdit(gold)
        self.gold.setObjectName("adjudicationGold")
        self.gold.textChanged.connect(lambda _text: self._check())
        form.addRow(self.tr("Gold layer"), self.gold)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c0392b;")
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._check()

    def chosen(self) -> list[str]:
        return [
            self.names.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.names.count())
            if self.names.item(i).checkState() == Qt.CheckState.Checked
        ]

    def gold_name(self) -> str:
        return self.gold.text().strip()

    def _check(self) -> None:
        chosen, gold = self.chosen(), self.gold_name()
        problem = ""
        if len(chosen) < 2:
            problem = self.tr("Choose two or more annotators.")
        elif not gold:
            problem = self.tr("Name the gold layer.")
        elif gold in chosen:
            problem = self.tr("The gold layer cannot be one of the annotators compared.")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
