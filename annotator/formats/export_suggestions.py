"""Pending suggestions beside the annotations of an export (--include-suggestions)."""

from __future__ import annotations

from dataclasses import replace

from annotator.core.model import Annotation, Relation
from annotator.formats.base import ExportDocument, ExportStore

# The formats that have a place for predictions.
SUGGESTION_FORMATS = frozenset({"labelstudio"})


def with_suggestions(store: ExportStore, doc: ExportDocument, labels: set[str]) -> ExportDocument:
    """The document with the article's pending suggestions (of ``labels``, when given)."""
    pending = [s for s in store.suggestions(doc.article.id) if not labels or s.label in labels]
    kept = {s.id for s in pending}
    records = [
        Annotation(
            id=s.id,
            article_id=s.article_id,
            label=s.label,
            start=s.start,
            end=s.end,
            text=s.text,
            annotator=s.recommender,
        )
        for s in pending
    ]
    links = [
        Relation(x.id, x.article_id, x.type, x.from_id, x.to_id, x.recommender)
        for x in store.suggestion_links(doc.article.id)
        if x.from_id in kept and x.to_id in kept
    ]
    return replace(
        doc,
        suggestions=records,
        suggestion_relations=links,
        suggestion_scores={s.id: s.score for s in pending},
    )
