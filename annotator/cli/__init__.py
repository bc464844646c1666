"""The `annotator` command: a thin click layer over the core, storage and formats.

Nothing here imports Qt; `annotator gui` (and bare `annotator`) load the window lazily.
A user's mistake prints one line on stderr and exits with status 2. Each module of
this package holds some commands; this one makes the group and registers them.
"""

from __future__ import annotations

import sys

import click

from annotator import __version__
from annotator.cli.assign import assign
from annotator.cli.commands import bench, export_, gui, import_, list_, mark_text, show, stats
from annotator.cli.common import UserError, display_form, opened, user_errors
from annotator.cli.restore import restore
from annotator.cli.suggest import suggest, suggest_eval
from annotator.cli.team import agreement, merge, report

__all__ = ["UserError", "cli", "display_form", "main", "mark_text", "opened", "user_errors"]


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annotator")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Annotate claims and their sources in Arabic news articles.

    Run without a command to open the window on your last database (on the very
    first run, a new database with the bundled sample articles).
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui)


for _command in (
    gui,
    import_,
    list_,
    show,
    stats,
    bench,
    export_,
    merge,
    agreement,
    report,
    assign,
    restore,
    suggest,
    suggest_eval,
):
    cli.add_command(_command)


def main() -> None:
    """Entry point of the console script."""
    try:
        cli(prog_name="annotator")
    except KeyboardInterrupt:
        click.echo("annotator: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
