"""Precision, recall and F1 of suggestions against gold, per label and per link type,
under the agreement module's exact and overlap matching rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from annotator.core.agreement import Span, exact_matches, overlap_matches
from annotator.suggest.gold import GoldArticle
from annotator.suggest.model import Candidates

SPAN_LABELS = ("CUE", "SOURCE", "CLAIM")
LINK_TYPES = ("ATTRIBUTED_TO", "HAS_CUE", "RELAYED_BY")
RULES = ("overlap", "exact")


@dataclass
class Count:
    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Count) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        total = self.predicted + self.gold
        return 2 * self.matched / total if total else None


@dataclass
class Scores:
    """Counts keyed by (rule, label or link type), summed over articles (micro average)."""

    counts: dict[tuple[str, str], Count] = field(default_factory=dict)
    articles: int = 0

    def count(self, rule: str, name: str) -> Count:
        return self.counts.setdefault((rule, name), Count())

    def f1(self, rule: str, name: str) -> float | None:
        return self.count(rule, name).f1


def score_article(gold: GoldArticle, predicted: Candidates, scores: Scores) -> None:
    """Add one article's matches to ``scores``."""
    gold_ids = {s.id: n for n, s in enumerate(gold.spans, start=1)}
    gold_spans = [Span(gold_ids[s.id], s.label, s.start, s.end) for s in gold.spans]
    pred_spans = [Span(s.key, s.label, s.start, s.end) for s in predicted.spans]
    labels = {s.id: s.label for s in pred_spans}
    gold_links = [(x.type, gold_ids[x.from_id], gold_ids[x.to_id]) for x in gold.links]
    pred_links = [(x.type, x.from_key, x.to_key) for x in predicted.links]
    scores.articles += 1
    for rule in RULES:
        match = (exact_matches if rule == "exact" else overlap_matches)(pred_spans, gold_spans)
        for label in SPAN_LABELS:
            c = scores.count(rule, label)
            c.predicted += sum(1 for s in pred_spans if s.label == label)
            c.gold += sum(1 for s in gold_spans if s.label == label)
            c.matched += sum(1 for p in match if labels[p] == label)
        for type_ in LINK_TYPES:
            c = scores.count(rule, type_)
            wanted = [x for x in gold_links if x[0] == type_]
            got = [x for x in pred_links if x[0] == type_]
            c.predicted += len(got)
            c.gold += len(wanted)
            remaining = list(wanted)
            for _, a, b in got:
                key = (type_, match.get(a), match.get(b))
                if key in remaining:
                    remaining.remove(key)
                    c.matched += 1


def evaluate(
    articles: Iterable[GoldArticle], recommend: Callable[[GoldArticle], Candidates]
) -> Scores:
    scores = Scores()
    for article in articles:
        score_article(article, recommend(article), scores)
    return scores


def _figure(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def table(rows: Sequence[tuple[str, Scores]]) -> str:
    """A Markdown table: one row per (subset, rule), P/R/F1 for each label and link."""
    names = [*SPAN_LABELS, "ATTRIBUTED_TO", "HAS_CUE"]
    header = "| set | match | n | " + " | ".join(f"{n} P / R / F1" for n in names) + " |"
    lines = [header, "|" + "---|" * (len(names) + 3)]
    for title, scores in rows:
        for rule in RULES:
            cells = []
            for name in names:
                c = scores.count(rule, name)
                cells.append(f"{_figure(c.precision)} / {_figure(c.recall)} / {_figure(c.f1)}")
            lines.append(f"| {title} | {rule} | {scores.articles} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
