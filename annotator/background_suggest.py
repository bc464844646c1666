"""A long article's first suggestions, computed and stored in a worker process (no Qt).

The window hands the worker a database and an article; the worker reads the text and
the annotations itself, runs the engine, and stores what it proposes in one
transaction through its own connection (``Store.store_candidate_rows``), so that the
window's thread never waits for Python's interpreter lock or for the inserts. It
sends back only whether the suggestions were stored.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Protocol

_NICENESS = 10


class Jobs(Protocol):
    """The worker's end of its two queues (``multiprocessing`` queues)."""

    def get(self) -> object: ...

    def put(self, item: object) -> None: ...


def suggest_and_store(db: Path, article_id: int) -> bool:
    """Compute and store an article's suggestions (when it has none yet).

    Returns:
        whether they are stored; False when the engine or the store failed (the article
        then simply has no suggestions, as the window shows it).
    """
    from annotator.storage import open_store
    from annotator.suggest import engine
    from annotator.suggest.model import KnownSpan

    try:
        with open_store(db, create=False, backup=False) as store:
            if store.has_suggestions(article_id):
                return True
            text = store.article_text(article_id)
            known = [KnownSpan(a.label, a.start, a.end) for a in store.annotations(article_id)]
            candidates = engine.run(text, engine.DEFAULT_RECOMMENDERS, engine.Context(known=known))
            spans, links = candidates.rows()
            # Annotations made meanwhile are respected: the store leaves out what they
            # overlap, read inside its transaction.
            store.store_candidate_rows(article_id, spans, links, replace=False)
    except Exception:  # noqa: BLE001 - engine or store (a full disk, say): none stored
        return False
    return True


def serve(requests: Jobs, results: Jobs) -> None:
    """The worker process's loop: (database, article id) in, (article id, stored) out,
    until it gets None."""
    # Background work: the window's process is served first when both want a core.
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(_NICENESS)
    while True:
        job = requests.get()
        if job is None:
            return
        assert isinstance(job, tuple)
        db, article_id = job
        results.put((article_id, suggest_and_store(Path(db), int(article_id))))
