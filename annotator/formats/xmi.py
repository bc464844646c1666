"""INCEpTION / WebAnno: one UIMA CAS XMI file per article plus TypeSystem.xml, via dkpro-cassis.

Layers (one UIMA type each, named after the schema):

* span layers ``webanno.custom.Claim``, ``...Source``, ``...Cue``: one String feature
  per schema attribute, plus ``note`` and ``annotator``;
* relation layers ``webanno.custom.AttributedTo``, ``...HasCue``, ``...RelayedBy``,
  ``...SameAs``: features ``Governor`` (from) and ``Dependent`` (to), the names WebAnno
  and INCEpTION give relation ends, with the Dependent's offsets, as they set them;
* DKPro Core ``DocumentMetaData`` (title, id), ``Sentence`` and ``Token`` from
  the shared tokeniser (annotator.core.tokens), which INCEpTION's editor needs; a token
  is split where an annotation starts or ends inside it.

UIMA counts offsets in UTF-16 code units. cassis takes Python (code point) offsets in
its API and converts them to UTF-16 when it writes XMI, and back when it reads, so this
module hands it code points; the writer checks once, with ``OffsetMap``, that the
installed cassis really converts (cassis before the fix of its issue #135, 2020, wrote
code points, which shifted every span after an emoji in INCEpTION).
"""

from __future__ import annotations

import functools
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import Annotation
from annotator.core.offsets import OffsetMap
from annotator.core.schema import Schema
from annotator.core.tokens import sentences, split_at, tokenize
from annotator.formats.common import make_article
from annotator.formats.export_base import (
    ExportDocument,
    ExportError,
    Reporter,
    safe_name,
    title_from_stem,
)
from annotator.formats.records import MAX_ARTICLE_BYTES, ImportRecord, Skip

LAYER_PREFIX = "webanno.custom."
DOCUMENT_META = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
ANNOTATION = "uima.tcas.Annotation"
STRING = "uima.cas.String"
TYPESYSTEM_FILE = "TypeSystem.xml"
GOVERNOR, DEPENDENT = "Governor", "Dependent"
NOTE, ANNOTATOR = "note", "annotator"
# Features every annotation has, and names cassis renames (Python keywords of its API).
_RESERVED_FEATURES = {"begin", "end", "sofa", "self", "type", NOTE, ANNOTATOR, GOVERNOR, DEPENDENT}
# The original schema name, kept in the type's description, so that reading needs no schema.
_MARK = re.compile(r"\[annotator (label|relation) ([A-Za-z][A-Za-z0-9_]*)\]")
# What XML 1.0 can hold; XMI is XML 1.0.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

INSTALL_HINT = "the xmi format needs dkpro-cassis: pip install 'annotator[xmi]'"


def _cassis() -> Any:
    try:
        import cassis
    except ImportError:
        raise ExportError(INSTALL_HINT) from None
    return cassis


def layer_name(name: str) -> str:
    """A schema name as a UIMA type's short name: CLAIM -> Claim, ATTRIBUTED_TO -> AttributedTo."""
    return "".join(part[:1].upper() + part[1:].lower() for part in name.split("_") if part)


def build_typesystem(schema: Schema) -> Any:
    """The UIMA type system of a schema (a cassis TypeSystem)."""
    cassis = _cassis()
    ts = cassis.TypeSystem()
    meta = ts.create_type(DOCUMENT_META, "uima.tcas.DocumentAnnotation")
    for feature in ("documentTitle", "documentId"):
        ts.create_feature(meta, feature, STRING)
    ts.create_type(SENTENCE, ANNOTATION)
    ts.create_type(TOKEN, ANNOTATION)
    types: dict[str, Any] = {}
    used: set[str] = set()
    for label in schema.labels.values():
        for attr in label.attributes:
            if attr in _RESERVED_FEATURES:
                raise ExportError(
                    f"the attribute {label.name}.{attr} has a name UIMA layers reserve; "
                    "rename it in the schema to export xmi"
                )
        layer = ts.create_type(
            _unique(used, label.name),
            ANNOTATION,
            description=f"{label.description} [annotator label {label.name}]".strip(),
        )
        for attr, values in label.attributes.items():
            ts.create_feature(layer, attr, STRING, description="One of: " + ", ".join(values))
        ts.create_feature(layer, NOTE, STRING, description="The annotator's note.")
        ts.create_feature(layer, ANNOTATOR, STRING, description="Who made the annotation.")
        types[label.name] = layer
    for rel in schema.relations.values():
        layer = ts.create_type(
            _unique(used, rel.name),
            ANNOTATION,
            description=f"{rel.description} [annotator relation {rel.name}]".strip(),
        )
        for feature, ends in ((GOVERNOR, rel.sources), (DEPENDENT, rel.targets)):
            # A single label on an end types the feature precisely; several need the supertype.
            ts.create_feature(layer, feature, types[ends[0]] if len(ends) == 1 else ANNOTATION)
        ts.create_feature(layer, ANNOTATOR, STRING, description="Who made the link.")
    return ts


def _unique(used: set[str], name: str) -> str:
    full = LAYER_PREFIX + layer_name(name)
    if full in used:
        raise ExportError(
            f"the schema name {name} and another label or relation map to one layer {full}"
        )
    used.add(full)
    return full


def _xml_text(value: str, what: str) -> str:
    """The article text, which XMI must hold exactly: offsets point into it."""
    bad = _NOT_XML.search(value)
    if bad:
        raise ExportError(
            f"{what} holds U+{ord(bad.group()):04X}, which XML 1.0 (and so XMI) cannot hold"
        )
    return value


def _xml_value(value: str, what: str, report: Reporter) -> str:
    """A feature value: characters XML 1.0 cannot hold become U+FFFD, and are reported."""
    if not _NOT_XML.search(value):
        return value
    report.warn(f"{what} holds control characters that XML 1.0 cannot hold; written as U+FFFD")
    return _NOT_XML.sub("\ufffd", value)


def _pretty(xml: str) -> bytes:
    """Indented XML, for people who open the type system (lxml comes with cassis)."""
    from lxml import etree

    parser = etree.XMLParser(remove_blank_text=True)
    tree = etree.fromstring(xml.encode("utf-8"), parser)
    return etree.tostring(tree, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def _check_cassis_writes_utf16(ts: Any) -> None:
    """Refuse a cassis that writes code point offsets: UIMA readers would shift every span."""
    cassis = _cassis()
    text = "😀 x"
    cas = cassis.Cas(typesystem=ts)
    cas.sofa_string = text
    cas.add(ts.get_type(TOKEN)(begin=2, end=3))
    written = ET.fromstring(cas.to_xmi().encode("utf-8"))
    begins = [int(e.get("begin", -1)) for e in written if e.tag.endswith("}Token")]
    if begins != [OffsetMap(text).to_utf16(2)]:
        raise ExportError(
            f"the installed dkpro-cassis {getattr(cassis, '__version__', '')} does not write "
            "UTF-16 offsets; upgrade it (pip install -U dkpro-cassis)"
        )


class XmiWriter:
    def __init__(self, folder: Path, schema: Schema, report: Reporter) -> None:
        self._cassis = _cassis()
        self._report = report
        self._folder = folder
        self._schema = schema
        self._ts = build_typesystem(schema)
        _check_cassis_writes_utf16(self._ts)
        (folder / TYPESYSTEM_FILE).write_bytes(_pretty(self._ts.to_xml()))

    def write(self, doc: ExportDocument) -> None:
        article = doc.article
        ts = self._ts
        what = f"article {article.id}"
        cas = self._cassis.Cas(typesystem=ts)
        cas.sofa_string = _xml_text(article.text, f"the text of {what}")
        cas.sofa_mime = "text/plain"
        language = article.meta.get("language")
        cas.add(
            ts.get_type(DOCUMENT_META)(
                begin=0,
                end=len(article.text),
                language=language if isinstance(language, str) else "ar",
                documentTitle=_xml_value(article.title, f"the title of {what}", self._report),
                documentId=str(article.id),
            )
        )
        sentence_type, token_type = ts.get_type(SENTENCE), ts.get_type(TOKEN)
        # Tokens are split where an annotation starts or ends inside one, so that a span
        # is always whole tokens in INCEpTION too.
        cuts = {edge for ann in doc.annotations for edge in (ann.start, ann.end)}
        for start, end in sentences(article.text):
            cas.add(sentence_type(begin=start, end=end))
            for tok_start, tok_end in split_at(tokenize(article.text, start, end), cuts):
                cas.add(token_type(begin=tok_start, end=tok_end))
        structures: dict[int, Any] = {}
        for ann in doc.annotations:
            structures[ann.id] = fs = self._span(ann, what)
            cas.add(fs)
        for rel in doc.relations:
            governor, dependent = structures[rel.from_id], structures[rel.to_id]
            layer = ts.get_type(LAYER_PREFIX + layer_name(rel.type))
            cas.add(
                layer(
                    begin=dependent.begin,
                    end=dependent.end,
                    Governor=governor,
                    Dependent=dependent,
                    annotator=_xml_value(rel.annotator, f"relation {rel.id}", self._report) or None,
                )
            )
        path = self._folder / f"{safe_name(article.id, article.title)}.xmi"
        cas.to_xmi(path, pretty_print=True)

    def _span(self, ann: Annotation, what: str) -> Any:
        layer = self._ts.get_type(LAYER_PREFIX + layer_name(ann.label))
        where = f"annotation {ann.id} of {what}"
        features = {
            name: _xml_value(str(value), where, self._report)
            for name, value in ann.attributes.items()
            if value is not None
        }
        return layer(
            begin=ann.start,
            end=ann.end,
            note=_xml_value(ann.note, where, self._report) or None,
            annotator=_xml_value(ann.annotator, where, self._report) or None,
            **features,
        )

    def close(self) -> None:
        pass


# ------------------------------------------------------------------- reading


def find_typesystem(folder: Path) -> Path | None:
    for candidate in (folder / TYPESYSTEM_FILE, folder / "typesystem.xml"):
        if candidate.is_file():
            return candidate
    return None


@functools.lru_cache(maxsize=8)
def _load_typesystem(path: Path, mtime_ns: int) -> Any:
    with path.open("rb") as fh:
        return _cassis().load_typesystem(fh)


def read_xmi(path: Path, fold_presentation: bool = True) -> Iterator[ImportRecord | Skip]:
    """One article from an XMI file, with the TypeSystem.xml beside it.

    Every ``webanno.custom`` span layer becomes a label (its schema name is taken from
    the type's description, else from the type name: Claim -> CLAIM), its String
    features attributes; relation layers (with Governor and Dependent) become links.
    """
    where = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Skip(where, f"cannot be read ({exc.strerror})")
        return
    if size > 4 * MAX_ARTICLE_BYTES:
        yield Skip(where, f"{size:,} bytes is larger than the limit for one article", size)
        return
    ts_path = find_typesystem(path.parent)
    if ts_path is None:
        yield Skip(
            where, f"no {TYPESYSTEM_FILE} beside it (UIMA needs the type system to read XMI)", size
        )
        return
    try:
        cassis = _cassis()
        ts = _load_typesystem(ts_path, ts_path.stat().st_mtime_ns)
        with path.open("rb") as fh:
            cas = cassis.load_cas_from_xmi(io.BytesIO(fh.read()), typesystem=ts, lenient=True)
        record = _record(path, cas, ts, fold_presentation, size)
    except ExportError as exc:
        yield Skip(where, str(exc), size)
        return
    except InputError as exc:
        yield Skip(where, str(exc).removeprefix(f"{where}: "), size)
        return
    except Exception as exc:  # noqa: BLE001 - lxml and cassis raise many kinds; each is one bad file
        yield Skip(where, f"cannot be read as UIMA CAS XMI ({type(exc).__name__}: {exc})", size)
        return
    yield record


def _schema_name(layer: Any) -> tuple[str, str] | None:
    if not layer.name.startswith(LAYER_PREFIX):
        return None
    names = {f.name for f in layer.all_features}
    kind = "relation" if {GOVERNOR, DEPENDENT} <= names else "label"
    match = _MARK.search(layer.description or "")
    if match and match.group(1) == kind:
        return kind, match.group(2)
    short = layer.name.removeprefix(LAYER_PREFIX)
    return kind, re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", short).upper()


def _record(path: Path, cas: Any, ts: Any, fold: bool, size: int) -> ImportRecord:
    where = str(path)
    text = cas.sofa_string
    if not isinstance(text, str):
        raise InputError(f"{where}: the CAS has no text")
    title = title_from_stem(path.stem)
    if ts.contains_type(DOCUMENT_META):
        for meta in cas.select(DOCUMENT_META):
            title = meta.get("documentTitle") or title
    span_layers: list[tuple[Any, str]] = []
    rel_layers: list[tuple[Any, str]] = []
    for layer in ts.get_types():
        named = _schema_name(layer)
        if named:
            (rel_layers if named[0] == "relation" else span_layers).append((layer, named[1]))
    found: list[tuple[int, dict[str, Any]]] = []
    for layer, label in span_layers:
        own = [f.name for f in layer.features if f.name not in _RESERVED_FEATURES]
        for fs in cas.select(layer):
            attributes = {name: fs.get(name) for name in own if fs.get(name) is not None}
            found.append(
                (
                    fs.xmiID,
                    {
                        "id": fs.xmiID,
                        "label": label,
                        "start": fs.begin,
                        "end": fs.end,
                        "text": text[fs.begin : fs.end],
                        "attributes": attributes,
                        "note": fs.get(NOTE) or "",
                        "annotator": fs.get(ANNOTATOR) or "",
                    },
                )
            )
    annotations = [ann for _, ann in sorted(found, key=lambda pair: pair[0])]
    relations: list[tuple[int, dict[str, Any]]] = []
    for layer, rel_type in rel_layers:
        for fs in cas.select(layer):
            governor, dependent = fs.get(GOVERNOR), fs.get(DEPENDENT)
            if governor is None or dependent is None:
                raise InputError(f"{where}: a {rel_type} link (xmi:id {fs.xmiID}) lacks an end")
            relations.append(
                (
                    fs.xmiID,
                    {
                        "id": fs.xmiID,
                        "type": rel_type,
                        "from": governor.xmiID,
                        "to": dependent.xmiID,
                        "annotator": fs.get(ANNOTATOR) or "",
                    },
                )
            )
    article = make_article(
        text, where, fold, fields={"title": title}, meta={"file": path.name, "format": "xmi"}
    )
    if annotations and article.text != text:
        raise InputError(
            f"{where}: the text is not in canonical form (line ends, NFC or presentation "
            "forms), so its offsets cannot be trusted"
        )
    if annotations:
        # Annotated work, not a fresh article (the importer sets the status it is given).
        article = replace(article, status="in_progress")
    links = [rel for _, rel in sorted(relations, key=lambda pair: pair[0])]
    return ImportRecord(article, where, annotations, links, size)
