"""What an annotator does to the window, as real mouse and key events, each checked
against what the window then shows.

Shared by the window's reliability tests: in the test process (two writers, full disk)
and in the worker process that is killed (tests/gui/window_worker.py). Spans are made
over free words only, so that a click always lands on exactly one annotation.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox

from annotator.core.spans import snap, tokens
from annotator.gui.main_window import MainWindow
from tests.gui.conftest import click, drag, key

LABEL_KEYS = {"CLAIM": Qt.Key.Key_1, "SOURCE": Qt.Key.Key_2, "CUE": Qt.Key.Key_3}


def shown_state(window: MainWindow) -> dict[str, dict[str, list[Any]]]:
    """What the window shows of the open article, in the kill harness's format."""
    spans = window.annotating.spans
    assert spans is not None
    return {
        "annotations": {
            str(a.id): [a.label, a.start, a.end, a.text, dict(a.attributes), a.note]
            for a in spans.annotations.values()
        },
        "relations": {str(r.id): [r.type, r.from_id, r.to_id] for r in spans.relations.values()},
    }


class GestureFailed(AssertionError):
    """The window did not show a gesture as done."""


class Hand:
    """Random annotation gestures on one window.

    Args:
        window: the window, with an article open and the focus on its text.
        rng: the random source (seeded by the caller, so that a failure can be replayed).
        begin: called with a description of each change just before its gesture, so a
            harness can note what was in flight.
        within: use only the words before this character (the top of a long article,
            which the window shows without scrolling).
    """

    def __init__(
        self,
        window: MainWindow,
        rng: random.Random,
        begin: Callable[[dict[str, Any]], None] = lambda _d: None,
        within: int | None = None,
    ) -> None:
        self.window = window
        self.rng = rng
        self.begin = begin
        self.reported = 0
        self.refusals: list[str] = []
        window.annotating.changed.connect(self._changed)
        window.annotating.failed.connect(self.refusals.append)
        spans = window.annotating.spans
        assert spans is not None
        self.text = spans.text
        end = len(self.text) if within is None else within
        self.words = [t for t in tokens(self.text, 0, end) if t[1] - t[0] > 1]

    def _changed(self, _article_id: int) -> None:
        self.reported += 1

    @property
    def annotations(self) -> dict[int, Any]:
        spans = self.window.annotating.spans
        assert spans is not None
        return spans.annotations

    # ------------------------------------------------------------ choosing

    def step(self) -> dict[str, Any] | None:
        """One random gesture; its description once the window showed it done."""
        anns = list(self.annotations.values())
        claims = [a for a in anns if a.label == "CLAIM"]
        sources = [a for a in anns if a.label == "SOURCE"]
        roll = self.rng.random()
        stack = self.window.annotating.stack
        if roll < 0.4 or not anns:
            return self.create(self.rng.choice(list(LABEL_KEYS)))
        if roll < 0.55 and claims and sources:
            return self.link(self.rng.choice(claims).id, self.rng.choice(sources).id)
        if roll < 0.75:
            return self.set_attribute(self.rng.choice(anns).id)
        if roll < 0.87:
            return self.delete(self.rng.choice(anns).id)
        if stack is not None and stack.canUndo():
            return self.undo()
        return None

    def _free_run(self) -> tuple[int, int] | None:
        """Up to three neighbouring words, none of them marked yet, in one paragraph."""
        taken = [(a.start, a.end) for a in self.annotations.values()]

        def free(span: tuple[int, int]) -> bool:
            return all(span[1] <= s or span[0] >= e for s, e in taken)

        order = list(range(len(self.words)))
        self.rng.shuffle(order)
        for i in order:
            j = min(len(self.words) - 1, i + self.rng.randrange(3))
            while j > i and (
                "\n" in self.text[self.words[i][0] : self.words[j][1]]
                or not free((self.words[i][0], self.words[j][1]))
            ):
                j -= 1
            span = snap(self.text, self.words[i][0], self.words[j][1], words=True)
            if span[0] < span[1] and free(span):
                return span
        return None

    # ------------------------------------------------------------ gestures

    def _done(self, before: int, what: str) -> None:
        QApplication.processEvents()
        label = self.window.saved_label.text()
        if self.refusals:
            raise GestureFailed(f"{what}: the window refused it: {self.refusals[-1]}")
        if self.reported <= before:
            raise GestureFailed(f"{what}: the window reported no change")
        if not label.startswith("✓"):
            raise GestureFailed(f"{what}: the window says {label!r}, not saved")

    def _select(self, annotation_id: int) -> None:
        ann = self.annotations[annotation_id]
        click(self.window.view, (ann.start + ann.end) // 2)
        if self.window.annotating.current != annotation_id:
            raise GestureFailed(
                f"a click on annotation {annotation_id} selected {self.window.annotating.current}"
            )

    def create(self, label: str) -> dict[str, Any] | None:
        span = self._free_run()
        if span is None:
            return None
        desc = {"op": "create", "label": label, "start": span[0], "end": span[1]}
        view = self.window.view
        drag(view, *span)
        if view.selection_span() is None:
            raise GestureFailed(f"dragging over {span} selected nothing")
        before, old = self.reported, set(self.annotations)
        self.begin(desc)
        key(view, LABEL_KEYS[label])
        self._done(before, f"mark {label} {span}")
        new = [a for i, a in self.annotations.items() if i not in old]
        if [(a.label, a.start, a.end) for a in new] != [(label, *span)]:
            raise GestureFailed(f"marking {label} {span} shows {new}")
        return desc

    def link(self, claim: int, source: int) -> dict[str, Any] | None:
        spans = self.window.annotating.spans
        assert spans is not None
        if any((r.from_id, r.to_id) == (claim, source) for r in spans.relations.values()):
            return None
        desc = {"op": "link", "from": claim, "to": source}
        view = self.window.view
        self._select(claim)
        key(view, Qt.Key.Key_L)
        if not view.in_link_mode:
            raise GestureFailed("L did not start linking")
        target = self.annotations[source]
        before, old = self.reported, set(spans.relations)
        self.begin(desc)
        click(view, (target.start + target.end) // 2)
        self._done(before, f"link {claim} to {source}")
        new = [(r.type, r.from_id, r.to_id) for i, r in spans.relations.items() if i not in old]
        if new != [("ATTRIBUTED_TO", claim, source)]:
            raise GestureFailed(f"linking {claim} to {source} shows {new}")
        return desc

    def set_attribute(self, annotation_id: int) -> dict[str, Any] | None:
        """Select, F2 to the first attribute, then Down (or Up) to another value."""
        desc = {"op": "update", "id": annotation_id}
        self._select(annotation_id)
        view = self.window.view
        key(view, Qt.Key.Key_F2)
        box = QApplication.focusWidget()
        if not isinstance(box, QComboBox):
            raise GestureFailed(f"F2 put the focus on {box!r}, not an attribute")
        name = box.objectName().removeprefix("attribute_")
        old = self.annotations[annotation_id].attributes.get(name)
        step = Qt.Key.Key_Up if box.currentIndex() == box.count() - 1 else Qt.Key.Key_Down
        before = self.reported
        self.begin(desc)
        QTest.keyClick(box, step)
        self._done(before, f"set {name} of {annotation_id}")
        new = self.annotations[annotation_id].attributes.get(name)
        if new == old or new != box.currentData():
            raise GestureFailed(f"{name} of {annotation_id} shows {new!r} (was {old!r})")
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        return desc

    def delete(self, annotation_id: int) -> dict[str, Any]:
        desc = {"op": "delete", "id": annotation_id}
        self._select(annotation_id)
        before = self.reported
        self.begin(desc)
        key(self.window.view, Qt.Key.Key_Delete)
        self._done(before, f"delete {annotation_id}")
        if annotation_id in self.annotations:
            raise GestureFailed(f"annotation {annotation_id} still shown after Delete")
        return desc

    def undo(self) -> dict[str, Any]:
        stack = self.window.annotating.stack
        assert stack is not None
        index = stack.index()
        desc = {"op": "undo"}
        before = self.reported
        self.begin(desc)
        key(self.window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        self._done(before, "undo")
        if stack.index() != index - 1:
            raise GestureFailed(f"Ctrl+Z left the undo stack at {stack.index()}, not {index - 1}")
        return desc
