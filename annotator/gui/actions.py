"""Every command of the window in one table: text, shortcuts, help, place, modes.

The menus, which commands a read-only file or adjudication disables, the
Help > Keyboard shortcuts dialog and the README's shortcut table are all derived from
this table (a test keeps the README in step). Label keys come from the schema and are
added by the window. A new command is one entry here plus its handler.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from annotator.gui.i18n import QT_TRANSLATE_NOOP

# Single keys typed with an Arabic keyboard layout arrive as Arabic letters and digits:
# each Latin shortcut key also answers to the character on the same key of the
# standard Arabic layout, and digits to Arabic-Indic digits.
ARABIC_KEYS = {
    "q": "ض",
    "w": "ص",
    "e": "ث",
    "r": "ق",
    "t": "ف",
    "y": "غ",
    "u": "ع",
    "i": "ه",
    "o": "خ",
    "p": "ح",
    "[": "ج",
    "]": "د",
    "a": "ش",
    "s": "س",
    "d": "ي",
    "f": "ب",
    "g": "ل",
    "h": "ا",
    "j": "ت",
    "k": "ن",
    "l": "م",
    ";": "ك",
    "'": "ط",
    "z": "ئ",
    "x": "ء",
    "c": "ؤ",
    "v": "ر",
    "n": "ى",
    "m": "ة",
    ",": "و",
    ".": "ز",
    "/": "ظ",
}
for _digit in range(10):
    ARABIC_KEYS[str(_digit)] = chr(0x0660 + _digit)


# The window's modes; a command belongs to one or both.
ANNOTATING = "annotating"
ADJUDICATING = "adjudicating"
EVERY_MODE = (ANNOTATING, ADJUDICATING)


@dataclass(frozen=True)
class ActionSpec:
    """One command of the window, declared once.

    Args:
        name: the command's name (its QAction's objectName, its handler's key).
        text: the menu text (translated when the action is built).
        shortcuts: its keys; single keys also answer to their Arabic-layout twins.
        help: one line for the status bar, the tooltip, the shortcuts dialog and the README.
        scope: "window"; "annotate" (the shortcut works while the article or the
            annotation panel has the focus, so that the same keys still type in the
            search and note fields); or "view" (the article only).
        checkable: the command is on or off (a check box in the menu).
        place: where it appears, each "menu/submenu:section" (see MENUS); the section
            numbers order the groups of a menu, and separators fall between them.
        writes: it changes the database, so it is disabled on a read-only file.
        modes: the modes in which it is enabled.
        toggle: its handler is called with the new state on every change (else on
            each trigger, with no argument).
    """

    name: str
    text: str
    shortcuts: tuple[str, ...] = ()
    help: str = ""
    scope: str = "window"
    checkable: bool = False
    place: tuple[str, ...] = ()
    writes: bool = False
    modes: tuple[str, ...] = EVERY_MODE
    toggle: bool = False


def _a(
    name: str,
    text: str,
    shortcuts: tuple[str, ...] = (),
    help: str = "",
    scope: str = "window",
    checkable: bool = False,
    *,
    place: tuple[str, ...] = (),
    writes: bool = False,
    modes: tuple[str, ...] = EVERY_MODE,
    toggle: bool = False,
) -> ActionSpec:
    return ActionSpec(name, text, shortcuts, help, scope, checkable, place, writes, modes, toggle)


ACTIONS: tuple[ActionSpec, ...] = (
    # File
    _a(
        "new_database",
        QT_TRANSLATE_NOOP("Actions", "&New database…"),
        ("Ctrl+Shift+N",),
        QT_TRANSLATE_NOOP("Actions", "Create an empty database file and open it"),
        place=("file:0",),
    ),
    _a(
        "open_database",
        QT_TRANSLATE_NOOP("Actions", "&Open database…"),
        ("Ctrl+O",),
        QT_TRANSLATE_NOOP("Actions", "Open another database file"),
        place=("file:0",),
    ),
    _a(
        "import_files",
        QT_TRANSLATE_NOOP("Actions", "&Import articles…"),
        ("Ctrl+I",),
        QT_TRANSLATE_NOOP("Actions", "Import .txt, .jsonl and .csv files into this database"),
        place=("file:1",),
        writes=True,
    ),
    _a(
        "import_folder",
        QT_TRANSLATE_NOOP("Actions", "Import a &folder…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Import every article file below a folder"),
        place=("file:1",),
        writes=True,
    ),
    _a(
        "export",
        QT_TRANSLATE_NOOP("Actions", "&Export…"),
        ("Ctrl+Shift+E",),
        QT_TRANSLATE_NOOP("Actions", "Export annotations to another tool's format"),
        place=("file:1",),
    ),
    _a(
        "quit",
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        ("Ctrl+Q",),
        QT_TRANSLATE_NOOP("Actions", "Close the window (everything is already saved)"),
        place=("file:2",),
    ),
    # Edit
    _a(
        "undo",
        QT_TRANSLATE_NOOP("Actions", "&Undo"),
        ("Ctrl+Z",),
        QT_TRANSLATE_NOOP("Actions", "Undo the last change in this article"),
        place=("edit:0",),
        writes=True,
    ),
    _a(
        "redo",
        QT_TRANSLATE_NOOP("Actions", "&Redo"),
        ("Ctrl+Shift+Z", "Ctrl+Y"),
        QT_TRANSLATE_NOOP("Actions", "Redo the change just undone"),
        place=("edit:0",),
        writes=True,
    ),
    _a(
        "delete",
        QT_TRANSLATE_NOOP("Actions", "&Delete annotation"),
        ("Delete", "Backspace"),
        QT_TRANSLATE_NOOP("Actions", "Delete the selected annotation and its links"),
        "annotate",
        place=(
            "edit:1",
            "context:1",
        ),
        writes=True,
    ),
    _a(
        "find",
        QT_TRANSLATE_NOOP("Actions", "&Find in article…"),
        ("Ctrl+F",),
        QT_TRANSLATE_NOOP("Actions", "Find text, ignoring diacritics, tatweel and letter forms"),
        place=("edit:2",),
    ),
    _a(
        "find_next",
        QT_TRANSLATE_NOOP("Actions", "Find &next"),
        ("F3", "Ctrl+G"),
        QT_TRANSLATE_NOOP("Actions", "Select the next match"),
        place=("edit:2",),
    ),
    _a(
        "find_previous",
        QT_TRANSLATE_NOOP("Actions", "Find pre&vious"),
        ("Shift+F3", "Ctrl+Shift+G"),
        QT_TRANSLATE_NOOP("Actions", "Select the previous match"),
        place=("edit:2",),
    ),
    _a(
        "rename",
        QT_TRANSLATE_NOOP("Actions", "Annotator &name…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Change the name recorded on new annotations"),
        place=("edit:3",),
    ),
    # Annotation
    _a(
        "link",
        QT_TRANSLATE_NOOP("Actions", "&Link…"),
        ("L",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Link the selected annotation: then click the other end "
            "(Tab and Enter also work; Esc cancels)",
        ),
        "annotate",
        place=(
            "annotation:1",
            "context:0",
        ),
        writes=True,
    ),
    _a(
        "link_menu",
        QT_TRANSLATE_NOOP("Actions", "Link to a &listed span…"),
        ("Shift+L",),
        QT_TRANSLATE_NOOP("Actions", "Choose the other end of a link from a list, nearest first"),
        "annotate",
        place=(
            "annotation:1",
            "context:0",
        ),
        writes=True,
    ),
    _a(
        "next_annotation",
        QT_TRANSLATE_NOOP("Actions", "Ne&xt annotation"),
        ("Tab",),
        QT_TRANSLATE_NOOP("Actions", "Select the next annotation in reading order"),
        "view",
        place=("annotation:2",),
    ),
    _a(
        "previous_annotation",
        QT_TRANSLATE_NOOP("Actions", "Pre&vious annotation"),
        ("Shift+Tab",),
        QT_TRANSLATE_NOOP("Actions", "Select the previous annotation in reading order"),
        "view",
        place=("annotation:2",),
    ),
    _a(
        "next_missing",
        QT_TRANSLATE_NOOP("Actions", "Next claim without a &source"),
        ("F8",),
        QT_TRANSLATE_NOOP("Actions", "Select the next claim that has no source linked"),
        place=("annotation:2",),
    ),
    _a(
        "edit_details",
        QT_TRANSLATE_NOOP("Actions", "Edit &attributes and note"),
        ("F2",),
        QT_TRANSLATE_NOOP(
            "Actions", "Move the focus to the selected annotation's attributes (Esc comes back)"
        ),
        place=("annotation:2",),
    ),
    _a(
        "quick_attributes",
        QT_TRANSLATE_NOOP("Actions", "&Quick attributes…"),
        ("Q",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Set the selected annotation's attributes with one digit each "
            "(0 keeps one, Esc cancels)",
        ),
        "annotate",
        place=("annotation:2",),
        writes=True,
    ),
    _a(
        "same_attributes",
        QT_TRANSLATE_NOOP("Actions", "&Same attributes as the last"),
        ("S",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Give the selected annotation the attributes of the last one of its label",
        ),
        "annotate",
        place=("annotation:2",),
        writes=True,
    ),
    _a(
        "grow_right",
        QT_TRANSLATE_NOOP("Actions", "Grow to the right"),
        ("Alt+Right",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Move the selected annotation's right edge to the right (grow): "
            "a word, or a character in exact-characters mode",
        ),
        "annotate",
        place=("annotation/boundaries:0",),
        writes=True,
    ),
    _a(
        "grow_left",
        QT_TRANSLATE_NOOP("Actions", "Grow to the left"),
        ("Alt+Left",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Move the selected annotation's left edge to the left (grow): "
            "a word, or a character in exact-characters mode",
        ),
        "annotate",
        place=("annotation/boundaries:0",),
        writes=True,
    ),
    _a(
        "shrink_right",
        QT_TRANSLATE_NOOP("Actions", "Shrink from the right"),
        ("Alt+Shift+Left",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Move the selected annotation's right edge to the left (shrink): "
            "a word, or a character in exact-characters mode",
        ),
        "annotate",
        place=("annotation/boundaries:0",),
        writes=True,
    ),
    _a(
        "shrink_left",
        QT_TRANSLATE_NOOP("Actions", "Shrink from the left"),
        ("Alt+Shift+Right",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Move the selected annotation's left edge to the right (shrink): "
            "a word, or a character in exact-characters mode",
        ),
        "annotate",
        place=("annotation/boundaries:0",),
        writes=True,
    ),
    _a(
        "exact",
        QT_TRANSLATE_NOOP("Actions", "&Exact characters"),
        ("Ctrl+E",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Select exact characters instead of whole words "
            "(holding Alt while dragging does the same once)",
        ),
        checkable=True,
        place=(
            "annotation:3",
            "view:1",
        ),
        toggle=True,
    ),
    # View
    _a(
        "zoom_in",
        QT_TRANSLATE_NOOP("Actions", "Zoom &in"),
        ("Ctrl+=", "Ctrl++"),
        QT_TRANSLATE_NOOP("Actions", "Larger article text"),
        place=("view:0",),
    ),
    _a(
        "zoom_out",
        QT_TRANSLATE_NOOP("Actions", "Zoom &out"),
        ("Ctrl+-",),
        QT_TRANSLATE_NOOP("Actions", "Smaller article text"),
        place=("view:0",),
    ),
    _a(
        "zoom_reset",
        QT_TRANSLATE_NOOP("Actions", "&Normal size"),
        ("Ctrl+0",),
        QT_TRANSLATE_NOOP("Actions", "Article text at its normal size"),
        place=("view:0",),
    ),
    _a(
        "show_links",
        QT_TRANSLATE_NOOP("Actions", "Show all &links"),
        ("Ctrl+Shift+K",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Draw every link in the visible part of the article (off: the selected annotation's)",
        ),
        checkable=True,
        place=("view:1",),
        toggle=True,
    ),
    _a(
        "show_suggestions",
        QT_TRANSLATE_NOOP("Actions", "Show &suggestions"),
        ("Ctrl+Shift+H",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Show the suggested cues, sources and claims (dashed outlines); with some shown, "
            "Tab moves between them, Enter accepts, Backspace rejects, Shift+Enter accepts "
            "the whole attribution, Ctrl+Shift+Enter every one of its label",
        ),
        checkable=True,
        place=("view:1",),
        toggle=True,
    ),
    _a(
        "direction_auto",
        QT_TRANSLATE_NOOP("Actions", "&Automatic"),
        (),
        QT_TRANSLATE_NOOP(
            "Actions", "Paragraphs run in the direction of the article's dominant script"
        ),
        checkable=True,
        place=("view/direction:0",),
    ),
    _a(
        "direction_rtl",
        QT_TRANSLATE_NOOP("Actions", "&Right to left"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Every paragraph of this article runs right to left"),
        checkable=True,
        place=("view/direction:0",),
    ),
    _a(
        "direction_ltr",
        QT_TRANSLATE_NOOP("Actions", "&Left to right"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Every paragraph of this article runs left to right"),
        checkable=True,
        place=("view/direction:0",),
    ),
    # Article
    _a(
        "mark_done",
        QT_TRANSLATE_NOOP("Actions", "Mark &done"),
        ("Ctrl+Return", "Ctrl+Enter"),
        QT_TRANSLATE_NOOP("Actions", "Mark this article done (again: back to in progress)"),
        checkable=True,
        place=("article:0",),
        writes=True,
    ),
    _a(
        "next_article",
        QT_TRANSLATE_NOOP("Actions", "&Next article"),
        ("Ctrl+PgDown",),
        QT_TRANSLATE_NOOP("Actions", "Open the next article"),
        place=("article:0",),
    ),
    _a(
        "previous_article",
        QT_TRANSLATE_NOOP("Actions", "&Previous article"),
        ("Ctrl+PgUp",),
        QT_TRANSLATE_NOOP("Actions", "Open the previous article"),
        place=("article:0",),
    ),
    _a(
        "next_unfinished",
        QT_TRANSLATE_NOOP("Actions", "Next &unfinished article"),
        ("Ctrl+Shift+PgDown",),
        QT_TRANSLATE_NOOP("Actions", "Open the next article that is not done"),
        place=("article:0",),
    ),
    # Adjudication
    _a(
        "adjudicate",
        QT_TRANSLATE_NOOP("Actions", "A&djudicate…"),
        ("Ctrl+Shift+A",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Compare annotators and decide what goes into the gold layer (again: stop)",
        ),
        checkable=True,
        place=("adjudication:0",),
        toggle=True,
    ),
    _a(
        "accept",
        QT_TRANSLATE_NOOP("Actions", "&Accept"),
        ("A",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Adjudicating: accept the candidate into gold, then go to the next undecided one",
        ),
        "annotate",
        place=("adjudication:1",),
        writes=True,
        modes=(ADJUDICATING,),
    ),
    _a(
        "reject",
        QT_TRANSLATE_NOOP("Actions", "&Reject"),
        ("R",),
        QT_TRANSLATE_NOOP(
            "Actions", "Adjudicating: reject the candidate, then go to the next undecided one"
        ),
        "annotate",
        place=("adjudication:1",),
        writes=True,
        modes=(ADJUDICATING,),
    ),
    _a(
        "edit_gold",
        QT_TRANSLATE_NOOP("Actions", "&Edit in gold"),
        ("E",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Adjudicating: accept the candidate and edit its gold copy's attributes and note",
        ),
        "annotate",
        place=("adjudication:1",),
        writes=True,
        modes=(ADJUDICATING,),
    ),
    _a(
        "reopen",
        QT_TRANSLATE_NOOP("Actions", "Re&open"),
        ("U",),
        QT_TRANSLATE_NOOP(
            "Actions", "Adjudicating: undecide the candidate (its gold copy goes too)"
        ),
        "annotate",
        place=("adjudication:1",),
        writes=True,
        modes=(ADJUDICATING,),
    ),
    _a(
        "next_version",
        QT_TRANSLATE_NOOP("Actions", "Next &version"),
        ("V",),
        QT_TRANSLATE_NOOP(
            "Actions", "Adjudicating: choose the next annotator's version for Accept"
        ),
        "annotate",
        place=("adjudication:2",),
        modes=(ADJUDICATING,),
    ),
    _a(
        "previous_version",
        QT_TRANSLATE_NOOP("Actions", "Previous version"),
        ("Shift+V",),
        QT_TRANSLATE_NOOP(
            "Actions", "Adjudicating: choose the previous annotator's version for Accept"
        ),
        "annotate",
        place=("adjudication:2",),
        modes=(ADJUDICATING,),
    ),
    _a(
        "next_candidate",
        QT_TRANSLATE_NOOP("Actions", "&Next undecided"),
        ("N",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Adjudicating: the next undecided candidate "
            "(after the last: the next article with some)",
        ),
        "annotate",
        place=("adjudication:2",),
        modes=(ADJUDICATING,),
    ),
    _a(
        "previous_candidate",
        QT_TRANSLATE_NOOP("Actions", "&Previous undecided"),
        ("Shift+N",),
        QT_TRANSLATE_NOOP("Actions", "Adjudicating: the previous undecided candidate"),
        "annotate",
        place=("adjudication:2",),
        modes=(ADJUDICATING,),
    ),
    # Help
    _a(
        "guidelines",
        QT_TRANSLATE_NOOP("Actions", "&Guidelines"),
        ("F1",),
        QT_TRANSLATE_NOOP(
            "Actions", "Show or hide the guidelines: what each label, attribute and value means"
        ),
        place=("help:0",),
    ),
    _a(
        "shortcuts",
        QT_TRANSLATE_NOOP("Actions", "&Keyboard shortcuts"),
        ("Shift+F1",),
        QT_TRANSLATE_NOOP("Actions", "Every shortcut of the window"),
        place=("help:0",),
    ),
    _a(
        "about",
        QT_TRANSLATE_NOOP("Actions", "&About annotator"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Version and licences"),
        place=("help:0",),
    ),
)

SPECS = {spec.name: spec for spec in ACTIONS}


@dataclass(frozen=True)
class MenuSpec:
    """A menu of the menu bar ("file"), or a submenu ("file/recent") and its place."""

    path: str
    title: str
    place: str = ""


# The menu bar in order; a submenu comes after the commands of its section.
MENUS: tuple[MenuSpec, ...] = (
    MenuSpec("file", QT_TRANSLATE_NOOP("Menus", "&File")),
    MenuSpec("file/recent", QT_TRANSLATE_NOOP("Menus", "Open &recent"), "file:0"),
    MenuSpec("edit", QT_TRANSLATE_NOOP("Menus", "&Edit")),
    MenuSpec("annotation", QT_TRANSLATE_NOOP("Menus", "A&nnotation")),
    MenuSpec("annotation/exact", QT_TRANSLATE_NOOP("Menus", "Mark e&xactly as"), "annotation:0"),
    MenuSpec("annotation/boundaries", QT_TRANSLATE_NOOP("Menus", "&Boundaries"), "annotation:2"),
    MenuSpec("view", QT_TRANSLATE_NOOP("Menus", "&View")),
    MenuSpec("view/direction", QT_TRANSLATE_NOOP("Menus", "Paragraph &direction"), "view:1"),
    MenuSpec("view/language", QT_TRANSLATE_NOOP("Menus", "&Language"), "view:1"),
    MenuSpec("article", QT_TRANSLATE_NOOP("Menus", "A&rticle")),
    MenuSpec("adjudication", QT_TRANSLATE_NOOP("Menus", "A&djudication")),
    MenuSpec("help", QT_TRANSLATE_NOOP("Menus", "&Help")),
)
# The right-click menu of the article: not in the menu bar.
CONTEXT_MENU = "context"


def split_place(place: str) -> tuple[str, int]:
    """ "annotation/boundaries:0" -> ("annotation/boundaries", 0)."""
    path, _, section = place.rpartition(":")
    return path, int(section)


def commands_in(path: str) -> list[tuple[int, ActionSpec]]:
    """(section, command) of every command placed in the menu ``path``, in table order."""
    return [
        (section, spec)
        for spec in ACTIONS
        for where, section in map(split_place, spec.place)
        if where == path
    ]


Handler = Callable[..., object]


def connect_handlers(actions: Mapping[str, QAction], *tables: Mapping[str, Handler]) -> None:
    """Connect each command to its one handler; every command has exactly one.

    Raises:
        ValueError: a command without a handler, one with two, or a handler of no command.
    """
    handlers: dict[str, Handler] = {}
    for table in tables:
        twice = handlers.keys() & table.keys()
        if twice:
            raise ValueError(f"commands with two handlers: {', '.join(sorted(twice))}")
        handlers.update(table)
    missing = SPECS.keys() - handlers.keys()
    unknown = handlers.keys() - SPECS.keys()
    if missing or unknown:
        raise ValueError(
            f"commands without a handler: {', '.join(sorted(missing)) or 'none'}; "
            f"handlers of no command: {', '.join(sorted(unknown)) or 'none'}"
        )
    for name, handler in handlers.items():
        if SPECS[name].toggle:
            actions[name].toggled.connect(handler)
        else:
            actions[name].triggered.connect(lambda _checked=False, h=handler: h())


def disable_writing(actions: Mapping[str, QAction]) -> None:
    """A read-only database: every command that writes is off."""
    for spec in ACTIONS:
        if spec.writes:
            actions[spec.name].setEnabled(False)


def enable_for_mode(actions: Mapping[str, QAction], mode: str, readonly: bool) -> None:
    """Turn the commands of only some modes on or off for ``mode``."""
    for spec in ACTIONS:
        if spec.modes != EVERY_MODE:
            on = mode in spec.modes and not (readonly and spec.writes)
            actions[spec.name].setEnabled(on)


def translate(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def key_sequences(keys: tuple[str, ...] | list[str]) -> list[QKeySequence]:
    """The shortcuts of a table entry, plus Arabic-layout twins of single keys."""
    sequences = [QKeySequence(k) for k in keys]
    for key in keys:
        twin = ARABIC_KEYS.get(key.lower()) if len(key) == 1 else None
        if twin:
            sequences.append(QKeySequence(twin))
    return sequences


def make_action(
    parent: QObject,
    name: str,
    text: str,
    keys: tuple[str, ...] | list[str] = (),
    help: str = "",
    scope: str = "window",
    checkable: bool = False,
) -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    action.setShortcuts(key_sequences(keys))
    if scope == "annotate":
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    elif scope == "view":
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    if help:
        action.setStatusTip(help)
        action.setToolTip(_tooltip(text, help, keys))
    action.setCheckable(checkable)
    return action


def _tooltip(text: str, help: str, keys: tuple[str, ...] | list[str]) -> str:
    plain = text.replace("&", "").rstrip("…")
    shown = ", ".join(
        QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys
    )
    return f"{plain} ({shown})\n{help}" if shown else f"{plain}\n{help}"


def build_actions(parent: QObject) -> dict[str, QAction]:
    """One QAction per table entry, translated into the current language."""
    return {
        spec.name: make_action(
            parent,
            spec.name,
            translate(spec.text),
            spec.shortcuts,
            translate(spec.help) if spec.help else "",
            spec.scope,
            spec.checkable,
        )
        for spec in ACTIONS
    }
