"""F1: the guidelines beside the text: the schema's guidelines file (Markdown, shown as
plain text), then every label, attribute and value with what the schema says it means."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from annotator.core.schema import Schema
from annotator.gui.fonts import ARTICLE_FAMILY
from annotator.gui.names import schema_name


def guidelines_text(schema: Schema) -> str:
    """The panel's text: the guidelines, then the schema's labels and relations."""
    lines: list[str] = []
    if schema.guidelines.strip():
        lines += [schema.guidelines.rstrip(), ""]
    lines += ["# " + QCoreApplication.translate("Guidelines", "Labels"), ""]
    for label in schema.labels.values():
        head = f"## {schema_name(label.name)} ({label.key})"
        lines += [head, label.description, ""] if label.description else [head, ""]
        for attr, values in label.attributes.items():
            meaning = label.attribute_descriptions.get(attr, "")
            lines.append(f"- {schema_name(attr)}" + (f": {meaning}" if meaning else ""))
            described = label.value_descriptions.get(attr, {})
            for n, value in enumerate(values, start=1):
                text = described.get(value, "")
                lines.append(f"    {n} {schema_name(value)}" + (f": {text}" if text else ""))
        lines.append("")
    lines += ["# " + QCoreApplication.translate("Guidelines", "Links"), ""]
    for rel in schema.relations.values():
        ends = f"{', '.join(rel.sources)} → {', '.join(rel.targets)}"
        lines.append(
            f"- {schema_name(rel.name)} ({ends})"
            + (f": {rel.description}" if rel.description else "")
        )
    return "\n".join(lines) + "\n"


class GuidelinesPanel(QPlainTextEdit):
    """Read-only guidelines text."""

    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidelinesPanel")
        self.setReadOnly(True)
        font = self.font()
        font.setFamilies([*font.families(), ARTICLE_FAMILY])
        self.setFont(font)
        self.setPlainText(guidelines_text(schema))
