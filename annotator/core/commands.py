"""Undoable changes to annotations, as command objects with do and undo.

Every gesture in the window maps to one command; the GUI wraps them in QUndoCommand,
and ``CommandStack`` undoes and redoes them without Qt. A command talks to a store (see
``annotator.storage.Store``); each do or undo is one committed transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from annotator.core.errors import AnnotatorError
from annotator.core.model import Annotation, Relation


class AnnotationStore(Protocol):
    """What commands need from storage."""

    def create_annotation(
        self,
        article_id: int,
        label: str,
        start: int,
        end: int,
        annotator: str = "",
        attributes: dict[str, Any] | None = None,
        note: str = "",
    ) -> Annotation: ...

    def annotation(self, annotation_id: int) -> Annotation: ...

    def update_annotation(self, annotation_id: int, **changes: Any) -> Annotation: ...

    def delete_annotation(self, annotation_id: int) -> tuple[Annotation, list[Relation]]: ...

    def restore(self, annotations: list[Annotation], relations: list[Relation]) -> None: ...

    def create_relation(
        self, type_: str, from_id: int, to_id: int, annotator: str = ""
    ) -> Relation: ...

    def delete_relation(self, relation_id: int) -> Relation: ...

    def relations_of(self, annotation_id: int) -> list[Relation]: ...

    def transaction(self) -> Any: ...

    @property
    def schema(self) -> Any: ...


# What an annotation holds, as opposed to when it was last written.
_CONTENT = ("article_id", "label", "start", "end", "attributes", "note", "annotator", "created")


def _content(annotation: Annotation) -> tuple[Any, ...]:
    return tuple(getattr(annotation, name) for name in _CONTENT)


def check_still(store: AnnotationStore, expected: Annotation, step: str) -> None:
    """Refuse an undo or redo unless annotation ``expected.id`` is as this step left it.

    Another program writing the same file (a second window, a merge) may have deleted
    or changed it since, and the step would then undo their work instead.

    Raises:
        AnnotatorError: the annotation is gone or holds something else.
    """
    try:
        current = store.annotation(expected.id)
    except AnnotatorError:
        raise AnnotatorError(
            f"{step} refused: annotation {expected.id} («{expected.text}») has been deleted "
            "since, by another window or program writing this file"
        ) from None
    if _content(current) != _content(expected):
        who = f" ({current.annotator})" if current.annotator else ""
        raise AnnotatorError(
            f"{step} refused: annotation {expected.id}{who} has been changed since, by another "
            "window or program writing this file; undoing would overwrite that change"
        )


def check_relation_still(store: AnnotationStore, expected: Relation, step: str) -> None:
    """Refuse an undo or redo unless relation ``expected.id`` is still the one it made."""
    found = [r for r in store.relations_of(expected.from_id) if r.id == expected.id]
    if not found or found[0] != expected:
        raise AnnotatorError(
            f"{step} refused: link {expected.id} ({expected.type}) has been deleted or "
            "changed since, by another window or program writing this file"
        )


class Command:
    """A change that can be done, undone and done again."""

    text = "change"

    def do(self, store: AnnotationStore) -> None:
        raise NotImplementedError

    def undo(self, store: AnnotationStore) -> None:
        raise NotImplementedError

    def affected_ids(self) -> set[int]:
        """The annotations whose look or links this change may have changed."""
        return set()


def flatten(command: Command) -> list[Command]:
    """The single changes of a command, in order (a compound's, recursively)."""
    if isinstance(command, Compound):
        return [c for sub in command.commands for c in flatten(sub)]
    return [command]


@dataclass
class CreateAnnotation(Command):
    article_id: int
    label: str
    start: int
    end: int
    annotator: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    created: Annotation | None = None

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"add {self.label}"

    def do(self, store: AnnotationStore) -> None:
        if self.created is None:
            self.created = store.create_annotation(
                self.article_id, self.label, self.start, self.end, self.annotator, self.attributes
            )
        else:
            # Redo puts back the very same record, so later commands that name its id
            # keep working.
            store.restore([self.created], [])

    def undo(self, store: AnnotationStore) -> None:
        assert self.created is not None
        with store.transaction():
            check_still(store, self.created, "undo")
            store.delete_annotation(self.created.id)

    def affected_ids(self) -> set[int]:
        return {self.created.id} if self.created else set()


@dataclass
class DeleteAnnotation(Command):
    annotation_id: int
    removed: Annotation | None = None
    removed_relations: list[Relation] = field(default_factory=list)

    text = "delete annotation"

    def do(self, store: AnnotationStore) -> None:
        self.removed, self.removed_relations = store.delete_annotation(self.annotation_id)

    def undo(self, store: AnnotationStore) -> None:
        assert self.removed is not None
        store.restore([self.removed], self.removed_relations)

    def affected_ids(self) -> set[int]:
        ends = {e for r in self.removed_relations for e in (r.from_id, r.to_id)}
        return {self.annotation_id} | ends


@dataclass
class UpdateAnnotation(Command):
    """Relabel, move a boundary, set attributes or the note of one annotation.

    A relabel drops attributes the new label does not have, and relations the schema
    no longer allows; undo brings both back.
    """

    annotation_id: int
    changes: dict[str, Any]
    description: str = "edit annotation"
    before: Annotation | None = None
    after: Annotation | None = None
    dropped_relations: list[Relation] = field(default_factory=list)

    @property
    def text(self) -> str:  # type: ignore[override]
        return self.description

    def do(self, store: AnnotationStore) -> None:
        with store.transaction():
            if self.after is not None and self.before is not None:
                check_still(store, self.before, "redo")
            self.before = store.annotation(self.annotation_id)
            changes = dict(self.changes)
            new_label = changes.get("label", self.before.label)
            if new_label != self.before.label:
                allowed = store.schema.label(new_label).attributes
                attributes = changes.get("attributes", self.before.attributes)
                changes["attributes"] = {k: v for k, v in attributes.items() if k in allowed}
                self.dropped_relations = []
                for rel in store.relations_of(self.annotation_id):
                    other_id = rel.to_id if rel.from_id == self.annotation_id else rel.from_id
                    other = store.annotation(other_id).label
                    pair = (
                        (new_label, other)
                        if rel.from_id == self.annotation_id
                        else (other, new_label)
                    )
                    if not store.schema.relation(rel.type).allows(*pair):
                        store.delete_relation(rel.id)
                        self.dropped_relations.append(rel)
            self.after = store.update_annotation(self.annotation_id, **changes)

    def undo(self, store: AnnotationStore) -> None:
        assert self.before is not None
        b = self.before
        with store.transaction():
            if self.after is not None:
                check_still(store, self.after, "undo")
            store.update_annotation(
                self.annotation_id,
                label=b.label,
                start=b.start,
                end=b.end,
                attributes=b.attributes,
                note=b.note,
            )
            if self.dropped_relations:
                store.restore([], self.dropped_relations)

    def affected_ids(self) -> set[int]:
        ends = {e for r in self.dropped_relations for e in (r.from_id, r.to_id)}
        return {self.annotation_id} | ends


@dataclass
class Link(Command):
    type: str
    from_id: int
    to_id: int
    annotator: str = ""
    created: Relation | None = None

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"link {self.type}"

    def do(self, store: AnnotationStore) -> None:
        if self.created is None:
            self.created = store.create_relation(
                self.type, self.from_id, self.to_id, self.annotator
            )
        else:
            store.restore([], [self.created])

    def undo(self, store: AnnotationStore) -> None:
        assert self.created is not None
        with store.transaction():
            check_relation_still(store, self.created, "undo")
            store.delete_relation(self.created.id)

    def affected_ids(self) -> set[int]:
        return {self.from_id, self.to_id}


@dataclass
class Unlink(Command):
    relation_id: int
    removed: Relation | None = None

    text = "unlink"

    def do(self, store: AnnotationStore) -> None:
        self.removed = store.delete_relation(self.relation_id)

    def undo(self, store: AnnotationStore) -> None:
        assert self.removed is not None
        store.restore([], [self.removed])

    def affected_ids(self) -> set[int]:
        return {self.removed.from_id, self.removed.to_id} if self.removed else set()


@dataclass
class Compound(Command):
    """Several changes made by one gesture: one transaction, one undo step."""

    commands: list[Command]
    description: str = "change"

    @property
    def text(self) -> str:  # type: ignore[override]
        return self.description

    def do(self, store: AnnotationStore) -> None:
        with store.transaction():
            for command in self.commands:
                command.do(store)

    def undo(self, store: AnnotationStore) -> None:
        with store.transaction():
            for command in reversed(self.commands):
                command.undo(store)

    def affected_ids(self) -> set[int]:
        return set().union(*(c.affected_ids() for c in self.commands))


class CommandStack:
    """A Qt-free undo stack: the counterpart of QUndoStack for code without a window."""

    def __init__(self, store: AnnotationStore) -> None:
        self.store = store
        self._done: list[Command] = []
        self._undone: list[Command] = []

    def push(self, command: Command) -> Command:
        command.do(self.store)
        self._done.append(command)
        self._undone.clear()
        return command

    def undo(self) -> bool:
        if not self._done:
            return False
        command = self._done.pop()
        command.undo(self.store)
        self._undone.append(command)
        return True

    def redo(self) -> bool:
        if not self._undone:
            return False
        command = self._undone.pop()
        command.do(self.store)
        self._done.append(command)
        return True
