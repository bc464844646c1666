"""The window's menus: the menu bar, label actions, undo and redo, the context menu.

Every entry is a command of the table in annotator.gui.actions, placed where its entry
says (or a label of the schema, a language, a panel); this module only places them.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from annotator.gui.actions import CONTEXT_MENU, MENUS, commands_in, make_action, split_place
from annotator.gui.i18n import LANGUAGES
from annotator.gui.names import schema_name
from annotator.gui.parts import WindowParts, WindowServices

UNDO_MESSAGE_MS = 5000


def export_available() -> bool:
    """Whether the exporters are installed, found without loading them: the File menu is
    built at start, the exporters and their dialog load when Export is first chosen."""
    return importlib.util.find_spec("annotator.formats.export") is not None


def build_menus(
    bar: QMenuBar, actions: Mapping[str, QAction], extras: Mapping[str, list[QAction]]
) -> dict[str, QMenu]:
    """Fill the menu bar from the table: each command where its entry places it.

    Args:
        bar: the window's menu bar.
        actions: the QAction of each command.
        extras: actions that are not commands of the table (labels, languages, panels),
            by "menu:section"; they come first in their section.

    Returns:
        every menu and submenu, by path.
    """
    menus: dict[str, QMenu] = {}
    for spec in MENUS:
        title = QCoreApplication.translate("Menus", spec.title)
        if not spec.place:
            menus[spec.path] = bar.addMenu(title)
    for spec in MENUS:
        if not spec.place:
            _fill(spec.path, menus, actions, extras)
    return menus


def _fill(
    path: str,
    menus: dict[str, QMenu],
    actions: Mapping[str, QAction],
    extras: Mapping[str, list[QAction]],
) -> None:
    menu = menus[path]
    submenus = [
        (split_place(s.place)[1], s) for s in MENUS if s.place and split_place(s.place)[0] == path
    ]
    commands = commands_in(path)
    sections = sorted(
        {section for section, _ in commands}
        | {section for section, _ in submenus}
        | {split_place(key)[1] for key in extras if split_place(key)[0] == path}
    )
    for number, section in enumerate(sections):
        if number:
            menu.addSeparator()
        menu.addActions(extras.get(f"{path}:{section}", []))
        menu.addActions([actions[spec.name] for s, spec in commands if s == section])
        for s, sub in submenus:
            if s == section:
                menus[sub.path] = menu.addMenu(QCoreApplication.translate("Menus", sub.title))
                _fill(sub.path, menus, actions, extras)


def follow_undo_group(undo: QAction, redo: QAction, group: QUndoGroup) -> None:
    """Undo and Redo say what they would undo or redo, and are off when there is nothing."""
    for action, can, can_changed, text, text_changed in (
        (undo, group.canUndo, group.canUndoChanged, group.undoText, group.undoTextChanged),
        (redo, group.canRedo, group.canRedoChanged, group.redoText, group.redoTextChanged),
    ):
        label = _UndoLabel(action)
        action.setEnabled(can())
        label.show(text())
        # Slots of the action and of its child: the group outlives the window, and
        # Qt drops these connections when the action goes with its window.
        can_changed.connect(action.setEnabled)
        text_changed.connect(label.show)


class _UndoLabel(QObject):
    """Keeps an Undo (Redo) action's text: its own word, then what it would undo."""

    def __init__(self, action: QAction) -> None:
        super().__init__(action)
        self.action = action
        self.prefix = action.text().replace("&", "")

    def show(self, what: str) -> None:
        self.action.setText(f"{self.prefix} {what}" if what else self.prefix)


class Menus(QObject):
    """Builds and fills the menus of one window.

    Args:
        parts: the window's parts.
        actions: the QAction of each command of the table.
        owner: the widget the label and language actions belong to.
    """

    def __init__(self, parts: WindowParts, actions: Mapping[str, QAction], owner: QWidget) -> None:
        super().__init__(owner)
        self.parts = parts
        self.actions = actions
        self.owner = owner
        self.label_actions: dict[str, QAction] = {}
        self.exact_label_actions: dict[str, QAction] = {}

    def undo(self, group: QUndoGroup) -> None:
        group.undo()
        # Say what was undone: after an undo, it is the group's next redo.
        self.parts.status.showMessage(
            self.tr("Undone: {0}").format(group.redoText()), UNDO_MESSAGE_MS
        )

    def redo(self, group: QUndoGroup) -> None:
        group.redo()
        self.parts.status.showMessage(
            self.tr("Redone: {0}").format(group.undoText()), UNDO_MESSAGE_MS
        )

    def make_label_actions(self) -> tuple[dict[str, QAction], dict[str, QAction]]:
        """Each label of the schema: its key marks (or relabels), Alt+key marks exactly."""
        annotating = self.parts.annotating
        for name, label in self.parts.store.schema.labels.items():
            shown = schema_name(name)
            action = make_action(
                self.owner,
                f"label_{name}",
                shown,
                (label.key,),
                self.tr("Mark the selection as {0}, or relabel the selected annotation").format(
                    shown
                ),
                "annotate",
            )
            action.triggered.connect(lambda _c=False, n=name: annotating.label(n))
            self.label_actions[name] = action
            exact_action = make_action(
                self.owner,
                f"exact_{name}",
                shown,
                (f"Alt+{label.key}",),
                self.tr("Mark exactly the selected characters as {0}").format(shown),
                "annotate",
            )
            exact_action.triggered.connect(lambda _c=False, n=name: annotating.label(n, exact=True))
            self.exact_label_actions[name] = exact_action
        return self.label_actions, self.exact_label_actions

    def scope_shortcuts(self) -> None:
        """Annotation keys act in the article and the panel, never in text fields."""
        view, tree = self.parts.view, self.parts.panel.tree
        scoped = [
            a
            for a in self.actions.values()
            if a.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
        ]
        scoped += list(self.label_actions.values()) + list(self.exact_label_actions.values())
        for widget in (view, tree):
            widget.addActions(scoped)
        view.addActions([self.actions["next_annotation"], self.actions["previous_annotation"]])

    def menu_bar(
        self,
        bar: QMenuBar,
        services: WindowServices,
        panels: list[QAction],
        fill_recent: Callable[[QMenu], None],
    ) -> tuple[dict[str, QMenu], QActionGroup]:
        """The menu bar; returns its menus by path, and the group of language choices."""
        languages = QActionGroup(self.owner)
        for code, name in LANGUAGES.items():
            action = QAction(name, self.owner)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == services.language)
            action.setData(code)
            languages.addAction(action)
        languages.triggered.connect(lambda act: services.set_language(act.data()))
        extras = {
            "annotation:0": list(self.label_actions.values()),
            "annotation/exact:0": list(self.exact_label_actions.values()),
            "view/language:0": languages.actions(),
            "view:2": panels,
        }
        menus = build_menus(bar, self.actions, extras)
        recent = menus["file/recent"]
        recent.aboutToShow.connect(lambda: fill_recent(recent))
        if not export_available():
            self.actions["export"].setEnabled(False)
            self.actions["export"].setToolTip(
                self.tr("Export is not available in this installation.")
            )
        return menus, languages

    def context_menu(self, position: QPoint, ids: list[int]) -> None:
        parts = self.parts
        ann = parts.annotating
        if ids and ann.current not in ids:
            ann.select(ids[0])
        menu = QMenu(self.owner)
        if parts.view.selection_span() is not None:
            marks = menu.addMenu(self.tr("Mark as"))
            marks.addActions(list(self.label_actions.values()))
            menu.addMenu(self.tr("Mark exactly as")).addActions(
                list(self.exact_label_actions.values())
            )
        if ann.current is not None and ann.spans is not None:
            current = ann.spans.annotations[ann.current]
            relabel = menu.addMenu(self.tr("Change label to"))
            for name in parts.store.schema.labels:
                action = relabel.addAction(schema_name(name))
                action.setEnabled(name != current.label)
                action.triggered.connect(lambda _c=False, n=name, i=current.id: ann.relabel(i, n))
            # The commands placed in the context menu, section by section.
            placed = sorted(commands_in(CONTEXT_MENU), key=lambda entry: entry[0])
            menu.addActions([self.actions[spec.name] for _, spec in placed])
        menu.addSeparator()
        copy = menu.addAction(self.tr("Copy"))
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(parts.view.selection_span() is not None)
        copy.triggered.connect(parts.view.copy)
        menu.exec(position)
