"""Painting with link arcs on a long article: frame times while scrolling."""

from __future__ import annotations

import statistics
import time

from PySide6.QtWidgets import QApplication

from annotator.gui.editing import Annotating
from annotator.gui.widgets.article_view import ArticleView

FRAMES = 200
# Frames first painted to give the paragraphs on screen their formats, not counted.
WARM_UP = 10


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def paint_frames(view: ArticleView, frames: int = FRAMES) -> list[float]:
    """Milliseconds of each of ``frames`` repaints, scrolling a few pixels between them."""
    bar = view.verticalScrollBar()
    start = bar.value()
    times = []
    for n in range(-WARM_UP, frames):
        bar.setValue(start + (n % 40 - 20) * 3)
        QApplication.processEvents()
        begin = time.perf_counter()
        view.viewport().repaint()
        if n >= 0:
            times.append((time.perf_counter() - begin) * 1000)
    bar.setValue(start)
    return times


def measure_arc_painting(
    view: ArticleView, annotating: Annotating, frames: int = FRAMES
) -> dict[str, float | int]:
    """Frame times with the arcs of a selected claim, and with every visible link drawn."""
    spans = annotating.spans
    assert spans is not None
    linked = [a for a in spans.ordered() if spans.links(a.id)]
    results: dict[str, float | int] = {}
    if not linked:
        return results
    middle = linked[len(linked) // 2]
    annotating.select(middle.id, reveal=True)
    QApplication.processEvents()
    was = view.arcs.show_all
    modes = (("no arcs", False, None), ("selected annotation's arcs", False, middle.id))
    for name, show_all, selected in (*modes, ("all visible arcs", True, middle.id)):
        view.show_all_links(show_all)
        annotating.select(selected)
        times = paint_frames(view, frames)
        results[f"paint, {name}: median (ms)"] = statistics.median(times)
        results[f"paint, {name}: p99 (ms)"] = _percentile(times, 0.99)
        results[f"arcs drawn, {name}"] = len(view.arcs.drawn)
    view.show_all_links(was)
    return results


def compare_arc_painting(
    view: ArticleView, annotating: Annotating, frames: int, rounds: int = 5
) -> dict[str, float]:
    """Frame times with every visible link's arc drawn, and without arcs, on the same
    article and scroll positions: blocks of each in turn (``rounds`` of each), so that
    both see the same load on the machine. ``frames`` of each in all."""
    spans = annotating.spans
    assert spans is not None
    linked = [a for a in spans.ordered() if spans.links(a.id)]
    if not linked:
        raise RuntimeError("the article has no links to draw")
    middle = linked[len(linked) // 2]
    annotating.select(middle.id, reveal=True)
    QApplication.processEvents()
    was = view.arcs.show_all
    arcs: list[float] = []
    bare: list[float] = []
    drawn = 0
    per_block = max(1, frames // rounds)
    for _ in range(rounds):
        view.show_all_links(False)
        annotating.select(None)
        bare.extend(paint_frames(view, per_block))
        view.show_all_links(True)
        annotating.select(middle.id)
        arcs.extend(paint_frames(view, per_block))
        drawn = max(drawn, len(view.arcs.drawn))
    view.show_all_links(was)
    result: dict[str, float] = {"frames": float(len(arcs)), "arcs_drawn": float(drawn)}
    for name, times in (("arcs", arcs), ("bare", bare)):
        for q in (10, 50, 90, 99):
            result[f"{name}_p{q}_ms"] = _percentile(times, q / 100)
    return result
