"""CoNLL: BIO columns per label (``conll``), or plain two-column IOB2 (``iob2``).

``iob2`` is the CoNLL-2003 form most NER trainers read: a ``-DOCSTART-`` line per
article, then one ``TOKEN<TAB>TAG`` line per token and a blank line after each
sentence. One tag per token holds one span at a time, so it keeps the outermost spans
(see ``annotator.formats.base.outermost``) and says how many it left out. Its tokens
come from ``annotator.core.tokens``, cut at every kept span's start and end, so each
kept span is exactly a run of tokens.

The ``conll`` layout:

Layout (tab-separated, CoNLL-U Plus style header)::

    # global.columns = ID FORM START END CLAIM SOURCE CUE
    # doc_id = 7
    # title = ...
    # sent_id = 7-1
    # text = قال المتحدث ...
    1	قال	0	3	O	O	B-CUE

ID numbers tokens within a sentence (so that no token line ever starts with ``#``);
START and END are code point offsets of the token in the article text. Sentences and
tokens are the shared tokeniser's (annotator.core.tokens: . ؟ ! ۔ and line breaks,
never ، or ؛), and every token is split where an annotation starts or ends inside it
(«لوسائل» becomes «ل» and «وسائل» when a SOURCE leaves the ل out), so every span is
exactly a run of tokens.

Token tags cannot hold everything: a span that has the same label as an overlapping
one, a span that crosses a sentence break and a span that begins or ends with white
space (which has no token) are reported through ``warn``; a span is never silently
narrowed or widened.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TextIO

from annotator.core.model import Annotation
from annotator.core.schema import Schema
from annotator.core.tokens import sentences, split_at, tokenize
from annotator.formats.base import ExportDocument, ExportOptions, Reporter, describe, outermost


def _one_line(text: str) -> str:
    return " ".join(text.split())


class ConllWriter:
    def __init__(self, fh: TextIO, schema: Schema, report: Reporter) -> None:
        self._fh = fh
        self._labels = list(schema.labels)
        self._report = report
        self._dropped_relations = 0
        self._dropped_attributes = 0
        fh.write(f"# global.columns = ID FORM START END {' '.join(self._labels)}\n")

    def write(self, doc: ExportDocument) -> None:
        text = doc.article.text
        cuts = {edge for a in doc.annotations for edge in (a.start, a.end)}
        sent_tokens = [split_at(tokenize(text, s, e), cuts) for s, e in sentences(text)]
        flat = [(si, tok) for si, toks in enumerate(sent_tokens) for tok in toks]
        tags = {label: ["O"] * len(flat) for label in self._labels}
        starts = [s for _, (s, _) in flat]
        ends = [e for _, (_, e) in flat]
        for label in self._labels:
            self._tag_label(doc, label, flat, starts, ends, tags[label])
        self._dropped_relations += len(doc.relations)
        self._dropped_attributes += sum(len(a.attributes) for a in doc.annotations)

        out = self._fh
        out.write(f"# doc_id = {doc.article.id}\n")
        out.write(f"# title = {_one_line(doc.article.title)}\n")
        index = 0
        for number, ((s, e), toks) in enumerate(zip(sentences(text), sent_tokens, strict=True), 1):
            if not toks:
                continue
            out.write(f"# sent_id = {doc.article.id}-{number}\n")
            out.write(f"# text = {text[s:e]}\n")
            for n, (ts, te) in enumerate(toks, 1):
                columns = [str(n), text[ts:te], str(ts), str(te)]
                columns += [tags[label][index] for label in self._labels]
                out.write("\t".join(columns) + "\n")
                index += 1
            out.write("\n")

    def _tag_label(
        self,
        doc: ExportDocument,
        label: str,
        flat: list[tuple[int, tuple[int, int]]],
        starts: list[int],
        ends: list[int],
        column: list[str],
    ) -> None:
        text = doc.article.text
        where = f"article {doc.article.id}"
        taken: list[Annotation] = []
        for ann in (a for a in doc.annotations if a.label == label):
            clash = next((t for t in taken if t.start < ann.end and ann.start < t.end), None)
            if clash is not None:
                self._report.warn(
                    f"{where}, {describe(ann)}: overlaps {describe(clash)} of the same label; "
                    f"the {label} column holds only the first, so this one is left out"
                )
                continue
            # Tokens do not overlap and are in order, so both their starts and ends are sorted.
            touched = range(bisect_right(ends, ann.start), bisect_left(starts, ann.end))
            inside = [i for i in touched if ann.start <= starts[i] and ends[i] <= ann.end]
            for i in touched:
                s, e = starts[i], ends[i]
                if not (ann.start <= s and e <= ann.end):
                    self._report.warn(
                        f"{where}, {describe(ann)}: cuts through the token «{text[s:e]}» "
                        f"({s}-{e}); that token is tagged O in the {label} column"
                    )
            if not inside:
                self._report.warn(f"{where}, {describe(ann)}: holds no whole token; it is left out")
                continue
            taken.append(ann)
            first, last = starts[inside[0]], ends[inside[-1]]
            if (first, last) != (ann.start, ann.end):
                self._report.warn(
                    f"{where}, {describe(ann)}: its edges hold white space or a line break, "
                    f"which has no token; the {label} column gives {first}-{last}"
                )
            sentence_ids = {flat[i][0] for i in inside}
            if len(sentence_ids) > 1:
                self._report.warn(
                    f"{where}, {describe(ann)}: crosses {len(sentence_ids) - 1} sentence "
                    f"break(s); it is written as {len(sentence_ids)} spans, one per sentence"
                )
            previous_sentence = None
            for i in inside:
                sentence = flat[i][0]
                column[i] = ("B-" if sentence != previous_sentence else "I-") + label
                previous_sentence = sentence

    def close(self) -> None:
        if self._dropped_relations or self._dropped_attributes:
            self._report.note(
                f"CoNLL holds spans only: {self._dropped_relations} relation(s) and "
                f"{self._dropped_attributes} attribute value(s) are not in the file "
                "(use jsonl, brat or xmi to keep them)"
            )


def writer(fh: TextIO, schema: Schema, report: Reporter, options: ExportOptions) -> ConllWriter:
    return ConllWriter(fh, schema, report)


class Iob2Writer:
    """Two columns, token and IOB2 tag, for the outermost spans of every label."""

    def __init__(self, fh: TextIO, report: Reporter) -> None:
        self._fh = fh
        self._report = report
        self._left_out = 0
        self._dropped_relations = 0

    def write(self, doc: ExportDocument) -> None:
        text = doc.article.text
        where = f"article {doc.article.id}"
        kept, left = outermost(doc.annotations)
        self._left_out += len(left)
        self._dropped_relations += len(doc.relations)
        cuts = {edge for ann in kept for edge in (ann.start, ann.end)}
        out = self._fh
        out.write("-DOCSTART-\tO\n\n")
        tagged: dict[int, int] = {}
        position = 0
        for s, e in sentences(text):
            toks = split_at(tokenize(text, s, e), cuts)
            if not toks:
                continue
            previous: Annotation | None = None
            for ts, te in toks:
                while position < len(kept) and kept[position].end <= ts:
                    position += 1
                span = kept[position] if position < len(kept) else None
                if span is not None and span.start <= ts and te <= span.end:
                    tag = ("I-" if span is previous else "B-") + span.label
                    tagged[span.id] = tagged.get(span.id, 0) + 1
                    previous = span
                else:
                    tag = "O"
                    previous = None
                out.write(f"{text[ts:te]}\t{tag}\n")
            out.write("\n")
        for ann in kept:
            if not tagged.get(ann.id):
                self._report.warn(f"{where}, {describe(ann)}: holds no token; it is left out")

    def close(self) -> None:
        if self._left_out or self._dropped_relations:
            self._report.note(
                f"IOB2 holds one span per token: {self._left_out} span(s) inside or across "
                f"another are left out, and {self._dropped_relations} relation(s) "
                "(use conll, jsonl or spacy to keep them)"
            )


def iob2_writer(fh: TextIO, schema: Schema, report: Reporter, options: ExportOptions) -> Iob2Writer:
    return Iob2Writer(fh, report)
