"""The main window: article list, article, annotation panel, palette, menus, status bar.

The window builds the widgets and hands each helper only the parts it needs
(``annotator.gui.parts``); annotating itself is ``annotator.gui.editing.Annotating``,
and what only the application can do (open a database, change the language or the
annotator) it asks of its ``WindowServices``. Every command of the table in
``annotator.gui.actions`` has its one handler here or in ``Adjudicating``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
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
from annotator.gui.actions import Handler, build_actions, connect_handlers, disable_writing
from annotator.gui.adjudicating import Adjudicating
from annotator.gui.dialogs.messages import show_error
from annotator.gui.direction import DirectionChooser
from annotator.gui.editing import Annotating
from annotator.gui.files import FileMenu
from annotator.gui.finding import Finder
from annotator.gui.first_paint import AfterFirstPaint
from annotator.gui.fonts import clamp_zoom
from annotator.gui.menus import Menus, follow_undo_group
from annotator.gui.names import STATUS_MARKS, status_name
from annotator.gui.parts import WindowParts, WindowServices
from annotator.gui.readonly import banner_text, read_only_banner
from annotator.gui.suggesting import Suggesting
from annotator.gui.widgets.annotation_panel import AnnotationPanel
from annotator.gui.widgets.article_list import ArticleList
from annotator.gui.widgets.article_view import ArticleView
from annotator.gui.widgets.assignment_label import AssignmentLabel
from annotator.gui.widgets.find_bar import FindBar
from annotator.gui.widgets.guidelines_panel import GuidelinesPanel
from annotator.gui.widgets.label_palette import LabelPalette
from annotator.storage import Store

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

READING_SAVE_DELAY_MS = 1500
MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    """One database: its articles on the left, the article in the middle, the panel right."""

    def __init__(self, app: WindowServices, store: Store) -> None:
        super().__init__()
        self.app = app
        self.store = store
        self.settings = app.settings
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        # The QAction of each command (not named actions: that is QWidget.actions()).
        self.command_actions = actions = build_actions(self)
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
        # Its first window of rows is read and drawn after the article's first paint.
        self.article_list = ArticleList(store, load=False)
        self.panel = AnnotationPanel()
        # Qt does not mirror dock areas: in a right-to-left interface the article list,
        # where reading starts, goes on the right.
        start, end = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            start, end = end, start
        self.list_dock = self._dock("articlesDock", self.tr("Articles"), self.article_list, start)
        self.panel_dock = self._dock("annotationsDock", self.tr("Annotations"), self.panel, end)
        # Its text is laid out when it is first shown (F1, or a layout that kept it open),
        # not before the article's first paint.
        self._guidelines: GuidelinesPanel | None = None
        self.guidelines_dock = self._dock("guidelinesDock", self.tr("Guidelines"), None, end)
        self.guidelines_dock.hide()
        self.guidelines_dock.visibilityChanged.connect(lambda on: on and self.guidelines)
        self.annotating = Annotating(
            store,
            self.view,
            self.panel,
            app.undo_group,
            app.history,
            self.recording_name,
            lambda: actions["exact"].isChecked(),
            self,
        )
        self.finder = Finder(self.find_bar, self.view, lambda: self.annotating.spans, self)
        self.suggesting = Suggesting(
            store,
            self.view,
            self.annotating,
            self.panel,
            self.recording_name,
            actions["show_suggestions"],
            self,
        )
        self.direction = DirectionChooser(
            actions, self.view, self.settings, self._article_key, self
        )
        self.annotating.opened.connect(lambda _i: self.direction.article_opened())
        actions["show_links"].setChecked(self.settings.get("view/all_links"))
        self.view.show_all_links(actions["show_links"].isChecked())
        self.parts = parts = WindowParts(
            store=store,
            settings=self.settings,
            annotating=self.annotating,
            view=self.view,
            panel=self.panel,
            article_list=self.article_list,
            list_dock=self.list_dock,
            panel_dock=self.panel_dock,
            status=self.statusBar(),
            open_article=self.open_article,
        )
        self.files = FileMenu(parts, app, self)
        self.menus = Menus(parts, actions, self)
        self.label_actions, self.exact_label_actions = self.menus.make_label_actions()
        self.label_palette = LabelPalette()
        self.label_palette.populate(
            store.schema,
            self.annotating.styles,
            self.label_actions,
            [actions["link"], actions["exact"]],
        )
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.label_palette)
        self.label_palette.addAction(self.suggesting.toggle)
        self.menus.scope_shortcuts()
        panels = [
            w.toggleViewAction() for w in (self.list_dock, self.panel_dock, self.label_palette)
        ]
        menus, self.language_group = self.menus.menu_bar(
            self.menuBar(), app, panels, self.files.fill_recent
        )
        self.recent_menu = menus["file/recent"]
        self._status_bar()
        # Beside the article list (tabbed with it): the candidates are what the curator
        # moves through, and the annotation panel stays free for the gold copy.
        dock = QDockWidget(QCoreApplication.translate("Adjudicating", "Adjudication"), self)
        dock.setObjectName("adjudicationDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(self.dockWidgetArea(self.list_dock), dock)
        self.tabifyDockWidget(self.list_dock, dock)
        dock.hide()
        self.adjudication = Adjudicating(parts, app, actions, dock, self)
        self.adjudication.toggled.connect(lambda _on: self.update_annotator())
        connect_handlers(actions, self._handlers(), self.adjudication.handlers())
        follow_undo_group(actions["undo"], actions["redo"], app.undo_group)
        self._connect()
        # What an opened article's first frame does without (see open_article).
        self._opened: AfterFirstPaint | None = None
        self._reading_timer = QTimer(self)
        self._reading_timer.setSingleShot(True)
        self._reading_timer.setInterval(READING_SAVE_DELAY_MS)
        self._reading_timer.timeout.connect(self.save_reading_position)
        self.view.verticalScrollBar().valueChanged.connect(lambda _v: self._reading_timer.start())
        self.zoom = clamp_zoom(self.settings.get("view/zoom"))
        self.view.set_zoom(self.zoom)
        actions["exact"].setChecked(not self.settings.get("view/snap_words"))
        self._update_mode()
        self._restore_layout()
        self.adjudication.settle()
        self.update_annotator()
        if store.readonly:
            self._read_only(column)
        # What the first frame does without: the article is painted first.
        self.after_first_paint = AfterFirstPaint(self.view.viewport(), self)
        self.after_first_paint.call(self.article_list.reload)
        self.after_first_paint.call(lambda: self.setWindowIcon(_app_icon()))

    # ------------------------------------------------------------- building

    def _dock(
        self, name: str, title: str, widget: QWidget | None, area: Qt.DockWidgetArea
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        if widget is not None:
            dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    @property
    def guidelines(self) -> GuidelinesPanel:
        """The guidelines panel, built the first time it is needed."""
        if self._guidelines is None:
            self._guidelines = GuidelinesPanel(self.store.schema)
            self.guidelines_dock.setWidget(self._guidelines)
        return self._guidelines

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
        self.mode_button.setDefaultAction(self.command_actions["exact"])
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)
        self.assignment_label = AssignmentLabel()
        for widget in (
            self.assignment_label,
            self.annotator_button,
            self.database_label,
            self.mode_button,
            self.saved_label,
        ):
            bar.addPermanentWidget(widget)
        self.show_saved()

    def _handlers(self) -> dict[str, Handler]:
        """The handler of each command of the table but adjudication's."""
        ann, files, group = self.annotating, self.files, self.app.undo_group
        return {
            "new_database": files.new_database,
            "open_database": files.open_database,
            "import_files": files.import_files,
            "import_folder": files.import_folder,
            "export": files.export,
            "quit": self.close,
            "undo": lambda: self.menus.undo(group),
            "redo": lambda: self.menus.redo(group),
            "delete": self._delete,
            "find": self.finder.open,
            "find_next": lambda: self.finder.step(True),
            "find_previous": lambda: self.finder.step(False),
            "rename": self.rename,
            "link": ann.start_link,
            "link_menu": lambda: ann.link_menu(self),
            "next_annotation": lambda: self.view._step(True),
            "previous_annotation": lambda: self.view._step(False),
            "next_missing": ann.next_missing,
            "edit_details": self.edit_details,
            "quick_attributes": ann.quick_attributes,
            "same_attributes": ann.same_as_last,
            "grow_left": lambda: ann.move_edge("left", True),
            "grow_right": lambda: ann.move_edge("right", True),
            "shrink_left": lambda: ann.move_edge("left", False),
            "shrink_right": lambda: ann.move_edge("right", False),
            "exact": self._exact_toggled,
            "zoom_in": lambda: self.set_zoom(self.zoom + 1),
            "zoom_out": lambda: self.set_zoom(self.zoom - 1),
            "zoom_reset": lambda: self.set_zoom(0),
            "show_links": self._show_links,
            "show_suggestions": lambda _on: self.suggesting.refresh(),
            "direction_auto": lambda: self.direction.choose("direction_auto"),
            "direction_rtl": lambda: self.direction.choose("direction_rtl"),
            "direction_ltr": lambda: self.direction.choose("direction_ltr"),
            "mark_done": self.toggle_done,
            "next_article": lambda: self.go(1),
            "previous_article": lambda: self.go(-1),
            "next_unfinished": lambda: self.go(1, unfinished=True),
            "guidelines": lambda: self.guidelines_dock.setVisible(
                not self.guidelines_dock.isVisible()
            ),
            "shortcuts": self._show_shortcuts,
            "about": self.about,
        }

    def _read_only(self, column: QVBoxLayout) -> None:
        """A database that cannot be written: a banner, and nothing that would write."""
        column.insertWidget(0, read_only_banner(str(self.store.path)))
        disable_writing(self.command_actions)
        for action in [*self.label_actions.values(), *self.exact_label_actions.values()]:
            action.setEnabled(False)
        self.panel.details.set_read_only()
        self.setAcceptDrops(False)

    def _connect(self) -> None:
        ann = self.annotating
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
                "This database has no articles yet. "
                "Import some with File > Import articles… (Ctrl+I), or drop files on this window."
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
        self.panel.hold_missing()
        try:
            position = self.store.reading_position(article_id, self.app.annotator)
            self.annotating.open(article_id, position)
        except AnnotatorError as exc:
            self.panel.show_missing()
            show_error(self, self.tr("Open article"), str(exc))
            return
        self.view.scroll_to_position(position)
        # Once laid out at its final size, the view scrolls exactly there.
        QTimer.singleShot(0, lambda: self._settle(article_id, position))
        self.article_list.select_article(article_id)
        self._update_header()
        self.finder.article_changed()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        # The article remembered for the next start and the panel's "without a source"
        # button just after the article's first paint (at once in a window not shown yet).
        if self._opened is not None:
            self._opened.cancel()
            self._opened.deleteLater()
        self._opened = AfterFirstPaint(self.view.viewport(), self)
        self._opened.call(self._after_opening)
        if not self.view.viewport().isVisible():
            self._opened.run_now()

    def _after_opening(self) -> None:
        self.panel.show_missing()
        article = self.annotating.article
        if article is not None:
            self.settings.set_last_article(str(self.store.path), article.id)

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
        """Ctrl+Enter: done (read-only), or reopened when it already was; one undo step."""
        article = self.annotating.article
        if article is None:
            return
        done = not self.annotating.is_done()
        if not self.annotating.set_done(done):
            self._update_header()
            return
        self.statusBar().showMessage(
            self.tr(
                "Marked done: read-only until reopened (Ctrl+Enter). "
                "Ctrl+Shift+PgDown opens the next unfinished article."
            )
            if done
            else self.tr("Reopened: the article can be edited again."),
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
        self.assignment_label.show_progress(self.store.mine(self.app.annotator))

    def _update_header(self) -> None:
        article = self.annotating.article
        done = self.command_actions["mark_done"]
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
        locked = f"  ·  {self.tr('read-only')}" if status == "done" else ""
        self.article_status.setText(
            f"{STATUS_MARKS.get(status, '')} {status_name(status)}{locked}  ·  #{article.id}"
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
        action = self.command_actions["exact"]
        exact = action.isChecked()
        action.setIconText(self.tr("Exact characters") if exact else self.tr("Whole words"))
        self.mode_button.setToolTip(action.toolTip())

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
                "Every change is written to {0} as you make it; there is no Save command. "
                "Last write: {1}."
            ).format(self.store.path, datetime.now().strftime("%H:%M:%S"))
        )

    def update_annotator(self) -> None:
        self.assignment_label.show_progress(self.store.mine(self.app.annotator))
        self.annotator_button.setText(
            self.tr("Annotator: {0}").format(self.recording_name() or self.tr("(no name)"))
        )

    def _show_links(self, on: bool) -> None:
        self.settings.set("view/all_links", on)
        self.view.show_all_links(on)

    def _article_key(self) -> str | None:
        article = self.annotating.article
        return f"{self.store.path}#{article.id}" if article is not None else None

    def recording_name(self) -> str:
        """The name new annotations get: the layer's being edited (gold, while
        adjudicating), else the annotator's own."""
        layer = self.annotating.layer
        return layer if layer is not None else self.app.annotator

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

    def _show_shortcuts(self) -> None:
        # Built when asked for: nobody waits for it at start.
        from annotator.gui.dialogs.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.store.schema, self).exec()

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
        box.setIconPixmap(_app_icon().pixmap(64, 64))
        box.exec()

    # ------------------------------------------------------------- closing

    def finish(self) -> None:
        """Keep what is in flight: a note being typed, the reading position, the layout."""
        if self._opened is not None:
            self._opened.run_now()
        self.after_first_paint.cancel()
        self.suggesting.finish()
        self.annotating.panel.details.flush_note()
        self.save_reading_position()
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set(self._state_key, self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Nothing to ask: every change is already in the database.
        self.finish()
        event.accept()


def _app_icon() -> QIcon:
    from annotator.gui.icon import app_icon

    return app_icon()
