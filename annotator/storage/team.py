"""Team work over databases: merging annotators' files, and the input for agreement.

Merging matches articles by the SHA-256 of their text, keeps every annotation and
relation with its annotator, and never writes to an input file. Merging the same file
twice adds nothing: an annotation already present (same article, label, offsets and
annotator) is not added again, nor is a relation between the same two annotations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.agreement import Link, Span
from annotator.core.agreement_report import ArticleAnnotations
from annotator.core.errors import AnnotatorError
from annotator.core.model import NewArticle
from annotator.core.schema import Schema
from annotator.storage.base import one_snapshot
from annotator.storage.chunks import chunked
from annotator.storage.plan_merge import merge_plan
from annotator.storage.store import Store, open_store


@dataclass
class MergeReport:
    source: Path
    articles_added: int = 0
    articles_matched: int = 0
    annotations_added: int = 0
    annotations_present: int = 0
    relations_added: int = 0
    relations_present: int = 0
    annotators: set[str] = field(default_factory=set)
    assignments_added: int = 0
    warnings: list[str] = field(default_factory=list)


def schema_differences(ours: Schema, theirs: Schema) -> list[str]:
    """How two schemas differ, in words; empty when they are the same."""
    notes = []
    for name in ours.labels.keys() - theirs.labels.keys():
        notes.append(f"label {name} only in the first")
    for name in theirs.labels.keys() - ours.labels.keys():
        notes.append(f"label {name} only in the second")
    for name in ours.labels.keys() & theirs.labels.keys():
        a, b = ours.labels[name].attributes, theirs.labels[name].attributes
        for attr in sorted(a.keys() | b.keys()):
            if a.get(attr) != b.get(attr):
                notes.append(
                    f"{name}.{attr}: {', '.join(a.get(attr, ())) or 'absent'} vs "
                    f"{', '.join(b.get(attr, ())) or 'absent'}"
                )
    for name in sorted(ours.relations.keys() | theirs.relations.keys()):
        first, second = ours.relations.get(name), theirs.relations.get(name)
        if first is None or second is None:
            notes.append(f"relation {name} only in the {'second' if first is None else 'first'}")
        elif (first.sources, first.targets) != (second.sources, second.targets):
            notes.append(
                f"relation {name}: {'/'.join(first.sources)} -> {'/'.join(first.targets)} vs "
                f"{'/'.join(second.sources)} -> {'/'.join(second.targets)}"
            )
    return sorted(notes)


def check_inputs(out: Path, inputs: Sequence[Path]) -> Schema:
    """Check every merge input before anything is written; the schema they share.

    Each input must open, must not be the output, and must have the schema of the
    output (when it exists) or else of the first input.

    Raises:
        AnnotatorError: the first input that fails, and why.
    """
    schemas: list[tuple[Path, Schema]] = []
    for path in inputs:
        if out.exists() and path.exists() and path.resolve() == out.resolve():
            raise AnnotatorError(f"{path} is the output database itself")
        source = open_store(path, readonly=True)
        try:
            schemas.append((path, source.schema))
        finally:
            source.close()
    base_path, base = schemas[0]
    if out.exists():
        target = open_store(out, readonly=True)
        try:
            base_path, base = out, target.schema
        finally:
            target.close()
    for path, schema in schemas:
        differences = schema_differences(base, schema)
        if differences:
            raise AnnotatorError(
                f"{path} has a different schema from {base_path}: " + "; ".join(differences)
            )
    return schemas[0][1]


def merge_into(out: Store, source_path: Path) -> MergeReport:
    """Add one database's articles, annotations and relations to ``out``.

    The input is read from one snapshot and written in chunks of whole articles (see
    annotator.storage.chunks), so that a window on ``out`` is never locked out; a merge
    cut short is completed by merging the same file again, which adds only what is
    missing.

    Raises:
        AnnotatorError: the schemas differ (the message says how), or the input cannot
            be opened.
    """
    report = MergeReport(source_path)
    if source_path.resolve() == out.path.resolve():
        raise AnnotatorError(f"{source_path} is the output database itself")
    with open_store(source_path, readonly=True) as source, source.snapshot():
        differences = schema_differences(out.schema, source.schema)
        if differences:
            raise AnnotatorError(
                f"{source_path} has a different schema from {out.path}: " + "; ".join(differences)
            )
        with chunked(out) as boundary:
            ids = {}
            for article_id in source.article_ids():
                ids[article_id] = _merge_article(out, source, article_id, report)
                boundary()
            added, warnings = merge_plan(out, source, ids)
            report.assignments_added += added
            report.warnings.extend(warnings)
    return report


def _merge_article(out: Store, source: Store, article_id: int, report: MergeReport) -> int:
    article = source.article(article_id)
    target_id = out.find_article_by_sha(article.text_sha256)
    if target_id is None:
        target_id, _ = out.add_article(
            NewArticle(
                text=article.text,
                title=article.title,
                source=article.source,
                url=article.url,
                published=article.published,
                meta=article.meta,
                status=article.status,
            )
        )
        report.articles_added += 1
    else:
        report.articles_matched += 1
    existing = {(a.label, a.start, a.end, a.annotator): a.id for a in out.annotations(target_id)}
    ids: dict[int, int] = {}
    for ann in source.annotations(article_id):
        key = (ann.label, ann.start, ann.end, ann.annotator)
        report.annotators.add(ann.annotator)
        if key in existing:
            ids[ann.id] = existing[key]
            report.annotations_present += 1
            continue
        stored = out.insert_annotation(ann.with_changes(id=0, article_id=target_id))
        existing[key] = ids[ann.id] = stored.id
        report.annotations_added += 1
    present = {(r.type, r.from_id, r.to_id, r.annotator) for r in out.relations(target_id)}
    for rel in source.relations(article_id):
        key = (rel.type, ids[rel.from_id], ids[rel.to_id], rel.annotator)
        if key in present:
            report.relations_present += 1
            continue
        out.insert_relation(
            replace(rel, id=0, article_id=target_id, from_id=ids[rel.from_id], to_id=ids[rel.to_id])
        )
        present.add(key)
        report.relations_added += 1
    if out.article(target_id).status != article.status and article.status == "done":
        # Done anywhere means somebody finished it; never move an article backwards.
        out.set_status(target_id, "done")
    return target_id


@one_snapshot
def agreement_input(store: Store) -> list[ArticleAnnotations]:
    """Every article that has annotations, with each annotator's spans and links."""
    result = []
    for summary in store.summaries():
        if not summary.annotation_count:
            continue
        art = ArticleAnnotations(summary.id, summary.title, store.article_text(summary.id))
        label_of: dict[int, str] = {}
        owner: dict[int, str] = {}
        for ann in store.annotations(summary.id):
            art.spans.setdefault(ann.annotator, []).append(
                Span(ann.id, ann.label, ann.start, ann.end, tuple(sorted(ann.attributes.items())))
            )
            label_of[ann.id] = ann.label
            owner[ann.id] = ann.annotator
        for rel in store.relations(summary.id):
            # A link counts for the annotator who made both of its ends.
            name = owner.get(rel.from_id)
            if name is not None and owner.get(rel.to_id) == name:
                art.links.setdefault(name, []).append(Link(rel.type, rel.from_id, rel.to_id))
        result.append(art)
    return result


def finished_only(store: Store, articles: list[ArticleAnnotations]) -> list[ArticleAnnotations]:
    """Each article with only the spans and links of annotators who were assigned it and
    have done it, so that a pair is compared only on articles both finished.

    Raises:
        AnnotatorError: the database holds no assignment plan.
    """
    done = store.finished_by()
    if not store.assigned_pairs():
        raise AnnotatorError(
            f"{store.path} holds no assignment plan, so nothing is known to be finished; "
            "assign with annotator assign and merge the annotators' files into it"
        )
    kept = []
    for art in articles:
        names = done.get(art.article_id, set())
        if not names & set(art.spans):
            continue
        kept.append(
            ArticleAnnotations(
                art.article_id,
                art.title,
                art.text,
                {name: spans for name, spans in art.spans.items() if name in names},
                {name: links for name, links in art.links.items() if name in names},
            )
        )
    return kept
