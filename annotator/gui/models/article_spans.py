"""The open article's annotations and relations, indexed for drawing (no Qt here).

The view asks "which spans touch paragraph N" on every paint and "which spans cover
this character" on every click, so annotations are indexed by paragraph (block). A
change touches only the blocks of the spans it changed: the view re-formats those
blocks and nothing else.

Positions are code points into the stored text. UTF-16 positions (what Qt counts)
come only from ``self.offsets``, the core's one conversion.

A long article may be opened with the annotations of its first screen only (whole
paragraphs) and a way to read the rest: whatever asks for more than those paragraphs
hold (every annotation, a paragraph elsewhere, a change) reads the rest first, so that
nobody ever sees part of the article's annotations as if they were all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from annotator.core.model import Annotation, Relation, reading_order
from annotator.core.offsets import OffsetMap
from annotator.core.schema import RelationType, Schema


@dataclass(frozen=True)
class Link:
    """One relation seen from one of its ends."""

    relation: Relation
    other: Annotation
    outgoing: bool


@dataclass(frozen=True)
class LinkOption:
    """A relation that may be made between two annotations, already oriented."""

    type: str
    from_id: int
    to_id: int


# What reads the rest of an article's annotations and relations (all of them).
Rest = Callable[[], tuple[list[Annotation], list[Relation]]]

# The offset maps and paragraph starts of the texts opened last, by article id, each
# with its text: both are a pass over the whole text (a few milliseconds for 1 MB),
# and an article is opened again and again. Neither is ever changed once made.
_KEPT_MEASURES = 8
_measured: dict[int, tuple[str, OffsetMap, list[int]]] = {}


def _measures(article_id: int, text: str) -> tuple[OffsetMap, list[int]]:
    """The offset map and paragraph starts of ``text``, remade unless the same text
    object was measured last time."""
    kept = _measured.pop(article_id, None)
    if kept is None or kept[0] is not text:
        kept = (text, OffsetMap(text), [0] + [m.end() for m in re.finditer("\n", text)])
    _measured[article_id] = kept
    while len(_measured) > _KEPT_MEASURES:
        del _measured[next(iter(_measured))]
    return kept[1], kept[2]


class ArticleSpans:
    """Annotations and relations of one article, indexed by paragraph.

    Args:
        article_id: the article.
        text: its stored (canonical) text.
        schema: the database's schema.
        annotations, relations: as read from the store.
        rest: when given, ``annotations`` are only those touching the paragraphs of
            code points ``loaded`` (and ``relations`` every relation of theirs); ``rest``
            reads them all when more is asked for.
        loaded: the code point span of those paragraphs (whole paragraphs).
    """

    def __init__(
        self,
        article_id: int,
        text: str,
        schema: Schema,
        annotations: list[Annotation],
        relations: list[Relation],
        rest: Rest | None = None,
        loaded: tuple[int, int] = (0, 0),
    ) -> None:
        self.article_id = article_id
        self.text = text
        self.schema = schema
        self.offsets, self.block_starts = _measures(article_id, text)
        self._annotations: dict[int, Annotation] = {}
        self._relations: dict[int, Relation] = {}
        # By label, the required relation types it may start (found once per label).
        self._required: dict[str, list[RelationType]] = {}
        self._by_block: defaultdict[int, set[int]] = defaultdict(set)
        self._relations_of: defaultdict[int, set[int]] = defaultdict(set)
        # Kept up to date per change, so that the count of claims without a source costs
        # nothing on a 5,000-span article.
        self._missing: set[int] = set()
        # Found once, after the relations: checking each annotation as it comes in would
        # find it without a source, then check it again with every relation.
        self._checking = False
        self._rest: Rest | None = None
        self._loaded = range(0)
        # Told once the rest is read (the view formats the paragraphs it adds).
        self.completed: list[Callable[[], None]] = []
        self._load(annotations, relations)
        if rest is not None:
            self._rest = rest
            self._loaded = range(self.block_of(loaded[0]), self.block_of(max(0, loaded[1] - 1)) + 1)

    def _load(self, annotations: list[Annotation], relations: list[Relation]) -> None:
        self._checking = False
        self._annotations, self._by_block = {}, defaultdict(set)
        for annotation in annotations:
            self._index(annotation)
        self._relations = {}
        self.set_relations(relations)
        self._checking = True
        self._missing = {a.id for a in self._annotations.values() if self.needs_source(a)}

    @property
    def complete(self) -> bool:
        """Whether every annotation of the article is here (see ``rest``)."""
        return self._rest is None

    def read_rest(self) -> None:
        """Read the annotations and relations not read yet (nothing if all are here).

        Raises:
            AnnotatorError: the store refused them (a damaged row, say).
        """
        rest, self._rest = self._rest, None
        if rest is None:
            return
        try:
            annotations, relations = rest()
        except BaseException:
            self._rest = rest
            raise
        self._loaded = range(0)
        self._load(annotations, relations)
        for told in self.completed:
            told()

    def has_read(self, block: int) -> bool:
        """Whether every annotation touching paragraph ``block`` is here."""
        return self._rest is None or block in self._loaded

    @property
    def annotations(self) -> dict[int, Annotation]:
        """Every annotation of the article, by id."""
        if self._rest is not None:
            self.read_rest()
        return self._annotations

    @property
    def relations(self) -> dict[int, Relation]:
        """Every relation of the article, by id."""
        if self._rest is not None:
            self.read_rest()
        return self._relations

    # ---------------------------------------------------------------- blocks

    @property
    def block_count(self) -> int:
        return len(self.block_starts)

    def block_of(self, cp: int) -> int:
        """The paragraph holding code point ``cp``."""
        return bisect_right(self.block_starts, cp) - 1

    def block_span(self, block: int) -> tuple[int, int]:
        """The code point span of a paragraph, without its line break."""
        start = self.block_starts[block]
        end = (
            self.block_starts[block + 1] - 1
            if block + 1 < len(self.block_starts)
            else len(self.text)
        )
        return start, end

    def blocks_of(self, annotation: Annotation) -> range:
        first = self.block_of(annotation.start)
        starts = self.block_starts
        # Most spans end in the paragraph they start in: one search, not two.
        if first + 1 >= len(starts) or annotation.end <= starts[first + 1]:
            return range(first, first + 1)
        return range(first, self.block_of(annotation.end - 1) + 1)

    def blocks_with_spans(self) -> set[int]:
        """The paragraphs that at least one annotation read so far touches."""
        return {block for block, ids in self._by_block.items() if ids}

    def in_block_utf16(self, block: int, cp: int) -> int:
        """The UTF-16 position of ``cp`` counted from the start of its paragraph."""
        return self.offsets.to_utf16(cp) - self.offsets.to_utf16(self.block_starts[block])

    # ----------------------------------------------------------- annotations

    def _index(self, annotation: Annotation) -> None:
        self._annotations[annotation.id] = annotation
        self._recheck(annotation.id)
        for block in self.blocks_of(annotation):
            self._by_block[block].add(annotation.id)

    def _unindex(self, annotation_id: int) -> set[int]:
        old = self._annotations.pop(annotation_id, None)
        self._missing.discard(annotation_id)
        if old is None:
            return set()
        blocks = set(self.blocks_of(old))
        for block in blocks:
            self._by_block[block].discard(annotation_id)
        return blocks

    def upsert(self, annotation: Annotation) -> set[int]:
        """Add or replace an annotation; returns the paragraphs whose look changed."""
        self.read_rest()
        blocks = self._unindex(annotation.id)
        self._index(annotation)
        return blocks | set(self.blocks_of(annotation))

    def remove(self, annotation_id: int) -> set[int]:
        """Forget an annotation; returns the paragraphs it covered."""
        self.read_rest()
        return self._unindex(annotation_id)

    def in_block(self, block: int) -> list[Annotation]:
        """Annotations touching a paragraph, outer before inner."""
        if not self.has_read(block):
            self.read_rest()
        found = [self._annotations[i] for i in self._by_block.get(block, ())]
        found.sort(key=reading_order)
        return found

    def covering(self, cp: int) -> list[Annotation]:
        """Annotations that hold code point ``cp``, innermost first."""
        found = [a for a in self.in_block(self.block_of(cp)) if a.start <= cp < a.end]
        found.sort(key=lambda a: (a.end - a.start, a.id))
        return found

    def ordered(self) -> list[Annotation]:
        return sorted(self.annotations.values(), key=reading_order)

    def step(self, cp: int, forward: bool, current: int | None = None) -> Annotation | None:
        """The annotation after (or before) position ``cp``, in reading order."""
        ordered = self.ordered()
        if current in self.annotations:
            index = ordered.index(self.annotations[current])
            index += 1 if forward else -1
            return ordered[index] if 0 <= index < len(ordered) else None
        if forward:
            return next((a for a in ordered if a.start >= cp), None)
        return next((a for a in reversed(ordered) if a.start < cp), None)

    # ------------------------------------------------------------- relations

    def set_relations(self, relations: list[Relation]) -> set[int]:
        """Replace the relations; returns the annotations whose links changed."""
        self.read_rest()
        new = {r.id: r for r in relations}
        changed: set[int] = set()
        for rel_id in set(self._relations) ^ set(new):
            rel = self._relations.get(rel_id) or new[rel_id]
            changed.update((rel.from_id, rel.to_id))
        self._relations = new
        self._relations_of = defaultdict(set)
        for rel in new.values():
            self._relations_of[rel.from_id].add(rel.id)
            self._relations_of[rel.to_id].add(rel.id)
        for annotation_id in changed:
            self._recheck(annotation_id)
        return changed

    def _recheck(self, annotation_id: int) -> None:
        if not self._checking:
            return
        annotation = self._annotations.get(annotation_id)
        if annotation is not None and self.needs_source(annotation):
            self._missing.add(annotation_id)
        else:
            self._missing.discard(annotation_id)

    def replace_relations_of(self, ids: set[int], relations: list[Relation]) -> set[int]:
        """Replace the relations touching ``ids`` by ``relations`` (what the store now
        holds for them); returns the annotations whose links changed."""
        touching = {r for i in ids for r in self._relations_of.get(i, ())}
        kept = [r for rel_id, r in self.relations.items() if rel_id not in touching]
        return self.set_relations(kept + [r for r in relations if r.article_id == self.article_id])

    def links(self, annotation_id: int) -> list[Link]:
        """The relations of one annotation, each with the annotation at its other end."""
        result = []
        for rel_id in sorted(self._relations_of.get(annotation_id, ())):
            rel = self.relations[rel_id]
            outgoing = rel.from_id == annotation_id
            other = self.annotations.get(rel.to_id if outgoing else rel.from_id)
            if other is not None:
                result.append(Link(rel, other, outgoing))
        return result

    def linked_ids(self, annotation_id: int) -> set[int]:
        return {link.other.id for link in self.links(annotation_id)}

    def needs_source(self, annotation: Annotation) -> bool:
        """Whether an annotation lacks a link the schema expects it to have (a claim
        without its source; see ``RelationType.required``)."""
        label = annotation.label
        required = self._required.get(label)
        if required is None:
            required = self._required[label] = [
                rel
                for rel in self.schema.relations.values()
                if rel.required and label in rel.sources
            ]
        if not required:
            return False
        relations = self._relations
        started = {
            relations[r].type
            for r in self._relations_of.get(annotation.id, ())
            if relations[r].from_id == annotation.id
        }
        # Only a claim still lacking its link needs its attributes read (they may lift
        # the requirement): most annotations' attributes are never parsed on opening.
        lacking = [rel for rel in required if rel.name not in started]
        if not lacking:
            return False
        attributes = annotation.attributes
        return any(rel.expected_from(label, attributes) for rel in lacking)

    def is_missing(self, annotation_id: int) -> bool:
        """``needs_source`` of an annotation shown here, as kept up to date per change."""
        if self._rest is not None and annotation_id not in self._annotations:
            self.read_rest()
        return annotation_id in self._missing

    @property
    def missing_count(self) -> int:
        self.read_rest()
        return len(self._missing)

    def without_source(self) -> list[Annotation]:
        """Annotations lacking their expected link, in reading order."""
        self.read_rest()
        return sorted((self._annotations[i] for i in self._missing), key=reading_order)

    def link_options(
        self, first_id: int, second_id: int, existing: set[tuple[str, int, int]] | None = None
    ) -> list[LinkOption]:
        """Relations the schema allows between two annotations, in either direction,
        leaving out those that already exist."""
        a, b = self.annotations[first_id], self.annotations[second_id]
        if a.id == b.id:
            return []
        if existing is None:
            existing = self._existing()
        options = []
        for rel in self.schema.relations.values():
            for source, target in ((a, b), (b, a)):
                key = (rel.name, source.id, target.id)
                if rel.allows(source.label, target.label) and key not in existing:
                    options.append(LinkOption(*key))
        return options

    def link_candidates(self, annotation_id: int) -> list[Annotation]:
        """Annotations that may be linked to this one, nearest first, earlier text
        before later (Arabic drops subject pronouns: the source usually came before)."""
        anchor = self.annotations[annotation_id]
        existing = self._existing()
        found = [
            a for a in self.annotations.values() if self.link_options(anchor.id, a.id, existing)
        ]
        found.sort(key=lambda a: (a.start > anchor.start, abs(a.start - anchor.start), a.id))
        return found

    def _existing(self) -> set[tuple[str, int, int]]:
        return {(r.type, r.from_id, r.to_id) for r in self.relations.values()}
