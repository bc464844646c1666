"""Team commands: merge annotators' databases, measure agreement, write a report.

They are registered on the `annotator` group in annotator.cli. No Qt.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from annotator.cli.common import UserError, opened, user_errors
from annotator.core.errors import AnnotatorError
from annotator.core.terminal import printable, printable_json

if TYPE_CHECKING:
    from annotator.storage.store import Store


@click.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
def merge(out: Path, inputs: tuple[Path, ...]) -> None:
    """Merge annotators' databases INPUTS into OUT (created if needed).

    Articles are matched by the SHA-256 of their text; every annotation and relation
    keeps its annotator. The schemas must be the same. Inputs are only read, and
    merging the same file twice adds nothing. An input's assignment plan comes along
    (see `annotator assign`); merge then warns about annotations on articles not
    assigned to their annotator, and about assigned articles missing from a package.
    """
    from annotator.storage.team import check_inputs, merge_into

    with user_errors():
        schema = check_inputs(out, inputs)
    with opened(out, create=True, schema=schema) as store:
        for path in inputs:
            report = merge_into(store, path)
            names = ", ".join(sorted(n or "(no name)" for n in report.annotators)) or "nobody"
            _echo(
                f"{path}: {report.articles_added} articles added, "
                f"{report.articles_matched} matched; "
                f"{report.annotations_added} annotations added "
                f"({report.annotations_present} already there); "
                f"{report.relations_added} relations added; annotators: {names}"
                + (
                    f"; {report.assignments_added} assignments added"
                    if report.assignments_added
                    else ""
                )
            )
            for warning in report.warnings:
                click.echo(printable(f"warning: {warning}"), err=True)


def _echo(line: str) -> None:
    click.echo(printable(line))


def agreement_figures(
    store: Store, annotators: list[str] | None, labels: list[str] | None, finished: bool = False
) -> dict[str, Any]:
    from annotator.core.agreement_report import compute
    from annotator.storage.team import agreement_input, finished_only

    schema = store.schema
    chosen_labels = list(labels) if labels else list(schema.labels)
    for label in chosen_labels:
        schema.label(label)
    articles = agreement_input(store)
    if finished:
        articles = finished_only(store, articles)
    present = sorted({name for art in articles for name, spans in art.spans.items() if spans})
    for name in annotators or []:
        if name not in present:
            raise AnnotatorError(
                f"annotator {name!r} has no annotations in {store.path}; "
                f"annotators: {', '.join(present) or 'none'}"
            )
    return compute(
        articles,
        chosen_labels,
        {label: list(schema.labels[label].attributes) for label in chosen_labels},
        list(schema.relations),
        annotators or None,
    )


def _f(value: float | None) -> str:
    return "     —" if value is None else f"{value:6.3f}"


@click.command()
@click.argument("db", type=click.Path(path_type=Path))
@click.option(
    "--annotators",
    "annotators",
    multiple=True,
    help="Compare only this annotator (repeat the option for each; "
    "one quoted argument may also hold several names).",
)
@click.option("--label", "labels", multiple=True, help="Only this label (repeatable).")
@click.option(
    "--finished",
    is_flag=True,
    help="Only articles assigned to both annotators of a pair and done by both "
    "(see annotator assign).",
)
@click.option("--json", "as_json", is_flag=True, help="The same figures as JSON.")
def agreement(
    db: Path, annotators: tuple[str, ...], labels: tuple[str, ...], finished: bool, as_json: bool
) -> None:
    """Inter-annotator agreement in DB, pairwise and averaged, per label and overall.

    Exact-span and overlap F1, token-level Krippendorff's alpha (nominal), Cohen's kappa
    per attribute over matched spans, F1 of links whose ends match, and a per-article
    table with the least agreed articles first. An article counts for a pair when both
    annotated it; with --finished, only when it was assigned to both and both marked it
    done (the plan of annotator assign, brought in by merge). A dash is a figure that is
    undefined (nothing to compare).
    """
    names = [n for group in annotators for n in group.split()] or None
    with opened(db, readonly=True) as store, store.snapshot():
        figures = agreement_figures(store, names, list(labels) or None, finished)
    if as_json:
        click.echo(printable_json(json.dumps(figures, ensure_ascii=False, indent=2)))
        return
    if len(figures["annotators"]) < 2:
        raise UserError(
            f"agreement needs at least two annotators; {db} has "
            f"{', '.join(figures['annotators']) or 'none'}"
        )
    _print_table(figures)


def _print_table(figures: dict[str, Any]) -> None:
    _echo(f"{'pair':<28} {'articles':>8} {'label':<8} {'exact F1':>8} {'ovl F1':>8} {'alpha':>8}")
    rows = [(f"{p['a']} – {p['b']}", p["articles"], p) for p in figures["pairs"]]
    if len(figures["pairs"]) > 1:
        rows.append(("average", "", figures["average"]))
    for name, count, data in rows:
        for label, f in [("all", data["overall"]), *data["labels"].items()]:
            _echo(
                f"{name:<28} {count!s:>8} {label:<8} {_f(f.get('exact_f1')):>8} "
                f"{_f(f.get('overlap_f1')):>8} {_f(f.get('alpha')):>8}"
            )
            name, count = "", ""
    _echo("")
    _echo("Cohen's kappa per attribute (spans matched by overlap)")
    for key in figures["average"].get("attributes", {}):
        values = "  ".join(
            f"{p['a']}–{p['b']}: {_f(p['attributes'][key]).strip()}" for p in figures["pairs"]
        )
        _echo(f"  {key:<24} {values}")
    _echo("")
    _echo("Links whose two ends match (F1, exact / overlap rule)")
    for rel_type in figures["average"].get("links", {}):
        values = "  ".join(
            f"{p['a']}–{p['b']}: {_f(p['links'][rel_type]['exact']).strip()} / "
            f"{_f(p['links'][rel_type]['overlap']).strip()}"
            for p in figures["pairs"]
        )
        _echo(f"  {rel_type:<24} {values}")
    _echo("")
    _echo("Articles, least agreed first (overlap F1 averaged over pairs)")
    for row in figures["articles"]:
        _echo(
            f"  {row['id']:>6} {_f(row['overlap_f1'])} {_f(row['exact_f1'])}  "
            f"{', '.join(row['annotators']):<24} {row['title']}"
        )


@click.command()
@click.argument("db", type=click.Path(path_type=Path))
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
def report(db: Path, out: Path, force: bool) -> None:
    """Write a self-contained HTML report of DB to OUT: progress per annotator and status,
    progress against the assignment plan, the label distribution, agreement per label and
    the most frequent sources."""
    from annotator.cli.assign import progress_figures
    from annotator.formats.report_html import render

    if out.exists() and not force:
        raise UserError(f"{out} exists; add --force to overwrite it")
    with opened(db, readonly=True) as store, store.snapshot():
        figures = agreement_figures(store, None, None)
        stats = store.stats()
        per_annotator = store.articles_per_annotator()
        sources = store.annotation_texts("SOURCE")
        plan = progress_figures(store)
        page = render(
            db.name, store.schema, stats, per_annotator, figures, sources, assignments=plan
        )
    from annotator.formats.base import atomic_write

    try:
        atomic_write(out, lambda fh: fh.write(page))
    except OSError as exc:
        raise UserError(f"{out} cannot be written: {exc.strerror}") from None
    click.echo(f"Wrote {out}", file=sys.stdout)
