"""Links drawn in the text: an arc with its relation's name from claim to source (and
the other types), across lines and paragraphs, for the selected annotation, and for
every visible link with View > Show all links."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage

from annotator.gui.widgets.link_arcs import ARC_COLORS
from tests.gui.conftest import ARTICLE, click, drag, key, reader, span_of

pytestmark = pytest.mark.gui

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def coloured_pixels(view, rect: QRectF, color: QColor) -> int:  # type: ignore[no-untyped-def]
    """How many pixels of the painted view inside ``rect`` are close to ``color``."""
    image: QImage = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    count = 0
    for x in range(int(rect.left()), int(rect.right())):
        for y in range(int(rect.top()), int(rect.bottom())):
            pixel = QColor(image.pixel(QPoint(int(x * ratio), int(y * ratio))))
            if (
                abs(pixel.red() - color.red())
                + abs(pixel.green() - color.green())
                + abs(pixel.blue() - color.blue())
                < 60
            ):
                count += 1
    return count


def mark(window, part: str, label: Qt.Key) -> int:  # type: ignore[no-untyped-def]
    drag(window.view, *span_of(ARTICLE, part))
    key(window.view, label)
    return window.annotating.current


def link(window, source_part: str) -> None:  # type: ignore[no-untyped-def]
    key(window.view, Qt.Key.Key_L)
    click(window.view, span_of(ARTICLE, source_part)[0] + 1)


@pytest.fixture
def linked(window):  # type: ignore[no-untyped-def]
    """A source in the first paragraph, a claim in the second linked to it, and a claim
    in the first with its cue on the same line."""
    mark(window, "بيتر كوك", Qt.Key.Key_2)
    mark(window, "قال", Qt.Key.Key_3)
    mark(window, "الطائرات الروسية والأمريكية", Qt.Key.Key_1)
    link(window, "بيتر")
    mark(window, "النقاش كان «مهنيا وبناء»", Qt.Key.Key_1)
    link(window, "قال")
    key(window.view, Qt.Key.Key_Escape)
    key(window.view, Qt.Key.Key_Escape)
    with reader(window) as store:
        assert sorted(r.type for r in store.relations(1)) == ["ATTRIBUTED_TO", "HAS_CUE"]
    return window


def test_the_selected_claims_link_is_an_arc_named_by_its_type(linked) -> None:  # type: ignore[no-untyped-def]
    view = linked.view
    view.viewport().repaint()
    assert view.arcs.drawn == []  # nothing selected, not all links shown
    click(view, span_of(ARTICLE, "الروسية")[0] + 1)  # the claim in the second paragraph
    view.viewport().repaint()
    [arc] = view.arcs.drawn
    assert arc.type == "ATTRIBUTED_TO"
    claim = view.span_rects(linked.annotating.spans.annotations[linked.annotating.current])
    source = next(a for a in linked.annotating.spans.annotations.values() if a.label == "SOURCE")
    [(source_rect, _)] = view.span_rects(source)
    # From the claim, a paragraph below, up to the source: its arrowhead is on the source.
    assert any(rect.adjusted(-1, -3, 1, 0).contains(arc.start) for rect, _ in claim)
    assert source_rect.adjusted(-1, -3, 1, 0).contains(arc.end)
    assert arc.start.y() > arc.end.y() + 20
    # The arc and its name are on screen, in the relation's colour.
    assert coloured_pixels(view, arc.label, ARC_COLORS[0]) > arc.label.width() * 2


def test_a_cue_on_the_same_line_gets_its_own_arc(linked) -> None:  # type: ignore[no-untyped-def]
    view = linked.view
    click(view, span_of(ARTICLE, "النقاش")[0] + 1)
    view.viewport().repaint()
    [arc] = view.arcs.drawn
    assert arc.type == "HAS_CUE"
    assert abs(arc.start.y() - arc.end.y()) < 3  # one line
    assert arc.label.center().y() < arc.start.y()  # the name rides above the text
    assert coloured_pixels(view, arc.label, ARC_COLORS[1]) > arc.label.width() * 2


def test_show_all_links_draws_every_visible_link_and_is_remembered(linked, start) -> None:  # type: ignore[no-untyped-def]
    view = linked.view
    key(view, Qt.Key.Key_K, CTRL_SHIFT)
    assert linked.command_actions["show_links"].isChecked()
    assert linked.annotating.current is None
    view.viewport().repaint()
    assert sorted(a.type for a in view.arcs.drawn) == ["ATTRIBUTED_TO", "HAS_CUE"]
    assert linked.settings.get("view/all_links") is True
    key(view, Qt.Key.Key_K, CTRL_SHIFT)
    view.viewport().repaint()
    assert view.arcs.drawn == []
