"""spaCy: a DocBin (``.spacy``) with one Doc per article, for training and for Prodigy.

Load it with::

    import spacy
    from spacy.tokens import DocBin
    nlp = spacy.blank("ar")
    docs = list(DocBin().from_disk("out.spacy").get_docs(nlp.vocab))

Each Doc's text is the article text exactly. Its tokens come from
``annotator.core.tokens``, cut at every annotation's start and end, and the text
between tokens is kept as spaCy's trailing space or as white-space tokens, so every
annotation is exactly a run of tokens:

* ``doc.spans[KEY]`` holds every annotation, labelled (KEY is ``sc`` unless
  ``--spans-key`` says otherwise; ``sc`` is what spaCy's spancat trains on);
* ``doc.ents`` holds the outermost non-overlapping ones (``annotator.formats.base.outermost``);
* ``doc.user_data["annotator"]`` holds the article (id, title, status), every
  annotation with its attributes, note and annotator, and the relations between them
  by annotation id: ``{"article": {...}, "annotations": [{"id", "label", "start",
  "end", "attributes", "note", "annotator"}], "relations": [{"id", "type", "from",
  "to", "annotator"}]}``, offsets in code points as ``doc.text`` counts them.

Needs spaCy: ``pip install 'annotator[spacy]'``.
"""

from __future__ import annotations

from typing import BinaryIO

import spacy
from spacy.tokens import Doc, DocBin, Span

from annotator.core.schema import Schema
from annotator.core.tokens import split_at, tokenize
from annotator.formats.base import ExportDocument, ExportError, ExportOptions, Reporter, outermost

USER_DATA_KEY = "annotator"
LANGUAGE = "ar"


def segments(text: str, cuts: set[int]) -> list[tuple[int, int]]:
    """Tokens and the stretches between them, covering ``text`` whole, cut at ``cuts``."""
    pieces: list[tuple[int, int]] = []
    position = 0
    for start, end in tokenize(text):
        if position < start:
            pieces.append((position, start))
        pieces.append((start, end))
        position = end
    if position < len(text):
        pieces.append((position, len(text)))
    return split_at(pieces, cuts)


def to_doc(vocab: object, doc: ExportDocument, key: str) -> Doc:
    """The spaCy Doc of one article."""
    text = doc.article.text
    starts = {a.start for a in doc.annotations}
    ends = {a.end for a in doc.annotations}
    words: list[str] = []
    spaces: list[bool] = []
    for start, end in segments(text, starts | ends):
        piece = text[start:end]
        # One plain space after a word is spaCy's trailing space, unless a span starts or
        # ends at it (then it must be a token of its own).
        follows_word = bool(words) and not spaces[-1] and not words[-1].isspace()
        if piece == " " and follows_word and start not in starts and end not in ends:
            spaces[-1] = True
            continue
        words.append(piece)
        spaces.append(False)
    made = Doc(vocab, words=words, spaces=spaces)  # type: ignore[arg-type]
    if made.text != text:
        raise ExportError(f"article {doc.article.id}: the spaCy tokens do not give back its text")
    spans: list[Span] = []
    for ann in doc.annotations:
        span = made.char_span(ann.start, ann.end, label=ann.label, alignment_mode="strict")
        if span is None or span.text != ann.text:
            raise ExportError(f"article {doc.article.id}: annotation {ann.id} is off the tokens")
        spans.append(span)
    made.spans[key] = spans
    by_id = {ann.id: span for ann, span in zip(doc.annotations, spans, strict=True)}
    kept, _ = outermost(doc.annotations)
    made.ents = [by_id[ann.id] for ann in kept]
    article = doc.article
    made.user_data[USER_DATA_KEY] = {
        "article": {"id": article.id, "title": article.title, "status": article.status},
        "annotations": [
            {
                "id": a.id,
                "label": a.label,
                "start": a.start,
                "end": a.end,
                "attributes": a.attributes,
                "note": a.note,
                "annotator": a.annotator,
            }
            for a in doc.annotations
        ],
        "relations": [
            {"id": r.id, "type": r.type, "from": r.from_id, "to": r.to_id, "annotator": r.annotator}
            for r in doc.relations
        ],
    }
    return made


class SpacyWriter:
    def __init__(self, fh: BinaryIO, key: str) -> None:
        if not key:
            raise ExportError("--spans-key must not be empty")
        self._fh = fh
        self._key = key
        self._vocab = spacy.blank(LANGUAGE).vocab
        self._bin = DocBin(store_user_data=True)

    def write(self, doc: ExportDocument) -> None:
        self._bin.add(to_doc(self._vocab, doc, self._key))

    def close(self) -> None:
        self._fh.write(self._bin.to_bytes())


def writer(fh: BinaryIO, schema: Schema, report: Reporter, options: ExportOptions) -> SpacyWriter:
    return SpacyWriter(fh, options.spans_key)
