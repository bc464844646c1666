"""Ctrl+C during a long write: one line saying what stays, exit status 130.

The store commits a long import in chunks of whole articles (see
``annotator.storage.chunks``), and an exception inside a chunk rolls that chunk back.
So Ctrl+C only has to become an ordinary exception at the first signal, with later
signals ignored, so that the rollback and the end of the import's reading process are
not themselves interrupted; the articles committed before it stay.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from annotator.storage import Store

# The exit status of a command ended by SIGINT, as a shell reports it.
EXIT_INTERRUPTED = 130


def _first_interrupt(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


@contextmanager
def import_interrupted(store: Store) -> Iterator[None]:
    """Inside the block, Ctrl+C ends the command with one line on stderr that says how
    many new articles were stored before it, and exit status 130."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    newest = store.newest_article_id()
    previous = signal.signal(signal.SIGINT, _first_interrupt)
    try:
        yield
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stored = store.count_articles_after(newest)
        click.echo(
            f"annotator: import interrupted; what was stored before it stays ({stored:,} new "
            f"article{'' if stored == 1 else 's'}, each whole), nothing of the part in "
            "progress was stored",
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)
    except BaseException:
        signal.signal(signal.SIGINT, previous)
        raise
    signal.signal(signal.SIGINT, previous)
