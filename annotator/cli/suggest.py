"""`annotator suggest` and `annotator suggest-eval`: suggestions for a corpus, and how good
they are against gold. No Qt here."""

from __future__ import annotations

import io
import itertools
import json
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotator.cli.common import UserError, opened, user_errors
from annotator.suggest.recommenders import DEFAULT_RECOMMENDERS, RECOMMENDERS

if TYPE_CHECKING:
    from annotator.suggest import gold
    from annotator.suggest.evaluate import Scores
    from annotator.suggest.model import Candidates
    from annotator.suggest.strings import StringMatcher

_BATCH = 200


def _user_error(message: str) -> click.ClickException:
    error: click.ClickException = UserError(message)
    return error


@click.command("suggest")
@click.argument("db", type=click.Path(path_type=Path, dir_okay=True))
@click.option("--article", "article_ids", type=int, multiple=True, help="Only this article id.")
@click.option(
    "--recommender",
    "recommenders",
    multiple=True,
    type=click.Choice(RECOMMENDERS),
    help="Use this recommender (repeatable; default: patterns).",
)
@click.option(
    "--external",
    metavar="COMMAND",
    help="Also run this external recommender (JSON Lines on stdin and stdout).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Leave out suggestions scored below this.",
)
@click.option(
    "--accept-as",
    "accept_as",
    metavar="NAME",
    help="Store the suggestions directly as annotations of annotator NAME.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def suggest(
    db: Path,
    article_ids: tuple[int, ...],
    recommenders: tuple[str, ...],
    external: str | None,
    threshold: float,
    accept_as: str | None,
    quiet: bool,
) -> None:
    """Store pending suggestions (CUE, SOURCE, CLAIM and their links) for a corpus.

    A rejected suggestion is never proposed again for its article, and nothing overlaps
    an annotation of the same label. With --accept-as the corpus comes out
    pre-annotated under that annotator's name, to correct or to compare with
    `annotator agreement`.
    """
    from annotator.suggest import engine
    from annotator.suggest.model import KnownSpan
    from annotator.suggest.strings import StringMatcher

    names = list(recommenders or DEFAULT_RECOMMENDERS)
    with opened(db) as store:
        ids = list(article_ids) or store.article_ids()
        missing = [i for i in ids if i not in set(store.article_ids())]
        if missing:
            raise _user_error(f"{db} has no article {missing[0]}")
        context = engine.Context()
        if "strings" in names:
            context.strings = StringMatcher(
                (label, text)
                for label in store.schema.labels
                for text in store.annotation_texts(label)
            )
        if "crf" in names:
            from annotator.suggest import crf

            model = crf.train(crf.examples_from_store(store))
            context.crf = model.suggest if model is not None else None
        if external:
            from annotator.suggest import external as external_module

            context.extra["external"] = external_module.ExternalRecommender(shlex.split(external))
            names.append("external")
        started = time.perf_counter()
        stored = linked = accepted = 0
        with click.progressbar(
            ids, label="Suggesting", file=io.StringIO() if quiet else sys.stderr, show_pos=True
        ) as bar:
            articles = iter(bar)
            # Articles are committed a batch at a time: a commit per article would spend
            # more time waiting for the disk than suggesting.
            while chunk := list(itertools.islice(articles, _BATCH)):
                with store.transaction():
                    for article_id in chunk:
                        text = store.article_text(article_id)
                        context.known = [
                            KnownSpan(a.label, a.start, a.end)
                            for a in store.annotations(article_id)
                        ]
                        candidates = engine.run(text, names, context, threshold)
                        spans, links = store.store_candidates(article_id, candidates)
                        stored += spans
                        linked += links
                        if accept_as:
                            pending = [s.id for s in store.suggestions(article_id)]
                            made = store.accept_suggestions(pending, accept_as)
                            accepted += len(made.annotations)
        if external:
            context.extra["external"].close()  # type: ignore[attr-defined]
        elapsed = time.perf_counter() - started
        rate = len(ids) / elapsed if elapsed > 0 else 0.0
        click.echo(
            f"{len(ids)} articles in {elapsed:.1f} s ({rate:,.0f} articles/s): "
            f"{stored} suggestions, {linked} links"
            + (f"; {accepted} stored as annotations of {accept_as}" if accept_as else ""),
            err=True,
        )


@click.command("suggest-eval")
@click.argument(
    "gold_path",
    metavar="GOLD",
    required=False,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
)
@click.option(
    "--split",
    default="all",
    show_default=True,
    help="Only the articles of this split (a SPLIT named in the gold file: tune, heldout, …).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--learning-curve", is_flag=True, help="Also the CRF's F1 as gold articles are added."
)
def suggest_eval(gold_path: Path | None, split: str, as_json: bool, learning_curve: bool) -> None:
    """Precision, recall and F1 of suggestions against GOLD, per label and link type.

    GOLD is a markup file or JSON Lines (see annotator.suggest.gold); by default the
    bundled evaluation set. Figures are given for each recommender alone and for all
    together, for tidy and hard articles, under the overlap and the exact rule of
    `annotator agreement`. The string and CRF recommenders learn from the other
    articles only (leave one out, and folds), never from the article they are scored on.
    """
    from annotator.suggest import gold
    from annotator.suggest.evaluate import evaluate, table

    with user_errors():
        articles = gold.load(gold_path or gold.bundled_path())
    if split != "all":
        names = sorted({a.split for a in articles})
        articles = [a for a in articles if a.split == split]
        if not articles:
            raise _user_error(
                f"the gold file has no article in split {split!r} (it has: {', '.join(names)})"
            )
    if not articles:
        raise _user_error("the gold file has no article")
    results: dict[str, dict[str, Scores]] = {}
    recommenders = _evaluation_recommenders(articles)
    for name, recommend in recommenders.items():
        for kind in ("tidy", "hard", "all"):
            subset = [a for a in articles if kind in ("all", a.kind)]
            if subset:
                results.setdefault(name, {})[kind] = evaluate(subset, recommend)
    if as_json:
        out = {
            name: {
                kind: {
                    f"{rule} {label}": {
                        "precision": s.count(rule, label).precision,
                        "recall": s.count(rule, label).recall,
                        "f1": s.count(rule, label).f1,
                    }
                    for rule, label in s.counts
                }
                | {"articles": s.articles}
                for kind, s in kinds.items()
            }
            for name, kinds in results.items()
        }
        click.echo(json.dumps(out, indent=1))
    else:
        rows = [
            (f"{name}, {kind}", scores)
            for name, kinds in results.items()
            for kind, scores in kinds.items()
        ]
        click.echo(table(rows))
    if learning_curve:
        from annotator.suggest import crf

        click.echo("")
        click.echo("| gold articles | CRF overlap F1 CUE / SOURCE / CLAIM |")
        click.echo("|---|---|")
        for n, figures in crf.learning_curve(articles):
            click.echo(f"| {n} | " + " / ".join(_f(x) for x in figures) + " |")


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _evaluation_recommenders(
    articles: list[gold.GoldArticle],
) -> dict[str, Callable[[gold.GoldArticle], Candidates]]:
    from annotator.suggest import engine
    from annotator.suggest.strings import StringMatcher

    def strings_for(article: gold.GoldArticle) -> StringMatcher:
        return StringMatcher(
            (s.label, s.text) for other in articles if other is not article for s in other.spans
        )

    def patterns_only(article: gold.GoldArticle) -> Candidates:
        return engine.run(article.text, ["patterns"])

    def strings_only(article: gold.GoldArticle) -> Candidates:
        return engine.run(article.text, ["strings"], engine.Context(strings=strings_for(article)))

    recommenders: dict[str, Callable[[gold.GoldArticle], Candidates]] = {
        "patterns": patterns_only,
        "strings": strings_only,
    }
    try:
        from annotator.suggest import crf
    except ImportError:  # pragma: no cover - python-crfsuite is a dependency
        crf = None  # type: ignore[assignment]
    crf_models = crf.cross_validated(articles) if crf is not None else {}
    if crf_models:
        recommenders["crf"] = lambda a: crf_models[a.id](a.text)

    def together(article: gold.GoldArticle) -> Candidates:
        context = engine.Context(strings=strings_for(article))
        if crf_models:
            context.crf = crf_models[article.id]
        return engine.run(article.text, list(recommenders), context)

    recommenders["all together"] = together
    return recommenders
