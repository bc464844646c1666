"""The article list: title, status and annotation count, filtered and searched.

Rows are fetched from the store in windows as the list scrolls, so a corpus of tens
of thousands of articles opens at once. Search goes to the store's full-text index
over a normalised copy of the text: diacritics, tatweel and letter variants are
ignored there, never in the window.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.model import STATUSES, ArticleSummary
from annotator.gui.names import STATUS_MARKS, status_name, text_tooltip
from annotator.storage import Store

ID_ROLE = Qt.ItemDataRole.UserRole
FETCH_WINDOW = 200
SEARCH_DELAY_MS = 250
_STATUS_COLORS = {
    "new": QColor("#7f8c8d"),
    "in_progress": QColor("#d68910"),
    "done": QColor("#1e8449"),
}

Index = QModelIndex | QPersistentModelIndex


class ArticleListModel(QAbstractTableModel):
    """Article summaries from the store, fetched lazily."""

    TITLE, STATUS, COUNT = range(3)

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self._rows: list[ArticleSummary] = []
        self._row_of: dict[int, int] = {}
        self._status: str | None = None
        self._query: str | None = None
        self._exhausted = True
        self.error = ""

    def reset(self, status: str | None = None, query: str | None = None) -> None:
        self.beginResetModel()
        self._status, self._query = status, (query or "").strip() or None
        self._rows, self._row_of, self._exhausted, self.error = [], {}, False, ""
        self._append(self._load_window())
        self.endResetModel()

    def _load_window(self) -> list[ArticleSummary]:
        """The next window of rows from the store (not yet shown)."""
        try:
            # Paged by key (the last id shown), never by offset: the end of a long list
            # comes as fast as its start.
            rows = self.store.summaries(
                status=self._status,
                query=self._query,
                after=self._rows[-1].id if self._rows else None,
                limit=FETCH_WINDOW,
            )
        except AnnotatorError as exc:
            self.error, rows = str(exc), []
        if len(rows) < FETCH_WINDOW:
            self._exhausted = True
        return rows

    def _append(self, rows: list[ArticleSummary]) -> None:
        for row in rows:
            self._row_of[row.id] = len(self._rows)
            self._rows.append(row)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        rows = self._load_window()
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._append(rows)
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Title"), self.tr("Status"), "#")[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return row.title or self.tr("Article {0}").format(row.id)
            if column == self.STATUS:
                return f"{STATUS_MARKS.get(row.status, '')} {status_name(row.status)}"
            return row.annotation_count
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            # The whole title (the list elides long ones), escaped: a title is data.
            return text_tooltip(row.title or self.tr("Article {0}").format(row.id))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return QBrush(_STATUS_COLORS.get(row.status, QColor("#555555")))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_of(self, article_id: int) -> int | None:
        return self._row_of.get(article_id)

    def summary(self, article_id: int) -> ArticleSummary | None:
        row = self._row_of.get(article_id)
        return None if row is None else self._rows[row]

    def update_article(
        self, article_id: int, status: str | None = None, count: int | None = None
    ) -> None:
        """Show a new status or annotation count for one article, in place."""
        row = self._row_of.get(article_id)
        if row is None:
            return
        current = self._rows[row]
        self._rows[row] = replace(
            current,
            status=current.status if status is None else status,
            annotation_count=current.annotation_count if count is None else count,
        )
        self.dataChanged.emit(self.index(row, 0), self.index(row, 2))


class ArticleList(QWidget):
    """Search box, status filter and the list; emits the article to open.

    Args:
        store: the database.
        parent: the owner widget.
        load: read the first window of rows now; otherwise they come with the first
            ``reload`` (the window calls it just after the article's first paint).
    """

    articleActivated = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("articleList")
        self.model = ArticleListModel(store, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.search = QLineEdit()
        self.search.setObjectName("articleSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search (diacritics and letter forms ignored)"))
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("All"), None)
        for status in STATUSES:
            self.status.addItem(f"{STATUS_MARKS[status]} {status_name(status)}", status)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.status)
        layout.addLayout(row)
        self.view = QTreeView()
        self.view.setObjectName("articleTable")
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        # A long title keeps its start and its end: "…" stands for its middle.
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setModel(self.model)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ArticleListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        # Fixed widths measured once: ResizeToContents would ask every loaded row for its
        # text on each change, which on a large corpus costs more than the rows themselves.
        metrics = self.view.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(f"{STATUS_MARKS[s]} {status_name(s)}") for s in STATUSES
        )
        for column, width in (
            (ArticleListModel.STATUS, widest + 24),
            (ArticleListModel.COUNT, metrics.horizontalAdvance("00000") + 16),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        layout.addWidget(self.view, 1)
        self.footer = QLabel()
        self.footer.setTextFormat(Qt.TextFormat.PlainText)
        self.footer.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.footer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.reload)
        self.status.currentIndexChanged.connect(self.reload)
        self.view.clicked.connect(self._activated)
        self.view.activated.connect(self._activated)
        self._current: int | None = None
        if load:
            self.reload()

    def reload(self) -> None:
        """Apply the search and the filter (the current article stays selected if shown)."""
        self._timer.stop()
        self.model.reset(self.status.currentData(), self.search.text())
        total = self.model.store.count_articles(self.status.currentData())
        shown = self.model.rowCount()
        if self.model.error:
            self.footer.setText(self.model.error)
        elif self.search.text().strip():
            more = "+" if self.model.canFetchMore() else ""
            self.footer.setText(self.tr("{0}{1} matching articles").format(shown, more))
        else:
            self.footer.setText(self.tr("{0} articles").format(total))
        if self._current is not None:
            self.select_article(self._current)

    def select_article(self, article_id: int) -> None:
        self._current = article_id
        row = self.model.row_of(article_id)
        with QSignalBlocker(self.view.selectionModel()):
            if row is None:
                self.view.clearSelection()
            else:
                self.view.setCurrentIndex(self.model.index(row, 0))
        # The view heard nothing of the blocked change: repaint the highlight it moved.
        self.view.viewport().update()
        if row is not None:
            self.view.scrollTo(self.model.index(row, 0))

    def _activated(self, index: QModelIndex) -> None:
        article_id = self.model.data(index, ID_ROLE)
        if article_id is not None and article_id != self._current:
            self.articleActivated.emit(article_id)
