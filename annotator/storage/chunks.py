"""Long writes in bounded chunks, so that another writer (the window) is never locked out.

SQLite lets one writer in at a time. A merge or import of a large file in a single
transaction would make the window's next mark wait for all of it, then fail as
"locked". A chunked transaction commits whenever it has held the write lock for
CHUNK_SECONDS, at a boundary its caller marks (between articles, between records), and
pauses for PAUSE_SECONDS, in which a waiting writer takes its turn (writers retry every
few milliseconds, see ``StoreBase.transaction``).

A reader may therefore see part of a long write: whole articles (or records) only,
each with all its annotations and links.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

CHUNK_SECONDS = 0.25
PAUSE_SECONDS = 0.02


@contextmanager
def chunked(store: Any) -> Iterator[Callable[[], None]]:
    """A transaction on ``store`` that the caller may let commit at its boundaries.

    Yields:
        ``boundary()``: call it where the data is whole; it commits and pauses once the
        chunk has lasted CHUNK_SECONDS, then goes on in a new transaction. Inside an
        enclosing transaction it does nothing: that transaction decides.
    """
    nested = store.db.conn.in_transaction
    stack = ExitStack()
    with stack:
        stack.enter_context(store.transaction())
        started = time.monotonic()

        def boundary() -> None:
            nonlocal started
            if nested or time.monotonic() - started < CHUNK_SECONDS:
                return
            stack.close()  # commits
            time.sleep(PAUSE_SECONDS)
            stack.enter_context(store.transaction())
            started = time.monotonic()

        yield boundary
