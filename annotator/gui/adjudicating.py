"""Adjudication mode: the curator's gestures, turned into core decisions.

While adjudicating, the window shows and edits only the gold layer (the annotation
panel, the label keys, links and boundaries all work on gold, recorded under the gold
name), and draws the compared annotators' spans in lanes under the text. This object
keeps the open article's candidates, the candidate being decided and the progress,
and pushes every decision through ``Annotating`` onto the article's undo stack.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QDialog, QDockWidget, QMainWindow

from annotator.core.commands import Command
from annotator.core.errors import AnnotatorError
from annotator.gui.actions import ADJUDICATING, ANNOTATING, Handler, enable_for_mode
from annotator.gui.dialogs.messages import show_error
from annotator.gui.names import schema_name, snippet
from annotator.gui.parts import WindowParts, WindowServices

if TYPE_CHECKING:
    # The comparison code loads when adjudication starts, not with the window.
    from annotator.core.adjudication import Candidate, Progress
    from annotator.gui.widgets.adjudication_panel import AdjudicationPanel

MESSAGE_MS = 8000  # as long as the window's own status messages
DOCK_WIDTH = 360
BUTTONS = ("accept", "reject", "edit_gold", "reopen")


class Adjudicating(QObject):
    """Adjudication mode of one window.

    Args:
        parts: the window's parts.
        services: the application (for the annotator's own name).
        actions: the QAction of each command of the table.
        dock: the dock that shows the candidates (shown only while adjudicating).
    """

    message = Signal(str)
    toggled = Signal(bool)

    def __init__(
        self,
        parts: WindowParts,
        services: WindowServices,
        actions: Mapping[str, QAction],
        dock: QDockWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.parts = parts
        self.services = services
        self.store = parts.store
        self.annotating = parts.annotating
        self.view = parts.view
        self.dock = dock
        self.actions = actions
        # The candidates' panel is built when adjudication first needs it, not before
        # the article's first paint.
        self._panel: AdjudicationPanel | None = None
        enable_for_mode(actions, ANNOTATING, self.store.readonly)
        self.active = False
        self.annotators: list[str] = []
        self.gold = ""
        self.found: list[Candidate] = []
        self.current: int | None = None
        self.corpus: dict[int, Progress] = {}
        self._versions: dict[str, int] = {}  # the version chosen per candidate key
        self.message.connect(lambda text: parts.status.showMessage(text, MESSAGE_MS))
        self.annotating.opened.connect(lambda _id: self.refresh())
        self.annotating.changed.connect(lambda _id: self.refresh())
        self.annotating.replayed.connect(self._replayed)
        self.view.viewport().installEventFilter(self)

    @property
    def panel(self) -> AdjudicationPanel:
        """The candidates, their versions and the progress (in the adjudication dock)."""
        if self._panel is None:
            from annotator.gui.widgets.adjudication_panel import AdjudicationPanel

            self._panel = panel = AdjudicationPanel()
            self.dock.setWidget(panel)
            panel.add_buttons([self.actions[n] for n in BUTTONS])
            panel.addActions([self.actions[n] for n in self.handlers() if n != "adjudicate"])
            panel.candidateChosen.connect(lambda i: self.choose(i, reveal=True))
            panel.versionChosen.connect(self._version_chosen)
        return self._panel

    def handlers(self) -> dict[str, Handler]:
        """The handler of each adjudication command of the table."""
        return {
            "adjudicate": self._toggled,
            "accept": lambda: self.accept(),
            "reject": self.reject,
            "edit_gold": self.edit,
            "reopen": self.reopen,
            "next_version": lambda: self.step_version(True),
            "previous_version": lambda: self.step_version(False),
            "next_candidate": lambda: self.step(True),
            "previous_candidate": lambda: self.step(False),
        }

    # ------------------------------------------------------------ the mode

    def _toggled(self, on: bool) -> None:
        if on and not self.active and not self.ask_and_start():
            with QSignalBlocker(self.actions["adjudicate"]):
                self.actions["adjudicate"].setChecked(False)
        elif not on:
            self.stop()

    def settle(self) -> None:
        """After the window restored its layout: the dock shows only while adjudicating."""
        self.dock.setVisible(self.active)

    def ask_and_start(self) -> bool:
        """Ask which annotators to compare and the gold name, then start; False if not."""
        from annotator.core.adjudication import compared_annotators

        settings = self.parts.settings
        parent = self.parts.dialog_parent()
        gold = settings.get("adjudication/gold") or "gold"
        names = self.store.annotator_names()
        everyone = compared_annotators(names, gold)
        if len(everyone) < 2:
            show_error(
                parent,
                self.tr("Adjudicate"),
                self.tr(
                    "Adjudication compares two or more annotators, and this database has "
                    "annotations by {0}. Merge the annotators' databases first "
                    "(annotator merge team.db salma.db omar.db), then open the merged one."
                ).format(
                    ", ".join(n or self.tr("(no name)") for n in everyone) or self.tr("nobody")
                ),
            )
            return False
        remembered = [n for n in settings.get("adjudication/annotators") if n in everyone]
        from annotator.gui.dialogs.adjudication_dialog import AdjudicationDialog

        dialog = AdjudicationDialog(
            [n for n in names if n != gold] + ([gold] if gold in names else []),
            remembered if len(remembered) >= 2 else everyone,
            gold,
            parent,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        settings.set("adjudication/gold", dialog.gold_name())
        settings.set("adjudication/annotators", dialog.chosen())
        self.start(dialog.chosen(), dialog.gold_name())
        return True

    def start(self, annotators: list[str], gold: str) -> None:
        """Adjudicate ``annotators`` into the layer ``gold``."""
        self.active = True
        self.annotators, self.gold = list(annotators), gold
        self.current, self._versions = None, {}
        self.corpus = self.store.adjudication_progress(self.annotators, gold)
        self.panel.set_context(self.annotators, gold, self.annotating.styles)
        enable_for_mode(self.actions, ADJUDICATING, self.store.readonly)
        with QSignalBlocker(self.actions["adjudicate"]):
            self.actions["adjudicate"].setChecked(True)
        self.dock.show()
        self.dock.raise_()
        # Room for the candidates' text beside their label and annotators.
        host = self.dock.parentWidget()
        if self.dock.width() < DOCK_WIDTH and isinstance(host, QMainWindow):
            host.resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.annotating.set_layer(gold)  # reloads the article, which refreshes this
        self.toggled.emit(True)
        if self.current is None:
            self.step(True)
        # Straight to work: A, R and N act on the article.
        self.view.window().activateWindow()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        corpus = self._corpus_total()
        self.message.emit(
            self.tr(
                "Adjudicating into «{0}»: {1} of {2} candidates decided in all articles."
            ).format(gold, corpus.decided, corpus.total)
        )

    def stop(self) -> None:
        if not self.active:
            return
        self.active = False
        self.found, self.current = [], None
        self.view.overlay = None
        enable_for_mode(self.actions, ANNOTATING, self.store.readonly)
        with QSignalBlocker(self.actions["adjudicate"]):
            self.actions["adjudicate"].setChecked(False)
        self.dock.hide()
        self.parts.list_dock.raise_()
        self.annotating.set_layer(None)
        self.view.viewport().update()
        self.toggled.emit(False)

    # ------------------------------------------------------------ the article

    def refresh(self) -> None:
        """Compute the open article's candidates again (after any change or opening)."""
        article = self.annotating.article
        spans = self.annotating.spans
        if not self.active or article is None or spans is None:
            return
        from annotator.core.adjudication import candidates, progress

        key = self.found[self.current].key if self.current is not None else None
        try:
            self.found = candidates(
                self.store.annotations(article.id),
                self.annotators,
                self.gold,
                self.store.decisions(article.id, self.gold),
            )
        except AnnotatorError as exc:
            self.message.emit(str(exc))
            return
        keys = [c.key for c in self.found]
        self.current = keys.index(key) if key in keys else None
        self.corpus[article.id] = progress(self.found)
        from annotator.gui.models.adjudication_overlay import Overlay
        from annotator.gui.widgets.adjudication_painter import OverlayPainter

        overlay = Overlay.build(self.found, self.annotators, spans.block_of)
        overlay.current = self.current
        self.view.overlay = OverlayPainter(overlay, self.annotating.styles)
        self.panel.show_candidates(self.found)
        self._show_current()
        self.view.viewport().update()

    def _show_current(self) -> None:
        from annotator.core.adjudication import progress
        from annotator.gui.widgets.adjudication_painter import OverlayPainter

        if isinstance(self.view.overlay, OverlayPainter):
            self.view.overlay.overlay.current = self.current
        candidate = self.candidate
        self.panel.show_current(self.current, self._version_of(candidate) if candidate else 0)
        self.panel.show_progress(progress(self.found), self._corpus_total())
        self.view.viewport().update()

    def _corpus_total(self) -> Progress:
        from annotator.core.adjudication import Progress

        return sum(self.corpus.values(), Progress())

    @property
    def candidate(self) -> Candidate | None:
        return self.found[self.current] if self.current is not None else None

    def _version_of(self, candidate: Candidate) -> int:
        return min(self._versions.get(candidate.key, 0), len(candidate.versions) - 1)

    # ------------------------------------------------------------ moving

    def choose(self, index: int | None, reveal: bool = False) -> None:
        """Make a candidate the one being decided; its gold copy becomes the selection."""
        if index is not None and not 0 <= index < len(self.found):
            return
        self.current = index
        candidate = self.candidate
        gold = candidate.gold_span.id if candidate and candidate.gold_span else None
        self.annotating.select(gold)
        if candidate is not None and reveal:
            self.view.place_caret(candidate.start)
            self.view.centerCursor()
        self._show_current()

    def step(self, forward: bool, undecided: bool = True) -> None:
        """N and Shift+N: the next (previous) undecided candidate; after the last one of
        the article, the next article that still has some."""
        from annotator.core.adjudication import progress

        order = list(range(len(self.found)))
        if not forward:
            order.reverse()
        if self.current is not None:
            position = order.index(self.current)
            order = order[position + 1 :]
        for index in order:
            if not undecided or not self.found[index].decided:
                self.choose(index, reveal=True)
                return
        if forward and self._open_next_article():
            return
        left = progress(self.found).undecided
        self.message.emit(
            self.tr("No undecided candidate further on in this article ({0} left before).").format(
                left
            )
            if left
            else self.tr("Every candidate of this article is decided.")
            if self.found
            else self.tr("The compared annotators marked nothing in this article.")
        )

    def _open_next_article(self) -> bool:
        article = self.annotating.article
        here = article.id if article else 0
        later = sorted(i for i, p in self.corpus.items() if p.undecided and i > here)
        if not later:
            return False
        self.parts.open_article(later[0])
        self.current = None
        self.step(True)
        self.message.emit(self.tr("Opened the next article with undecided candidates."))
        return True

    def step_version(self, forward: bool) -> None:
        """V and Shift+V: which version Accept takes."""
        candidate = self.candidate
        if candidate is None:
            return
        count = len(candidate.versions)
        self._versions[candidate.key] = (
            self._version_of(candidate) + (1 if forward else -1)
        ) % count
        self._show_current()

    def _version_chosen(self, row: int) -> None:
        candidate = self.candidate
        if candidate is not None and row < len(candidate.versions):
            self._versions[candidate.key] = row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A click in the text chooses the candidate under it (the view still handles
        # the click: it may select a gold span as well).
        if not self.active or event.type() != QEvent.Type.MouseButtonRelease:
            return False
        from annotator.gui.widgets.adjudication_painter import OverlayPainter

        if (
            isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and self.annotating.spans is not None
            and not self.view.textCursor().hasSelection()
            and isinstance(self.view.overlay, OverlayPainter)
        ):
            cursor = self.view.cursorForPosition(event.position().toPoint())
            cp = self.annotating.spans.offsets.to_codepoint(cursor.position())
            hits = self.view.overlay.overlay.at(cp)
            if hits:
                index = self.current if self.current in hits else hits[0]
                if self.current in hits and len(hits) > 1:
                    index = hits[(hits.index(self.current) + 1) % len(hits)]
                self.current = index
                self._show_current()
        return False

    # ------------------------------------------------------------ deciding

    def _decide(self, command: Command | None, text: str, advance: bool) -> bool:
        if command is None:
            return False
        key = self.candidate.key if self.candidate else None
        if not self.annotating.push(command, text):
            return False
        # The push refreshed the candidates; stay on (or move on from) the same one.
        keys = [c.key for c in self.found]
        self.current = keys.index(key) if key in keys else self.current
        if advance:
            self.step(True)
        else:
            self.choose(self.current)
        return True

    def _need_candidate(self) -> Candidate | None:
        if not self.active:
            return None
        if self.candidate is None:
            self.message.emit(
                self.tr("Choose a candidate first: N goes to the next undecided one.")
            )
        return self.candidate

    def accept(self, advance: bool = True) -> bool:
        """A: copy the chosen version into gold, with links to spans already in gold."""
        from annotator.core.adjudication import link_proposals
        from annotator.core.adjudication_commands import accept

        candidate = self._need_candidate()
        if candidate is None:
            return False
        if candidate.accepted and candidate.key not in self._versions:
            # Pressing A to move on must not replace a gold copy the curator edited.
            self.message.emit(
                self.tr("Already in gold: V chooses another version to accept instead.")
            )
            if advance:
                self.step(True)
            return True
        article = self.annotating.article
        assert article is not None
        links = link_proposals(candidate, self.found, self.store.relations(article.id))
        command = accept(
            candidate, self._version_of(candidate), self.gold, self.services.annotator, links
        )
        text = self.tr("Accept {0}").format(schema_name(candidate.label))
        done = self._decide(command, text, advance)
        if done and links:
            self.message.emit(
                self.tr("Accepted, with links to gold spans: {0}.").format(len(links))
            )
        return done

    def reject(self) -> bool:
        """R: leave the candidate out of gold."""
        from annotator.core.adjudication_commands import reject

        candidate = self._need_candidate()
        if candidate is None:
            return False
        command = reject(candidate, self.gold, self.services.annotator)
        return self._decide(
            command, self.tr("Reject {0}").format(schema_name(candidate.label)), True
        )

    def reopen(self) -> bool:
        """U: neither accepted nor rejected any more."""
        from annotator.core.adjudication_commands import reopen

        candidate = self._need_candidate()
        if candidate is None:
            return False
        command = reopen(candidate)
        if command is None:
            self.message.emit(self.tr("This candidate is not decided."))
            return False
        return self._decide(
            command, self.tr("Reopen {0}").format(schema_name(candidate.label)), False
        )

    def edit(self) -> None:
        """E: accept (unless accepted) and edit the gold copy's attributes and note."""
        candidate = self._need_candidate()
        if candidate is None:
            return
        if not candidate.accepted and not self.accept(advance=False):
            return
        candidate = self.candidate
        if candidate is None or candidate.gold_span is None:
            return
        self.annotating.select(candidate.gold_span.id, reveal=True)
        self.parts.panel_dock.raise_()
        self.parts.panel.details.focus_first_field()
        self.message.emit(
            self.tr(
                "Editing the gold copy of «{0}»: Alt+arrows move its edges; Esc goes back."
            ).format(snippet(candidate.gold_span.text, 40))
        )

    def _replayed(self, command: Command) -> None:
        """After an undo or redo of a decision, show the candidate it was about."""
        from annotator.core.adjudication_commands import decided_keys

        if not self.active:
            return
        keys = decided_keys(command)
        for index, candidate in enumerate(self.found):
            if candidate.key in keys:
                self.choose(index, reveal=True)
                return
