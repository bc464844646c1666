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
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO
from xml.sax.saxutils import quoteattr

from annotator.core.errors import InputError
from annotator.core.model import Annotation
from annotator.core.records import MAX_ARTICLE_BYTES, ImportRecord, LinkRecord, Skip, SpanRecord
from annotator.core.schema import Schema
from annotator.formats.base import ExportDocument, ExportOptions, ImportOptions, Reporter
from annotator.formats.common import make_article

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
    def __init__(
        self, fh: TextIO, schema: Schema, report: Reporter, as_: str = "annotations"
    ) -> None:
        self._as = as_
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
            entry: dict[str, Any] = {"result": result}
            if self._as == "predictions":
                # Pre-annotations: one prediction per annotator, named by model_version.
                entry = {"model_version": name or "annotator", "result": result}
            else:
                entry["ground_truth"] = False
            annotations.append(entry)
        task: dict[str, Any] = {
            "data": {
                TEXT_OBJECT: article.text,
                "title": article.title,
                "article_id": article.id,
                "source": article.source,
                "url": article.url,
                "published": article.published,
            },
            "meta": {"annotators": names, "status": article.status, "offsets": "codepoint"},
            self._as: annotations,
        }
        suggested = self._predictions(doc)
        if suggested is not None:
            # With --labelstudio-as predictions, the suggestions are one prediction more.
            task.setdefault("predictions", []).append(suggested)
        return task

    def _predictions(self, doc: ExportDocument) -> dict[str, Any] | None:
        """Pending suggestions as one Label Studio prediction (--include-suggestions)."""
        if not doc.suggestions:
            return None
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
        return {"model_version": model, "score": sum(scores) / len(scores), "result": result}

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
        # Label Studio 1.23 renders <Text> as .lsf-richtext__container.htx-richtext;
        # .htx-text is the class of releases before it.
        "  <Style>.lsf-richtext__container.htx-richtext, .htx-richtext, .htx-text"
        " { white-space: pre-wrap; direction: rtl; unicode-bidi: plaintext; }</Style>",
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


def writer(
    fh: TextIO, schema: Schema, report: Reporter, options: ExportOptions
) -> LabelStudioWriter:
    return LabelStudioWriter(fh, schema, report, options.labelstudio_as)


def config_writer(
    fh: TextIO, schema: Schema, report: Reporter, options: ExportOptions
) -> LabelStudioConfigWriter:
    return LabelStudioConfigWriter(fh, schema)


# ------------------------------------------------------------------- reading


def read(path: Path, options: ImportOptions) -> Iterator[ImportRecord | Skip]:
    """Tasks from a Label Studio JSON export (a list of tasks, or one task).

    Each ``labels`` region becomes an annotation (one per label it holds), a per-region
    ``choices`` result an attribute, a ``textarea`` result the note, a ``relation``
    result a link. Each Label Studio annotation is one annotator's work: the name is
    taken from ``meta.annotators`` (as annotator writes it), else from
    ``completed_by`` (its e-mail), else ``--annotator``. Offsets are code points.
    """
    where = str(path)
    try:
        size = path.stat().st_size
        if size > 4 * MAX_ARTICLE_BYTES:
            yield Skip(where, f"{size:,} bytes is larger than the limit for a Label Studio file")
            return
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        yield Skip(where, f"cannot be read ({exc.strerror})")
        return
    except UnicodeDecodeError as exc:
        yield Skip(where, f"is not UTF-8 (byte {exc.start})")
        return
    except json.JSONDecodeError as exc:
        yield Skip(where, f"malformed JSON ({exc.msg} at line {exc.lineno})")
        return
    tasks = data if isinstance(data, list) else [data]
    for n, task in enumerate(tasks, 1):
        task_where = f"{where}: task {n}"
        try:
            yield _task(task, task_where, options, size // max(len(tasks), 1))
        except InputError as exc:
            yield Skip(task_where, str(exc).removeprefix(f"{task_where}: "))


def _task(task: Any, where: str, options: ImportOptions, size: int) -> ImportRecord:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise InputError(f"{where}: not a Label Studio task (no 'data' object)")
    data = task["data"]
    raw = data.get(TEXT_OBJECT)
    if not isinstance(raw, str):
        raw = next((v for v in data.values() if isinstance(v, str) and v.strip()), None)
    if raw is None:
        raise InputError(f"{where}: the task's data has no text")
    fields = {k: data[k] for k in ("title", "source", "url", "published") if k in data}
    meta: dict[str, Any] = task["meta"] if isinstance(task.get("meta"), dict) else {}
    article = make_article(raw, where, options.fold_presentation, fields, {"format": "labelstudio"})
    names: list[Any] = meta["annotators"] if isinstance(meta.get("annotators"), list) else []
    works: list[tuple[str, Any]] = []
    for i, entry in enumerate(task.get("annotations") or []):
        if not isinstance(entry, dict) or entry.get("was_cancelled"):
            continue
        works.append((_who(entry, names, i, options), entry.get("result") or []))
    predictions = [
        e for e in task.get("predictions") or [] if isinstance(e, dict) and e.get("result")
    ]
    if predictions and not options.labelstudio_predictions:
        raise InputError(
            f"{where}: holds {len(predictions)} prediction(s) (pre-annotations); add "
            "--labelstudio-predictions to import them as annotations"
        )
    for entry in predictions:
        works.append((str(entry.get("model_version") or ""), entry.get("result") or []))
    spans: list[SpanRecord] = []
    links: list[LinkRecord] = []
    for i, (who, result) in enumerate(works):
        _results(result, raw, f"{i}:", who, where, spans, links)
    if spans and article.text != raw:
        raise InputError(
            f"{where}: the text is not in canonical form, so its offsets cannot be trusted"
        )
    if spans:
        article = replace(article, status="in_progress")
    return ImportRecord(article, where, spans, links, size)


def _who(entry: dict[str, Any], names: list[Any], index: int, options: ImportOptions) -> str:
    if index < len(names) and isinstance(names[index], str):
        return names[index]
    person = entry.get("completed_by")
    if isinstance(person, dict):
        full = " ".join(str(person.get(k) or "") for k in ("first_name", "last_name")).strip()
        return str(person.get("email") or full or options.annotator or "")
    if options.annotator:
        return options.annotator
    return f"labelstudio user {person}" if person is not None else ""


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _results(
    result: Any,
    text: str,
    prefix: str,
    who: str,
    where: str,
    spans: list[SpanRecord],
    links: list[LinkRecord],
) -> None:
    if not isinstance(result, list):
        raise InputError(f"{where}: 'result' must be a list")
    regions: dict[str, list[int]] = {}
    extras: list[dict[str, Any]] = []
    for item in result:
        if not isinstance(item, dict):
            raise InputError(f"{where}: a result must be an object")
        kind = item.get("type")
        if kind == "labels":
            value = item.get("value") or {}
            start, end = value.get("start"), value.get("end")
            if not (_whole(start) and _whole(end)):
                raise InputError(f"{where}: region {item.get('id')} has no whole start and end")
            assert isinstance(start, int) and isinstance(end, int)
            if not 0 <= start < end <= len(text):
                raise InputError(f"{where}: region {item.get('id')} {start}-{end} is off the text")
            if "text" in value and value["text"] != text[start:end]:
                raise InputError(
                    f"{where}: region {item.get('id')} text {value['text']!r} does not match "
                    f"the task text at {start}-{end} ({text[start:end]!r})"
                )
            for label in value.get("labels") or []:
                regions.setdefault(str(item.get("id")), []).append(len(spans))
                key = f"{prefix}{item.get('id')}" + ("" if len(value["labels"]) == 1 else label)
                spans.append(SpanRecord(key, label, start, end, text[start:end], annotator=who))
        else:
            extras.append(item)
    for item in extras:
        kind = item.get("type")
        if kind == "relation":
            first = regions.get(str(item.get("from_id")))
            second = regions.get(str(item.get("to_id")))
            if not first or not second:
                raise InputError(f"{where}: a relation links a region that is not in the result")
            for rel_type in item.get("labels") or []:
                for a in first:
                    for b in second:
                        links.append(LinkRecord(rel_type, spans[a].key, spans[b].key, who))
            if not item.get("labels"):
                raise InputError(
                    f"{where}: a relation between {item.get('from_id')} and "
                    f"{item.get('to_id')} has no label; give it one in Label Studio"
                )
        elif kind in ("choices", "textarea"):
            owners = regions.get(str(item.get("id")))
            if not owners:
                continue  # a choice about the whole task, not a region: nothing to map
            value = item.get("value") or {}
            for k in owners:
                span = spans[k]
                if kind == "choices":
                    chosen = value.get("choices") or []
                    attributes = dict(span.attributes)
                    attributes[str(item.get("from_name"))] = chosen[0] if chosen else None
                    spans[k] = replace(span, attributes=attributes)
                else:
                    lines = value.get("text") or []
                    spans[k] = replace(span, note="\n".join(str(x) for x in lines))
