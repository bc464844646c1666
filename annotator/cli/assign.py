"""Handing out work: `annotator assign`, and the progress lines `annotator stats` prints.

Registered on the `annotator` group in annotator.cli. No Qt.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from annotator.cli.common import opened
from annotator.core.errors import AnnotatorError

if TYPE_CHECKING:
    from annotator.storage.store import Store

DEFAULT_OVERLAP = 0.2


@click.command()
@click.argument("corpus", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--annotators",
    "annotators",
    multiple=True,
    required=True,
    metavar="NAME",
    help="An annotator (repeat the option for each; one quoted argument may also hold "
    "several names).",
)
@click.option(
    "--overlap",
    type=float,
    help="Fraction of the articles shared by two annotators, spread evenly over every pair "
    f"(default {DEFAULT_OVERLAP}).",
)
@click.option(
    "--per-article",
    "per_article",
    type=int,
    metavar="K",
    help="Instead of --overlap: give every article to K annotators.",
)
@click.option(
    "--seed", type=int, help="The same seed gives the same split (default: a new one, printed)."
)
@click.option(
    "--where",
    "where",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Only articles where FIELD (id, status, source, url, published, title or meta.KEY) "
    "is =, !=, <, <=, >, >= VALUE (repeatable; = on one field is OR-ed, the rest AND-ed).",
)
@click.option(
    "--add",
    is_flag=True,
    help="A new round: assign only the articles not assigned (nor annotated) yet.",
)
def assign(
    corpus: Path,
    out_dir: Path,
    annotators: tuple[str, ...],
    overlap: float | None,
    per_article: int | None,
    seed: int | None,
    where: tuple[str, ...],
    add: bool,
) -> None:
    """Split the articles of CORPUS among annotators: one database per annotator in OUT_DIR.

    Every article goes to at least one annotator; a fraction (--overlap) of them goes
    to two, spread evenly over every pair of annotators so that agreement can be
    measured for each pair, or every article goes to K annotators (--per-article).
    Each annotator gets about as much text as the others. The plan is recorded in
    CORPUS (round 1, then 2, ... with --add); each OUT_DIR/NAME.db holds the schema,
    that annotator's articles and their part of the plan, and OUT_DIR/manifest.json
    sums it up. Nothing is written when anything is refused.
    """
    from annotator.core.assignment import plan as make_plan
    from annotator.storage.packages import write_packages

    names = [n for group in annotators for n in group.split()]
    if seed is None:
        import secrets

        seed = secrets.randbelow(1_000_000)
    if overlap is None and per_article is None:
        overlap = DEFAULT_OVERLAP
    with opened(corpus, create=False) as store:
        done_before = store.last_round()
        if done_before and not add:
            raise AnnotatorError(
                f"{corpus} already holds an assignment (round {done_before}); "
                "add --add to assign only the articles not assigned yet"
            )
        articles = store.assignable_articles(list(where), only_new=add)
        if not articles:
            if where and add:
                why = f"no article of {corpus} matches --where and is still unassigned"
            elif where:
                why = f"no article of {corpus} matches --where"
            elif add:
                why = f"every article of {corpus} is assigned or annotated already"
            else:
                why = f"{corpus} has no articles"
            raise AnnotatorError(f"{why}: nothing to assign")
        plan = make_plan(
            articles,
            names,
            overlap=overlap,
            per_article=per_article,
            seed=seed,
            round_number=done_before + 1,
        )
        settings: dict[str, Any] = {
            "overlap": overlap,
            "per_article": per_article,
            "where": list(where),
        }
        packages = write_packages(store, plan, out_dir, settings)
    for warning in plan.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"Round {plan.round}: {len(plan.assigned)} articles to {len(names)} annotators, "
        f"{len(plan.shared())} shared (seed {seed})"
    )
    for package in packages:
        click.echo(
            f"  {package.annotator:<16} {package.articles:>6} articles {package.characters:>10,} "
            f"characters {package.shared:>5} shared  -> {package.path}"
        )
    for (a, b), n in plan.pair_counts().items():
        click.echo(f"  {a} – {b}: {n} shared")


def progress_figures(store: Store) -> dict[str, Any] | None:
    """Progress against the plan, as JSON-ready figures; None when there is no plan."""
    progress = store.progress()
    if not progress:
        return None
    readiness = store.shared_readiness()
    return {
        "rounds": store.last_round(),
        "annotators": {p.annotator: p.as_dict() for p in progress},
        "shared": readiness.as_dict(),
    }


def print_progress(figures: dict[str, Any]) -> None:
    """The progress table `annotator stats` shows under its counts."""
    click.echo(f"Assignments ({figures['rounds']} round{'s' if figures['rounds'] > 1 else ''})")
    click.echo(
        f"  {'annotator':<20} {'assigned':>8} {'started':>8} {'done':>8} {'remaining':>9} "
        f"{'per day':>8}"
    )
    for name, p in figures["annotators"].items():
        per_day = "—" if p["per_day"] is None else f"{p['per_day']:.1f}"
        click.echo(
            f"  {name:<20} {p['assigned']:>8} {p['started']:>8} {p['done']:>8} "
            f"{p['remaining']:>9} {per_day:>8}"
        )
    shared = figures["shared"]
    if not shared["shared"]:
        return
    click.echo(
        f"Shared articles ready for agreement: {shared['ready']} of {shared['shared']} "
        "(done by every annotator they were given to)"
    )
    for pair, counts in shared["pairs"].items():
        a, b = pair.split("|")
        click.echo(f"  {a} – {b}: {counts['ready']} of {counts['shared']}")
