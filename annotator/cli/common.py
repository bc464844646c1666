"""What every command shares: one-line errors, opening a database, display forms."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from annotator.core.errors import AnnotatorError
from annotator.core.terminal import printable

if TYPE_CHECKING:
    from annotator.storage import Store

EXIT_USER_ERROR = 2
EXIT_PARTIAL = 1


class UserError(click.ClickException):
    """One line on stderr, exit status 2."""

    exit_code = EXIT_USER_ERROR

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"annotator: error: {printable(self.message)}", err=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the core's errors into one clear line and exit status 2."""
    try:
        yield
    except AnnotatorError as exc:
        raise UserError(str(exc)) from None


def open_store(path: Path, **kwargs: Any) -> Store:
    """``annotator.storage.open_store``, loaded when a command first opens a database
    (``--help`` opens none)."""
    from annotator.storage import open_store as open_it

    return open_it(path, **kwargs)


@contextmanager
def opened(
    db: Path, readonly: bool = False, create: bool = False, **kwargs: Any
) -> Iterator[Store]:
    with user_errors():
        store = open_store(db, readonly=readonly, create=create, **kwargs)
    for warning in store.warnings:
        click.echo(f"annotator: warning: {warning}", err=True)
    try:
        with user_errors():
            yield store
    finally:
        store.close()


db_argument = click.argument("db", type=click.Path(path_type=Path, dir_okay=True))


def display_form(text: str) -> str:
    """Reshape and reorder Arabic for a terminal without bidi support (display only):
    each line in visual order, each diacritic still after its letter."""
    import arabic_reshaper

    from annotator.core.visual import visual

    reshaper = arabic_reshaper.ArabicReshaper(
        configuration={"delete_harakat": False, "support_ligatures": True}
    )
    return "\n".join(visual(reshaper.reshape(line)) for line in text.split("\n"))
