"""Annotating the open article: every gesture becomes one undoable core command.

This object owns the open article's state (its ``ArticleSpans``, the selected
annotation, the article's undo stack) and turns what the user does in the view and
the panel into core commands. It never writes to the database itself: the commands
call the store, and every change is committed before the next gesture starts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from annotator.core.commands import (
    Command,
    Compound,
    CreateAnnotation,
    DeleteAnnotation,
    Link,
    Unlink,
    UpdateAnnotation,
    flatten,
)
from annotator.core.errors import AnnotatorError, StorageError
from annotator.core.model import Article
from annotator.core.spans import move_edge, snap
from annotator.core.status_commands import SetStatus
from annotator.gui.link_gesture import LinkGesture
from annotator.gui.models.article_spans import ArticleSpans, LinkOption
from annotator.gui.names import schema_name, snippet
from annotator.gui.opening import article_spans
from annotator.gui.undo import UndoCommand, UndoHistory
from annotator.gui.widgets.annotation_panel import AnnotationPanel
from annotator.gui.widgets.article_view import ArticleView
from annotator.gui.widgets.quick_attributes import QuickAttributes
from annotator.gui.widgets.span_style import LabelStyles
from annotator.storage import Store

MAX_MENU_CANDIDATES = 40


class Annotating(QObject):
    """The open article and the gestures that change its annotations."""

    changed = Signal(int)  # an article's annotations (and maybe its status) changed
    message = Signal(str)  # a short note for the status bar
    failed = Signal(str)  # a change the store refused during undo or redo
    opened = Signal(int)  # an article was (re)loaded
    replayed = Signal(object)  # a command was undone or redone (not the gesture itself)

    def __init__(
        self,
        store: Store,
        view: ArticleView,
        panel: AnnotationPanel,
        undo_group: QUndoGroup,
        history: UndoHistory,
        annotator: Callable[[], str],
        exact_mode: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.view = view
        self.panel = panel
        self.undo_group = undo_group
        self.history = history
        self._annotator = annotator
        self._exact_mode = exact_mode
        self.styles = LabelStyles(store.schema)
        self.article: Article | None = None
        self.spans: ArticleSpans | None = None
        self.current: int | None = None
        # Whose annotations are shown and edited: everyone's (None), or one layer's,
        # such as gold while adjudicating.
        self.layer: str | None = None
        self.linking = LinkGesture(view)
        history.applied.connect(self._applied)
        history.refused.connect(self._refused)
        view.annotationClicked.connect(lambda i: self.select(None if i < 0 else i))
        view.linkTargetChosen.connect(self.link_to)
        view.linkModeCancelled.connect(self.cancel_link)
        panel.currentChanged.connect(
            lambda i: self.select(None if i < 0 else i, reveal=True, flash=True)
        )
        panel.nextMissingRequested.connect(self.next_missing)
        details = panel.details
        details.relabelRequested.connect(self.relabel)
        details.attributeChanged.connect(self.set_attribute)
        details.noteChanged.connect(self.set_note)
        details.unlinkRequested.connect(self.unlink)
        details.linkMenuRequested.connect(lambda _i: self.link_menu())
        details.jumpRequested.connect(lambda i: self.select(i, reveal=True, flash=True))
        details.deleteRequested.connect(self.delete)
        self.quick = QuickAttributes(view)
        self.quick.chosen.connect(self.set_attributes)
        self.quick.cancelled.connect(lambda: view.setFocus(Qt.FocusReason.PopupFocusReason))
        # By label, the annotation whose attributes were set last ("same as the last").
        self._last_attributes: dict[str, int] = {}
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(0)
        self._rest_timer.timeout.connect(self._read_rest)

    # ------------------------------------------------------------- the article

    def open(self, article_id: int, at: int = 0) -> Article:
        """Show an article with its annotations, first at code point ``at``; its undo
        history comes back with it."""
        self.panel.details.flush_note()
        self._rest_timer.stop()
        article = self.store.article(article_id, keep_text=True)
        screen = self.view.first_screen(article.text, at)
        spans = article_spans(self.store, article, self.layer, screen)
        self.view.set_article(spans, self.styles, at)
        self.article, self.spans, self.current = article, spans, None
        if spans.complete:
            self.panel.load(spans, self.styles)
        else:
            # The rest of a long article's annotations, and the panel, just after the
            # first paint.
            self.panel.empty()
            self._rest_timer.start()
        self.undo_group.setActiveStack(self.history.stack(article_id))
        self.opened.emit(article_id)
        return article

    def _read_rest(self) -> None:
        spans = self.spans
        if spans is None or self.article is None:
            return
        try:
            spans.read_rest()
        except AnnotatorError as exc:
            self.close()
            self.view.clear_article(str(exc))
            self.message.emit(str(exc))
            return
        self.panel.load(spans, self.styles)
        self.panel.set_current(self.current)

    def set_layer(self, layer: str | None) -> None:
        """Show and edit only ``layer``'s annotations (None: everyone's); reloads."""
        self.layer = layer
        self.reload()

    def close(self) -> None:
        self._rest_timer.stop()
        self.panel.details.flush_note()
        self.article = self.spans = self.current = None
        self.panel.load(None, None)
        self.undo_group.setActiveStack(None)  # type: ignore[arg-type]  # Qt takes None: no stack

    def reload(self) -> None:
        """Read the open article's annotations again (after a refused undo, say)."""
        if self.article is not None:
            current = self.current
            self.open(self.article.id)
            self.select(current)

    @property
    def stack(self) -> QUndoStack | None:
        return self.history.stack(self.article.id) if self.article else None

    def detach(self) -> None:
        """Stop listening to the undo history (this window is going away)."""
        self.history.applied.disconnect(self._applied)
        self.history.refused.disconnect(self._refused)

    # ------------------------------------------------------------- selection

    def select(self, annotation_id: int | None, reveal: bool = False, flash: bool = False) -> None:
        if self.spans is None or annotation_id not in self.spans.annotations:
            annotation_id = None
        self.current = annotation_id
        self.view.set_current(annotation_id)
        self.panel.set_current(annotation_id)
        if annotation_id is not None:
            if reveal:
                self.view.reveal(annotation_id)
            if flash:
                self.view.flash(annotation_id)

    def next_missing(self) -> None:
        """Select the next claim without a source after the caret (wrapping round)."""
        if self.spans is None:
            return
        missing = self.spans.without_source()
        if not missing:
            self.message.emit(self.tr("Every claim has a source."))
            return
        caret = self.view.caret()
        after = [a for a in missing if a.start > caret and a.id != self.current]
        target = after[0] if after else missing[0]
        self.select(target.id, reveal=True, flash=True)

    # -------------------------------------------------------------- commands

    def push(self, command: Command, text: str) -> bool:
        """Run a command made elsewhere (adjudication's decisions) as one undo step."""
        return self._push(command, text)

    def is_done(self) -> bool:
        """Whether the open article is done, and so read-only until reopened."""
        if self.article is None:
            return False
        try:
            return self.store.article_status(self.article.id) == "done"
        except AnnotatorError:
            return False

    def refuse_if_done(self) -> bool:
        """Say why nothing happens when the open article is done; True when it is."""
        if not self.is_done():
            return False
        self.message.emit(
            self.tr("This article is done, so it is read-only: reopen it (Ctrl+Enter) to edit.")
        )
        # The panel goes back to what is stored (a combo box already shows the new value).
        details = self.panel.details
        if self.spans is not None and details.annotation is not None:
            stored = self.spans.annotations.get(details.annotation.id)
            details.note.load(stored.note if stored else "")
            details.show_annotation(stored)
        return True

    def set_done(self, done: bool) -> bool:
        """Mark the open article done, or reopen it: one undo step."""
        if self.article is None:
            return False
        command = SetStatus(self.article.id, "done" if done else "in_progress")
        return self._push(
            command, self.tr("Mark done") if done else self.tr("Reopen"), allow_done=True
        )

    def _push(
        self, command: Command, text: str, already_done: bool = False, allow_done: bool = False
    ) -> bool:
        """Run a command (unless done) and put it on the article's undo stack. Nothing
        but reopening changes a done article."""
        if self.article is None or self.stack is None:
            return False
        if not allow_done and not already_done and self.refuse_if_done():
            return False
        if not already_done:
            self.panel.details.flush_note()
            try:
                command.do(self.store)
            except AnnotatorError as exc:
                self._report(exc)
                return False
        self.stack.push(
            UndoCommand(
                self.store,
                command,
                self.article.id,
                text,
                self.history.applied.emit,
                self.history.refused.emit,
            )
        )
        return True

    def _applied(self, command: Command, article_id: int, replay: bool = False) -> None:
        """Bring the view and the panel in line with the database after a change.

        After an undo or redo the change is flashed, so that the annotator sees what came
        back or went; the article scrolls to it only when it is off screen.
        """
        spans = self.spans
        if spans is None or article_id != spans.article_id:
            return
        ids = command.affected_ids()
        blocks: set[int] = set()
        for annotation_id in ids:
            try:
                annotation = self.store.annotation(annotation_id)
            except AnnotatorError:
                blocks |= spans.remove(annotation_id)
                continue
            if annotation.article_id == article_id and self.layer in (None, annotation.annotator):
                blocks |= spans.upsert(annotation)
            else:
                blocks |= spans.remove(annotation_id)
        # Only the relations of the changed annotations are read again: a long article
        # has thousands.
        shown = spans.annotations
        now = {
            r.id: r
            for i in ids
            for r in self.store.relations_of(i)
            if r.from_id in shown and r.to_id in shown
        }
        relinked = spans.replace_relations_of(ids, list(now.values()))
        self.view.refresh_blocks(blocks)
        self.panel.update_annotations(ids)
        self.panel.refresh_links(relinked - ids)
        if self.current is not None and self.current not in spans.annotations:
            self.current = None
        self.view.set_current(self.current)
        if self.linking.active:
            self.cancel_link()
        if replay:
            self._show_replayed(command, ids)
        self.changed.emit(article_id)
        if replay:
            self.replayed.emit(command)

    def _show_replayed(self, command: Command, ids: set[int]) -> None:
        assert self.spans is not None
        present = sorted(
            (self.spans.annotations[i] for i in ids if i in self.spans.annotations),
            key=lambda a: (a.start, a.id),
        )
        if present:
            # Scroll only when what came back is off screen; a visible change just flashes.
            shown = self.view.shows(present[0].id)
            self.select(present[0].id, reveal=not shown, flash=True)
            return
        gone = [
            c.created for c in flatten(command) if isinstance(c, CreateAnnotation) and c.created
        ]
        gone += [
            c.removed for c in flatten(command) if isinstance(c, DeleteAnnotation) and c.removed
        ]
        if gone:
            self.select(None)
            self.view.place_caret(min(a.start for a in gone))
            self.view.centerCursor()

    def _report(self, error: AnnotatorError) -> None:
        """A refused gesture: a mistake is a status line; a file that cannot be written
        is a dialog, and the window stops saying 'Saved'."""
        if isinstance(error, StorageError):
            self.failed.emit(str(error))
        else:
            self.message.emit(str(error))

    def _refused(self, error: AnnotatorError) -> None:
        self.failed.emit(str(error))
        self.reload()

    @property
    def annotator(self) -> str:
        return self._annotator()

    # ---------------------------------------------------------- making spans

    def label(self, label: str, exact: bool = False) -> None:
        """The label key: mark the selected text, or relabel the selected annotation."""
        spans = self.spans
        if spans is None or self.article is None:
            return
        selection = self.view.selection_span()
        if selection is None:
            if self.current is not None:
                self._relabel_shown(self.current, label)
            else:
                self.message.emit(
                    self.tr("Select some text first: drag, double-click a word, or Shift+arrows.")
                )
            return
        words = not (exact or self.view.exact_drag or self._exact_mode())
        start, end = snap(spans.text, *selection, words=words)
        if start >= end:
            self.message.emit(self.tr("The selection holds no word to mark."))
            return
        for existing in spans.covering(start):
            if (existing.start, existing.end, existing.label) == (start, end, label):
                self.view.clear_selection()
                self.select(existing.id)
                self.message.emit(
                    self.tr("This text is already marked {0}.").format(schema_name(label))
                )
                return
        defaults = dict(self.store.schema.labels[label].defaults)
        create = CreateAnnotation(self.article.id, label, start, end, self.annotator, defaults)
        anchor = self.linking.anchor
        if anchor is not None and self._create_and_link(create, anchor):
            return
        if self._push(create, self.tr("Mark {0}").format(schema_name(label))):
            self.view.clear_selection()
            assert create.created is not None
            self.select(create.created.id)

    def _create_and_link(self, create: CreateAnnotation, anchor: int) -> bool:
        """In link mode, a new span is made and linked in one step (one undo)."""
        assert self.spans is not None
        first = self.spans.annotations[anchor]
        kinds = [
            (rel.name, first.label, create.label)
            for rel in self.store.schema.relations.values()
            if rel.allows(first.label, create.label) or rel.allows(create.label, first.label)
        ]
        if len(kinds) != 1:
            return False
        if self.refuse_if_done():
            return True
        name = kinds[0][0]
        forward = self.store.schema.relations[name].allows(first.label, create.label)
        try:
            with self.store.transaction():
                create.do(self.store)
                assert create.created is not None
                ends = (anchor, create.created.id) if forward else (create.created.id, anchor)
                link = Link(name, *ends, annotator=self.annotator)
                link.do(self.store)
        except AnnotatorError as exc:
            self._report(exc)
            return True
        text = self.tr("Mark {0} and link it").format(schema_name(create.label))
        self._push(Compound([create, link], text), text, already_done=True)
        self.view.clear_selection()
        self.select(anchor)
        return True

    def _relabel_shown(self, annotation_id: int, label: str) -> None:
        """A label key with no text selected: relabel the selected annotation, but only
        where the annotator can see it, and say what changed."""
        assert self.spans is not None
        ann = self.spans.annotations[annotation_id]
        if not self.view.shows(annotation_id):
            self.message.emit(
                self.tr(
                    "Nothing marked: no text is selected, and the selected {0} «{1}» is off "
                    "screen. Select text, or bring the {0} into view to relabel it."
                ).format(schema_name(ann.label), snippet(ann.text, 40))
            )
            return
        if ann.label == label:
            self.message.emit(
                self.tr("«{0}» is already {1}.").format(snippet(ann.text, 40), schema_name(label))
            )
            return
        old = ann.label
        self.relabel(annotation_id, label)
        if self.spans.annotations[annotation_id].label == label:
            self.message.emit(
                f"{schema_name(old)} → {schema_name(label)}: «{snippet(ann.text, 40)}»"
            )

    def relabel(self, annotation_id: int, label: str) -> None:
        if self.spans is None or self.spans.annotations[annotation_id].label == label:
            return
        command = UpdateAnnotation(annotation_id, {"label": label}, "relabel")
        self._push(command, self.tr("Change label to {0}").format(schema_name(label)))

    def delete(self, ids: list[int] | None = None) -> None:
        """Delete the given annotations (one undo step), or the selected one."""
        ids = [
            i
            for i in (ids or ([self.current] if self.current else []))
            if self.spans and i in self.spans.annotations
        ]
        if not ids:
            self.message.emit(self.tr("Select an annotation to delete (click it, or Tab to it)."))
            return
        command: Command = (
            DeleteAnnotation(ids[0])
            if len(ids) == 1
            else Compound([DeleteAnnotation(i) for i in ids], "delete")
        )
        text = (
            self.tr("Delete annotation")
            if len(ids) == 1
            else self.tr("Delete {0} annotations").format(len(ids))
        )
        self._push(command, text)

    def move_edge(self, side: str, outward: bool) -> None:
        """Move the selected annotation's left or right edge (as seen on screen)."""
        spans = self.spans
        if spans is None or self.current is None:
            self.message.emit(self.tr("Select an annotation first (click it, or Tab to it)."))
            return
        ann = spans.annotations[self.current]
        rtl = self.view.direction == Qt.LayoutDirection.RightToLeft
        edge = (
            ("start" if side == "right" else "end")
            if rtl
            else ("start" if side == "left" else "end")
        )
        words = not self._exact_mode()
        moved = move_edge(spans.text, ann.start, ann.end, edge, outward, words)
        if moved is None:
            self.message.emit(self.tr("That edge cannot move further."))
            return
        command = UpdateAnnotation(ann.id, {"start": moved[0], "end": moved[1]}, "move edge")
        self._push(command, self.tr("Move edge"))

    def set_attribute(self, annotation_id: int, name: str, value: str | None) -> None:
        if self.spans is None or annotation_id not in self.spans.annotations:
            return
        attributes = dict(self.spans.annotations[annotation_id].attributes)
        if value is None:
            attributes.pop(name, None)
        else:
            attributes[name] = value
        command = UpdateAnnotation(annotation_id, {"attributes": attributes}, "attribute")
        if self._push(command, self.tr("Set {0}").format(schema_name(name))):
            self._last_attributes[self.spans.annotations[annotation_id].label] = annotation_id

    def set_attributes(self, annotation_id: int, changes: dict[str, str]) -> None:
        """Set several attributes at once (the quick panel): one undo step."""
        self.view.setFocus(Qt.FocusReason.PopupFocusReason)
        spans = self.spans
        if spans is None or annotation_id not in spans.annotations:
            return
        ann = spans.annotations[annotation_id]
        attributes = {**ann.attributes, **changes}
        if attributes == ann.attributes:
            return
        command = UpdateAnnotation(annotation_id, {"attributes": attributes}, "attributes")
        count = sum(1 for k, v in changes.items() if ann.attributes.get(k) != v)
        if self._push(command, self.tr("Set {0} attributes").format(count)):
            self._last_attributes[ann.label] = annotation_id

    def quick_attributes(self) -> None:
        """Q: the quick panel, one digit per attribute."""
        spans = self.spans
        if spans is None or self.current is None:
            self.message.emit(self.tr("Select an annotation first (click it, or Tab to it)."))
            return
        if self.refuse_if_done():
            return
        ann = spans.annotations[self.current]
        rects = self.view.span_rects(ann)
        corner = rects[0][0].bottomLeft().toPoint() if rects else self.view.rect().center()
        at = self.view.viewport().mapToGlobal(corner + QPoint(0, 6))
        label = self.store.schema.labels[ann.label]
        if not self.quick.start(ann.id, label, dict(ann.attributes), at):
            self.message.emit(
                self.tr("{0} has no attributes to set.").format(schema_name(ann.label))
            )

    def same_as_last(self) -> None:
        """S: the selected annotation takes the attributes of the last one of its label
        (the one whose attributes were set last, else the one before it in the text)."""
        spans = self.spans
        if spans is None or self.current is None:
            self.message.emit(self.tr("Select an annotation first (click it, or Tab to it)."))
            return
        ann = spans.annotations[self.current]
        model = spans.annotations.get(self._last_attributes.get(ann.label, -1))
        if model is None or model.id == ann.id or not model.attributes:
            before = [
                a
                for a in spans.ordered()
                if a.label == ann.label and a.id != ann.id and a.attributes and a.start <= ann.start
            ]
            model = before[-1] if before else None
        if model is None:
            self.message.emit(
                self.tr("No earlier {0} has attributes to copy.").format(schema_name(ann.label))
            )
            return
        allowed = self.store.schema.labels[ann.label].attributes
        copied = {k: v for k, v in model.attributes.items() if k in allowed}
        self.set_attributes(ann.id, copied)
        self.message.emit(self.tr("Attributes copied from «{0}».").format(snippet(model.text, 40)))

    def set_note(self, annotation_id: int, note: str) -> None:
        if self.spans is None or annotation_id not in self.spans.annotations:
            return
        if self.refuse_if_done():
            return
        # Not through _push's flush: this is the flush.
        command = UpdateAnnotation(annotation_id, {"note": note}, "note")
        try:
            command.do(self.store)
        except AnnotatorError as exc:
            self._report(exc)
            return
        self._push(command, self.tr("Edit note"), already_done=True)

    # ----------------------------------------------------------------- links

    def start_link(self) -> None:
        """L: the next click (or Tab and Enter) chooses the other end of a link."""
        spans = self.spans
        if spans is None or self.current is None:
            self.message.emit(self.tr("Select the claim (or source) to link first, then press L."))
            return
        candidates = [a.id for a in spans.link_candidates(self.current)]
        self.linking.start(self.current, candidates)
        ann = spans.annotations[self.current]
        self.message.emit(
            self.tr(
                "Linking «{0}»: click the other end (dotted), or Tab and Enter; "
                "or select new text and press its label key. Esc cancels."
            ).format(snippet(ann.text, 40))
        )

    def cancel_link(self) -> None:
        if self.linking.cancel():
            self.message.emit(self.tr("Linking cancelled."))

    def link_to(self, target: int, anchor: int | None = None) -> None:
        spans = self.spans
        started = self.linking.end()
        anchor = anchor if anchor is not None else (started or self.current)
        if spans is None or anchor is None or target not in spans.annotations:
            return
        options = spans.link_options(anchor, target)
        if not options:
            self.message.emit(self.tr("The schema allows no link between these two."))
            return
        option = options[0] if len(options) == 1 else self._choose_type(options)
        if option is None:
            return
        command = Link(option.type, option.from_id, option.to_id, self.annotator)
        if self._push(command, self.tr("Link {0}").format(schema_name(option.type))):
            self.select(anchor)
            self.message.emit(self.tr("Linked: {0}.").format(schema_name(option.type)))

    def _choose_type(self, options: list[LinkOption]) -> LinkOption | None:
        """Several relations fit (SOURCE to SOURCE: relayed by, same as; either way
        round): each entry says which end is which."""
        assert self.spans is not None
        menu = QMenu(self.view)
        menu.setObjectName("relationMenu")
        for n, option in enumerate(options):
            source = snippet(self.spans.annotations[option.from_id].text, 30)
            target = snippet(self.spans.annotations[option.to_id].text, 30)
            menu.addAction(f"{schema_name(option.type)}: «{source}» → «{target}»").setData(n)
        chosen = _run_menu(menu, QCursor.pos())
        return options[chosen] if chosen is not None else None

    def link_menu(self, parent: QWidget | None = None, at: QPoint | None = None) -> None:
        """Shift+L: choose the other end from a list of candidates, nearest first."""
        spans = self.spans
        if spans is None or self.current is None:
            self.message.emit(self.tr("Select the claim (or source) to link first."))
            return
        anchor = self.current
        candidates = spans.link_candidates(anchor)[:MAX_MENU_CANDIDATES]
        if not candidates:
            self.message.emit(
                self.tr("Nothing in this article can be linked to this annotation yet.")
            )
            return
        menu = QMenu(parent or self.view)
        menu.setObjectName("linkMenu")
        choices: list[LinkOption] = []
        for other in candidates:
            for option in spans.link_options(anchor, other.id):
                text = (
                    f"{schema_name(option.type)} → {schema_name(other.label)}  "
                    f"«{snippet(other.text, 50)}»"
                )
                menu.addAction(text).setData(len(choices))
                choices.append(option)
        position = at or self.view.viewport().mapToGlobal(self.view.cursorRect().bottomLeft())
        chosen = _run_menu(menu, position)
        if chosen is None:
            return
        option = choices[chosen]
        command = Link(option.type, option.from_id, option.to_id, self.annotator)
        if self._push(command, self.tr("Link {0}").format(schema_name(option.type))):
            self.select(anchor)

    def unlink(self, relation_id: int) -> None:
        if self.spans is None or relation_id not in self.spans.relations:
            return
        self._push(Unlink(relation_id), self.tr("Unlink"))


def _run_menu(menu: QMenu, position: QPoint) -> int | None:
    """Show a menu whose actions carry their index as data; the index chosen, or None.

    The choice is taken from the menu's triggered signal: an action triggered any way
    (click, keyboard, accessibility) counts, not only the one exec() returns.
    """
    chosen: list[int] = []
    menu.triggered.connect(lambda action: chosen.append(action.data()))
    menu.exec(position)
    return chosen[0] if chosen and chosen[0] is not None else None
