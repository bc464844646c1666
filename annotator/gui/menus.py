"""The window's menus: the menu bar, label actions, undo and redo, the context menu.

Every entry is an action from the table in annotator.gui.actions (or a label of the
schema); this module only places them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from annotator.gui.actions import make_action
from annotator.gui.dialogs.export_dialog import export_module
from annotator.gui.i18n import LANGUAGES
from annotator.gui.names import schema_name

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class Menus(QObject):
    """Builds and fills the menus of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def undo_actions(self) -> None:
        w = self.window
        group = w.app.undo_group
        for name, make in (("undo", group.createUndoAction), ("redo", group.createRedoAction)):
            spec_action = w.actions[name]
            action = make(w, spec_action.text().replace("&", ""))
            action.setObjectName(name)
            action.setShortcuts(spec_action.shortcuts())
            action.setStatusTip(spec_action.statusTip())
            w.actions[name] = action
        # Say what was undone or redone: after an undo, it is the group's next redo.
        w.actions["undo"].triggered.connect(
            lambda: w.statusBar().showMessage(self.tr("Undone: {0}").format(group.redoText()), 5000)
        )
        w.actions["redo"].triggered.connect(
            lambda: w.statusBar().showMessage(self.tr("Redone: {0}").format(group.undoText()), 5000)
        )

    def label_actions(self) -> tuple[dict[str, QAction], dict[str, QAction]]:
        w = self.window
        plain: dict[str, QAction] = {}
        exact: dict[str, QAction] = {}
        for name, label in w.store.schema.labels.items():
            shown = schema_name(name)
            action = make_action(
                w,
                f"label_{name}",
                shown,
                (label.key,),
                self.tr("Mark the selection as {0}, or relabel the selected annotation").format(
                    shown
                ),
                "annotate",
            )
            action.triggered.connect(lambda _c=False, n=name: w.annotating.label(n))
            plain[name] = action
            exact_action = make_action(
                w,
                f"exact_{name}",
                shown,
                (f"Alt+{label.key}",),
                self.tr("Mark exactly the selected characters as {0}").format(shown),
                "annotate",
            )
            exact_action.triggered.connect(
                lambda _c=False, n=name: w.annotating.label(n, exact=True)
            )
            exact[name] = exact_action
        return plain, exact

    def scope_shortcuts(self) -> None:
        """Annotation keys act in the article and the panel, never in text fields."""
        w = self.window
        scoped = [
            a
            for a in w.actions.values()
            if a.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
        ]
        scoped += list(w.label_actions.values()) + list(w.exact_label_actions.values())
        for widget in (w.view, w.panel.tree):
            widget.addActions(scoped)
        w.view.addActions([w.actions["next_annotation"], w.actions["previous_annotation"]])

    def menu_bar(self) -> None:
        w = self.window
        a = w.actions
        bar = w.menuBar()
        file = bar.addMenu(self.tr("&File"))
        file.addActions([a["new_database"], a["open_database"]])
        w.recent_menu = file.addMenu(self.tr("Open &recent"))
        w.recent_menu.aboutToShow.connect(lambda: w.files.fill_recent(w.recent_menu))
        file.addSeparator()
        file.addActions([a["import_files"], a["import_folder"], a["export"]])
        file.addSeparator()
        file.addAction(a["quit"])
        edit = bar.addMenu(self.tr("&Edit"))
        edit.addActions([a["undo"], a["redo"]])
        edit.addSeparator()
        edit.addAction(a["delete"])
        edit.addSeparator()
        edit.addActions([a["find"], a["find_next"], a["find_previous"]])
        edit.addSeparator()
        edit.addAction(a["rename"])
        annotation = bar.addMenu(self.tr("A&nnotation"))
        annotation.addActions(list(w.label_actions.values()))
        exact = annotation.addMenu(self.tr("Mark e&xactly as"))
        exact.addActions(list(w.exact_label_actions.values()))
        annotation.addSeparator()
        annotation.addActions([a["link"], a["link_menu"]])
        annotation.addSeparator()
        annotation.addActions(
            [a["next_annotation"], a["previous_annotation"], a["next_missing"], a["edit_details"]]
        )
        annotation.addActions([a["quick_attributes"], a["same_attributes"]])
        edges = annotation.addMenu(self.tr("&Boundaries"))
        edges.addActions([a["grow_right"], a["grow_left"], a["shrink_right"], a["shrink_left"]])
        annotation.addSeparator()
        annotation.addAction(a["exact"])
        view = bar.addMenu(self.tr("&View"))
        view.addActions([a["zoom_in"], a["zoom_out"], a["zoom_reset"]])
        view.addSeparator()
        view.addAction(a["show_links"])
        direction = view.addMenu(self.tr("Paragraph &direction"))
        direction.addActions([a["direction_auto"], a["direction_rtl"], a["direction_ltr"]])
        view.addAction(a["exact"])
        language = view.addMenu(self.tr("&Language"))
        w.language_group = QActionGroup(w)
        for code, name in LANGUAGES.items():
            action = language.addAction(name)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == w.app.translations.language)
            action.setData(code)
            w.language_group.addAction(action)
        w.language_group.triggered.connect(lambda act: w.app.set_language(act.data()))
        view.addSeparator()
        for widget in (w.list_dock, w.panel_dock, w.palette):
            view.addAction(widget.toggleViewAction())
        article = bar.addMenu(self.tr("A&rticle"))
        article.addActions(
            [a["mark_done"], a["next_article"], a["previous_article"], a["next_unfinished"]]
        )
        adjudication = bar.addMenu(self.tr("A&djudication"))
        adjudication.addAction(a["adjudicate"])
        adjudication.addSeparator()
        adjudication.addActions([a["accept"], a["reject"], a["edit_gold"], a["reopen"]])
        adjudication.addSeparator()
        adjudication.addActions([a["next_version"], a["previous_version"]])
        adjudication.addActions([a["next_candidate"], a["previous_candidate"]])
        helps = bar.addMenu(self.tr("&Help"))
        helps.addActions([a["guidelines"], a["shortcuts"], a["about"]])
        if export_module() is None:
            a["export"].setEnabled(False)
            a["export"].setToolTip(self.tr("Export is not available in this installation."))

    def context_menu(self, position: QPoint, ids: list[int]) -> None:
        w = self.window
        ann = w.annotating
        if ids and ann.current not in ids:
            ann.select(ids[0])
        menu = QMenu(w)
        if w.view.selection_span() is not None:
            marks = menu.addMenu(self.tr("Mark as"))
            marks.addActions(list(w.label_actions.values()))
            menu.addMenu(self.tr("Mark exactly as")).addActions(
                list(w.exact_label_actions.values())
            )
        if ann.current is not None and ann.spans is not None:
            current = ann.spans.annotations[ann.current]
            relabel = menu.addMenu(self.tr("Change label to"))
            for name in w.store.schema.labels:
                action = relabel.addAction(schema_name(name))
                action.setEnabled(name != current.label)
                action.triggered.connect(lambda _c=False, n=name, i=current.id: ann.relabel(i, n))
            menu.addActions([w.actions["link"], w.actions["link_menu"], w.actions["delete"]])
        menu.addSeparator()
        copy = menu.addAction(self.tr("Copy"))
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(w.view.selection_span() is not None)
        copy.triggered.connect(w.view.copy)
        menu.exec(position)
