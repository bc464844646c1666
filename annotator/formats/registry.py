"""Every file format, declared once: the CLI, the window's dialogs, folder import and the
README's table all read this list.

A format is one module in ``annotator.formats`` plus one ``Format`` entry here. The
module is imported only when the format is used, so the window starts fast. A reading
module has a function ``read(path, options) -> Iterator[ImportRecord | PackedRecord |
Skip]`` (a ``PackedRecord`` is an annotated record already in the store's bulk form); a
writing module has a function ``writer(target, schema, report, options) -> DocumentWriter``
(``target`` is an open file for stream formats, a folder for folder formats).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    # Only named in annotations: the command line reads this list (``--help``) without
    # loading the models.
    from annotator.core.prepared import PackedRecord
    from annotator.core.records import ImportRecord, Skip
    from annotator.core.schema import Schema
    from annotator.formats.base import DocumentWriter, ExportOptions, ImportOptions, Reporter

OffsetUnit = Literal["codepoint", "utf16", "token", "none"]

OFFSET_UNITS: dict[str, str] = {
    "codepoint": "Unicode code points",
    "utf16": "UTF-16 code units",
    "token": "tokens (with code point offsets per token)",
    "none": "no offsets",
}

# What a format can hold beside spans.
CAPABILITIES = ("relations", "attributes", "notes", "annotators")


@dataclass(frozen=True)
class Format:
    """One file format.

    Attributes:
        name: the value of ``--format``.
        description: the help line (format menus, ``--help``, the README table).
        module: the module that reads and/or writes it.
        offset_unit: a key of ``OFFSET_UNITS``: what the format's offsets count.
        reads: the suffixes ``annotator import`` reads with this format ("" : none).
        writes: ``annotator export`` writes it.
        capabilities: which of ``CAPABILITIES`` the format holds.
        stream: True for one file (or stdout), False for a folder of files.
        suffix: the usual file suffix of an exported stream ("" for folders).
        encoding: the text encoding of a stream ("" for a binary file).
        folder_files: for folder formats, the suffixes and names an export writes (an
            existing folder holding anything else is never replaced).
        companions: names of files that travel with the format's files (configs, type
            systems): folder import neither reads nor reports them beside such files.
        articles: False for a format written from the schema alone (no article is read).
        writer: the name of the module's writer factory.
        extra: the pip extra that installs what it needs ("" : nothing more).
        peer: the peer tool and how its own code was shown to load the export.
    """

    name: str
    description: str
    module: str
    offset_unit: OffsetUnit
    reads: tuple[str, ...] = ()
    writes: bool = True
    capabilities: frozenset[str] = frozenset()
    stream: bool = True
    suffix: str = ""
    encoding: str = "utf-8"
    folder_files: tuple[str, ...] = ()
    companions: tuple[str, ...] = ()
    articles: bool = True
    writer: str = "writer"
    extra: str = ""
    peer: str = ""

    @property
    def binary(self) -> bool:
        return self.stream and not self.encoding

    def load(self) -> Any:
        """The format's module; a missing optional package becomes one line naming it."""
        from annotator.formats.base import FormatUnavailable

        try:
            return importlib.import_module(self.module)
        except ImportError as exc:
            hint = f"pip install 'annotator[{self.extra}]'" if self.extra else "reinstall annotator"
            raise FormatUnavailable(
                f"the {self.name} format needs {exc.name or 'a package'} ({hint})"
            ) from None

    def reader(
        self,
    ) -> Callable[[Path, ImportOptions], Iterator[ImportRecord | PackedRecord | Skip]]:
        read: Callable[[Path, ImportOptions], Iterator[ImportRecord | PackedRecord | Skip]]
        read = self.load().read
        return read

    def make_writer(
        self, target: Any, schema: Schema, report: Reporter, options: ExportOptions
    ) -> DocumentWriter:
        factory = getattr(self.load(), self.writer)
        made: DocumentWriter = factory(target, schema, report, options)
        return made


_ALL = frozenset(CAPABILITIES)

REGISTRY: tuple[Format, ...] = (
    Format(
        "txt",
        "Plain text, one article per file (title from the file name)",
        "annotator.formats.txt",
        "none",
        reads=(".txt",),
        writes=False,
    ),
    Format(
        "jsonl",
        "Native JSON Lines, lossless; annotator import reads it back",
        "annotator.formats.jsonl",
        "codepoint",
        reads=(".jsonl", ".ndjson"),
        capabilities=_ALL,
        suffix=".jsonl",
        peer="round trip through annotator import (test suite)",
    ),
    Format(
        "brat",
        "brat standoff folder: NAME.txt + NAME.ann, annotation.conf, visual.conf",
        "annotator.formats.brat",
        "codepoint",
        reads=(".ann",),
        capabilities=_ALL,
        stream=False,
        folder_files=(".txt", ".ann", "annotation.conf", "visual.conf"),
        companions=("annotation.conf", "visual.conf", "tools.conf", "kb_shortcuts.conf"),
        peer="round trip through annotator import (test suite)",
    ),
    Format(
        "csv",
        "CSV, one row per annotation (UTF-8 with BOM, for spreadsheets)",
        "annotator.formats.csvfile",
        "codepoint",
        reads=(".csv",),
        capabilities=frozenset({"attributes", "notes", "annotators"}),
        suffix=".csv",
        encoding="utf-8-sig",
        peer="Python's csv module (test suite)",
    ),
    Format(
        "conll",
        "CoNLL, one token per line, a BIO column per label",
        "annotator.formats.conll",
        "token",
        suffix=".conll",
        peer="conllu 6 parses every sentence (test suite)",
    ),
    Format(
        "iob2",
        "CoNLL-2003 style IOB2: token and one tag per line, outermost spans",
        "annotator.formats.conll",
        "token",
        suffix=".iob2",
        writer="iob2_writer",
        peer="tags read back to spans (test suite)",
    ),
    Format(
        "xmi",
        "INCEpTION / WebAnno UIMA CAS XMI folder: one span layer, one relation layer",
        "annotator.formats.xmi",
        "utf16",
        reads=(".xmi", ".zip"),
        capabilities=_ALL,
        stream=False,
        folder_files=(".xmi", "TypeSystem.xml", "INCEPTION-LAYERS.txt"),
        companions=("TypeSystem.xml", "typesystem.xml", "INCEPTION-LAYERS.txt"),
        peer="dkpro-cassis 0.12, strict, against its TypeSystem.xml (test suite)",
    ),
    Format(
        "labelstudio",
        "Label Studio JSON tasks with annotations (or predictions)",
        "annotator.formats.labelstudio",
        "codepoint",
        reads=(".json",),
        capabilities=_ALL,
        suffix=".json",
        peer="round trip (test suite); Label Studio 1.23.2 REST import and export (opt-in)",
    ),
    Format(
        "labelstudio-config",
        "Label Studio labeling config (XML) for the schema",
        "annotator.formats.labelstudio",
        "none",
        suffix=".xml",
        articles=False,
        writer="config_writer",
    ),
    Format(
        "doccano",
        "doccano JSONL (sequence labeling with relations)",
        "annotator.formats.doccano",
        "utf16",
        reads=(".jsonl",),
        capabilities=frozenset({"relations"}),
        suffix=".jsonl",
        peer="round trip (test suite); doccano 1.8.4 data_import pipeline (opt-in)",
    ),
    Format(
        "spacy",
        "spaCy DocBin (.spacy): doc.spans, doc.ents, attributes and links in user_data",
        "annotator.formats.spacy_docbin",
        "token",
        capabilities=_ALL,
        suffix=".spacy",
        encoding="",
        extra="spacy",
        peer="spaCy 3.8 DocBin with spacy.blank('ar') (test suite)",
    ),
)

FORMATS: dict[str, Format] = {f.name: f for f in REGISTRY}
EXPORT_FORMATS: dict[str, Format] = {f.name: f for f in REGISTRY if f.writes}


def reader_for(path: Path) -> Format:
    """The format that reads ``path``, by its suffix (anything unknown is plain text).

    The first entry that reads a suffix reads it: ``.jsonl`` is read by jsonl, which
    hands doccano's lines to the doccano module.
    """
    suffix = path.suffix.lower()
    for fmt in REGISTRY:
        if suffix in fmt.reads:
            return fmt
    return FORMATS["txt"]


def is_companion(path: Path) -> bool:
    """Whether ``path`` travels with files of a format in its folder (and is not an article)."""
    for fmt in REGISTRY:
        if path.name in fmt.companions and any(
            child.suffix.lower() in fmt.reads for child in path.parent.iterdir()
        ):
            return True
    return False


def import_suffixes() -> tuple[str, ...]:
    """Every suffix ``annotator import`` reads, in registry order."""
    return tuple(dict.fromkeys(s for f in REGISTRY for s in f.reads))


def markdown_table() -> str:
    """The README's table of formats, made from the registry (a test keeps them equal)."""
    rows = [
        "| Format | Import | Export | Offsets | Holds | What it is | Checked with |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for f in REGISTRY:
        reads = ", ".join(f"`{s}`" for s in f.reads) or "—"
        writes = ("folder" if not f.stream else f"`{f.suffix}`") if f.writes else "—"
        holds = ", ".join(c for c in CAPABILITIES if c in f.capabilities) or "spans only"
        if not f.articles:
            holds = "the schema"
        rows.append(
            f"| `{f.name}` | {reads} | {writes} | {OFFSET_UNITS[f.offset_unit]} | {holds} "
            f"| {f.description} | {f.peer or '—'} |"
        )
    return "\n".join(rows) + "\n"
