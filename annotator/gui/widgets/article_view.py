"""The article: read-only plain text, right to left where the text is, with its spans.

- The text goes in with setPlainText only: it is never interpreted as HTML.
- Every paragraph runs in the article's base direction: the direction of its dominant
  script, or the one chosen in the View menu. Qt's own choice, by the first strong
  character, would lay «Reuters: نقلت …» out left to right. Lines are aligned to the
  paragraph's start, not justified: justification opened wide gaps around Latin words.
- Fills and text colours are per-paragraph character formats; a change re-formats only
  the paragraphs of the spans it touched. Underlines, frames and markers are painted
  over the visible paragraphs only.
- Every position crosses between Qt (UTF-16) and the stored offsets (code points)
  through ``ArticleSpans.offsets``; text is never read back from the document.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QElapsedTimer,
    QEvent,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFontMetricsF,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.core.direction import dominant_direction
from annotator.core.errors import AnnotatorError
from annotator.core.model import Annotation
from annotator.gui.fonts import article_font
from annotator.gui.models.article_spans import ArticleSpans
from annotator.gui.names import annotation_tooltip
from annotator.gui.widgets.glyph_hit import character_at
from annotator.gui.widgets.link_arcs import LinkArcs
from annotator.gui.widgets.span_painter import Marks, paint_block
from annotator.gui.widgets.span_style import LabelStyles

# Characters QTextDocument would take for frame markers; shown as U+FFFD (same length).
_FRAME_MARKERS = ("\ufdd0", "\ufdd1")
MIN_MARGIN = 18
# The widest comfortable line, in average character widths of the article font.
MAX_LINE_CHARS = 95
MAX_FIND_HIGHLIGHTS = 5000
FIND_COLOR = QColor(255, 150, 40, 90)
# A mark's rectangle on one line, from its paragraph's origin: left, top, width, height
# and the line's baseline.
RelativeRect = tuple[float, float, float, float, float]


class ArticleView(QPlainTextEdit):
    """Shows one article and its annotations; reports clicks, keys and selections."""

    annotationClicked = Signal(int)  # an annotation id, or -1 for none
    linkTargetChosen = Signal(int)
    linkModeCancelled = Signal()
    escapePressed = Signal()  # Esc with nothing left to cancel in the view
    zoomRequested = Signal(int)  # +1 / -1 from Ctrl+wheel
    contextMenuWanted = Signal(QPoint, list)  # global position, annotation ids under it
    _own_document: QTextDocument | None = None  # the document set_article made last

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.viewport().setMouseTracking(True)
        self.spans: ArticleSpans | None = None
        self.natural_direction = Qt.LayoutDirection.RightToLeft
        self.styles: LabelStyles | None = None
        self.marks = Marks()
        self.arcs = LinkArcs()
        # Extra marks painted under the spans' own, per paragraph (adjudication's lanes).
        self.overlay: Callable[[ArticleView, QPainter, QTextBlock], None] | None = None
        self._press_pos: QPointF | None = None
        # A mouse selection: the character pressed on (document UTF-16 range), while
        # the button is down.
        self._drag_anchor: tuple[int, int] | None = None
        self._double_clicked_at: int | None = None  # when (ms) the last double-click came
        self._clock = QElapsedTimer()
        self._clock.start()
        self.exact_drag = False
        self.formatted_blocks = 0  # paragraphs re-formatted so far (for tests and timing)
        self.first_formats = 0  # paragraphs formatted as they first came into view
        self.early_formats = 0  # paragraphs formatted on opening, before their layout
        self._unformatted: set[int] = set()
        # The marks' rectangles by (paragraph, start, end), from the paragraph's origin:
        # kept between paints, dropped whenever Qt lays a paragraph out again.
        self._rects: dict[int, dict[tuple[int, int], tuple[int, list[RelativeRect]]]] = {}
        self.rects_dropped = 0  # times the kept rectangles were dropped (for tests)
        self._formatting = False
        self._flash = QVariantAnimation(self)
        self._flash.setDuration(900)
        self._flash.setKeyValues([(0.0, 0.0), (0.15, 1.0), (0.6, 1.0), (1.0, 0.0)])
        self._flash.valueChanged.connect(self._on_flash)
        # How far the view scrolls is found by laying out the article's last screen:
        # done just after an article's first paint (until then the range is Qt's
        # estimate from its paragraphs, as a QTextEdit's is while it lays a long text out).
        self._range_timer = QTimer(self)
        self._range_timer.setSingleShot(True)
        self._range_timer.setInterval(0)
        self._range_timer.timeout.connect(self.exact_scroll_range)
        self.set_zoom(0)
        # Arcs reach across the view: a scroll repaints all of it, not the strip uncovered.
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    def _scrolled(self, _value: int) -> None:
        if self.arcs.drawn:
            self.viewport().update()

    def show_all_links(self, on: bool) -> None:
        """Arcs for every link in the visible part (off: the selected annotation's)."""
        self.arcs.show_all = on
        self.viewport().update()

    # ------------------------------------------------------------ the article

    def set_article(self, spans: ArticleSpans, styles: LabelStyles, at: int = 0) -> None:
        """Show an article: a fresh plain-text document, formatted once.

        Args:
            at: the code point the view will first show (the reading position): the
                paragraphs from there that fill a screen get their formats before Qt
                lays them out, so that the first paint lays each of them out once.
        """
        doc = QTextDocument(self)
        doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
        doc.setUndoRedoEnabled(False)
        doc.setDefaultFont(self.font())
        self.natural_direction = (
            Qt.LayoutDirection.RightToLeft
            if dominant_direction(spans.text) == "rtl"
            else Qt.LayoutDirection.LeftToRight
        )
        doc.setDefaultTextOption(_text_option(self.natural_direction))
        doc.setDocumentMargin(self._margin())
        doc.setPlainText(_displayable(spans.text))
        if (
            doc.characterCount() - 1 != spans.offsets.u16_length
            or doc.blockCount() != spans.block_count
        ):
            raise AnnotatorError(
                f"article {spans.article_id} cannot be shown: Qt split its text differently "
                "from the stored text"
            )
        self.spans, self.styles = spans, styles
        self.marks.current, self.marks.linked = None, set()
        self.marks.link_anchor, self.marks.link_candidates, self.marks.link_focus = None, [], None
        # Paragraphs get their formats when they first come into view (see paintEvent):
        # a 1 MB article with thousands of spans opens as fast as its visible page.
        self._unformatted = spans.blocks_with_spans()
        first, last = self.first_screen(spans.text, at)
        for number in range(spans.block_of(first), spans.block_of(max(first, last - 1)) + 1):
            if number in self._unformatted:
                self._unformatted.discard(number)
                layout = doc.findBlockByNumber(number).layout()
                layout.setCacheEnabled(True)  # see _format_block
                layout.setFormats(styles.block_formats(spans, number))
                self.early_formats += 1
        if not spans.complete:
            read = set(self._unformatted)
            spans.completed.append(lambda: self._rest_read(spans, read))
        self._drop_rects()
        # Whatever makes Qt lay paragraphs out again (their formats, the width, the font,
        # the direction) comes through these two signals first.
        doc.documentLayout().update.connect(self._drop_rects)
        doc.documentLayout().updateBlock.connect(self._drop_block_rects)
        # Documents this view made are its own to free; Qt frees its default one itself.
        # Remembered here: asking Qt for the old one's parent makes PySide6 build the
        # Python types of dozens of Qt classes (about 10 ms at start).
        old, self._own_document = self._own_document, doc
        self.setCenterOnScroll(True)  # no last screen laid out before the first paint
        self.setDocument(doc)
        self._range_timer.start()
        if old is not None:
            old.deleteLater()
        self.setExtraSelections([])

    def first_screen(self, text: str, at: int) -> tuple[int, int]:
        """The code point span of the whole paragraphs from the one holding ``at`` that
        fill about two screens, found by counting characters (before any layout, so
        generous: too many costs little)."""
        metrics = QFontMetricsF(self.font())
        width = max(1.0, self.viewport().width() - 2 * self._margin())
        per_line = max(1, int(width / max(1.0, metrics.averageCharWidth())))
        lines = 2 * (self.viewport().height() / max(1.0, metrics.lineSpacing()) + 1)
        at = max(0, min(at, len(text)))
        first = end = text.rfind("\n", 0, at) + 1
        position = at
        while lines > 0 and end <= len(text):
            found = text.find("\n", position)
            end = len(text) if found < 0 else found
            lines -= 1 + (end - position) // per_line
            position = end = end + 1
        return first, min(end, len(text))

    def exact_scroll_range(self) -> None:
        """Scroll no further than the article's last line at the bottom (Qt lays out its
        last screen to know where that is)."""
        self._range_timer.stop()
        self.setCenterOnScroll(False)

    def _rest_read(self, spans: ArticleSpans, read: set[int]) -> None:
        """The rest of the article's annotations came in: their paragraphs get their
        formats when they come into view, as the first ones did."""
        if spans is self.spans:
            self._unformatted |= spans.blocks_with_spans() - read
            self.viewport().update()

    def _format_block(self, block: QTextBlock, painting: bool = False) -> None:
        """Give one paragraph its span formats; Qt lays it out again, and only it.

        Args:
            painting: formatted by the paint about to draw it, which lays it out: the
                layout's signals would only ask for a second paint of the same frame,
                and are kept from the view (the paint checks its height).
        """
        assert self.spans is not None and self.styles is not None
        number = block.blockNumber()
        # setFormats clears the paragraph's layout without a signal: its rectangles go.
        self._rects.pop(number, None)
        # A paragraph with spans keeps the glyphs Qt shaped to lay it out: drawing it and
        # measuring its marks would otherwise shape every line again (Arabic, each time).
        block.layout().setCacheEnabled(True)
        block.layout().setFormats(self.styles.block_formats(self.spans, number))
        # Qt then says the whole document changed (its height may have); only this
        # paragraph's layout did.
        self._formatting = True
        layout = self.document().documentLayout()
        quiet = painting and not layout.signalsBlocked()
        if quiet:
            layout.blockSignals(True)
        try:
            self.document().markContentsDirty(block.position(), block.length())
        finally:
            self._formatting = False
            if quiet:
                layout.blockSignals(False)

    def _drop_rects(self, *_: object) -> None:
        if self._formatting:
            return
        if self._rects:
            self._rects = {}
            self.rects_dropped += 1

    def _drop_block_rects(self, block: QTextBlock) -> None:
        self._rects.pop(block.blockNumber(), None)

    @property
    def direction(self) -> Qt.LayoutDirection:
        """The base direction every paragraph of the article is laid out in."""
        return self.document().defaultTextOption().textDirection()

    def set_direction(self, direction: Qt.LayoutDirection | None) -> None:
        """Lay the article out right to left or left to right (None: its natural one)."""
        wanted = direction if direction is not None else self.natural_direction
        if self.spans is None or wanted == self.direction:
            return
        self._drop_rects()
        self.document().setDefaultTextOption(_text_option(wanted))
        self.viewport().update()

    def clear_article(self, message: str) -> None:
        self.spans = None
        self.setPlainText("")
        self.setPlaceholderText(message)

    def refresh_blocks(self, blocks: set[int]) -> None:
        """Re-format the given paragraphs (and only those) after spans changed."""
        if self.spans is None or self.styles is None:
            return
        doc = self.document()
        for number in sorted(blocks):
            block = doc.findBlockByNumber(number)
            if not block.isValid():
                continue
            self._unformatted.discard(number)
            self._format_block(block)
            self.formatted_blocks += 1
        self.viewport().update()

    # ------------------------------------------------------- state to show

    def set_current(self, annotation_id: int | None) -> None:
        """Frame the selected annotation, and mark what it links to."""
        self.marks.current = annotation_id
        self.marks.linked = (
            self.spans.linked_ids(annotation_id) if self.spans and annotation_id else set()
        )
        self.viewport().update()

    def flash(self, annotation_id: int) -> None:
        self.marks.flash_id = annotation_id
        self._flash.stop()
        self._flash.start()

    def _on_flash(self, value: float) -> None:
        self.marks.flash_level = float(value)
        self.viewport().update()

    def set_link_mode(self, anchor: int | None, candidates: list[int] | None = None) -> None:
        """Start (anchor set) or end (None) choosing the other end of a link."""
        self.marks.link_anchor = anchor
        self.marks.link_candidates = list(candidates or [])
        self.marks.link_focus = None
        self.viewport().unsetCursor()
        self.viewport().update()

    @property
    def in_link_mode(self) -> bool:
        return self.marks.link_anchor is not None

    @property
    def link_anchor(self) -> int | None:
        return self.marks.link_anchor

    @property
    def link_focus(self) -> int | None:
        return self.marks.link_focus

    def set_find_matches(self, matches: list[tuple[int, int]]) -> None:
        """Tint every match of the find bar (code point spans)."""
        if self.spans is None:
            return
        fmt = QTextCharFormat()
        fmt.setBackground(FIND_COLOR)
        selections = []
        for start, end in matches[:MAX_FIND_HIGHLIGHTS]:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor_for(start, end)
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)

    # ----------------------------------------------------- caret and selection

    def _cursor_for(self, start: int, end: int | None = None) -> QTextCursor:
        assert self.spans is not None
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.spans.offsets.to_utf16(start))
        if end is not None:
            cursor.setPosition(self.spans.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def selection_span(self) -> tuple[int, int] | None:
        """The selected text as a code point span, or None when nothing is selected."""
        cursor = self.textCursor()
        if self.spans is None or not cursor.hasSelection():
            return None
        return self.spans.offsets.span_to_codepoint(cursor.selectionStart(), cursor.selectionEnd())

    def caret(self) -> int:
        """The caret as a code point offset."""
        if self.spans is None:
            return 0
        return self.spans.offsets.to_codepoint(self.textCursor().position())

    def select_span(self, start: int, end: int) -> None:
        self.exact_scroll_range()
        self.setTextCursor(self._cursor_for(start, end))
        self.ensureCursorVisible()

    def place_caret(self, cp: int) -> None:
        self.setTextCursor(self._cursor_for(cp))

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)
        self.exact_drag = False

    def reveal(self, annotation_id: int) -> None:
        """Scroll an annotation to the middle of the view, caret at its start."""
        if self.spans is None or annotation_id not in self.spans.annotations:
            return
        self.exact_scroll_range()
        self.place_caret(self.spans.annotations[annotation_id].start)
        self.centerCursor()

    def top_position(self) -> int:
        """The first character on screen: the reading position."""
        if self.spans is None:
            return 0
        cursor = self.cursorForPosition(QPoint(self.viewport().width() // 2, 2))
        block = cursor.block()
        return self.spans.offsets.to_codepoint(
            block.position() + _line_start(block, cursor.positionInBlock())
        )

    def scroll_to_position(self, cp: int) -> None:
        """Bring the line holding ``cp`` to the top of the view, caret there."""
        if self.spans is None:
            return
        cp = max(0, min(cp, len(self.spans.text)))
        bar = self.verticalScrollBar()
        if cp == 0:
            # The first line is at the top without laying out the end of the text first.
            bar.setValue(0)
            self.place_caret(0)
            return
        self.exact_scroll_range()
        bar.setValue(bar.maximum())
        self.place_caret(cp)
        self.ensureCursorVisible()

    # ------------------------------------------------------------------ zoom

    def set_zoom(self, zoom: int) -> None:
        font = article_font(zoom)
        self._drop_rects()
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.document().setDocumentMargin(self._margin())

    def _margin(self) -> float:
        average = QFontMetricsF(self.font()).averageCharWidth()
        spare = self.viewport().width() - average * MAX_LINE_CHARS
        return max(MIN_MARGIN, spare / 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._drop_rects()
        super().resizeEvent(event)
        margin = self._margin()
        if abs(self.document().documentMargin() - margin) > 0.5:
            self.document().setDocumentMargin(margin)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoomRequested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    # ------------------------------------------------------------- geometry

    def block_origin(self, block: QTextBlock) -> QPointF:
        geometry = self.blockBoundingGeometry(block).translated(self.contentOffset())
        return geometry.topLeft() + block.layout().position()

    def span_rects(
        self, annotation: Annotation, block: QTextBlock | None = None
    ) -> list[tuple[QRectF, float]]:
        """Screen rectangles of an annotation, one per visual run per line, with the
        baseline of each; only in ``block`` when given."""
        spans = self.spans
        assert spans is not None
        if block is not None:
            return self.range_rects(annotation.start, annotation.end, block)
        result: list[tuple[QRectF, float]] = []
        for number in spans.blocks_of(annotation):
            current = self.document().findBlockByNumber(number)
            result += self.range_rects(annotation.start, annotation.end, current)
        return result

    def range_rects(self, start: int, end: int, block: QTextBlock) -> list[tuple[QRectF, float]]:
        """Screen rectangles of the code points start..end within one paragraph. Correct
        in mixed-direction text: the rectangles come from the glyph runs Qt laid out."""
        spans = self.spans
        assert spans is not None
        number = block.blockNumber()
        block_start, block_end = spans.block_span(number)
        start, end = max(start, block_start), min(end, block_end)
        if start >= end or not block.isValid():
            return []
        origin = self.block_origin(block)
        layout = block.layout()
        kept = self._rects.setdefault(number, {})
        cached = kept.get((start, end))
        if cached is None or cached[0] != layout.lineCount():
            cached = (layout.lineCount(), self._layout_rects(spans, block, start, end))
            kept[(start, end)] = cached
        x, y = origin.x(), origin.y()
        return [
            (QRectF(x + left, y + top, width, height), y + baseline)
            for left, top, width, height, baseline in cached[1]
        ]

    def _layout_rects(
        self, spans: ArticleSpans, block: QTextBlock, start: int, end: int
    ) -> list[RelativeRect]:
        """(left, top, width, height, baseline) of start..end in one paragraph, from its
        layout's origin: what ``range_rects`` keeps between paints."""
        number = block.blockNumber()
        first = spans.in_block_utf16(number, start)
        last = spans.in_block_utf16(number, end)
        layout = block.layout()
        result: list[RelativeRect] = []
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            a = max(first, line.textStart())
            b = min(last, line.textStart() + line.textLength())
            if a >= b:
                continue
            edges = sorted(
                (r.boundingRect().left(), r.boundingRect().right())
                for r in line.glyphRuns(a, b - a)
            )
            merged: list[list[float]] = []
            for left, right in edges:
                if merged and left <= merged[-1][1] + 1.5:
                    merged[-1][1] = max(merged[-1][1], right)
                else:
                    merged.append([left, right])
            top = line.y()
            for left, right in merged:
                result.append((left, top, right - left, line.height(), top + line.ascent()))
        return result

    def annotations_at(self, pos: QPointF | QPoint) -> list[int]:
        """Annotations drawn under a viewport point, innermost first."""
        if self.spans is None:
            return []
        point = QPointF(pos)
        block = self.cursorForPosition(point.toPoint()).block()
        hits = [
            a
            for a in self.spans.in_block(block.blockNumber())
            if any(
                rect.adjusted(-1, 0, 1, 0).contains(point) for rect, _ in self.span_rects(a, block)
            )
        ]
        hits.sort(key=lambda a: (a.end - a.start, a.id))
        return [a.id for a in hits]

    def shows(self, annotation_id: int) -> bool:
        """Whether any part of an annotation is on screen."""
        if self.spans is None or annotation_id not in self.spans.annotations:
            return False
        annotation = self.spans.annotations[annotation_id]
        screen = QRectF(self.viewport().rect())
        first = self.firstVisibleBlock().blockNumber()
        for number in self.spans.blocks_of(annotation):
            if number < first:
                continue
            block = self.document().findBlockByNumber(number)
            top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
            if top > screen.bottom():
                break
            rects = self.range_rects(annotation.start, annotation.end, block)
            if any(rect.intersects(screen) for rect, _ in rects):
                return True
        return False

    def point_of(self, cp: int) -> QPoint:
        """A viewport point inside the character at ``cp`` (used by tests and menus)."""
        assert self.spans is not None
        ahead = self.cursorRect(self._cursor_for(cp))
        behind = self.cursorRect(self._cursor_for(min(cp + 1, len(self.spans.text))))
        if ahead.top() == behind.top():
            return QPoint((ahead.center().x() + behind.center().x()) // 2, ahead.center().y())
        return ahead.center()

    # -------------------------------------------------------------- painting

    def _format_visible(self) -> None:
        """Give the paragraphs on screen that still lack them their span formats."""
        spans = self.spans
        if spans is None or self.styles is None or (spans.complete and not self._unformatted):
            return
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        while block.isValid():
            number = block.blockNumber()
            if not spans.has_read(number):
                spans.read_rest()  # adds the paragraphs of the rest to those to format
            height = None
            if number in self._unformatted:
                # Before its geometry is asked for: asking lays the paragraph out, and its
                # formats would have Qt lay it out again. (The first one below the screen
                # is formatted too, one paragraph ahead.)
                if block.layout().lineCount():
                    height = block.layout().boundingRect().height()
                self._unformatted.discard(number)
                self._format_block(block, painting=True)
                self.first_formats += 1
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if height is not None and block.layout().boundingRect().height() != height:
                # Laid out before without its formats, and taller or shorter now: what
                # follows it moves, and all of the screen is painted again.
                self.viewport().update()
            if geometry.top() > bottom:
                break
            block = block.next()

    def paintEvent(self, event: QPaintEvent) -> None:
        try:
            self._format_visible()
        except AnnotatorError:
            # The rest of a long article's annotations could not be read (a damaged
            # row): its text is painted, and the opening says why and closes it next.
            super().paintEvent(event)
            return
        super().paintEvent(event)
        if self.spans is None or self.styles is None:
            return
        painter = QPainter(self.viewport())
        try:
            self._paint_marks(painter, event.rect())
        except AnnotatorError:
            pass  # as above
        finally:
            painter.end()

    def _paint_marks(self, painter: QPainter, area: QRect) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        offset = self.contentOffset()
        block = self.firstVisibleBlock()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > area.bottom():
                break
            if block.isVisible() and geometry.bottom() >= area.top():
                if self.overlay is not None:
                    self.overlay(self, painter, block)
                paint_block(self, painter, block)
            block = block.next()
        self.arcs.paint(self, painter)

    # ---------------------------------------------------------------- events

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and self.spans is not None:
            key = event.key()  # type: ignore[attr-defined]
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not modifiers & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            ):
                forward = (
                    key == Qt.Key.Key_Tab and not modifiers & Qt.KeyboardModifier.ShiftModifier
                )
                self._step(forward)
                return True
        if (
            event.type() == QEvent.Type.ToolTip
            and self.spans is not None
            and self.styles is not None
        ):
            pos = event.pos()  # type: ignore[attr-defined]
            ids = self.annotations_at(pos)
            if ids:
                colors = {name: s.strong.name() for name, s in self.styles.by_label.items()}
                annotations = [self.spans.annotations[i] for i in ids]
                rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
                tip = annotation_tooltip(self.spans, annotations, colors, rtl)
                QToolTip.showText(event.globalPos(), tip, self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _step(self, forward: bool) -> None:
        """Tab and Shift+Tab: the next or previous annotation (or link candidate)."""
        assert self.spans is not None
        if self.in_link_mode:
            if not self.marks.link_candidates:
                return
            if self.marks.link_focus in self.marks.link_candidates:
                index = self.marks.link_candidates.index(self.marks.link_focus)
                index = (index + (1 if forward else -1)) % len(self.marks.link_candidates)
            else:
                index = 0 if forward else len(self.marks.link_candidates) - 1
            self.marks.link_focus = self.marks.link_candidates[index]
            self.reveal(self.marks.link_focus)
            self.viewport().update()
            return
        target = self.spans.step(self.caret(), forward, self.marks.current)
        if target is not None:
            self.reveal(target.id)
            self.annotationClicked.emit(target.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if self.in_link_mode:
                self.linkModeCancelled.emit()
            elif self.textCursor().hasSelection():
                self.clear_selection()
            elif self.marks.current is not None:
                self.annotationClicked.emit(-1)
            else:
                self.escapePressed.emit()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        if (
            key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.in_link_mode
            and not event.modifiers()
        ):
            if self.marks.link_focus is not None:
                self.linkTargetChosen.emit(self.marks.link_focus)
            return
        super().keyPressEvent(event)

    def character_at(self, pos: QPointF | QPoint) -> tuple[int, int] | None:
        """The character under a viewport point, found by its glyph: its document
        (UTF-16) range, a whole grapheme; off the text, the nearest glyph's."""
        point = QPointF(pos)
        block = self.cursorForPosition(point.toPoint()).block()
        if not block.isValid():
            return None
        layout = block.layout()
        index = character_at(layout, point - self.block_origin(block))
        if index is None:
            return None
        end = layout.nextCursorPosition(index)
        return block.position() + index, block.position() + max(end, index + 1)

    def _select_characters(self, anchor: tuple[int, int], head: tuple[int, int]) -> None:
        """Select from one character through another, both whole, in either order."""
        cursor = QTextCursor(self.document())
        if head[0] >= anchor[0]:
            cursor.setPosition(anchor[0])
            cursor.setPosition(head[1], QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.setPosition(anchor[1])
            cursor.setPosition(head[0], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _triple_click(self) -> bool:
        if self._double_clicked_at is None:
            return False
        since = self._clock.elapsed() - self._double_clicked_at
        return 0 <= since < QGuiApplication.styleHints().mouseDoubleClickInterval()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.in_link_mode and event.button() == Qt.MouseButton.LeftButton:
            hits = [
                i for i in self.annotations_at(event.position()) if i in self.marks.link_candidates
            ]
            if hits:
                self.linkTargetChosen.emit(hits[0])
                event.accept()
                return
            # Elsewhere a drag selects text: marking it then makes and links a new span.
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_pos = event.position()
            self.exact_drag = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if self.spans is not None and not self._triple_click():
                self._press_selection(event)
                return
        if event.button() == Qt.MouseButton.RightButton:
            # The context menu acts on what is under the mouse: keep the selection.
            event.accept()
            return
        super().mousePressEvent(event)

    def _press_selection(self, event: QMouseEvent) -> None:
        """A left press starts a selection at the character under the pointer (Shift:
        extends the selection there)."""
        hit = self.character_at(event.position())
        cursor = self.textCursor()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and hit is not None:
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            anchor = cursor.anchor()
            self._drag_anchor = (
                (anchor, anchor + 1) if anchor == start or start == end else (end - 1, end)
            )
            self._select_characters(self._drag_anchor, hit)
        else:
            self._drag_anchor = hit
            cursor = self.cursorForPosition(event.position().toPoint())
            self.setTextCursor(cursor)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._drag_anchor = None
        self._double_clicked_at = self._clock.elapsed()
        super().mouseDoubleClickEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.in_link_mode:
            hit = any(
                i in self.marks.link_candidates for i in self.annotations_at(event.position())
            )
            self.viewport().setCursor(
                Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.IBeamCursor
            )
        if self._drag_anchor is not None:
            if event.buttons() & Qt.MouseButton.LeftButton:
                self._drag_to(event.position())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def _drag_to(self, position: QPointF) -> None:
        assert self._drag_anchor is not None
        press = self._press_pos
        if press is not None and (position - press).manhattanLength() <= 4:
            return  # a click that trembled: no selection yet
        height = self.viewport().height()
        bar = self.verticalScrollBar()
        if position.y() < 0:
            bar.setValue(bar.value() - bar.singleStep())
        elif position.y() > height:
            bar.setValue(bar.value() + bar.singleStep())
        inside = QPointF(position.x(), max(0.0, min(float(height - 1), position.y())))
        head = self.character_at(inside)
        if head is not None:
            self._select_characters(self._drag_anchor, head)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_anchor is not None and event.button() == Qt.MouseButton.LeftButton:
            self._drag_to(event.position())
            self._drag_anchor = None
            event.accept()
        else:
            super().mouseReleaseEvent(event)
        press, self._press_pos = self._press_pos, None
        if event.button() != Qt.MouseButton.LeftButton or press is None or self.spans is None:
            return
        moved = (event.position() - press).manhattanLength() > 4
        if moved or self.textCursor().hasSelection():
            return
        hits = self.annotations_at(event.position())
        if self.marks.current in hits and len(hits) > 1:
            # Clicking the selected span again reaches the one around it.
            chosen = hits[(hits.index(self.marks.current) + 1) % len(hits)]
        else:
            chosen = hits[0] if hits else -1
        self.annotationClicked.emit(chosen)

    def copy(self) -> None:
        """Copy gives the stored characters: Qt's own copy turns no-break spaces into
        spaces and line breaks into U+2029.

        The clipboard makes its own data from the text. (Handing Qt a QMimeData made in
        Python, from createMimeDataFromSelection, left it owned twice and crashed the
        program when it quit.)
        """
        span = self.selection_span()
        if span is not None and self.spans is not None:
            QGuiApplication.clipboard().setText(self.spans.text[span[0] : span[1]])

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.contextMenuWanted.emit(event.globalPos(), self.annotations_at(QPointF(event.pos())))


def _text_option(direction: Qt.LayoutDirection) -> QTextOption:
    option = QTextOption()
    # The paragraph's start: Qt's leading alignment does not follow an explicit direction.
    rtl = direction == Qt.LayoutDirection.RightToLeft
    side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    option.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
    option.setTextDirection(direction)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return option


def _displayable(text: str) -> str:
    for marker in _FRAME_MARKERS:
        if marker in text:  # a scan at C speed; replacing is rare
            text = text.replace(marker, "\ufffd")
    return text


def _line_start(block: QTextBlock, position_in_block: int) -> int:
    line = block.layout().lineForTextPosition(position_in_block)
    return line.textStart() if line.isValid() else 0
