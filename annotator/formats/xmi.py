"""INCEpTION / WebAnno: one UIMA CAS XMI file per article plus TypeSystem.xml, via dkpro-cassis.

Layers, in the shape INCEpTION can create (a relation layer attaches to one span layer
only, so all labels share one span layer, as its maintainers advise in inception#1319):

* one span layer ``webanno.custom.Span``: a String feature ``label`` (CLAIM, SOURCE,
  CUE), one String feature per schema attribute, ``note`` and ``annotator``;
* one relation layer ``webanno.custom.Link`` attached to it: ``Governor`` (from) and
  ``Dependent`` (to), the names INCEpTION gives relation ends, with the Dependent's
  offsets as it sets them, and String features ``label`` (ATTRIBUTED_TO, HAS_CUE, ...)
  and ``annotator``;
* DKPro Core ``DocumentMetaData`` (title, id), ``Sentence`` and ``Token`` from
  the shared tokeniser (annotator.core.tokens), which INCEpTION's editor needs; a token
  is split where an annotation starts or ends inside it.

INCEpTION reads XMI leniently against its project's own layers: a layer or feature the
project lacks is dropped without a word. So the export writes ``INCEPTION-LAYERS.txt``
beside the files, the numbered setup of these layers, and says how many spans need
which layer setting (character granularity, crossing sentences, overlap, stacking).

Reading takes this shape, INCEpTION's per-document export ZIPs (the .xmi files and
TypeSystem.xml inside), and the older shape of one layer per label and per relation.

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
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import Annotation
from annotator.core.offsets import OffsetMap
from annotator.core.records import (
    MAX_ARTICLE_BYTES,
    ImportRecord,
    Skip,
    links_from_native,
    spans_from_native,
)
from annotator.core.schema import Schema
from annotator.core.tokens import sentences, split_at, tokenize
from annotator.formats.base import (
    ExportDocument,
    ExportError,
    ExportOptions,
    ImportOptions,
    Reporter,
    safe_name,
    title_from_stem,
)
from annotator.formats.common import make_article

LAYER_PREFIX = "webanno.custom."
DOCUMENT_META = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
ANNOTATION = "uima.tcas.Annotation"
STRING = "uima.cas.String"
TYPESYSTEM_FILE = "TypeSystem.xml"
GOVERNOR, DEPENDENT = "Governor", "Dependent"
NOTE, ANNOTATOR, LABEL = "note", "annotator", "label"
SPAN_LAYER = LAYER_PREFIX + "Span"
LINK_LAYER = LAYER_PREFIX + "Link"
LAYERS_FILE = "INCEPTION-LAYERS.txt"
# Features every annotation has, and names cassis renames (Python keywords of its API).
_RESERVED_FEATURES = {
    "begin",
    "end",
    "sofa",
    "self",
    "type",
    NOTE,
    ANNOTATOR,
    GOVERNOR,
    DEPENDENT,
    LABEL,
}
# The original schema name, kept in the type's description, so that reading needs no schema.
_MARK = re.compile(r"\[annotator (label|relation) ([A-Za-z][A-Za-z0-9_]*)\]")
# What XML 1.0 can hold; XMI is XML 1.0.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

INSTALL_HINT = (
    "the xmi format needs dkpro-cassis, which annotator installs: pip install dkpro-cassis"
)


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
    """The UIMA type system of a schema (a cassis TypeSystem): one span, one relation layer."""
    cassis = _cassis()
    ts = cassis.TypeSystem()
    meta = ts.create_type(DOCUMENT_META, "uima.tcas.DocumentAnnotation")
    for feature in ("documentTitle", "documentId"):
        ts.create_feature(meta, feature, STRING)
    ts.create_type(SENTENCE, ANNOTATION)
    ts.create_type(TOKEN, ANNOTATION)
    table = schema.attribute_table()
    for attr, (labels, _) in table.items():
        if attr in _RESERVED_FEATURES:
            raise ExportError(
                f"the attribute {'/'.join(labels)}.{attr} has a name UIMA layers reserve; "
                "rename it in the schema to export xmi"
            )
    span = ts.create_type(
        SPAN_LAYER, ANNOTATION, description="annotator spans; the label feature names the label."
    )
    ts.create_feature(span, LABEL, STRING, description="One of: " + ", ".join(schema.labels))
    for attr, (labels, values) in table.items():
        ts.create_feature(
            span,
            attr,
            STRING,
            description=f"On {', '.join(labels)}; one of: " + ", ".join(values),
        )
    ts.create_feature(span, NOTE, STRING, description="The annotator's note.")
    ts.create_feature(span, ANNOTATOR, STRING, description="Who made the annotation.")
    link = ts.create_type(
        LINK_LAYER, ANNOTATION, description="annotator links; the label feature names the type."
    )
    ts.create_feature(link, GOVERNOR, span)
    ts.create_feature(link, DEPENDENT, span)
    ts.create_feature(link, LABEL, STRING, description="One of: " + ", ".join(schema.relations))
    ts.create_feature(link, ANNOTATOR, STRING, description="Who made the link.")
    return ts


def layer_settings(schema: Schema, counts: dict[str, int] | None = None) -> str:
    """The numbered INCEpTION setup for these layers (Project settings > Layers)."""
    table = schema.attribute_table()
    counts = counts or {}
    lines = [
        "Create these two layers in the INCEpTION project before importing the .xmi files",
        "(Settings > Layers > Create). INCEpTION drops, without a word, every layer and",
        "feature the project lacks, so names must be exactly as written here.",
        "",
        "1. Create a layer: Name Span, Type Span. Save it. Its internal name must read",
        f"   {SPAN_LAYER}.",
        "2. On the Span layer set:",
        f"   - Granularity: Character-level ({counts.get('character', 0)} span(s) of this "
        "export do not start and end on token edges; token-level would move them);",
        f"   - Allow crossing sentence boundaries: on ({counts.get('crossing', 0)} span(s) "
        "cross one);",
        f"   - Overlap: Any overlap ({counts.get('overlap', 0)} span(s) overlap another, "
        f"{counts.get('stacking', 0)} share their exact offsets with another: stacking).",
        "3. Add to the Span layer these features, each of type Primitive: String:",
        f"   - label (tagset: {', '.join(schema.labels)});",
        *[f"   - {attr} (values: {', '.join(values)});" for attr, (_, values) in table.items()],
        "   - note;",
        "   - annotator.",
        "4. Create a layer: Name Link, Type Relation, Attach to layer: Span. Save it. Its",
        f"   internal name must read {LINK_LAYER}.",
        "5. On the Link layer set Overlap: Any overlap, and add the features (Primitive:",
        "   String):",
        f"   - label (tagset: {', '.join(schema.relations)});",
        "   - annotator.",
        "6. Import the .xmi files (Settings > Documents, format UIMA CAS XMI (XML 1.0)).",
        "   TypeSystem.xml beside them holds the same layers.",
    ]
    return "\n".join(lines) + "\n"


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
        self._counts = {"character": 0, "crossing": 0, "overlap": 0, "stacking": 0}

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
        sentence_spans = sentences(article.text)
        token_spans: list[tuple[int, int]] = []
        for start, end in sentence_spans:
            cas.add(sentence_type(begin=start, end=end))
            for tok_start, tok_end in split_at(tokenize(article.text, start, end), cuts):
                cas.add(token_type(begin=tok_start, end=tok_end))
                token_spans.append((tok_start, tok_end))
        self._count_settings(doc, sentence_spans, token_spans)
        structures: dict[int, Any] = {}
        for ann in doc.annotations:
            structures[ann.id] = fs = self._span(ann, what)
            cas.add(fs)
        layer = ts.get_type(LINK_LAYER)
        for rel in doc.relations:
            governor, dependent = structures[rel.from_id], structures[rel.to_id]
            cas.add(
                layer(
                    begin=dependent.begin,
                    end=dependent.end,
                    Governor=governor,
                    Dependent=dependent,
                    label=rel.type,
                    annotator=_xml_value(rel.annotator, f"relation {rel.id}", self._report) or None,
                )
            )
        path = self._folder / f"{safe_name(article.id, article.title)}.xmi"
        cas.to_xmi(path, pretty_print=True)

    def _count_settings(
        self,
        doc: ExportDocument,
        sentence_spans: list[tuple[int, int]],
        token_spans: list[tuple[int, int]],
    ) -> None:
        """Count the spans that need a layer setting beyond INCEpTION's defaults."""
        starts = {s for s, _ in token_spans}
        ends = {e for _, e in token_spans}
        seen: set[tuple[int, int]] = set()
        for ann in doc.annotations:
            if ann.start not in starts or ann.end not in ends:
                self._counts["character"] += 1
            if not any(s <= ann.start and ann.end <= e for s, e in sentence_spans):
                self._counts["crossing"] += 1
            if (ann.start, ann.end) in seen:
                self._counts["stacking"] += 1
            elif any(
                o is not ann and o.start < ann.end and ann.start < o.end for o in doc.annotations
            ):
                self._counts["overlap"] += 1
            seen.add((ann.start, ann.end))

    def _span(self, ann: Annotation, what: str) -> Any:
        layer = self._ts.get_type(SPAN_LAYER)
        where = f"annotation {ann.id} of {what}"
        features = {
            name: _xml_value(str(value), where, self._report)
            for name, value in ann.attributes.items()
            if value is not None
        }
        return layer(
            begin=ann.start,
            end=ann.end,
            label=ann.label,
            note=_xml_value(ann.note, where, self._report) or None,
            annotator=_xml_value(ann.annotator, where, self._report) or None,
            **features,
        )

    def close(self) -> None:
        counts = self._counts
        (self._folder / LAYERS_FILE).write_text(
            layer_settings(self._schema, counts), encoding="utf-8"
        )
        self._report.note(
            f"INCEpTION needs the layers of {LAYERS_FILE} before import: "
            f"{counts['character']} span(s) need character-level granularity, "
            f"{counts['crossing']} crossing sentence boundaries, {counts['overlap']} overlap "
            f"and {counts['stacking']} stacking"
        )


def writer(folder: Path, schema: Schema, report: Reporter, options: ExportOptions) -> XmiWriter:
    return XmiWriter(folder, schema, report)


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
    A layer with a ``label`` feature (``webanno.custom.Span`` and ``...Link``) takes
    each label or link type from that feature.
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
        ts = _load_typesystem(ts_path, ts_path.stat().st_mtime_ns)
        data = path.read_bytes()
    except ExportError as exc:
        yield Skip(where, str(exc), size)
        return
    except Exception as exc:  # noqa: BLE001 - lxml and cassis raise many kinds; each is one bad file
        yield Skip(where, f"cannot be read as a UIMA type system ({type(exc).__name__}: {exc})")
        return
    yield _from_bytes(data, ts, where, path.name, path.stem, fold_presentation, size)


def _from_bytes(
    data: bytes, ts: Any, where: str, name: str, stem: str, fold: bool, size: int, who: str = ""
) -> ImportRecord | Skip:
    try:
        cassis = _cassis()
        cas = cassis.load_cas_from_xmi(io.BytesIO(data), typesystem=ts, lenient=True)
        return _record(where, name, stem, cas, ts, fold, size, who)
    except ExportError as exc:
        return Skip(where, str(exc), size)
    except InputError as exc:
        return Skip(where, str(exc).removeprefix(f"{where}: "), size)
    except Exception as exc:  # noqa: BLE001 - lxml and cassis raise many kinds; each is one bad file
        return Skip(where, f"cannot be read as UIMA CAS XMI ({type(exc).__name__}: {exc})", size)


def read_zip(path: Path, fold_presentation: bool = True) -> Iterator[ImportRecord | Skip]:
    """The .xmi files of an INCEpTION export ZIP, each with the TypeSystem.xml of its folder.

    A per-document export holds NAME.xmi and TypeSystem.xml; a ZIP inside the ZIP (as
    a project export nests them) is read the same way. A file under
    ``annotation/DOCUMENT/USER.xmi`` is USER's work.
    """
    where = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        yield Skip(where, f"cannot be read as a ZIP archive ({exc})")
        return
    with archive:
        yield from _zip_members(archive, where, fold_presentation, depth=0)


def _zip_members(
    archive: zipfile.ZipFile, where: str, fold: bool, depth: int
) -> Iterator[ImportRecord | Skip]:
    infos = [i for i in archive.infolist() if not i.is_dir()]
    by_folder: dict[str, Any] = {}
    for info in infos:
        member = PurePosixPath(info.filename)
        if member.name.lower() == TYPESYSTEM_FILE.lower():
            try:
                by_folder[str(member.parent)] = _cassis().load_typesystem(
                    io.BytesIO(archive.read(info))
                )
            except ExportError:
                raise
            except Exception as exc:  # noqa: BLE001 - one bad member
                yield Skip(f"{where}!{info.filename}", f"cannot be read as a type system ({exc})")
    found = False
    for info in infos:
        member = PurePosixPath(info.filename)
        inner = f"{where}!{info.filename}"
        suffix = member.suffix.lower()
        if info.file_size > 4 * MAX_ARTICLE_BYTES and suffix in (".xmi", ".zip"):
            yield Skip(inner, f"{info.file_size:,} bytes is larger than the limit for one article")
            continue
        if suffix == ".zip" and depth == 0:
            found = True
            try:
                nested = zipfile.ZipFile(io.BytesIO(archive.read(info)))
            except zipfile.BadZipFile as exc:
                yield Skip(inner, f"cannot be read as a ZIP archive ({exc})")
                continue
            with nested:
                yield from _zip_members(nested, inner, fold, depth + 1)
        elif suffix == ".xmi":
            found = True
            ts = by_folder.get(str(member.parent))
            if ts is None and len(by_folder) == 1:
                ts = next(iter(by_folder.values()))
            if ts is None:
                yield Skip(inner, f"no {TYPESYSTEM_FILE} beside it in the ZIP")
                continue
            parts = member.parts
            who = member.stem if len(parts) >= 3 and parts[-3] == "annotation" else ""
            stem = parts[-2] if who else member.stem
            yield _from_bytes(
                archive.read(info), ts, inner, member.name, stem, fold, info.file_size, who
            )
    if not found:
        yield Skip(where, "holds no .xmi file (is it an INCEpTION export in UIMA CAS XMI?)")


def read(path: Path, options: ImportOptions) -> Iterator[ImportRecord | Skip]:
    if path.suffix.lower() == ".zip":
        yield from read_zip(path, options.fold_presentation)
    else:
        yield from read_xmi(path, options.fold_presentation)


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


def _record(
    where: str, name: str, stem: str, cas: Any, ts: Any, fold: bool, size: int, who: str = ""
) -> ImportRecord:
    text = cas.sofa_string
    if not isinstance(text, str):
        raise InputError(f"{where}: the CAS has no text")
    title = title_from_stem(stem)
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
        own = [f.name for f in layer.all_features if f.name not in _RESERVED_FEATURES]
        labelled = any(f.name == LABEL for f in layer.all_features)
        for fs in cas.select(layer):
            if labelled and not fs.get(LABEL):
                raise InputError(f"{where}: a {layer.name} span (xmi:id {fs.xmiID}) has no label")
            attributes = {
                key: fs.get(key)
                for key in own
                if fs.get(key) is not None and isinstance(fs.get(key), str)
            }
            found.append(
                (
                    fs.xmiID,
                    {
                        "id": fs.xmiID,
                        "label": fs.get(LABEL) if labelled else label,
                        "start": fs.begin,
                        "end": fs.end,
                        "text": text[fs.begin : fs.end],
                        "attributes": attributes,
                        "note": fs.get(NOTE) or "",
                        "annotator": fs.get(ANNOTATOR) or who,
                    },
                )
            )
    annotations = [ann for _, ann in sorted(found, key=lambda pair: pair[0])]
    relations: list[tuple[int, dict[str, Any]]] = []
    for layer, layer_type in rel_layers:
        labelled = any(f.name == LABEL for f in layer.all_features)
        for fs in cas.select(layer):
            rel_type = fs.get(LABEL) if labelled else layer_type
            if not rel_type:
                raise InputError(f"{where}: a {layer.name} link (xmi:id {fs.xmiID}) has no label")
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
                        "annotator": fs.get(ANNOTATOR) or who,
                    },
                )
            )
    article = make_article(
        text, where, fold, fields={"title": title}, meta={"file": name, "format": "xmi"}
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
    return ImportRecord(
        article, where, spans_from_native(annotations), links_from_native(links), size
    )
