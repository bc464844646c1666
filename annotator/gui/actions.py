"""Every command of the window in one table: its menu text, shortcuts and help.

The menus, the Help > Keyboard shortcuts dialog and the README's shortcut table are
all this table (a test keeps the README in step). Label keys come from the schema
and are added by the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

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


@dataclass(frozen=True)
class ActionSpec:
    """One command: name, menu text (translated at build time), shortcuts and help.

    scope "annotate" means the shortcut works while the article or the annotation
    panel has the focus, so that the same keys still type in the search and note
    fields.
    """

    name: str
    text: str
    shortcuts: tuple[str, ...] = ()
    help: str = ""
    scope: str = "window"
    checkable: bool = False


def _a(
    name: str,
    text: str,
    shortcuts: tuple[str, ...] = (),
    help: str = "",
    scope: str = "window",
    checkable: bool = False,
) -> ActionSpec:
    return ActionSpec(name, text, shortcuts, help, scope, checkable)


ACTIONS: tuple[ActionSpec, ...] = (
    # File
    _a(
        "new_database",
        QT_TRANSLATE_NOOP("Actions", "&New database…"),
        ("Ctrl+Shift+N",),
        QT_TRANSLATE_NOOP("Actions", "Create an empty database file and open it"),
    ),
    _a(
        "open_database",
        QT_TRANSLATE_NOOP("Actions", "&Open database…"),
        ("Ctrl+O",),
        QT_TRANSLATE_NOOP("Actions", "Open another database file"),
    ),
    _a(
        "import_files",
        QT_TRANSLATE_NOOP("Actions", "&Import articles…"),
        ("Ctrl+I",),
        QT_TRANSLATE_NOOP("Actions", "Import .txt, .jsonl and .csv files into this database"),
    ),
    _a(
        "import_folder",
        QT_TRANSLATE_NOOP("Actions", "Import a &folder…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Import every article file below a folder"),
    ),
    _a(
        "export",
        QT_TRANSLATE_NOOP("Actions", "&Export…"),
        ("Ctrl+Shift+E",),
        QT_TRANSLATE_NOOP("Actions", "Export annotations to another tool's format"),
    ),
    _a(
        "quit",
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        ("Ctrl+Q",),
        QT_TRANSLATE_NOOP("Actions", "Close the window (everything is already saved)"),
    ),
    # Edit
    _a(
        "undo",
        QT_TRANSLATE_NOOP("Actions", "&Undo"),
        ("Ctrl+Z",),
        QT_TRANSLATE_NOOP("Actions", "Undo the last change in this article"),
    ),
    _a(
        "redo",
        QT_TRANSLATE_NOOP("Actions", "&Redo"),
        ("Ctrl+Shift+Z", "Ctrl+Y"),
        QT_TRANSLATE_NOOP("Actions", "Redo the change just undone"),
    ),
    _a(
        "delete",
        QT_TRANSLATE_NOOP("Actions", "&Delete annotation"),
        ("Delete", "Backspace"),
        QT_TRANSLATE_NOOP("Actions", "Delete the selected annotation and its links"),
        "annotate",
    ),
    _a(
        "find",
        QT_TRANSLATE_NOOP("Actions", "&Find in article…"),
        ("Ctrl+F",),
        QT_TRANSLATE_NOOP("Actions", "Find text, ignoring diacritics, tatweel and letter forms"),
    ),
    _a(
        "find_next",
        QT_TRANSLATE_NOOP("Actions", "Find &next"),
        ("F3", "Ctrl+G"),
        QT_TRANSLATE_NOOP("Actions", "Select the next match"),
    ),
    _a(
        "find_previous",
        QT_TRANSLATE_NOOP("Actions", "Find pre&vious"),
        ("Shift+F3", "Ctrl+Shift+G"),
        QT_TRANSLATE_NOOP("Actions", "Select the previous match"),
    ),
    _a(
        "rename",
        QT_TRANSLATE_NOOP("Actions", "Annotator &name…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Change the name recorded on new annotations"),
    ),
    # Annotation
    _a(
        "link",
        QT_TRANSLATE_NOOP("Actions", "&Link…"),
        ("L",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Link the selected annotation: then click the other end (Tab and Enter also work; Esc cancels)",
        ),
        "annotate",
    ),
    _a(
        "link_menu",
        QT_TRANSLATE_NOOP("Actions", "Link to a &listed span…"),
        ("Shift+L",),
        QT_TRANSLATE_NOOP("Actions", "Choose the other end of a link from a list, nearest first"),
        "annotate",
    ),
    _a(
        "next_annotation",
        QT_TRANSLATE_NOOP("Actions", "Ne&xt annotation"),
        ("Tab",),
        QT_TRANSLATE_NOOP("Actions", "Select the next annotation in reading order"),
        "view",
    ),
    _a(
        "previous_annotation",
        QT_TRANSLATE_NOOP("Actions", "Pre&vious annotation"),
        ("Shift+Tab",),
        QT_TRANSLATE_NOOP("Actions", "Select the previous annotation in reading order"),
        "view",
    ),
    _a(
        "next_missing",
        QT_TRANSLATE_NOOP("Actions", "Next claim without a &source"),
        ("F8",),
        QT_TRANSLATE_NOOP("Actions", "Select the next claim that has no source linked"),
    ),
    _a(
        "edit_details",
        QT_TRANSLATE_NOOP("Actions", "Edit &attributes and note"),
        ("F2",),
        QT_TRANSLATE_NOOP(
            "Actions", "Move the focus to the selected annotation's attributes (Esc comes back)"
        ),
    ),
    _a(
        "quick_attributes",
        QT_TRANSLATE_NOOP("Actions", "&Quick attributes…"),
        ("Q",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Set the selected annotation's attributes with one digit each (0 keeps one, Esc cancels)",
        ),
        "annotate",
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
    ),
    _a(
        "grow_left",
        QT_TRANSLATE_NOOP("Actions", "Grow to the left"),
        ("Alt+Left",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Move the selected annotation's left edge to the left (grow): a word, or a character in exact-characters mode",
        ),
        "annotate",
    ),
    _a(
        "grow_right",
        QT_TRANSLATE_NOOP("Actions", "Grow to the right"),
        ("Alt+Right",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Move the selected annotation's right edge to the right (grow): a word, or a character in exact-characters mode",
        ),
        "annotate",
    ),
    _a(
        "shrink_left",
        QT_TRANSLATE_NOOP("Actions", "Shrink from the left"),
        ("Alt+Shift+Right",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Move the selected annotation's left edge to the right (shrink): a word, or a character in exact-characters mode",
        ),
        "annotate",
    ),
    _a(
        "shrink_right",
        QT_TRANSLATE_NOOP("Actions", "Shrink from the right"),
        ("Alt+Shift+Left",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Move the selected annotation's right edge to the left (shrink): a word, or a character in exact-characters mode",
        ),
        "annotate",
    ),
    _a(
        "exact",
        QT_TRANSLATE_NOOP("Actions", "&Exact characters"),
        ("Ctrl+E",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Select exact characters instead of whole words (holding Alt while dragging does the same once)",
        ),
        checkable=True,
    ),
    # View
    _a(
        "zoom_in",
        QT_TRANSLATE_NOOP("Actions", "Zoom &in"),
        ("Ctrl+=", "Ctrl++"),
        QT_TRANSLATE_NOOP("Actions", "Larger article text"),
    ),
    _a(
        "zoom_out",
        QT_TRANSLATE_NOOP("Actions", "Zoom &out"),
        ("Ctrl+-",),
        QT_TRANSLATE_NOOP("Actions", "Smaller article text"),
    ),
    _a(
        "zoom_reset",
        QT_TRANSLATE_NOOP("Actions", "&Normal size"),
        ("Ctrl+0",),
        QT_TRANSLATE_NOOP("Actions", "Article text at its normal size"),
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
    ),
    _a(
        "direction_auto",
        QT_TRANSLATE_NOOP("Actions", "&Automatic"),
        (),
        QT_TRANSLATE_NOOP(
            "Actions", "Paragraphs run in the direction of the article's dominant script"
        ),
        checkable=True,
    ),
    _a(
        "direction_rtl",
        QT_TRANSLATE_NOOP("Actions", "&Right to left"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Every paragraph of this article runs right to left"),
        checkable=True,
    ),
    _a(
        "direction_ltr",
        QT_TRANSLATE_NOOP("Actions", "&Left to right"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Every paragraph of this article runs left to right"),
        checkable=True,
    ),
    # Article
    _a(
        "mark_done",
        QT_TRANSLATE_NOOP("Actions", "Mark &done"),
        ("Ctrl+Return", "Ctrl+Enter"),
        QT_TRANSLATE_NOOP("Actions", "Mark this article done (again: back to in progress)"),
        checkable=True,
    ),
    _a(
        "next_article",
        QT_TRANSLATE_NOOP("Actions", "&Next article"),
        ("Ctrl+PgDown",),
        QT_TRANSLATE_NOOP("Actions", "Open the next article"),
    ),
    _a(
        "previous_article",
        QT_TRANSLATE_NOOP("Actions", "&Previous article"),
        ("Ctrl+PgUp",),
        QT_TRANSLATE_NOOP("Actions", "Open the previous article"),
    ),
    _a(
        "next_unfinished",
        QT_TRANSLATE_NOOP("Actions", "Next &unfinished article"),
        ("Ctrl+Shift+PgDown",),
        QT_TRANSLATE_NOOP("Actions", "Open the next article that is not done"),
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
    ),
    _a(
        "reject",
        QT_TRANSLATE_NOOP("Actions", "&Reject"),
        ("R",),
        QT_TRANSLATE_NOOP(
            "Actions", "Adjudicating: reject the candidate, then go to the next undecided one"
        ),
        "annotate",
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
    ),
    _a(
        "reopen",
        QT_TRANSLATE_NOOP("Actions", "Re&open"),
        ("U",),
        QT_TRANSLATE_NOOP(
            "Actions", "Adjudicating: undecide the candidate (its gold copy goes too)"
        ),
        "annotate",
    ),
    _a(
        "next_version",
        QT_TRANSLATE_NOOP("Actions", "Next &version"),
        ("V",),
        QT_TRANSLATE_NOOP(
            "Actions", "Adjudicating: choose the next annotator's version for Accept"
        ),
        "annotate",
    ),
    _a(
        "previous_version",
        QT_TRANSLATE_NOOP("Actions", "Previous version"),
        ("Shift+V",),
        QT_TRANSLATE_NOOP(
            "Actions", "Adjudicating: choose the previous annotator's version for Accept"
        ),
        "annotate",
    ),
    _a(
        "next_candidate",
        QT_TRANSLATE_NOOP("Actions", "&Next undecided"),
        ("N",),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Adjudicating: the next undecided candidate (after the last: the next article with some)",
        ),
        "annotate",
    ),
    _a(
        "previous_candidate",
        QT_TRANSLATE_NOOP("Actions", "&Previous undecided"),
        ("Shift+N",),
        QT_TRANSLATE_NOOP("Actions", "Adjudicating: the previous undecided candidate"),
        "annotate",
    ),
    # Help
    _a(
        "guidelines",
        QT_TRANSLATE_NOOP("Actions", "&Guidelines"),
        ("F1",),
        QT_TRANSLATE_NOOP(
            "Actions", "Show or hide the guidelines: what each label, attribute and value means"
        ),
    ),
    _a(
        "shortcuts",
        QT_TRANSLATE_NOOP("Actions", "&Keyboard shortcuts"),
        ("Shift+F1",),
        QT_TRANSLATE_NOOP("Actions", "Every shortcut of the window"),
    ),
    _a(
        "about",
        QT_TRANSLATE_NOOP("Actions", "&About annotator"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Version and licences"),
    ),
)

SPECS = {spec.name: spec for spec in ACTIONS}


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
