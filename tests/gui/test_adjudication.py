"""Adjudication in the window, driven with keys and the mouse; checked in the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox

from annotator.core.adjudication import ACCEPTED, REJECTED
from annotator.gui.dialogs.adjudication_dialog import AdjudicationDialog
from annotator.gui.dialogs.export_dialog import ExportDialog, export_module
from annotator.gui.widgets.adjudication_painter import OverlayPainter
from annotator.storage import open_store
from tests.gui.conftest import ARTICLE, add_article, click, drag, key, reader, span_of

pytestmark = pytest.mark.gui

CUE = "قال"
LONG_SOURCE = "المتحدث باسم البنتاغون بيتر كوك"
SHORT_SOURCE = "بيتر كوك"
CLAIM = "النقاش كان «مهنيا وبناء»"
MEDIA = "وسائل الإعلام"
SECOND = "وأضاف أن الطائرات الروسية والأمريكية تدربت على مسافة آمنة."
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def make_team(db: Path) -> None:
    """salma and omar: the same cue and claim, a source with other boundaries, and a
    source only salma marked; a second article only salma annotated."""
    first = add_article(db, ARTICLE, "first")
    second = add_article(db, SECOND, "second")
    with open_store(db) as store:
        for who, source in (("salma", LONG_SOURCE), ("omar", SHORT_SOURCE)):
            store.create_annotation(first, "CUE", *span_of(ARTICLE, CUE), who)
            src = store.create_annotation(first, "SOURCE", *span_of(ARTICLE, source), who)
            claim = store.create_annotation(
                first, "CLAIM", *span_of(ARTICLE, CLAIM), who, {"claim_type": "factual"}
            )
            store.create_relation("ATTRIBUTED_TO", claim.id, src.id, who)
        store.create_annotation(first, "SOURCE", *span_of(ARTICLE, MEDIA), "salma")
        store.create_annotation(second, "CUE", *span_of(SECOND, "وأضاف"), "salma")
        store.create_annotation(second, "CUE", *span_of(SECOND, "وأضاف"), "omar")


@pytest.fixture
def answer_dialog() -> Iterator[list[AdjudicationDialog]]:
    """Press Enter in the adjudication dialog whenever it opens (its defaults)."""
    seen: list[AdjudicationDialog] = []
    timer = QTimer()
    timer.setInterval(20)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, AdjudicationDialog) and dialog not in seen:
            seen.append(dialog)
            QTest.keyClick(dialog, Qt.Key.Key_Return)

    timer.timeout.connect(answer)
    timer.start()
    yield seen
    timer.stop()


@pytest.fixture
def team_window(start, tmp_path: Path, answer_dialog):  # type: ignore[no-untyped-def]
    db = tmp_path / "team.db"
    make_team(db)
    window = start(db, 1, annotator="curator").window
    key(window.view, Qt.Key.Key_A, CTRL_SHIFT)
    assert answer_dialog, "the adjudication dialog did not open"
    return window


def _gold(window) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with reader(window) as store:
        return [(a.label, a.text) for a in store.annotations(1, "gold")]


def _decisions(window) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with reader(window) as store:
        return [(d.label, d.decision) for d in store.decisions(1, "gold")]


def _snapshot(window):  # type: ignore[no-untyped-def]
    with reader(window) as store:
        return (
            store.annotations(1),
            store.relations(1),
            [(d.id, d.candidate, d.decision, d.gold_id) for d in store.decisions(1, "gold")],
        )


def test_ctrl_shift_a_compares_everyone_and_shows_their_layers(team_window) -> None:  # type: ignore[no-untyped-def]
    window = team_window
    adjudication = window.adjudication
    assert adjudication.active and window.command_actions["adjudicate"].isChecked()
    assert adjudication.annotators == ["omar", "salma"] and adjudication.gold == "gold"
    assert adjudication.dock.isVisible()
    # The article shows gold only (empty so far); the annotators' spans are lanes.
    assert window.annotating.spans.annotations == {}
    overlay = window.view.overlay.overlay
    assert [c.status for c in adjudication.found] == ["agreed", "partial", "agreed", "single"]
    assert {m.lane for marks in overlay.marks.values() for m in marks} == {0, 1}
    # The differences: the words only salma put in the source, and her lone source.
    marked = [(s, e) for spans in overlay.differences.values() for s, e, _ in spans]
    assert marked == [
        (span_of(ARTICLE, LONG_SOURCE)[0], span_of(ARTICLE, SHORT_SOURCE)[0]),
        span_of(ARTICLE, MEDIA),
    ]
    # The first undecided candidate is current; progress is shown.
    assert adjudication.current == 0
    assert adjudication.panel.article_progress.text() == "This article: 0 of 4 decided"
    assert adjudication.panel.corpus_progress.text() == "All articles: 0 of 5 decided (0%)"
    assert window.recording_name() == "gold"


def test_accept_and_reject_with_keys_fill_gold(team_window) -> None:  # type: ignore[no-untyped-def]
    window, view = team_window, team_window.view
    key(view, Qt.Key.Key_A)  # the cue both marked
    assert _gold(window) == [("CUE", CUE)]
    assert window.adjudication.current == 1
    # The source: omar's version comes first (one each, in the order compared); V
    # chooses salma's longer one instead.
    assert window.adjudication.panel.versions.currentItem().text().startswith("omar")
    key(view, Qt.Key.Key_V)
    assert window.adjudication.panel.versions.currentRow() == 1
    key(view, Qt.Key.Key_A)
    key(view, Qt.Key.Key_A)  # the claim, linked to the source already in gold
    panel = window.adjudication.panel
    assert panel.article_progress.text() == "This article: 3 of 4 decided"
    # The gold layer shows in the article like any annotations, and the list keeps
    # everyone's count.
    assert len(window.annotating.spans.annotations) == 3
    assert window.article_list.model._rows[0].annotation_count == 10
    key(view, Qt.Key.Key_R)  # salma's lone source; then on to the next article
    assert sorted(_gold(window)) == sorted(
        [("CUE", CUE), ("SOURCE", LONG_SOURCE), ("CLAIM", CLAIM)]
    )
    assert _decisions(window) == [
        ("CUE", ACCEPTED),
        ("SOURCE", ACCEPTED),
        ("CLAIM", ACCEPTED),
        ("SOURCE", REJECTED),
    ]
    with reader(window) as store:
        gold = {a.id: a for a in store.annotations(1, "gold")}
        (link,) = [r for r in store.relations(1) if r.annotator == "gold"]
        assert (gold[link.from_id].label, gold[link.to_id].text) == ("CLAIM", LONG_SOURCE)
        assert gold[link.from_id].attributes == {"claim_type": "factual"}
        assert {d.curator for d in store.decisions(1, "gold")} == {"curator"}
    assert window.annotating.article.id == 2
    assert panel.article_progress.text() == "This article: 0 of 1 decided"
    assert panel.corpus_progress.text() == "All articles: 4 of 5 decided (80%)"


def test_undo_and_redo_restore_the_database(team_window) -> None:  # type: ignore[no-untyped-def]
    window, view = team_window, team_window.view
    before = _snapshot(window)
    key(view, Qt.Key.Key_A)
    after_accept = _snapshot(window)
    key(view, Qt.Key.Key_R)
    after_reject = _snapshot(window)
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _snapshot(window) == after_accept
    assert window.adjudication.current == 1  # back on the candidate undone
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _snapshot(window) == before
    assert window.adjudication.current == 0 and window.view.overlay.overlay.states[0] == "open"
    key(view, Qt.Key.Key_Z, CTRL_SHIFT)
    key(view, Qt.Key.Key_Z, CTRL_SHIFT)
    assert _snapshot(window) == after_reject
    assert window.adjudication.panel.article_progress.text() == "This article: 2 of 4 decided"


def test_changing_ones_mind_and_reopening(team_window) -> None:  # type: ignore[no-untyped-def]
    window, view = team_window, team_window.view
    key(view, Qt.Key.Key_A)
    key(view, Qt.Key.Key_N)
    assert window.adjudication.current == 2
    # Shift+N goes back over undecided candidates only: the accepted cue is skipped.
    key(view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert window.adjudication.current == 1
    key(view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert window.adjudication.current == 1
    click(view, span_of(ARTICLE, CUE)[0] + 1)  # the mouse reaches decided ones
    assert window.adjudication.current == 0
    key(view, Qt.Key.Key_R)  # the acceptance becomes a rejection, its gold copy goes
    assert _gold(window) == [] and _decisions(window) == [("CUE", REJECTED)]
    assert window.adjudication.current == 1  # R moved on
    click(view, span_of(ARTICLE, CUE)[0] + 1)
    key(view, Qt.Key.Key_U)
    assert _decisions(window) == [] and not window.adjudication.found[0].decided


def test_a_rejection_survives_a_restart(start, team_window) -> None:  # type: ignore[no-untyped-def]
    window = team_window
    path = window.store.path
    window.adjudication.choose(3)
    key(window.view, Qt.Key.Key_R)
    window.app.shutdown()
    again = start(path, 1, annotator="curator").window
    key(again.view, Qt.Key.Key_A, CTRL_SHIFT)
    found = again.adjudication.found
    assert found[3].rejected and again.adjudication.current == 0
    assert again.adjudication.panel.article_progress.text() == "This article: 1 of 4 decided"


def test_e_accepts_and_edits_the_gold_copy(team_window) -> None:  # type: ignore[no-untyped-def]
    window = team_window
    window.adjudication.choose(2)  # the claim
    key(window.view, Qt.Key.Key_E)
    (gold,) = [a for a in window.annotating.spans.annotations.values()]
    assert window.annotating.current == gold.id and gold.annotator == "gold"
    box = QApplication.focusWidget()
    assert isinstance(box, QComboBox) and box is window.panel.details.attribute_boxes["claim_type"]
    # A keyboard choice in the details is an edit of the gold copy only.
    box.showPopup()
    popup = box.view()
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    QApplication.processEvents()
    with reader(window) as store:
        (copy,) = store.annotations(1, "gold")
        assert copy.attributes["claim_type"] == "opinion"
        salma = [a for a in store.annotations(1, "salma") if a.label == "CLAIM"][0]
        assert salma.attributes == {"claim_type": "factual"}
    assert window.adjudication.found[2].accepted  # still accepted after the edit


def test_label_keys_mark_into_gold_while_adjudicating(team_window) -> None:  # type: ignore[no-untyped-def]
    window = team_window
    drag(window.view, *span_of(ARTICLE, "الطائرات الروسية"))
    key(window.view, Qt.Key.Key_2)
    assert _gold(window) == [("SOURCE", "الطائرات الروسية")]
    with reader(window) as store:
        assert store.annotations(1, "curator") == []


def test_clicking_a_lane_chooses_its_candidate(team_window) -> None:  # type: ignore[no-untyped-def]
    window = team_window
    click(window.view, span_of(ARTICLE, MEDIA)[0] + 2)
    assert window.adjudication.current == 3
    assert window.adjudication.panel.tree.currentItem().text(2) == "salma"


def test_n_after_the_last_opens_the_next_article_with_work(team_window) -> None:  # type: ignore[no-untyped-def]
    window = team_window
    for _ in range(4):
        key(window.view, Qt.Key.Key_A)
    assert window.annotating.article.id == 2
    assert window.adjudication.current == 0
    key(window.view, Qt.Key.Key_A)
    with reader(window) as store:
        assert [a.text for a in store.annotations(2, "gold")] == ["وأضاف"]
    assert window.adjudication.panel.corpus_progress.text() == "All articles: 5 of 5 decided (100%)"


def test_leaving_shows_everyones_annotations_again(team_window) -> None:  # type: ignore[no-untyped-def]
    window = team_window
    key(window.view, Qt.Key.Key_A)
    key(window.view, Qt.Key.Key_A, CTRL_SHIFT)
    assert not window.adjudication.active and not window.adjudication.dock.isVisible()
    assert not isinstance(window.view.overlay, OverlayPainter)
    assert window.recording_name() == "curator"
    assert len(window.annotating.spans.annotations) == 8  # salma 4, omar 3, gold 1
    assert not window.command_actions["accept"].isEnabled()


def test_a_database_of_one_annotator_says_to_merge_first(start, tmp_path, message_boxes) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "alone.db"
    article = add_article(db, ARTICLE)
    with open_store(db) as store:
        store.create_annotation(article, "CUE", *span_of(ARTICLE, CUE), "salma")
    window = start(db, article).window
    key(window.view, Qt.Key.Key_A, CTRL_SHIFT)
    assert len(message_boxes) == 1 and "annotator merge" in message_boxes[0]
    assert not window.adjudication.active and not window.command_actions["adjudicate"].isChecked()


def test_the_dialog_needs_two_annotators_and_a_gold_name(qapp) -> None:  # type: ignore[no-untyped-def]
    dialog = AdjudicationDialog(["omar", "salma", "nadia"], ["omar", "salma"], "gold")
    ok = dialog.buttons.buttons()[0]
    assert ok.isEnabled() and dialog.chosen() == ["omar", "salma"]
    dialog.names.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not ok.isEnabled() and "two or more" in dialog.problem.text()
    dialog.names.item(2).setCheckState(Qt.CheckState.Checked)
    dialog.gold.setText("salma")
    assert not ok.isEnabled()
    dialog.gold.setText("adjudicated")
    assert ok.isEnabled() and dialog.gold_name() == "adjudicated"
    dialog.deleteLater()


def test_the_export_dialog_can_choose_the_gold_layer(team_window) -> None:  # type: ignore[no-untyped-def]
    window = team_window
    key(window.view, Qt.Key.Key_A)
    module = export_module()
    assert module is not None
    dialog = ExportDialog(window.store, module, "curator", 1, window)
    choices = [dialog.who.itemData(i) for i in range(dialog.who.count())]
    assert "gold" in choices and "salma" in choices
    dialog.deleteLater()


def test_a_on_an_accepted_candidate_keeps_an_edited_gold_copy(team_window) -> None:  # type: ignore[no-untyped-def]
    window = team_window
    window.adjudication.choose(1)  # the source
    key(window.view, Qt.Key.Key_A)
    with reader(window) as store:
        (copy,) = store.annotations(1, "gold")
    window.adjudication.choose(1)  # its gold copy is selected: the curator trims it
    key(
        window.view,
        Qt.Key.Key_Right,
        Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    window.adjudication.choose(1)
    key(window.view, Qt.Key.Key_A)  # by habit, to move on
    with reader(window) as store:
        (kept,) = store.annotations(1, "gold")
    assert kept.id == copy.id and kept.text != copy.text
    assert window.adjudication.current == 2
    window.adjudication.choose(1)
    key(window.view, Qt.Key.Key_V)  # another version, explicitly: it replaces the copy
    key(window.view, Qt.Key.Key_A)
    with reader(window) as store:
        (replaced,) = store.annotations(1, "gold")
        (decision,) = store.decisions(1, "gold")
    # A new copy (SQLite may give it the deleted copy's id: its stamp tells them apart).
    assert replaced.text == LONG_SOURCE and decision.gold_created == replaced.created
    assert window.adjudication.found[1].accepted


def test_switching_the_language_goes_on_adjudicating(team_window) -> None:  # type: ignore[no-untyped-def]
    window = team_window
    key(window.view, Qt.Key.Key_A)
    controller = window.app
    window.findChild(type(window.command_actions["undo"]), "language_ar").trigger()
    QApplication.processEvents()
    rebuilt = controller.window
    assert rebuilt is not window and rebuilt.adjudication.active
    assert rebuilt.adjudication.dock.isVisible() and rebuilt.recording_name() == "gold"
    assert rebuilt.adjudication.panel.article_progress.text() == "هذا المقال: حُسم 1 من 4"
    key(rebuilt.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the same history
    assert _gold(rebuilt) == []
    rebuilt.findChild(type(rebuilt.command_actions["undo"]), "language_en").trigger()
    QApplication.processEvents()
    assert controller.window.adjudication.active


def test_the_dock_stays_hidden_when_not_adjudicating(start, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "team.db"
    make_team(db)
    window = start(db, 1).window
    assert not window.adjudication.dock.isVisible()
    window.findChild(type(window.command_actions["undo"]), "language_ar").trigger()
    QApplication.processEvents()
    assert not window.app.window.adjudication.dock.isVisible()
