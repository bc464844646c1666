"""Running recommenders over an article and merging what they propose.

The merged candidates never overlap an annotation of the same label already in the
article, carry no duplicate spans, and keep only links whose two ends are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from annotator.suggest import patterns
from annotator.suggest.model import Candidates, KnownSpan
from annotator.suggest.recommenders import DEFAULT_RECOMMENDERS, RECOMMENDERS
from annotator.suggest.strings import StringMatcher

__all__ = ["DEFAULT_RECOMMENDERS", "RECOMMENDERS", "Context", "run"]


@dataclass
class Context:
    """What recommenders may use beyond the text."""

    known: Sequence[KnownSpan] = ()
    strings: StringMatcher | None = None
    crf: Callable[[str], Candidates] | None = None
    extra: dict[str, Callable[[str], Candidates]] = field(default_factory=dict)


def run(
    text: str,
    names: Sequence[str] = DEFAULT_RECOMMENDERS,
    context: Context | None = None,
    threshold: float = 0.0,
) -> Candidates:
    """The merged candidates of the named recommenders for one article."""
    context = context or Context()
    results: list[Candidates] = []
    for name in names:
        if name == "patterns":
            results.append(patterns.suggest(text))
        elif name == "strings" and context.strings is not None:
            results.append(context.strings.suggest(text))
        elif name == "crf" and context.crf is not None:
            results.append(context.crf(text))
        elif name in context.extra:
            results.append(context.extra[name](text))
    return merge(results, context.known, threshold)


def merge(
    results: Sequence[Candidates], known: Sequence[KnownSpan] = (), threshold: float = 0.0
) -> Candidates:
    """One set of candidates: earlier recommenders win a tie of overlapping spans."""
    out = Candidates()
    for result in results:
        keys: dict[int, int] = {}
        for span in result.spans:
            if span.score < threshold:
                continue
            if any(
                k.label == span.label and k.start < span.end and k.end > span.start for k in known
            ):
                continue
            rival = next(
                (
                    s
                    for s in out.spans
                    if s.label == span.label and s.start < span.end and s.end > span.start
                ),
                None,
            )
            if rival is not None:
                if (rival.start, rival.end) == (span.start, span.end):
                    keys[span.key] = rival.key
                continue
            keys[span.key] = out.add_span(
                span.label, span.start, span.end, span.score, span.recommender
            )
        for link in result.links:
            if link.score < threshold:
                continue
            a, b = keys.get(link.from_key), keys.get(link.to_key)
            if a is not None and b is not None:
                out.add_link(link.type, a, b, link.score, link.recommender)
    return out
