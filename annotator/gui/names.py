"""What the window calls things: translatable names, safe snippets and tooltips.

Article text and everything derived from it (annotation text, notes, titles) is data,
never markup: every piece that reaches a widget able to render rich text (tooltips,
message boxes) is escaped here first.
"""

from __future__ import annotations

import html
import unicodedata

from PySide6.QtCore import QCoreApplication

from annotator.core.model import Annotation
from annotator.core.tokens import tokenize
from annotator.gui.i18n import QT_TRANSLATE_NOOP
from annotator.gui.models.article_spans import ArticleSpans

# The default schema's names, so that the Arabic interface can show them in Arabic.
# A custom schema's names show as they are written.
_SCHEMA_NAMES = (
    QT_TRANSLATE_NOOP("schema", "CLAIM"),
    QT_TRANSLATE_NOOP("schema", "SOURCE"),
    QT_TRANSLATE_NOOP("schema", "CUE"),
    QT_TRANSLATE_NOOP("schema", "ATTRIBUTED_TO"),
    QT_TRANSLATE_NOOP("schema", "HAS_CUE"),
    QT_TRANSLATE_NOOP("schema", "RELAYED_BY"),
    QT_TRANSLATE_NOOP("schema", "SAME_AS"),
    QT_TRANSLATE_NOOP("schema", "claim_type"),
    QT_TRANSLATE_NOOP("schema", "checkworthy"),
    QT_TRANSLATE_NOOP("schema", "quote_type"),
    QT_TRANSLATE_NOOP("schema", "voice"),
    QT_TRANSLATE_NOOP("schema", "hedged"),
    QT_TRANSLATE_NOOP("schema", "source_kind"),
    QT_TRANSLATE_NOOP("schema", "specificity"),
    QT_TRANSLATE_NOOP("schema", "cue_form"),
    QT_TRANSLATE_NOOP("schema", "cue_stance"),
    QT_TRANSLATE_NOOP("schema", "factual"),
    QT_TRANSLATE_NOOP("schema", "opinion"),
    QT_TRANSLATE_NOOP("schema", "prediction"),
    QT_TRANSLATE_NOOP("schema", "mixed"),
    QT_TRANSLATE_NOOP("schema", "yes"),
    QT_TRANSLATE_NOOP("schema", "no"),
    QT_TRANSLATE_NOOP("schema", "unsure"),
    QT_TRANSLATE_NOOP("schema", "direct"),
    QT_TRANSLATE_NOOP("schema", "indirect"),
    QT_TRANSLATE_NOOP("schema", "none"),
    QT_TRANSLATE_NOOP("schema", "attributed"),
    QT_TRANSLATE_NOOP("schema", "author"),
    QT_TRANSLATE_NOOP("schema", "unattributed"),
    QT_TRANSLATE_NOOP("schema", "person"),
    QT_TRANSLATE_NOOP("schema", "official_body"),
    QT_TRANSLATE_NOOP("schema", "media"),
    QT_TRANSLATE_NOOP("schema", "organisation"),
    QT_TRANSLATE_NOOP("schema", "document"),
    QT_TRANSLATE_NOOP("schema", "other"),
    QT_TRANSLATE_NOOP("schema", "named"),
    QT_TRANSLATE_NOOP("schema", "role_only"),
    QT_TRANSLATE_NOOP("schema", "anonymous"),
    QT_TRANSLATE_NOOP("schema", "speech_verb"),
    QT_TRANSLATE_NOOP("schema", "cognition_verb"),
    QT_TRANSLATE_NOOP("schema", "prepositional"),
    QT_TRANSLATE_NOOP("schema", "noun"),
    QT_TRANSLATE_NOOP("schema", "punctuation"),
    QT_TRANSLATE_NOOP("schema", "neutral"),
    QT_TRANSLATE_NOOP("schema", "distancing"),
    QT_TRANSLATE_NOOP("schema", "endorsing"),
)
_STATUS_NAMES = {
    "new": QT_TRANSLATE_NOOP("status", "new"),
    "in_progress": QT_TRANSLATE_NOOP("status", "in progress"),
    "done": QT_TRANSLATE_NOOP("status", "done"),
}
STATUS_MARKS = {"new": "○", "in_progress": "◐", "done": "●"}

# Unicode isolates keep a right-to-left snippet from reordering the text around it.
_FSI, _PDI = "\u2068", "\u2069"


def schema_name(name: str) -> str:
    """A label, attribute, value or relation name as the interface shows it."""
    return QCoreApplication.translate("schema", name)


def status_name(status: str) -> str:
    return QCoreApplication.translate("status", _STATUS_NAMES.get(status, status))


def is_rtl(text: str) -> bool:
    """Whether a text's first strong character is right-to-left (the Unicode rule)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def snippet(text: str, limit: int = 60) -> str:
    """One line of a text, shortened in the middle, isolated for mixed-direction display."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        # Cut between tokens, never inside a word or a number: the head ends at the last
        # token that fits, the tail starts at the first token that fits.
        half = (limit - 1) // 2
        tokens = tokenize(flat)
        head = max((end for _, end in tokens if end <= half), default=0)
        tail = min((start for start, _ in tokens if start >= len(flat) - half), default=len(flat))
        flat = flat[:head].rstrip() + " … " + flat[tail:].lstrip()
    return f"{_FSI}{flat.strip()}{_PDI}"


def text_tooltip(text: str) -> str:
    """A tooltip showing ``text`` whole, as text in its own direction (never as markup)."""
    direction = "rtl" if is_rtl(text) else "ltr"
    return f'<p dir="{direction}">{html.escape(text)}</p>'


def annotation_tooltip(
    spans: ArticleSpans,
    annotations: list[Annotation],
    colors: dict[str, str],
    rtl_interface: bool = False,
) -> str:
    """Rich-text tooltip for the annotations under the mouse; every piece of data escaped.

    Each line is its own paragraph with an explicit direction: the quoted text runs in
    its own direction, the rest in the interface's.
    """
    ui = "rtl" if rtl_interface else "ltr"

    def line(content: str, direction: str = ui, style: str = "") -> str:
        return f'<p dir="{direction}" style="margin:0;{style}">{content}</p>'

    parts = []
    for ann in annotations:
        color = html.escape(colors.get(ann.label, "#606060"))
        lines = [
            line(f"<b>{html.escape(schema_name(ann.label))}</b>", style=f"color:{color}"),
            line(f"«{html.escape(snippet(ann.text, 140))}»", "rtl" if is_rtl(ann.text) else "ltr"),
        ]
        for name, value in ann.attributes.items():
            if value is not None:
                lines.append(
                    line(
                        f"{html.escape(schema_name(name))}: {html.escape(schema_name(str(value)))}"
                    )
                )
        if ann.note:
            note = QCoreApplication.translate("names", "Note")
            lines.append(line(f"<i>{html.escape(note)}:</i> {html.escape(snippet(ann.note, 200))}"))
        for link in spans.links(ann.id):
            arrow = (
                ("←" if link.outgoing else "→")
                if rtl_interface
                else ("→" if link.outgoing else "←")
            )
            lines.append(
                line(
                    f"{arrow} {html.escape(schema_name(link.relation.type))} "
                    f"«{html.escape(snippet(link.other.text, 60))}»"
                )
            )
        if spans.needs_source(ann):
            missing = QCoreApplication.translate("names", "No source linked")
            lines.append(line(f"⚠ {html.escape(missing)}", style="color:#c0392b"))
        if ann.annotator:
            lines.append(line(html.escape(ann.annotator), style="color:#808080"))
        parts.append("".join(lines))
    return "<qt>" + "<hr>".join(parts) + "</qt>"
