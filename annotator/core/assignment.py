"""Planning who annotates which article: a reproducible, length-balanced split with overlap.

Pure planning, no storage: the input is each article's id and text length, the output
says which annotators each article goes to. The same articles, names and seed always
give the same plan.

Two ways to share articles:

- ``overlap=F``: a fraction F of the articles goes to two annotators each, the pairs
  taking turns so that every pair of annotators shares about as many articles as
  every other; the rest goes to one annotator each.
- ``per_article=K``: every article goes to K annotators, the K-sets chosen so that
  every pair shares about as many articles as every other.

Balance is by text length: articles are handed out longest first, each to whoever
(or whichever pair or set) has the least text so far, so that the assigned length per
annotator ends up nearly equal, not only the count.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import combinations

from annotator.core.errors import AnnotatorError

_BAD_NAME_CHARACTERS = set('/\\:*?"<>|')


@dataclass(frozen=True)
class PlanArticle:
    """What planning needs of an article."""

    id: int
    length: int


@dataclass
class Plan:
    """Which annotators each article goes to, in one round."""

    annotators: list[str]
    round: int
    seed: int
    assigned: dict[int, tuple[str, ...]] = field(default_factory=dict)
    lengths: dict[int, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def articles_of(self, annotator: str) -> list[int]:
        """The article ids given to ``annotator``, in id order."""
        return sorted(i for i, names in self.assigned.items() if annotator in names)

    def load(self) -> dict[str, int]:
        """Text length (code points) given to each annotator."""
        totals = dict.fromkeys(self.annotators, 0)
        for article_id, names in self.assigned.items():
            for name in names:
                totals[name] += self.lengths[article_id]
        return totals

    def shared(self) -> list[int]:
        """Ids of the articles given to two annotators or more."""
        return sorted(i for i, names in self.assigned.items() if len(names) > 1)

    def pair_counts(self) -> dict[tuple[str, str], int]:
        """How many articles each pair of annotators shares (every pair is listed)."""
        counts = {pair: 0 for pair in combinations(self.annotators, 2)}
        order = {name: n for n, name in enumerate(self.annotators)}
        for names in self.assigned.values():
            for a, b in combinations(sorted(names, key=order.__getitem__), 2):
                counts[(a, b)] += 1
        return counts


def check_names(annotators: list[str]) -> None:
    """Refuse names that cannot name a package file, and repeated names.

    Raises:
        AnnotatorError: naming the bad name.
    """
    if not annotators:
        raise AnnotatorError("give at least one annotator (--annotators NAME)")
    seen: set[str] = set()
    for name in annotators:
        if not name.strip() or name != name.strip():
            raise AnnotatorError(f"annotator name {name!r} is empty or has spaces around it")
        if name.startswith(".") or any(c in _BAD_NAME_CHARACTERS or ord(c) < 32 for c in name):
            raise AnnotatorError(
                f"annotator name {name!r} cannot name a file "
                '(no leading dot, no / \\ : * ? " < > |)'
            )
        if name in seen:
            raise AnnotatorError(f"annotator {name!r} is named twice")
        seen.add(name)


def plan(
    articles: list[PlanArticle],
    annotators: list[str],
    *,
    overlap: float | None = None,
    per_article: int | None = None,
    seed: int = 0,
    round_number: int = 1,
) -> Plan:
    """Split ``articles`` among ``annotators``.

    Args:
        articles: the articles to hand out (each goes to at least one annotator).
        annotators: the names, in the order given.
        overlap: the fraction of articles shared by a pair (0 to 1).
        per_article: instead of ``overlap``, how many annotators every article goes to.
        seed: the same seed gives the same plan.
        round_number: the round this plan is (1 for the first assignment).

    Raises:
        AnnotatorError: names, overlap or per_article out of range, or no article.
    """
    check_names(annotators)
    if overlap is not None and per_article is not None:
        raise AnnotatorError("give --overlap or --per-article, not both")
    if not articles:
        raise AnnotatorError("no article to assign")
    count = len(annotators)
    if per_article is not None and not 1 <= per_article <= count:
        raise AnnotatorError(
            f"--per-article must be between 1 and the number of annotators ({count}), "
            f"not {per_article}"
        )
    if overlap is not None and not 0.0 <= overlap <= 1.0:
        raise AnnotatorError(f"--overlap must be between 0 and 1, not {overlap}")
    rng = random.Random(seed)
    order = sorted(articles, key=lambda a: a.id)
    rng.shuffle(order)
    result = Plan(list(annotators), round_number, seed, lengths={a.id: a.length for a in order})
    loads = dict.fromkeys(annotators, 0)
    # Ties go to the annotators in a seeded order, not always to the first named.
    rank = {name: n for n, name in enumerate(rng.sample(annotators, count))}
    if per_article is not None:
        groups = list(combinations(annotators, per_article))
        shared, single = (order, []) if per_article > 1 else ([], order)
    else:
        groups = list(combinations(annotators, 2))
        n_shared = round((overlap or 0.0) * len(order)) if count > 1 else 0
        shared, single = order[:n_shared], order[n_shared:]
    rng.shuffle(groups)
    pair_counts = {pair: 0 for pair in combinations(sorted(annotators, key=rank.__getitem__), 2)}

    def pairs_in(group: tuple[str, ...]) -> list[tuple[str, str]]:
        ordered = sorted(group, key=rank.__getitem__)
        return list(combinations(ordered, 2))

    for article in _longest_first(shared):
        best = min(
            range(len(groups)),
            key=lambda g: (
                max(pair_counts[p] for p in pairs_in(groups[g])),
                max(loads[name] for name in groups[g]) + article.length,
                sum(loads[name] for name in groups[g]),
                g,
            ),
        )
        group = groups[best]
        for pair in pairs_in(group):
            pair_counts[pair] += 1
        for name in group:
            loads[name] += article.length
        result.assigned[article.id] = tuple(sorted(group, key=annotators.index))
    for article in _longest_first(single):
        name = min(annotators, key=lambda n: (loads[n], rank[n]))
        loads[name] += article.length
        result.assigned[article.id] = (name,)
    if count > 1 and (per_article is None or per_article > 1):
        empty = [f"{a}–{b}" for (a, b), n in result.pair_counts().items() if n == 0]
        if empty:
            result.warnings.append(
                f"{len(empty)} of {len(pair_counts)} pairs share no article ({', '.join(empty)}): "
                "agreement cannot be measured for them; raise --overlap"
            )
    return result


def _longest_first(articles: list[PlanArticle]) -> list[PlanArticle]:
    # A stable sort keeps the seeded order among articles of the same length.
    return sorted(articles, key=lambda a: -a.length)
