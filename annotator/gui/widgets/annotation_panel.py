"""The article's annotations grouped by label, and the selected one's details.

The panel only shows and asks: every change it wants is a signal that the window
turns into an undoable command. Updates are incremental (one tree item per changed
annotation), so a 5,000-span article stays responsive.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QFont,
    QIcon,
    QKeySequence,
    QPainter,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QToolButton,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Annotation, reading_order
from annotator.gui.models.article_spans import ArticleSpans
from annotator.gui.names import annotation_tooltip, schema_name, snippet
from annotator.gui.widgets.annotation_details import AnnotationDetails
from annotator.gui.widgets.span_painter import MISSING_SOURCE_COLOR
from annotator.gui.widgets.span_style import LabelStyles

ID_ROLE = Qt.ItemDataRole.UserRole


def _missing_icon() -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(MISSING_SOURCE_COLOR)
    painter.drawEllipse(2, 2, 8, 8)
    painter.end()
    return QIcon(pixmap)


class AnnotationPanel(QWidget):
    """Annotations grouped by label, plus the details of the selected one."""

    currentChanged = Signal(int)  # -1 for none
    nextMissingRequested = Signal()
    leaveRequested = Signal()  # Esc: back to the article

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationPanel")
        self._spans: ArticleSpans | None = None
        self._styles: LabelStyles | None = None
        self._items: dict[int, QTreeWidgetItem] = {}
        self._groups: dict[str, QTreeWidgetItem] = {}
        self._keys: dict[str, list[tuple[int, int, int]]] = {}
        # Rows not made yet: the panel is filled just after the article is first painted
        # (or at once, when something asks for its rows before that).
        self._pending: dict[str, list[Annotation]] = {}
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(0)
        self._fill_timer.timeout.connect(self._fill)
        self._missing_icon = _missing_icon()
        self._missing_held = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.setContentsMargins(6, 4, 6, 0)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.missing = QToolButton()
        self.missing.setObjectName("missingSources")
        self.missing.setAutoRaise(True)
        self.missing.setStyleSheet(f"color: {MISSING_SOURCE_COLOR.name()};")
        self.missing.setToolTip(self.tr("Show the next claim that has no source"))
        self.missing.clicked.connect(self.nextMissingRequested)
        # Its place, right of the stretch, is kept while it is hidden: showing it again on
        # the next article opened does not lay the panel out again.
        policy = self.missing.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.missing.setSizePolicy(policy)
        top.addWidget(self.summary)
        top.addStretch(1)
        top.addWidget(self.missing)
        layout.addLayout(top)
        self.tree = QTreeWidget()
        self.tree.setObjectName("annotationTree")
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        # Tooltips are made when asked for: 5,000 of them up front would slow opening.
        self.tree.viewport().installEventFilter(self)
        self.details = AnnotationDetails()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.details)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([280, 420])
        layout.addWidget(splitter, 1)
        # Esc in the list or the details goes back to the article (after a pending note is saved).
        leave = QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        leave.activated.connect(self._leave)
        self._update_summary()

    # ---------------------------------------------------------------- content

    def load(self, spans: ArticleSpans | None, styles: LabelStyles | None) -> None:
        self._clear(spans, styles)
        with QSignalBlocker(self.tree):
            if spans is None or styles is None:
                self._update_summary()
                return
            bold = QFont(self.tree.font())
            bold.setBold(True)
            for name in spans.schema.labels:
                group = QTreeWidgetItem([schema_name(name)])
                group.setIcon(0, QIcon(styles.sample(name)))
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.setData(0, ID_ROLE, -1)
                self._groups[name] = group
                self._keys[name] = []
            self.tree.addTopLevelItems(list(self._groups.values()))
            by_label: dict[str, list[Annotation]] = {}
            for ann in spans.ordered():
                by_label.setdefault(ann.label, []).append(ann)
            self._pending = by_label
            self._fill_timer.start()
        self._update_counts()
        self._update_summary()

    def _clear(self, spans: ArticleSpans | None, styles: LabelStyles | None) -> None:
        """Forget the article shown: its rows, groups and the rows still to be made."""
        self._spans, self._styles = spans, styles
        self.details.set_context(spans, styles)
        self.details.show_annotation(None)
        self._pending = {}
        self._fill_timer.stop()
        with QSignalBlocker(self.tree):
            self.tree.clear()
            self._items.clear()
            self._groups.clear()
            self._keys.clear()

    def empty(self) -> None:
        """Show nothing until ``load``: a long article's annotations are read just after
        its first paint."""
        self._clear(None, None)
        self.summary.setText("")
        self.missing.hide()

    def _fill(self) -> None:
        """Make the rows left for after the first paint (nothing if there are none)."""
        if not self._pending:
            return
        self._fill_timer.stop()
        pending, self._pending = self._pending, {}
        with QSignalBlocker(self.tree):
            for label, annotations in pending.items():
                group = self._group(label)
                items = [self._make_item(a) for a in annotations]
                group.addChildren(items)
                self._keys[label] = [reading_order(a) for a in annotations]
            for group in self._groups.values():
                group.setExpanded(True)
        self._update_counts()
        current = self.details.annotation
        if current is not None and current.id in self._items:
            self._select_item(current.id)

    def _group(self, label: str) -> QTreeWidgetItem:
        group = self._groups.get(label)
        if group is None:
            group = QTreeWidgetItem([schema_name(label)])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setData(0, ID_ROLE, -1)
            self.tree.addTopLevelItem(group)
            group.setExpanded(True)
            self._groups[label] = group
            self._keys[label] = []
        return group

    def _make_item(self, ann: Annotation) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, ID_ROLE, ann.id)
        self._items[ann.id] = item
        self._decorate(item, ann)
        return item

    def _decorate(self, item: QTreeWidgetItem, ann: Annotation) -> None:
        assert self._spans is not None
        item.setText(0, snippet(ann.text, 48))
        missing = self._spans.is_missing(ann.id)
        item.setIcon(0, self._missing_icon if missing else QIcon())
        item.setForeground(0, QBrush(MISSING_SOURCE_COLOR) if missing else QBrush())

    def update_annotations(self, ids: set[int]) -> None:
        """Reflect added, changed and removed annotations (by id), nothing else."""
        self._fill()
        if self._spans is None:
            return
        with QSignalBlocker(self.tree):
            for ann_id in ids:
                self._take(ann_id)
                ann = self._spans.annotations.get(ann_id)
                if ann is None:
                    continue
                keys = self._keys.setdefault(ann.label, [])
                index = bisect_left(keys, reading_order(ann))
                keys.insert(index, reading_order(ann))
                self._group(ann.label).insertChild(index, self._make_item(ann))
        self._update_counts()
        self._update_summary()
        current = self.details.annotation
        if current is not None:
            self.details.show_annotation(self._spans.annotations.get(current.id))
            if current.id in self._items:
                self._select_item(current.id)

    def _take(self, ann_id: int) -> None:
        item = self._items.pop(ann_id, None)
        group = item.parent() if item is not None else None
        if item is None or group is None:
            return
        index = group.indexOfChild(item)
        label = next(name for name, g in self._groups.items() if g is group)
        del self._keys[label][index]
        group.takeChild(index)

    def refresh_links(self, ids: set[int]) -> None:
        """Links changed for these annotations: their markers and the details."""
        self._fill()
        if self._spans is None:
            return
        for ann_id in ids:
            item = self._items.get(ann_id)
            ann = self._spans.annotations.get(ann_id)
            if item is not None and ann is not None:
                self._decorate(item, ann)
        current = self.details.annotation
        if current is not None and current.id in self._spans.annotations:
            self.details.show_annotation(self._spans.annotations[current.id])
        self._update_summary()

    def _update_counts(self) -> None:
        for label, group in self._groups.items():
            count = group.childCount() + len(self._pending.get(label, ()))
            group.setText(0, f"{schema_name(label)}  ({count})")

    def _update_summary(self) -> None:
        if self._spans is None:
            self.summary.setText(self.tr("No article open"))
            self.missing.hide()
            return
        self.summary.setText(self.tr("Annotations: {0}").format(len(self._spans.annotations)))
        missing = self._spans.missing_count
        self.missing.setText("⚠ " + self.tr("Without a source: {0}").format(missing))
        if missing == 0:
            self.missing.hide()
        elif not self._missing_held:
            self.missing.show()

    def hold_missing(self) -> None:
        """Until ``show_missing``, a hidden "without a source" button stays hidden (its
        count is kept up to date, and it is hidden at once when no claim lacks a source):
        showing it costs an opened article's first frame a fifth of a millisecond."""
        self._missing_held = True

    def show_missing(self) -> None:
        """Show the "without a source" button again whenever a claim lacks a source."""
        self._missing_held = False
        self._update_summary()

    def _leave(self) -> None:
        self.details.flush_note()
        self.leaveRequested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and watched is self.tree.viewport() and self._spans:
            item = self.tree.itemAt(event.pos())  # type: ignore[attr-defined]
            ann = self._spans.annotations.get(item.data(0, ID_ROLE)) if item is not None else None
            if ann is not None and self._styles is not None:
                colors = {n: s.strong.name() for n, s in self._styles.by_label.items()}
                rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
                tip = annotation_tooltip(self._spans, [ann], colors, rtl)
                QToolTip.showText(event.globalPos(), tip, self.tree)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    # -------------------------------------------------------------- selection

    def set_current(self, ann_id: int | None) -> None:
        """Select an annotation in the tree (without echoing currentChanged)."""
        self._fill()
        with QSignalBlocker(self.tree):
            self.tree.clearSelection()
            if ann_id is not None and ann_id in self._items:
                self._select_item(ann_id)
        ann = self._spans.annotations.get(ann_id) if self._spans and ann_id is not None else None
        self.details.show_annotation(ann)

    def _select_item(self, ann_id: int) -> None:
        item = self._items[ann_id]
        with QSignalBlocker(self.tree):
            item.setSelected(True)
            self.tree.setCurrentItem(item, 0, self.tree.selectionModel().SelectionFlag.NoUpdate)
        self.tree.scrollToItem(item)

    def selected_ids(self) -> list[int]:
        self._fill()
        return [
            i
            for i in (it.data(0, ID_ROLE) for it in self.tree.selectedItems())
            if i is not None and i >= 0
        ]

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        if len(ids) > 1:
            self.details.show_many(len(ids))
            return
        ann_id = ids[0] if ids else -1
        self.details.show_annotation(self._spans.annotations.get(ann_id) if self._spans else None)
        self.currentChanged.emit(ann_id)
