"""The curator's panel: who is compared, progress, the article's candidates, and the
versions of the one being decided, with the decision buttons.

It only shows and asks: choosing a candidate or a version is a signal; the buttons are
the window's actions, so they show their keys and are enabled with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.adjudication_status import AGREED, SINGLE
from annotator.gui.names import schema_name, snippet
from annotator.gui.widgets.span_style import LabelStyles

if TYPE_CHECKING:
    from annotator.core.adjudication import Candidate, Progress, Version

INDEX_ROLE = Qt.ItemDataRole.UserRole
STATUS_COLORS = {AGREED: QColor("#2E7D32"), SINGLE: QColor("#C0392B")}
PARTIAL_COLOR = QColor("#D35400")
DECIDED_COLOR = QColor("#8A8A8A")


def version_text(candidate: Candidate, version: Version) -> str:
    return next(a.text for a in candidate.spans if a.id == version.annotation_ids[0])


class AdjudicationPanel(QWidget):
    """Progress, candidates and versions of the open article."""

    candidateChosen = Signal(int)
    versionChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adjudicationPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.heading = QLabel()
        self.heading.setObjectName("adjudicationHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.heading)
        self.legend = QGridLayout()
        self.legend.setHorizontalSpacing(6)
        self.legend.setVerticalSpacing(0)
        layout.addLayout(self.legend)
        self.article_progress, self.article_bar = self._progress_row(layout, "articleProgress")
        self.corpus_progress, self.corpus_bar = self._progress_row(layout, "corpusProgress")
        self.tree = QTreeWidget()
        self.tree.setObjectName("candidateTree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["", self.tr("Label"), self.tr("Marked by"), self.tr("Text")])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setStretchLastSection(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.currentItemChanged.connect(self._tree_changed)
        self.state = QLabel()
        self.state.setObjectName("candidateState")
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.versions = QListWidget()
        self.versions.setObjectName("candidateVersions")
        self.versions.setWordWrap(True)
        self.versions.currentRowChanged.connect(self._version_changed)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.state)
        lower_layout.addWidget(self.versions, 1)
        self.buttons = QHBoxLayout()
        lower_layout.addLayout(self.buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(lower)
        splitter.setSizes([320, 220])
        layout.addWidget(splitter, 1)
        self._found: list[Candidate] = []

    def _progress_row(self, layout: QVBoxLayout, name: str) -> tuple[QLabel, QProgressBar]:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        bar = QProgressBar()
        bar.setMaximumHeight(10)
        bar.setTextVisible(False)
        layout.addWidget(label)
        layout.addWidget(bar)
        return label, bar

    def add_buttons(self, actions: list[QAction]) -> None:
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)

    # ---------------------------------------------------------------- content

    def set_context(self, annotators: list[str], gold: str, styles: LabelStyles) -> None:
        """Who is compared (each with their lane), and where decisions go."""
        self.heading.setText(
            self.tr("Deciding into «{0}»; new marks and edits go there too.").format(gold)
        )
        while self.legend.count():
            item = self.legend.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        # Drawn by the overlay's painter, which loads when adjudication starts.
        from annotator.gui.widgets.adjudication_painter import lane_sample

        ink = QColor("#404040")
        for lane, name in enumerate(annotators):
            icon = QLabel()
            icon.setPixmap(lane_sample(lane, len(annotators), ink))
            text = QLabel(name or self.tr("(no name)"))
            text.setTextFormat(Qt.TextFormat.PlainText)
            self.legend.addWidget(icon, lane, 0)
            self.legend.addWidget(text, lane, 1)
        # Names sit beside their lane, whatever the interface direction.
        self.legend.setColumnStretch(2, 1)

    def show_progress(self, article: Progress, corpus: Progress) -> None:
        self.article_progress.setText(
            self.tr("This article: {0} of {1} decided").format(article.decided, article.total)
        )
        self.corpus_progress.setText(
            self.tr("All articles: {0} of {1} decided ({2}%)").format(
                corpus.decided,
                corpus.total,
                round(100 * corpus.decided / corpus.total) if corpus.total else 100,
            )
        )
        for bar, figures in ((self.article_bar, article), (self.corpus_bar, corpus)):
            bar.setMaximum(max(figures.total, 1))
            bar.setValue(figures.decided if figures.total else 1)

    def show_candidates(self, found: list[Candidate]) -> None:
        self._found = found
        with QSignalBlocker(self.tree):
            self.tree.clear()
            items = []
            for index, candidate in enumerate(found):
                item = QTreeWidgetItem(
                    [
                        _mark(candidate),
                        schema_name(candidate.label),
                        self.tr("all")
                        if not candidate.missing
                        else self._who(candidate.annotators),
                        snippet(max((a.text for a in candidate.spans), key=len), 40),
                    ]
                )
                item.setData(0, INDEX_ROLE, index)
                color = (
                    DECIDED_COLOR
                    if candidate.decided
                    else STATUS_COLORS.get(candidate.status, PARTIAL_COLOR)
                )
                for column in range(4):
                    item.setForeground(column, QBrush(color))
                for column in range(4):
                    item.setToolTip(column, self.describe(candidate))
                items.append(item)
            self.tree.addTopLevelItems(items)
        for column in (0, 1, 2):
            self.tree.resizeColumnToContents(column)

    def show_current(self, index: int | None, version: int) -> None:
        """Select a candidate and show its versions, ``version`` being the one to accept."""
        with QSignalBlocker(self.tree):
            self.tree.clearSelection()
            item = self.tree.topLevelItem(index) if index is not None else None
            if item is not None:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
        candidate = self._found[index] if index is not None and index < len(self._found) else None
        with QSignalBlocker(self.versions):
            self.versions.clear()
            if candidate is None:
                self.state.setText(
                    self.tr("Nothing to decide in this article.")
                    if not self._found
                    else self.tr("Choose a candidate (N: the next undecided one).")
                )
                return
            self.state.setText(self.describe(candidate))
            for choice in candidate.versions:
                self.versions.addItem(QListWidgetItem(self._version_line(candidate, choice)))
            self.versions.setCurrentRow(version)

    # ---------------------------------------------------------------- signals

    def _tree_changed(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.candidateChosen.emit(int(item.data(0, INDEX_ROLE)))

    def _version_changed(self, row: int) -> None:
        if row >= 0:
            self.versionChosen.emit(row)

    # ---------------------------------------------------------------- wording

    def describe(self, candidate: Candidate) -> str:
        """What the annotators did with a candidate, and what was decided, in words."""
        parts = []
        if candidate.status == AGREED:
            parts.append(self.tr("Everyone marked it the same way."))
        elif candidate.status == SINGLE:
            parts.append(self.tr("Only {0} marked it.").format(self._who(candidate.annotators)))
        else:
            if candidate.boundaries_differ:
                parts.append(self.tr("The boundaries differ."))
            if candidate.attributes_differ:
                parts.append(self.tr("The attributes differ."))
            if candidate.missing:
                parts.append(self.tr("Not marked by {0}.").format(self._who(candidate.missing)))
        if candidate.accepted:
            parts.append(self.tr("Accepted into gold."))
        elif candidate.rejected:
            parts.append(self.tr("Rejected."))
        else:
            parts.append(self.tr("Not decided yet."))
        return " ".join(parts)

    def _who(self, names: tuple[str, ...]) -> str:
        return ", ".join(n or self.tr("(no name)") for n in names)

    def _version_line(self, candidate: Candidate, version: Version) -> str:
        values = " · ".join(
            f"{schema_name(name)}: {schema_name(str(value))}"
            for name, value in sorted(version.attributes.items())
            if value is not None
        )
        text = f"{self._who(version.annotators)}: «{snippet(version_text(candidate, version), 70)}»"
        return f"{text}\n{values}" if values else text


def _mark(candidate: Candidate) -> str:
    return "✓" if candidate.accepted else "✗" if candidate.rejected else "●"
