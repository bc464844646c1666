"""A writer that marks like the window does, and times every mark.

Usage: python mark_worker.py DB ARTICLE_ID

Through the window's command path (CommandStack, CreateAnnotation, Store) it makes
and undoes a mark every 20 ms, and prints "WAIT <seconds>" for every step: how long
the window would have been frozen. Prints "READY" first; stops when stdin closes.
"""

from __future__ import annotations

import sys
import threading
import time

from annotator.core.commands import CommandStack, CreateAnnotation
from annotator.storage import open_store


def main() -> None:
    db, article_id = sys.argv[1], int(sys.argv[2])
    store = open_store(db, backup=False)
    stack = CommandStack(store)
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    print("READY", flush=True)
    while not stop.is_set():
        started = time.monotonic()
        stack.push(CreateAnnotation(article_id, "CUE", 0, 3, "window"))
        print(f"WAIT {time.monotonic() - started:.4f}", flush=True)
        started = time.monotonic()
        stack.undo()
        print(f"WAIT {time.monotonic() - started:.4f}", flush=True)
        time.sleep(0.02)
    store.close()


if __name__ == "__main__":
    main()
