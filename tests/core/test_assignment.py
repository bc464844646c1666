"""Planning the split: deterministic with a seed, balanced by text length, every pair shares."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from annotator.core.assignment import PlanArticle, plan
from annotator.core.errors import AnnotatorError

NAMES3 = ["salma", "omar", "huda"]
NAMES5 = ["salma", "omar", "huda", "karim", "rana"]


def corpus(n: int = 1000, seed: int = 11) -> list[PlanArticle]:
    """Lengths from a short news brief to a long feature, heavily skewed as real corpora are."""
    rng = random.Random(seed)
    return [PlanArticle(i, int(rng.lognormvariate(7.5, 0.9)) + 50) for i in range(1, n + 1)]


def spread(loads: dict[str, int]) -> float:
    mean = sum(loads.values()) / len(loads)
    return (max(loads.values()) - min(loads.values())) / mean


@pytest.mark.parametrize("names", [NAMES3, NAMES5])
@pytest.mark.parametrize(
    "how", [{"overlap": 0.2}, {"overlap": 0.5}, {"overlap": 1.0}, {"per_article": 2}]
)
def test_assigned_length_per_annotator_is_within_ten_percent_on_1000_articles(
    names: list[str], how: dict[str, float]
) -> None:
    articles = corpus()
    result = plan(articles, names, seed=5, **how)  # type: ignore[arg-type]
    assert spread(result.load()) <= 0.10, result.load()
    # Not balanced by count alone: the lengths differ by a factor of more than 50.
    lengths = [a.length for a in articles]
    assert max(lengths) > 50 * min(lengths)


def test_a_count_balanced_split_would_not_be_length_balanced() -> None:
    # The same corpus dealt out in turns (balanced by count) is far off; the plan is not.
    articles = sorted(corpus(), key=lambda a: -a.length)
    dealt = {name: 0 for name in NAMES3}
    for n, article in enumerate(articles[:30]):
        dealt[NAMES3[n % 3]] += article.length
    planned = plan(articles[:30], NAMES3, overlap=0.0, seed=1)
    assert spread(planned.load()) < spread(dealt)


@pytest.mark.parametrize("how", [{"overlap": 0.2}, {"per_article": 2}, {"per_article": 3}])
def test_every_article_is_assigned_and_every_pair_shares_about_as_many(
    how: dict[str, float],
) -> None:
    articles = corpus()
    result = plan(articles, NAMES5, seed=3, **how)  # type: ignore[arg-type]
    assert sorted(result.assigned) == [a.id for a in articles]
    assert all(len(set(names)) == len(names) >= 1 for names in result.assigned.values())
    counts = result.pair_counts()
    assert set(counts) == set(combinations(NAMES5, 2))
    assert min(counts.values()) > 0
    mean = sum(counts.values()) / len(counts)
    assert max(counts.values()) - min(counts.values()) <= max(2, mean * 0.02), counts
    if "overlap" in how:
        assert len(result.shared()) == 200
        assert all(len(result.assigned[i]) == 2 for i in result.shared())
    else:
        assert {len(n) for n in result.assigned.values()} == {how["per_article"]}
    assert result.warnings == []


def test_the_same_seed_gives_the_same_split_and_another_seed_another() -> None:
    articles = corpus()
    first = plan(articles, NAMES3, overlap=0.3, seed=42)
    again = plan(list(reversed(articles)), NAMES3, overlap=0.3, seed=42)
    other = plan(articles, NAMES3, overlap=0.3, seed=43)
    assert first.assigned == again.assigned
    assert first.assigned != other.assigned
    changed = sum(first.assigned[i] != other.assigned[i] for i in first.assigned)
    assert changed > 300


def test_too_little_overlap_for_every_pair_is_warned_about() -> None:
    result = plan(corpus(20), NAMES5, overlap=0.2, seed=1)
    assert len(result.shared()) == 4
    assert len(result.warnings) == 1 and "6 of 10 pairs share no article" in result.warnings[0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"overlap": 1.5}, "--overlap must be between 0 and 1"),
        ({"per_article": 4}, "--per-article must be between 1 and the number of annotators (3)"),
        ({"overlap": 0.2, "per_article": 2}, "not both"),
    ],
)
def test_out_of_range_settings_are_refused(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(AnnotatorError, match=message.replace("(", r"\(").replace(")", r"\)")):
        plan(corpus(10), NAMES3, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["salma", "salma"], "named twice"),
        (["a/b"], "cannot name a file"),
        ([".hidden"], "cannot name a file"),
        ([" salma"], "spaces around it"),
        ([], "at least one annotator"),
    ],
)
def test_names_that_cannot_name_a_package_are_refused(names: list[str], message: str) -> None:
    with pytest.raises(AnnotatorError, match=message):
        plan(corpus(10), names, overlap=0.2)


def test_arabic_names_are_fine() -> None:
    result = plan(corpus(30), ["سلمى", "عمر"], overlap=0.5, seed=2)
    assert result.pair_counts() == {("سلمى", "عمر"): 15}
