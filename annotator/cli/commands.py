"""The commands over one database: gui, import, list, show, stats, export, bench."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from annotator.cli.common import (
    EXIT_PARTIAL,
    UserError,
    db_argument,
    display_form,
    opened,
    user_errors,
)
from annotator.core.statuses import STATUSES
from annotator.core.terminal import printable, printable_json
from annotator.formats.registry import EXPORT_FORMATS

if TYPE_CHECKING:
    from annotator.core.model import Annotation


@click.command()
@click.argument("db", required=False, type=click.Path(path_type=Path))
@click.option("--article", "article_id", type=int, help="Open this article id.")
@click.option("--annotator", "annotator_name", help="Record annotations under this name.")
def gui(db: Path | None, article_id: int | None, annotator_name: str | None) -> None:
    """Open the annotation window on DB (default: the last database used)."""
    from annotator.display import missing_display

    if (why := missing_display()) is not None:
        raise UserError(why)
    try:
        from annotator.gui.app import run
    except ImportError as exc:
        raise UserError(f"the window cannot start: {exc}") from None
    with user_errors():
        sys.exit(run(db=db, article_id=article_id, annotator=annotator_name))


@click.command("import")
@db_argument
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--encoding",
    help=(
        "Read every file with this encoding (default: detect UTF-8, UTF-16 with BOM, else "
        "Windows-1256 or ISO-8859-6; damaged UTF-8 is refused)."
    ),
)
@click.option(
    "--keep-presentation-forms",
    is_flag=True,
    help="Do not fold Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFC) to base letters.",
)
@click.option(
    "--text-column",
    default="text",
    show_default=True,
    help="CSV column that holds the article text.",
)
@click.option(
    "--title-column", default="title", show_default=True, help="CSV column that holds the title."
)
@click.option(
    "--schema",
    "schema_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Schema (TOML) for a new database; default: the bundled schema.",
)
@click.option(
    "--annotator",
    "annotator_name",
    metavar="NAME",
    help="The annotator of annotations and links the files do not name (brat, doccano, "
    "INCEpTION work).",
)
@click.option(
    "--labelstudio-predictions",
    is_flag=True,
    help="Label Studio: also import predictions (pre-annotations), under their model_version.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def import_(
    db: Path,
    paths: tuple[Path, ...],
    encoding: str | None,
    keep_presentation_forms: bool,
    text_column: str,
    title_column: str,
    schema_path: Path | None,
    annotator_name: str | None,
    labelstudio_predictions: bool,
    quiet: bool,
) -> None:
    """Import articles into DB from PATHS: .txt files, .jsonl and .csv files, and folders.

    Folders are read recursively. JSON Lines need a "text" key; "id", "title",
    "source", "url" and "published" are recognised and other keys are kept as
    metadata; lines in annotator's own export form bring their annotations. CSV files
    need a text column. A brat pair (NAME.txt beside NAME.ann) and a UIMA .xmi file
    (with its TypeSystem.xml) or an INCEpTION export .zip, a Label Studio .json export
    and doccano .jsonl lines come with their annotations. The same text imported twice
    is stored once; annotations for an article already in DB are added to it, never
    twice. Bad files or lines, and annotations that conflict with stored ones, are
    skipped with a reason, and the exit status is then 1. Ctrl+C stops the import:
    the articles stored before it stay, each whole, nothing of the part in progress is
    stored, and the exit status is 130.
    """
    from annotator.core.schema import load as load_schema
    from annotator.formats.importer import ImportOptions, import_paths

    with user_errors():
        schema = load_schema(schema_path) if schema_path else None
    options = ImportOptions(
        encoding,
        not keep_presentation_forms,
        text_column,
        title_column,
        annotator_name,
        labelstudio_predictions,
    )
    from annotator.cli.interrupt import import_interrupted

    with opened(db, create=True, schema=schema) as store, import_interrupted(store):
        show_bar = sys.stderr.isatty() and not quiet
        if show_bar:
            with click.progressbar(length=1, label="Importing", file=sys.stderr) as bar:

                def progress(done: int, total: int) -> bool:
                    bar.length = total
                    bar.update(done - bar.pos)
                    return True

                report = import_paths(store, list(paths), options, progress)
        else:
            report = import_paths(store, list(paths), options)
    for skip in report.skipped:
        click.echo(f"skipped: {printable(skip)}", err=True)
    if not quiet:
        for article_id, where in report.duplicates:
            click.echo(
                printable(f"duplicate: {where} has the same text as article {article_id}"), err=True
            )
        extra = (
            f", {report.annotations} annotations, {report.relations} relations"
            if report.annotations
            else ""
        )
        click.echo(
            f"Imported {len(report.imported)} articles{extra} into {db} "
            f"({len(report.duplicates)} duplicates, {len(report.skipped)} skipped"
            + (f", {len(report.ignored)} other files ignored" if report.ignored else "")
            + ")"
        )
    if report.existing:
        click.echo(report.added_line())
    if report.skipped:
        sys.exit(EXIT_PARTIAL)


@click.command("list")
@db_argument
@click.option("--status", type=click.Choice(STATUSES), help="Only articles with this status.")
@click.option(
    "--search",
    help="Only articles that contain these words, with or without proclitics (و ف ب ل ك ال), "
    'diacritics and letter variants ignored; "quoted words" must follow each other.',
)
@click.option(
    "--stem",
    is_flag=True,
    help="With --search: also match words with pronoun suffixes (ه ها هم نا ي …) and ات.",
)
@click.option(
    "--visual", is_flag=True, help="Reshape and reorder Arabic for terminals without bidi support."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
def list_(
    db: Path, status: str | None, search: str | None, stem: bool, visual: bool, as_json: bool
) -> None:
    """List the articles of DB: id, status, annotation count and title."""
    if search is None or not search.strip():
        # No search: read without the store's queries (a short command loads little).
        from annotator.storage.listing import summaries

        with user_errors():
            rows = summaries(db, status)
    else:
        with opened(db, readonly=True) as store:
            rows = [r.__dict__ for r in store.summaries(status=status, query=search, stem=stem)]
    for row in rows:
        if as_json:
            click.echo(printable_json(json.dumps(row, ensure_ascii=False)))
            continue
        title = printable(row["title"])
        title = display_form(title) if visual else title
        click.echo(f"{row['id']:>6}  {row['status']:<11}  {row['annotation_count']:>5}  {title}")


@click.command()
@db_argument
@click.argument("article_id", metavar="ID", type=int)
@click.option(
    "--visual", is_flag=True, help="Reshape and reorder Arabic for terminals without bidi support."
)
@click.option("--annotator", "annotator_name", help="Only this annotator's annotations.")
def show(db: Path, article_id: int, visual: bool, annotator_name: str | None) -> None:
    """Print article ID of DB with its annotations marked.

    Each annotation is enclosed as [ ... ]N, and listed below by its number N with its
    label, offsets (code points), attributes, note and links.
    """
    with opened(db, readonly=True) as store:
        article = store.article(article_id)
        annotations = store.annotations(article_id, annotator_name)
        relations = store.relations(article_id)
    marked = mark_text(article.text, annotations, isolate=visual)
    header = f"# {article.id}  {article.title}  [{article.status}]"
    # Reordered first (the isolates around marked spans are consumed there), then made
    # harmless for the terminal.
    click.echo(printable(display_form(header) if visual else header))
    click.echo(printable(display_form(marked) if visual else marked, multiline=True))
    if not annotations:
        return
    number = {a.id: n for n, a in enumerate(annotations, 1)}
    click.echo("")
    for n, ann in enumerate(annotations, 1):
        attrs = " ".join(f"{k}={v}" for k, v in ann.attributes.items())
        links = [
            f"{r.type}->{number[r.to_id]}"
            for r in relations
            if r.from_id == ann.id and r.to_id in number
        ]
        quoted = display_form(printable(ann.text)) if visual else ann.text
        parts = [
            f"{n:>3}",
            ann.label,
            f"{ann.start}-{ann.end}",
            f"«{quoted}»",
            attrs,
            " ".join(links),
        ]
        if ann.note:
            parts.append(f"note: {ann.note}")
        if ann.annotator:
            parts.append(f"({ann.annotator})")
        click.echo(printable("  ".join(p for p in parts if p)))


def mark_text(text: str, annotations: list[Annotation], isolate: bool = False) -> str:
    """The text with each annotation enclosed as [ ... ]N, nested spans included.

    Args:
        isolate: also enclose each marked span in FSI ... PDI, so that reordering for
            display keeps its brackets and number with it («قال [Peter]1 Cook»).
    """
    from annotator.core.model import reading_order

    opens: dict[int, list[int]] = {}
    closes: dict[int, list[int]] = {}
    ordered = sorted(annotations, key=reading_order)
    for n, ann in enumerate(ordered, 1):
        opens.setdefault(ann.start, []).append(n)
        closes.setdefault(ann.end, []).insert(0, n)
    out: list[str] = []
    for pos in range(len(text) + 1):
        for n in closes.get(pos, []):
            out.append(f"]{n}\u2069" if isolate else f"]{n}")
        out.extend("\u2068[" if isolate else "[" for _ in opens.get(pos, []))
        if pos < len(text):
            out.append(text[pos])
    return "".join(out)


@click.command()
@db_argument
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(db: Path, as_json: bool) -> None:
    """Counts of annotations per label and per annotator, and of articles per status.

    With an assignment plan (annotator assign), also each annotator's progress against
    it, and the shared articles ready for agreement.
    """
    from annotator.cli.assign import print_progress, progress_figures

    with opened(db, readonly=True) as store:
        counts: dict[str, Any] = dict(store.stats())
        progress = progress_figures(store)
    if progress is not None:
        counts["assignments"] = progress
    if as_json:
        click.echo(printable_json(json.dumps(counts, ensure_ascii=False, indent=2)))
        return
    titles = {
        "status": "Articles by status",
        "label": "Annotations by label",
        "annotator": "Annotations by annotator",
        "relation": "Relations by type",
    }
    for key, title in titles.items():
        click.echo(title)
        if not counts[key]:
            click.echo("  (none)")
        for name, n in counts[key].items():
            click.echo(printable(f"  {name or '(no name)':<20} {n:>7}"))
    if progress is not None:
        print_progress(progress)


@click.command()
@click.option(
    "--quick",
    is_flag=True,
    help="Small sizes and one run each: checks in seconds that every row is produced.",
)
@click.option(
    "--corpus",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Use this database as the large corpus instead of building one.",
)
@click.option("--no-gui", is_flag=True, help="Leave out the rows that need the window.")
@click.option(
    "--scaling",
    is_flag=True,
    help=(
        "Also show how cost grows with article length, span count, corpus size and the "
        "number of annotators."
    ),
)
@click.option(
    "--markdown",
    is_flag=True,
    help="Print the table as Markdown, headed by the machine it ran on (as in the README).",
)
def bench(quick: bool, corpus: Path | None, no_gui: bool, scaling: bool, markdown: bool) -> None:
    """Measure speed and memory, each against a bare baseline run in the same session.

    Rows: import (vs a raw sqlite3 executemany), cold start with a 100,000-article
    database (vs a bare QMainWindow), opening a 5 KB and a 1 MB article until painted
    (vs QTextEdit.setPlainText), one annotation until committed (vs a raw INSERT and
    COMMIT), scrolling a 1 MB article, painting it with link arcs (vs without), search
    over the corpus, resident memory, export to jsonl (vs a bare SELECT with
    json.dumps), agreement among 60 annotators, suggestions (vs tokenising), and
    `annotator --help` and `annotator list` (vs python -c "import sqlite3, click").
    Medians of several runs, with p10–p90; the ratio and the target are shown for each
    row.
    """
    from annotator.bench.suggest import suggestion_rows
    from annotator.bench.table import HEADER, MARKDOWN_HEADER, Row, Sizes, machine, rows
    from annotator.bench.table import scaling as scaling_rows

    def show(row: Row) -> None:
        if markdown:
            click.echo(row.markdown())
        else:
            click.echo(row.line() + (f"  ({row.note})" if row.note else ""))

    sizes = Sizes.quick() if quick else Sizes.full()
    if markdown:
        click.echo(f"Machine: {machine(gui=not no_gui)}\n")
    click.echo(MARKDOWN_HEADER if markdown else HEADER)
    for row in rows(sizes, corpus, gui=not no_gui):
        show(row)
    for row in suggestion_rows(quick):
        show(row)
    if scaling:
        click.echo("")
        for line in scaling_rows(quick):
            click.echo(line)


@click.command("export")
@db_argument
@click.argument("out", type=click.Path(path_type=str, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    required=True,
    metavar="FORMAT",
    help="The format to write: "
    + ", ".join(f"{f.name} ({f.description})" for f in EXPORT_FORMATS.values())
    + ".",
)
@click.option(
    "--spans-key",
    default="sc",
    show_default=True,
    help="spacy: the doc.spans key that holds every annotation.",
)
@click.option(
    "--labelstudio-as",
    type=click.Choice(["annotations", "predictions"]),
    default="annotations",
    show_default=True,
    help="labelstudio: write spans as annotations, or as predictions (pre-annotations).",
)
@click.option("--status", type=click.Choice(STATUSES), help="Only articles with this status.")
@click.option(
    "--annotator",
    "annotator_name",
    metavar="NAME",
    help="Only this annotator's annotations (and the links between them).",
)
@click.option(
    "--label",
    "labels",
    multiple=True,
    metavar="LABEL",
    help="Only annotations with this label (repeatable); links need both ends kept.",
)
@click.option(
    "--article",
    "article_ids",
    multiple=True,
    type=int,
    metavar="ID",
    help="Only this article (repeatable).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace OUT if it exists (a folder only when it holds nothing but a previous export).",
)
@click.option(
    "--include-suggestions",
    is_flag=True,
    help="Also write pending suggestions, as predictions (Label Studio).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
def export_(
    db: Path,
    out: str,
    fmt: str,
    status: str | None,
    annotator_name: str | None,
    labels: tuple[str, ...],
    article_ids: tuple[int, ...],
    spans_key: str,
    labelstudio_as: str,
    force: bool,
    include_suggestions: bool,
    quiet: bool,
) -> None:
    """Export the articles and annotations of DB to OUT in another tool's format.

    OUT is a file, or - for standard output, for jsonl, csv, conll, iob2, labelstudio,
    labelstudio-config and doccano; a file for spacy; a folder for brat and xmi. Offsets are in
    each tool's own unit (see the README, "Export formats"). Writing is atomic: OUT
    appears complete or not at all, and an existing OUT is replaced only with --force.
    An annotation whose stored text no longer matches its article stops the export.
    Spans a format cannot hold exactly (CoNLL tokens) are listed on standard error, and
    xmi says which INCEpTION layer settings the data needs.
    """
    from annotator.formats.export import FORMATS, OFFSET_UNITS, ExportFilter, ExportOptions, export

    if fmt not in FORMATS:
        raise UserError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    filters = ExportFilter(status, annotator_name, labels, article_ids, include_suggestions)
    options = ExportOptions(spans_key=spans_key, labelstudio_as=labelstudio_as)
    with opened(db, readonly=True) as store:
        show_bar = sys.stderr.isatty() and not quiet and out != "-"
        if show_bar:
            with click.progressbar(length=1, label="Exporting", file=sys.stderr) as bar:

                def progress(done: int, total: int) -> bool:
                    bar.length = max(total, 1)
                    bar.update(done - bar.pos)
                    return True

                report = export(store, out, fmt, filters, force, progress, options)
        else:
            report = export(store, out, fmt, filters, force, options=options)
    for warning in report.warnings:
        click.echo(printable(f"lossy: {warning}"), err=True)
    if not quiet:
        for note in report.notes:
            click.echo(printable(f"note: {note}"), err=True)
        spec = FORMATS[fmt]
        where = "standard output" if out == "-" else out
        if spec.articles:
            click.echo(
                f"Exported {report.articles} articles, {report.annotations} annotations and "
                f"{report.relations} relations to {where} "
                f"({fmt}, offsets in {OFFSET_UNITS[spec.offset_unit]})",
                err=True,
            )
        else:
            click.echo(f"Wrote the {fmt} of the schema of {db} to {where}", err=True)
