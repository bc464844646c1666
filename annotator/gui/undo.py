"""The core's commands on Qt's undo stack.

Each window gesture builds one core command (annotator.core.commands) and runs it
once, so that a refused change (a relation the schema does not allow, say) shows its
message and never reaches the stack. The wrapper then goes on the QUndoStack already
done; undo and redo call the core command's undo and do, which commit before
returning. After every step the window is told which annotations to redraw.

An undo or redo the store refuses (a full disk, say) changes nothing: the window is
not told it was done, and the stack steps back to where it was, so that the same
Undo (or Redo) can be tried again once the problem is solved.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from annotator.core.commands import (
    Command,
    UpdateAnnotation,
)
from annotator.core.errors import AnnotatorError
from annotator.storage import Store

Applied = Callable[[Command, int, bool], None]
Failed = Callable[[AnnotatorError], None]
# Typing a note makes many small edits: consecutive ones to one annotation are one step.
NOTE_MERGE_ID = 0x4E07E


class UndoCommand(QUndoCommand):
    """A core command that has been done once, for QUndoStack.push.

    Args:
        store: where the command does and undoes its change.
        command: the core command, already done.
        article_id: the article it changed.
        text: what Edit > Undo says it undoes.
        applied: called after every do and undo, with the command, the article, and
            whether it was an undo or redo (rather than the gesture itself).
        failed: called when a redo or undo is refused by the store.
    """

    def __init__(
        self,
        store: Store,
        command: Command,
        article_id: int,
        text: str,
        applied: Applied,
        failed: Failed,
    ) -> None:
        super().__init__(text)
        self.store = store
        self.command = command
        self.article_id = article_id
        self._applied = applied
        self._failed = failed
        self._skip_first_redo = True
        # "undo" or "redo" while a refused step waits for the stack to step back over
        # it; that step back runs nothing (the change never happened).
        self.refused: str | None = None

    def redo(self) -> None:
        if self.refused == "undo":
            self.refused = None
            return
        replay = not self._skip_first_redo
        self._skip_first_redo = False
        if replay and not self._run(self.command.do, "redo"):
            return
        self._applied(self.command, self.article_id, replay)

    def undo(self) -> None:
        if self.refused == "redo":
            self.refused = None
            return
        if self._run(self.command.undo, "undo"):
            self._applied(self.command, self.article_id, True)

    def _run(self, step: Callable[[Store], None], name: str) -> bool:
        try:
            step(self.store)
        except AnnotatorError as exc:
            # An exception must not cross back into Qt; the window reloads from the
            # database, which stays the truth.
            self.refused = name
            self._failed(exc)
            return False
        return True

    def id(self) -> int:
        return NOTE_MERGE_ID if _is_note_edit(self.command) else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UndoCommand) or other.id() != self.id() or self.id() == -1:
            return False
        mine, theirs = self.command, other.command
        assert isinstance(mine, UpdateAnnotation) and isinstance(theirs, UpdateAnnotation)
        if mine.annotation_id != theirs.annotation_id:
            return False
        # Undo keeps going back to the note before the first edit; redo writes the last.
        mine.changes = dict(theirs.changes)
        mine.after = theirs.after
        return True


def _is_note_edit(command: Command) -> bool:
    return isinstance(command, UpdateAnnotation) and set(command.changes) == {"note"}


class UndoHistory(QObject):
    """One undo stack per article, kept for the session across rebuilt windows.

    Commands report through these signals rather than to a window, so that a window
    rebuilt for another language picks up the same history.
    """

    applied = Signal(object, int, bool)  # command, article id, an undo or redo
    refused = Signal(object)  # AnnotatorError

    def __init__(self, group: QUndoGroup, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self._stacks: dict[int, QUndoStack] = {}

    def _moved(self, stack: QUndoStack) -> None:
        # A stack being deleted says its index changed too.
        if shiboken6.isValid(stack):
            QTimer.singleShot(0, stack, lambda: self._step_back(stack))

    def _step_back(self, stack: QUndoStack) -> None:
        """Undo a refused step's move of the stack's index (see UndoCommand.refused)."""
        index = stack.index()
        after = stack.command(index) if index < stack.count() else None
        before = stack.command(index - 1) if index > 0 else None
        if isinstance(after, UndoCommand) and after.refused == "undo":
            stack.redo()
        elif isinstance(before, UndoCommand) and before.refused == "redo":
            stack.undo()

    def stack(self, article_id: int) -> QUndoStack:
        stack = self._stacks.get(article_id)
        if stack is None:
            stack = QUndoStack(self.group)
            # The index moves last in QUndoStack's undo and redo: once it has, a step
            # the store refused is stepped back over (after the current event).
            stack.indexChanged.connect(lambda _i, s=stack: self._moved(s))
            self._stacks[article_id] = stack
        return stack

    def clear(self) -> None:
        self.group.setActiveStack(None)  # type: ignore[arg-type]  # Qt takes None: no stack
        for stack in self._stacks.values():
            self.group.removeStack(stack)
            stack.deleteLater()
        self._stacks.clear()
