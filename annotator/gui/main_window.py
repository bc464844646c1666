"""The main window: article list, article, annotation panel, palette, menus, status bar.

The window arranges the widgets and routes the menus; annotating itself is
``annotator.gui.editing.Annotating``, and the application (database, language,
annotator name) is ``annotator.gui.app.AppController``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.gui.actions import build_actions
from annotator.gui.adjudicating import Adjudicating
from annotator.gui.dialogs.messages import show_error
from annotator.gui.dialogs.shortcuts_dialog import ShortcutsDialog
from annotator.gui.editing import Annotating
from annotator.gui.files import FileMenu
from annotator.gui.finding import Finder
from annotator.gui.fonts import clamp_zoom
from annotator.gui.icon import app_icon
from annotator.gui.menus import Menus
from annotator.gui.names import STATUS_MARKS, status_name
from annotator.gui.readonly import banner_text, show_read_only
from annotator.gui.suggesting import Suggesting
from annotator.gui.widgets.annotation_panel import AnnotationPanel
from annotator.gui.widgets.article_list import ArticleList
from annotator.gui.widgets.article_view import ArticleView
from annotator.gui.widgets.find_bar import FindBar
from annotator.gui.widgets.label_palette import LabelPalette
from annotator.storage import Store

if TYPE_CHECKING:
    from annotator.gui.app import AppController

READING_SAVE_DELAY_MS = 1500
MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    """One database: its articles on the left, the article in the middle, the panel right."""

    def __init__(self, app: AppController, store: Store) -> None:
        super().__init__()
        self.app = app
        self.store = store
        self.settings = app.settings
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.actions = build_actions(self)
        self.view = ArticleView()
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.title = QLabel()
        self.title.setObjectName("articleTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setMinimumWidth(1)
        # Follow the interface direction, whatever the direction of the title's own text.
        leading = (
            Qt.AlignmentFlag.AlignRight
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft
            else Qt.AlignmentFlag.AlignLeft
        )
        self.title.setAlignment(
            leading | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
        )
        self.article_status = QLabel()
        self.article_status.setObjectName("articleStatus")
        self.article_status.setTextFormat(Qt.TextFormat.PlainText)
        header = QHBoxLayout()
        header.setContentsMargins(10, 6, 10, 4)
        header.addWidget(self.title, 1)
        header.addWidget(self.article_status)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(header)
        column.addWidget(self.find_bar)
        column.addWidget(self.view, 1)
        self.setCentralWidget(central)
        self.article_list = ArticleList(store)
        self.panel = AnnotationPanel()
        # Qt does not mirror dock areas: in a right-to-left interface the article list,
        # where reading starts, goes on the right.
        start, end = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            start, end = end, start
        self.list_dock = self._dock("articlesDock", self.tr("Articles"), self.article_list, start)
        self.panel_dock = self._dock("annotationsDock", self.tr("Annotations"), self.panel, end)
        self.annotating = Annotating(
            store,
            self.view,
            self.panel,
            app.undo_group,
            app.history,
            self.recording_name,
            lambda: self.actions["exact"].isChecked(),
            self,
        )
        self.finder = Finder(self.find_bar, self.view, lambda: self.annotating.spans, self)
        self.suggesting = Suggesting(
            store, self.view, self.annotating, self.panel, self.recording_name, self
        )
        self.files = FileMenu(self)
        self.menus = Menus(self)
        self.menus.undo_actions()
        self.label_actions, self.exact_label_actions = self.menus.label_actions()
        self.palette = LabelPalette()
        self.palette.populate(
            store.schema,
            self.annotating.styles,
            self.label_actions,
            [self.actions["link"], self.actions["exact"]],
        )
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.palette)
        self.palette.addAction(self.suggesting.toggle)
        self.menus.scope_shortcuts()
        self.menus.menu_bar()
        self._status_bar()
        self.adjudication = Adjudicating(self)
        self._connect()
        self._reading_timer = QTimer(self)
        self._reading_timer.setSingleShot(True)
        self._reading_timer.setInterval(READING_SAVE_DELAY_MS)
        self._reading_timer.timeout.connect(self.save_reading_position)
        self.view.verticalScrollBar().valueChanged.connect(lambda _v: self._reading_timer.start())
        self.zoom = clamp_zoom(self.settings.get("view/zoom"))
        self.view.set_zoom(self.zoom)
        self.actions["exact"].setChecked(not self.settings.get("view/snap_words"))
        self._update_mode()
        self._restore_layout()
        self.adjudication.settle()
        self.update_annotator()
        if store.readonly:
            show_read_only(self)

    # ------------------------------------------------------------- building

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _status_bar(self) -> None:
        bar = self.statusBar()
        self.annotator_button = QToolButton()
        self.annotator_button.setObjectName("annotatorButton")
        self.annotator_button.setAutoRaise(True)
        self.annotator_button.setToolTip(
            self.tr("The name recorded on your annotations (click to change)")
        )
        self.annotator_button.clicked.connect(self.rename)
        self.database_label = QLabel(self.store.path.name)
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setTextFormat(Qt.TextFormat.PlainText)
        self.database_label.setToolTip(str(self.store.path))
        self.mode_button = QToolButton()
        self.mode_button.setObjectName("modeButton")
        self.mode_button.setAutoRaise(True)
        self.mode_button.setDefaultAction(self.actions["exact"])
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)
        for widget in (
            self.annotator_button,
            self.database_label,
            self.mode_button,
            self.saved_label,
        ):
            bar.addPermanentWidget(widget)
        self.show_saved()

    def _connect(self) -> None:
        a, ann = self.actions, self.annotating
        a["quit"].triggered.connect(self.close)
        a["new_database"].triggered.connect(self.files.new_database)
        a["open_database"].triggered.connect(self.files.open_database)
        a["import_files"].triggered.connect(self.files.import_files)
        a["import_folder"].triggered.connect(self.files.import_folder)
        a["export"].triggered.connect(self.files.export)
        a["delete"].triggered.connect(self._delete)
        a["find"].triggered.connect(self.finder.open)
        a["find_next"].triggered.connect(lambda: self.finder.step(True))
        a["find_previous"].triggered.connect(lambda: self.finder.step(False))
        a["rename"].triggered.connect(self.rename)
        a["link"].triggered.connect(ann.start_link)
        a["link_menu"].triggered.connect(lambda: ann.link_menu(self))
        a["next_annotation"].triggered.connect(lambda: self.view._step(True))
        a["previous_annotation"].triggered.connect(lambda: self.view._step(False))
        a["next_missing"].triggered.connect(ann.next_missing)
        a["edit_details"].triggered.connect(self.edit_details)
        a["grow_left"].triggered.connect(lambda: ann.move_edge("left", True))
        a["grow_right"].triggered.connect(lambda: ann.move_edge("right", True))
        a["shrink_left"].triggered.connect(lambda: ann.move_edge("left", False))
        a["shrink_right"].triggered.connect(lambda: ann.move_edge("right", False))
        a["exact"].toggled.connect(self._exact_toggled)
        a["zoom_in"].triggered.connect(lambda: self.set_zoom(self.zoom + 1))
        a["zoom_out"].triggered.connect(lambda: self.set_zoom(self.zoom - 1))
        a["zoom_reset"].triggered.connect(lambda: self.set_zoom(0))
        a["mark_done"].triggered.connect(self.toggle_done)
        a["next_article"].triggered.connect(lambda: self.go(1))
        a["previous_article"].triggered.connect(lambda: self.go(-1))
        a["next_unfinished"].triggered.connect(lambda: self.go(1, unfinished=True))
        a["shortcuts"].triggered.connect(lambda: ShortcutsDialog(self.store.schema, self).exec())
        a["about"].triggered.connect(self.about)
        self.article_list.articleActivated.connect(self.open_article)
        ann.changed.connect(self._article_changed)
        ann.message.connect(lambda text: self.statusBar().showMessage(text, MESSAGE_MS))
        ann.failed.connect(self._refused)
        self.view.zoomRequested.connect(lambda step: self.set_zoom(self.zoom + step))
        self.view.contextMenuWanted.connect(self.menus.context_menu)
        self.panel.leaveRequested.connect(
            lambda: self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        )

    def _restore_layout(self) -> None:
        geometry = self.settings.get("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1320, 820)
        state = self.settings.get(self._state_key)
        if not state.isEmpty():
            self.restoreState(state)
        else:
            self.resizeDocks(
                [self.list_dock, self.panel_dock], [270, 380], Qt.Orientation.Horizontal
            )

    @property
    def _state_key(self) -> str:
        return (
            "window/state_rtl"
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft
            else "window/state"
        )

    # ------------------------------------------------------------- articles

    def open_initial(self, article_id: int | None = None) -> None:
        """Open the article asked for, else the last one, else the first unfinished."""
        db = str(self.store.path)
        candidates = [
            article_id,
            self.settings.last_article(db),
            self.store.neighbour(0, 1, unfinished=True),
            self.store.neighbour(0, 1),
        ]
        if article_id is not None and not self._exists(article_id):
            self.statusBar().showMessage(
                self.tr("There is no article {0} in this database.").format(article_id), MESSAGE_MS
            )
        for candidate in candidates:
            if candidate is not None and self._exists(candidate):
                self.open_article(candidate)
                return
        self.annotating.close()
        self.view.clear_article(
            self.tr(
                "This database has no articles yet. Import some with File > Import articles… (Ctrl+I), "
                "or drop files on this window."
            )
        )
        self._update_header()

    def _exists(self, article_id: int) -> bool:
        try:
            self.store.article_status(article_id)
        except AnnotatorError:
            return False
        return True

    def open_article(self, article_id: int) -> None:
        """Show an article, back at the annotator's reading position; focus on the text."""
        self.save_reading_position()
        try:
            article = self.annotating.open(article_id)
        except AnnotatorError as exc:
            show_error(self, self.tr("Open article"), str(exc))
            return
        position = self.store.reading_position(article_id, self.app.annotator)
        self.view.scroll_to_position(position)
        # Once laid out at its final size, the view scrolls exactly there.
        QTimer.singleShot(0, lambda: self._settle(article_id, position))
        self.article_list.select_article(article_id)
        self.settings.set_last_article(str(self.store.path), article.id)
        self._update_header()
        self.finder.article_changed()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _settle(self, article_id: int, position: int) -> None:
        if self.annotating.article is not None and self.annotating.article.id == article_id:
            self.view.scroll_to_position(position)
            self._reading_timer.stop()

    def save_reading_position(self) -> None:
        self._reading_timer.stop()
        article = self.annotating.article
        if article is None or self.store.readonly:
            return
        try:
            self.store.set_reading_position(
                article.id, self.app.annotator, self.view.top_position()
            )
        except AnnotatorError as exc:
            self.statusBar().showMessage(str(exc), MESSAGE_MS)

    def go(self, step: int, unfinished: bool = False) -> None:
        current = self.annotating.article.id if self.annotating.article else 0
        target = self.store.neighbour(current, step, unfinished=unfinished)
        if target is None:
            if unfinished:
                message = self.tr("Every article is done.")
            else:
                message = (
                    self.tr("This is the last article.")
                    if step > 0
                    else self.tr("This is the first article.")
                )
            self.statusBar().showMessage(message, MESSAGE_MS)
            return
        self.open_article(target)

    def toggle_done(self) -> None:
        """Ctrl+Enter: done, or back to in progress when it already was."""
        article = self.annotating.article
        if article is None:
            return
        try:
            status = self.store.article_status(article.id)
            new = "in_progress" if status == "done" else "done"
            self.store.set_status(article.id, new)
        except AnnotatorError as exc:
            show_error(self, self.tr("Mark done"), str(exc))
            return
        self._article_changed(article.id)
        if new == "done":
            self.statusBar().showMessage(
                self.tr("Marked done. Ctrl+Shift+PgDown opens the next unfinished article."),
                MESSAGE_MS,
            )

    def _article_changed(self, article_id: int) -> None:
        status = self.store.article_status(article_id)
        spans = self.annotating.spans
        count = len(spans.annotations) if spans else None
        if self.annotating.layer is not None:
            # The view holds one layer (gold, while adjudicating); the list counts all.
            count = len(self.store.annotations(article_id))
        self.article_list.model.update_article(article_id, status=status, count=count)
        self._update_header()
        self.show_saved()

    def _update_header(self) -> None:
        article = self.annotating.article
        done = self.actions["mark_done"]
        if article is None:
            self.title.setText("")
            self.article_status.setText("")
            self.setWindowTitle(f"{self.store.path.name} — annotator")
            done.setEnabled(False)
            return
        status = self.store.article_status(article.id)
        title = article.title or self.tr("Article {0}").format(article.id)
        self.title.setText(title)
        self.title.setToolTip("")
        self.article_status.setText(
            f"{STATUS_MARKS.get(status, '')} {status_name(status)}  ·  #{article.id}"
        )
        done.setEnabled(not self.store.readonly)
        done.setChecked(status == "done")
        self.setWindowTitle(f"{title} — {self.store.path.name} — annotator")

    # ------------------------------------------------------------- editing

    def _delete(self) -> None:
        ids = self.panel.selected_ids() if self.panel.tree.hasFocus() else []
        self.annotating.delete(ids or None)

    def edit_details(self) -> None:
        if self.annotating.current is None:
            self.statusBar().showMessage(
                self.tr("Select an annotation first (click it, or Tab to it)."), MESSAGE_MS
            )
            return
        self.panel.details.focus_first_field()

    def _exact_toggled(self, exact: bool) -> None:
        self.settings.set("view/snap_words", not exact)
        self._update_mode()

    def _update_mode(self) -> None:
        exact = self.actions["exact"].isChecked()
        self.actions["exact"].setIconText(
            self.tr("Exact characters") if exact else self.tr("Whole words")
        )
        self.mode_button.setToolTip(self.actions["exact"].toolTip())

    def set_zoom(self, zoom: int) -> None:
        self.zoom = clamp_zoom(zoom)
        self.view.set_zoom(self.zoom)
        self.settings.set("view/zoom", self.zoom)
        self.statusBar().showMessage(
            self.tr("Text size {0}%").format(round(100 * 1.1**self.zoom)), 2000
        )

    def _refused(self, message: str) -> None:
        self.saved_label.setText("⚠ " + self.tr("Not saved"))
        self.saved_label.setStyleSheet("color: #c0392b;")
        show_error(self, self.tr("Change refused"), message)
        # Back to the text, so that the next key goes where the annotator was.
        self.activateWindow()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_saved(self) -> None:
        """The 'saved' indicator: true once the last change is committed."""
        if self.store.readonly:
            self.saved_label.setStyleSheet("color: #664d03;")
            self.saved_label.setText(self.tr("Read-only"))
            self.saved_label.setToolTip(banner_text(str(self.store.path)))
            return
        committed = not self.store.db.conn.in_transaction
        self.saved_label.setStyleSheet("" if committed else "color: #c0392b;")
        self.saved_label.setText(
            ("✓ " + self.tr("Saved")) if committed else ("… " + self.tr("Saving"))
        )
        self.saved_label.setToolTip(
            self.tr(
                "Every change is written to {0} as you make it; there is no Save command. Last write: {1}."
            ).format(self.store.path, datetime.now().strftime("%H:%M:%S"))
        )

    def update_annotator(self) -> None:
        self.annotator_button.setText(
            self.tr("Annotator: {0}").format(self.recording_name() or self.tr("(no name)"))
        )

    def recording_name(self) -> str:
        """The name new annotations get: the gold layer's while adjudicating."""
        adjudication = getattr(self, "adjudication", None)
        if adjudication is not None and adjudication.active:
            return str(adjudication.gold)
        return self.app.annotator

    def rename(self) -> None:
        self.app.change_annotator(self)
        self.update_annotator()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files.import_paths(paths)

    def about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About annotator"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr(
                "annotator {0}\n\nMark claims, their sources and cues in Arabic news articles.\n"
                "Every change is saved at once to the database file.\n\n"
                "Article font: Noto Naskh Arabic, SIL Open Font License 1.1."
            ).format(__version__)
        )
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.exec()

    # ------------------------------------------------------------- closing

    def finish(self) -> None:
        """Keep what is in flight: a note being typed, the reading position, the layout."""
        self.annotating.panel.details.flush_note()
        self.save_reading_position()
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set(self._state_key, self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Nothing to ask: every change is already in the database.
        self.finish()
        event.accept()
