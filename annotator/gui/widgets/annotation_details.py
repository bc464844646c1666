"""The selected annotation's details: label, text, attributes, note, links, Delete.

Every change is asked for with a signal; the window makes it an undoable command.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Annotation
from annotator.gui.models.article_spans import ArticleSpans
from annotator.gui.names import is_rtl, schema_name, snippet, text_tooltip
from annotator.gui.widgets.span_painter import MISSING_SOURCE_COLOR
from annotator.gui.widgets.span_style import LabelStyles

NOTE_DELAY_MS = 700


class ElidedButton(QPushButton):
    """A flat button whose text shortens in the middle to the width it is given, so a
    long link never widens the panel (the whole text is in its tooltip)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._full = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        return QSize(
            self.fontMetrics().horizontalAdvance("…") * 4, super().minimumSizeHint().height()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        room = max(0, self.width() - 2 * self.fontMetrics().horizontalAdvance("  "))
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, room))
        super().resizeEvent(event)


class NoteEdit(QPlainTextEdit):
    """The note field: saved a moment after typing stops, and when focus leaves.

    A note the database refused (a full disk) stays in the field, and is offered again
    each time the field is left, until it is saved or another annotation is shown.
    """

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMaximumHeight(84)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._changed)
        self._loading = False
        self._stored = ""  # the note as the database has it
        self._shown = ""  # what the field held once it was loaded with it

    def load(self, text: str) -> None:
        self._timer.stop()
        self._stored = text
        self._loading = True
        if self.note_text() != text:
            self.setPlainText(text)
        self._shown = self.note_text()
        self._loading = False

    def note_text(self) -> str:
        """The field's text without Qt's conversions: toPlainText turns a no-break space
        into a space and U+2028 into a line break; the raw text keeps both."""
        return self.document().toRawText().replace("\u2029", "\n")

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def _changed(self) -> None:
        if not self._loading:
            self._timer.start()

    def flush(self) -> None:
        # Compared with what the field showed after loading, not with the stored note:
        # a note nobody edited is never written back, even where Qt shows it differently.
        edited = not self._loading and self.note_text() != self._shown
        if self._timer.isActive() or self.sender() is self._timer or edited:
            self._timer.stop()
            if edited:
                # The note is the user's own typing, not article text: reading it back is right.
                self.committed.emit(self.note_text())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        super().focusOutEvent(event)


class AnnotationDetails(QWidget):
    """Label, text, attributes, note and links of one annotation."""

    relabelRequested = Signal(int, str)
    attributeChanged = Signal(int, str, object)
    noteChanged = Signal(int, str)
    unlinkRequested = Signal(int)
    linkMenuRequested = Signal(int)
    jumpRequested = Signal(int)
    deleteRequested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.annotation: Annotation | None = None
        self._spans: ArticleSpans | None = None
        self._styles: LabelStyles | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.empty = QLabel(self.tr("Select an annotation to see and edit it."))
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.empty)
        self.body = QWidget()
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels_listed: tuple[LabelStyles, list[tuple[str, str]]] | None = None
        self.label_box = QComboBox()
        self.label_box.setObjectName("labelBox")
        self.label_box.activated.connect(self._relabel)
        form.addRow(self.tr("Label"), self.label_box)
        self.text = QLabel()
        self.text.setObjectName("annotationText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.text.font()
        font.setFamilies(["Noto Naskh Arabic", *font.families()])
        self.text.setFont(font)
        form.addRow(self.tr("Text"), self.text)
        self.attributes = QFormLayout()
        self.attributes.setContentsMargins(0, 0, 0, 0)
        self.attributes_box = QWidget()
        self.attributes_box.setLayout(self.attributes)
        form.addRow(self.attributes_box)
        self.note = NoteEdit()
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText(self.tr("A note for this annotation"))
        self.note.committed.connect(self._note)
        form.addRow(self.tr("Note"), self.note)
        self.links = QVBoxLayout()
        self.links.setSpacing(2)
        links_box = QWidget()
        links_box.setLayout(self.links)
        form.addRow(self.tr("Links"), links_box)
        buttons = QHBoxLayout()
        self.link_button = QPushButton(self.tr("Link to…"))
        self.link_button.setObjectName("linkButton")
        self.link_button.clicked.connect(
            lambda: self.annotation and self.linkMenuRequested.emit(self.annotation.id)
        )
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.clicked.connect(
            lambda: self.annotation and self.deleteRequested.emit([self.annotation.id])
        )
        buttons.addWidget(self.link_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        form.addRow(buttons)
        self.meta = QLabel()
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setStyleSheet("color: palette(mid);")
        form.addRow(self.meta)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.attribute_boxes: dict[str, QComboBox] = {}
        self.show_annotation(None)

    def set_context(self, spans: ArticleSpans | None, styles: LabelStyles | None) -> None:
        self._spans, self._styles = spans, styles
        listed = None
        if spans is not None and styles is not None:
            labels = [(name, label.description) for name, label in spans.schema.labels.items()]
            listed = (styles, labels)
            # The same labels as the article before: the box already lists them.
            if listed == self._labels_listed:
                return
        self._labels_listed = listed
        with QSignalBlocker(self.label_box):
            self.label_box.clear()
            if spans is not None and styles is not None:
                for name, label in spans.schema.labels.items():
                    self.label_box.addItem(QIcon(styles.sample(name)), schema_name(name), name)
                    self.label_box.setItemData(
                        self.label_box.count() - 1, label.description, Qt.ItemDataRole.ToolTipRole
                    )

    def show_many(self, count: int) -> None:
        self.flush_note()
        self.annotation = None
        self.body.hide()
        self.empty.setText(
            self.tr("{0} annotations selected. Delete removes them all.").format(count)
        )
        self.empty.show()

    def show_annotation(self, ann: Annotation | None) -> None:
        """Show one annotation (or none); values refresh without taking the focus."""
        if self.annotation is not None and (ann is None or ann.id != self.annotation.id):
            self.flush_note()
        self.annotation = ann
        if ann is None or self._spans is None:
            self.body.hide()
            self.empty.setText(self.tr("Select an annotation to see and edit it."))
            self.empty.show()
            return
        self.empty.hide()
        self.body.show()
        with QSignalBlocker(self.label_box):
            self.label_box.setCurrentIndex(max(0, self.label_box.findData(ann.label)))
        self.text.setText(f"«{ann.text}»")
        self.text.setAlignment(
            Qt.AlignmentFlag.AlignRight
            if is_rtl(ann.text) == self.isLeftToRight()
            else Qt.AlignmentFlag.AlignLeft
        )
        self._fill_attributes(ann)
        if not self.note.pending:
            self.note.load(ann.note)
        self._fill_links(ann)
        who = ann.annotator or self.tr("(no name)")
        self.meta.setText(self.tr("{0} · characters {1}–{2}").format(who, ann.start, ann.end))

    def _fill_attributes(self, ann: Annotation) -> None:
        assert self._spans is not None
        allowed = (
            self._spans.schema.labels[ann.label].attributes
            if ann.label in self._spans.schema.labels
            else {}
        )
        if list(allowed) != list(self.attribute_boxes):
            while self.attributes.rowCount():
                self.attributes.removeRow(0)
            self.attribute_boxes = {}
            label = self._spans.schema.labels.get(ann.label)
            for name, values in allowed.items():
                box = QComboBox()
                box.setObjectName(f"attribute_{name}")
                box.addItem("—", None)
                meanings = label.value_descriptions.get(name, {}) if label else {}
                for value in values:
                    box.addItem(schema_name(value), value)
                    if value in meanings:
                        box.setItemData(
                            box.count() - 1, meanings[value], Qt.ItemDataRole.ToolTipRole
                        )
                box.activated.connect(lambda _i, n=name, b=box: self._attribute(n, b))
                title = QLabel(schema_name(name))
                title.setToolTip(label.attribute_descriptions.get(name, "") if label else "")
                box.setToolTip(title.toolTip())
                self.attributes.addRow(title, box)
                self.attribute_boxes[name] = box
        for name, box in self.attribute_boxes.items():
            with QSignalBlocker(box):
                box.setCurrentIndex(max(0, box.findData(ann.attributes.get(name))))

    def _fill_links(self, ann: Annotation) -> None:
        assert self._spans is not None
        while self.links.count():
            item = self.links.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        links = self._spans.links(ann.id)
        if not links:
            note = (
                self.tr("No source linked yet: press L, then click the source.")
                if self._spans.needs_source(ann)
                else self.tr("None")
            )
            label = QLabel(note)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            if self._spans.needs_source(ann):
                label.setStyleSheet(f"color: {MISSING_SOURCE_COLOR.name()};")
            self.links.addWidget(label)
        for link in links:
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            forward, back = ("→", "←") if self.isLeftToRight() else ("←", "→")
            arrow = forward if link.outgoing else back
            jump = ElidedButton(
                f"{arrow} {schema_name(link.relation.type)}  «{snippet(link.other.text, 40)}»"
            )
            jump.setFlat(True)
            # The linked text is data: escaped, never rendered as markup.
            jump.setToolTip(
                f"<p>{html.escape(self.tr('Show this annotation'))}</p>"
                + text_tooltip(" ".join(link.other.text.split()))
            )
            # Style sheet alignment is mirrored in a right-to-left interface: "left" is the
            # leading edge in both.
            jump.setStyleSheet("text-align: left; padding: 2px;")
            jump.clicked.connect(lambda _c=False, i=link.other.id: self.jumpRequested.emit(i))
            unlink = QToolButton()
            unlink.setText("×")
            unlink.setObjectName(f"unlink_{link.relation.id}")
            unlink.setToolTip(self.tr("Remove this link"))
            unlink.clicked.connect(
                lambda _c=False, r=link.relation.id: self.unlinkRequested.emit(r)
            )
            row_layout.addWidget(jump, 1)
            row_layout.addWidget(unlink)
            self.links.addWidget(row)

    def _relabel(self, index: int) -> None:
        if self.annotation is not None:
            label = self.label_box.itemData(index)
            if label != self.annotation.label:
                self.relabelRequested.emit(self.annotation.id, label)

    def _attribute(self, name: str, box: QComboBox) -> None:
        if self.annotation is not None:
            value = box.currentData()
            if self.annotation.attributes.get(name) != value:
                self.attributeChanged.emit(self.annotation.id, name, value)

    def _note(self, text: str) -> None:
        if self.annotation is not None and text != self.annotation.note:
            self.noteChanged.emit(self.annotation.id, text)

    def flush_note(self) -> None:
        self.note.flush()

    def focus_first_field(self) -> None:
        boxes = list(self.attribute_boxes.values())
        (boxes[0] if boxes else self.note).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_read_only(self) -> None:
        """A database that cannot be written: everything shows, nothing can be changed."""
        for widget in (self.label_box, self.attributes_box, self.link_button, self.delete_button):
            widget.setEnabled(False)
        self.note.setReadOnly(True)
        self.note.setPlaceholderText("")
