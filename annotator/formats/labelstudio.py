"""Label Studio: a JSON list of tasks with their annotations, and a matching labeling config.

Offsets are code points. Label Studio's text tag counts ``[...text]`` (JavaScript's
iteration by code point) when it turns a selection into ``start``/``end`` and back
(web/libs/editor/src/utils/selection-tools.js: charsToCodePoints / codePointsToChars,
and DomManager for the current text tag), so Python string offsets are what it expects.
Releases before that fix (label-studio-frontend PR #308, 2022) counted UTF-16 units
(issues #1008, #1347): import into a current release.

Each task holds one Label Studio annotation per annotator (names in ``meta.annotators``
in the same order). A span is a ``labels`` result; each attribute is a ``choices``
result and a note a ``textarea`` result with the span's id (Label Studio's per-region
form); a link is a ``relation`` result.
"""

from __future__ import annotations

import json
from typing import Any, TextIO
from xml.sax.saxutils import quoteattr

from annotator.core.model import Annotation
from annotator.core.schema import Schema
from annotator.formats.export_base import ExportDocument, Reporter

SPAN_CONTROL = "label"
TEXT_OBJECT = "text"


def region_id(ann: Annotation) -> str:
    return f"a{ann.id}"


def note_control(schema: Schema) -> str:
    """The name of the per-region text area that holds notes (never an attribute's name)."""
    names = set(schema.all_attribute_names())
    name = "note"
    while name in names:
        name = "_" + name
    return name


def _span_results(ann: Annotation, note_name: str) -> list[dict[str, Any]]:
    where = {"start": ann.start, "end": ann.end}
    results: list[dict[str, Any]] = [
        {
            "id": region_id(ann),
            "from_name": SPAN_CONTROL,
            "to_name": TEXT_OBJECT,
            "type": "labels",
            "value": {**where, "text": ann.text, "labels": [ann.label]},
        }
    ]
    for name, value in ann.attributes.items():
        if value is None:
            continue
        results.append(
            {
                "id": region_id(ann),
                "from_name": name,
                "to_name": TEXT_OBJECT,
                "type": "choices",
                "value": {**where, "choices": [str(value)]},
            }
        )
    if ann.note:
        results.append(
            {
                "id": region_id(ann),
                "from_name": note_name,
                "to_name": TEXT_OBJECT,
                "type": "textarea",
                "value": {**where, "text": [ann.note]},
            }
        )
    return results


class LabelStudioWriter:
    def __init__(self, fh: TextIO, schema: Schema, report: Reporter) -> None:
        self._fh = fh
        self._note = note_control(schema)
        self._report = report
        self._count = 0

    def task(self, doc: ExportDocument) -> dict[str, Any]:
        article = doc.article
        by_annotator: dict[str, list[Annotation]] = {}
        for ann in doc.annotations:
            by_annotator.setdefault(ann.annotator, []).append(ann)
        owner = {a.id: a.annotator for a in doc.annotations}
        names = sorted(by_annotator)
        annotations = []
        for name in names:
            result: list[dict[str, Any]] = []
            for ann in by_annotator[name]:
                result.extend(_span_results(ann, self._note))
            for rel in doc.relations:
                if owner[rel.from_id] != name:
                    continue
                if owner[rel.to_id] != name:
                    self._report.warn(
                        f"article {article.id}, relation {rel.id} ({rel.type}) links the work "
                        f"of {name or '(no name)'} to that of {owner[rel.to_id] or '(no name)'}; "
                        "a Label Studio annotation holds one annotator's regions, so it is left out"
                    )
                    continue
                result.append(
                    {
                        "from_id": f"a{rel.from_id}",
                        "to_id": f"a{rel.to_id}",
                        "type": "relation",
                        "direction": "right",
                        "labels": [rel.type],
                    }
                )
            annotations.append({"result": result, "ground_truth": False})
        return {
            "data": {
                TEXT_OBJECT: article.text,
                "title": article.title,
                "article_id": article.id,
                "source": article.source,
                "url": article.url,
                "published": article.published,
            },
            "meta": {"annotators": names, "status": article.status, "offsets": "codepoint"},
            "annotations": annotations,
        } | self._predictions(doc)

    def _predictions(self, doc: ExportDocument) -> dict[str, Any]:
        """Pending suggestions as one Label Studio prediction (--include-suggestions)."""
        if not doc.suggestions:
            return {}
        result: list[dict[str, Any]] = []
        for suggestion in doc.suggestions:
            for item in _span_results(suggestion, self._note):
                result.append(item | {"score": doc.suggestion_scores.get(suggestion.id, 0.5)})
        for rel in doc.suggestion_relations:
            result.append(
                {
                    "from_id": f"a{rel.from_id}",
                    "to_id": f"a{rel.to_id}",
                    "type": "relation",
                    "direction": "right",
                    "labels": [rel.type],
                }
            )
        scores = list(doc.suggestion_scores.values()) or [0.5]
        model = "+".join(sorted({s.annotator for s in doc.suggestions}))
        return {
            "predictions": [
                {"model_version": model, "score": sum(scores) / len(scores), "result": result}
            ]
        }

    def write(self, doc: ExportDocument) -> None:
        self._fh.write("[\n" if self._count == 0 else ",\n")
        self._fh.write(json.dumps(self.task(doc), ensure_ascii=False, indent=2))
        self._count += 1

    def close(self) -> None:
        self._fh.write("\n]\n" if self._count else "[]\n")


def labeling_config(schema: Schema) -> str:
    """A Label Studio labeling config (XML) whose names match what ``LabelStudioWriter`` writes.

    Paste it into the project's Settings > Labeling Interface before importing the tasks.
    """
    lines = [
        "<View>",
        # Keep every space and line break (offsets count them) and read right to left.
        "  <Style>.htx-text { white-space: pre-wrap; direction: rtl;"
        " unicode-bidi: plaintext; }</Style>",
        f'  <Labels name="{SPAN_CONTROL}" toName="{TEXT_OBJECT}">',
    ]
    for label in schema.labels.values():
        lines.append(
            f"    <Label value={quoteattr(label.name)} background={quoteattr(label.color)}"
            f" hotkey={quoteattr(label.key)}/>"
        )
    lines.append("  </Labels>")
    lines.append(f'  <Text name="{TEXT_OBJECT}" value="${TEXT_OBJECT}"/>')
    if schema.relations:
        lines.append("  <Relations>")
        lines.extend(f"    <Relation value={quoteattr(r)}/>" for r in schema.relations)
        lines.append("  </Relations>")
    table = schema.attribute_table()
    owners = {attr: labels for attr, (labels, _) in table.items()}
    values = {attr: allowed for attr, (_, allowed) in table.items()}
    for attr, labels in owners.items():
        # Show the choice only on regions of the labels that have the attribute.
        when = f" whenLabelValue={quoteattr(','.join(labels))}" if len(labels) == 1 else ""
        lines.append(f'  <View visibleWhen="region-selected"{when}>')
        lines.append(f"    <Header value={quoteattr(attr)}/>")
        lines.append(
            f'    <Choices name={quoteattr(attr)} toName="{TEXT_OBJECT}" perRegion="true"'
            ' choice="single-radio" showInline="true">'
        )
        lines.extend(f"      <Choice value={quoteattr(v)}/>" for v in values[attr])
        lines.append("    </Choices>")
        lines.append("  </View>")
    lines.append('  <View visibleWhen="region-selected">')
    lines.append(
        f'    <TextArea name={quoteattr(note_control(schema))} toName="{TEXT_OBJECT}"'
        ' perRegion="true" editable="true" maxSubmissions="1" placeholder="note"/>'
    )
    lines.append("  </View>")
    lines.append("</View>")
    return "\n".join(lines) + "\n"


class LabelStudioConfigWriter:
    """Writes the labeling config once; the articles themselves are not needed."""

    def __init__(self, fh: TextIO, schema: Schema) -> None:
        fh.write(labeling_config(schema))

    def write(self, doc: ExportDocument) -> None:
        pass

    def close(self) -> None:
        pass
