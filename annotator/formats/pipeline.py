"""Reading for an import on the other core: decode, canonicalise and index in a worker.

Reading a file, decoding and canonicalising its texts and making their search index
forms is CPU work in Python; storing them is SQLite's. A large import reads in a worker
process and stores in the calling one, both at once. The worker sends batches bounded by
bytes through a queue of at most ``QUEUE_BATCHES``, so memory is bounded by bytes in the
reader, the queue and the writer, whatever the number or size of the articles. A small
import (under ``WORKER_BYTES``) is read in the calling process: starting a worker would
cost more than it saves.

Annotated records whose reader has checked their offsets (native jsonl) are also
checked against the store's schema and given rows ready to store, by whichever process
has the time (``prepare``), so the store only gives them ids. The first batches are
small, so the writer starts at once.

A reader's refusals are ``Skip`` items in the stream, as in-process. An error that is not
the input's (a bug, memory) is raised again in the calling process; a worker that dies is
one error line. On Ctrl+C or when the caller stops early, the worker is ended; a worker
whose caller was killed outright ends itself.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.prepared import PackedRecord, PreparedArticle, ReadyRows, make_ready
from annotator.core.records import ImportRecord, Skip
from annotator.formats.base import ImportOptions

# What the worker puts in one batch, in bytes of input, and at most this many records.
BATCH_BYTES = 4 * 1024 * 1024
# The first batch is this small, and each next one twice the last, up to BATCH_BYTES:
# the writer starts as soon as a few articles are read instead of waiting for 4 MB.
FIRST_BATCH_BYTES = 256 * 1024
BATCH_RECORDS = 500
QUEUE_BATCHES = 2
# Below this many bytes of input, reading stays in the calling process.
WORKER_BYTES = 2 * 1024 * 1024

# A plain article with its digest and index forms, an annotated one packed (with them,
# in ``PackedRecord.prepared``), or a refusal.
Item = tuple[ImportRecord, PreparedArticle] | tuple[PackedRecord | Skip, None]
Read = ImportRecord | PackedRecord | Skip
Reader = Callable[[Path, ImportOptions], Iterator[ImportRecord | PackedRecord | Skip]]

_DONE = "done"
_RAW = "raw"
_PREPARED = "prepared"
_ERROR = "error"
_POLL_SECONDS = 0.5


def next_limit(limit: int) -> int:
    """The size of the batch after one of ``limit`` bytes (see FIRST_BATCH_BYTES)."""
    return min(2 * limit, BATCH_BYTES)


def prepare(
    item: Read, shared: dict[Any, Any] | None = None, ready: ReadyRows | None = None
) -> Item:
    """An item with its article's digest and index forms; an annotated record packed
    too (``shared``: see ``PackedRecord.of``), and with ``ready`` (the store's schema)
    checked against it and its rows made ready to store when its reader has checked
    its offsets (``make_ready``): a refusal is then a ``Skip``."""
    if isinstance(item, Skip):
        return item, None
    if not isinstance(item, PackedRecord):
        if not item.annotations and not item.relations:
            return item, PreparedArticle.of(item.article)
        item = PackedRecord.of(item, shared)
    if ready is not None and item.offsets_checked and item.ready_spans is None:
        try:
            make_ready(item, ready)
        except AnnotatorError as exc:
            return Skip(item.where, str(exc).removeprefix(f"{item.where}: "), item.size), None
    item.ready()
    return item, None


def _ready_rows(options: ImportOptions) -> ReadyRows | None:
    """What ``prepare`` needs to check records against the store's schema, if known."""
    if options.schema is None:
        return None
    return ReadyRows(options.schema, options.annotator or "")


def pack(item: Read, shared: dict[Any, Any]) -> Read:
    """An annotated record packed (its digest and index forms left to the writer)."""
    if isinstance(item, ImportRecord) and (item.annotations or item.relations):
        return PackedRecord.of(item, shared)
    return item


def prepared_items(
    files: list[Path], options: ImportOptions, read: Reader, total_bytes: int
) -> Generator[Item, None, None]:
    """Every item of ``files``, prepared, in order; read in a worker when large.

    Closing the iterator early (a cancelled import) ends the worker.
    """
    if total_bytes < WORKER_BYTES:
        ready = _ready_rows(options)
        for path in files:
            for item in read(path, options):
                yield prepare(item, None, ready)
        return
    yield from _from_worker(files, options, read)


def _context() -> Any:
    # fork starts at once, but only a process with one thread may fork safely (the
    # window has several); elsewhere a fresh interpreter is started.
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _from_worker(files: list[Path], options: ImportOptions, read: Reader) -> Iterator[Item]:
    context = _context()
    ready = _ready_rows(options)
    batches: Any = context.Queue(maxsize=QUEUE_BATCHES)
    worker = context.Process(
        target=_work, args=(files, options, read, batches), name="annotator-import-reader"
    )
    worker.daemon = True
    if threading.current_thread() is threading.main_thread():
        # The worker starts with Ctrl+C ignored (and keeps it so, see _work): the caller
        # handles it and ends the worker.
        handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            worker.start()
        finally:
            signal.signal(signal.SIGINT, handler)
    else:
        worker.start()
    finished = False
    try:
        while True:
            try:
                message = batches.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if not worker.is_alive():
                    raise AnnotatorError(
                        "the import's reading process stopped unexpectedly "
                        f"(exit code {worker.exitcode}); nothing after the last stored "
                        "article was imported"
                    ) from None
                continue
            kind, payload = message
            if kind == _DONE:
                finished = True
                return
            if kind == _ERROR:
                raise payload
            if kind == _RAW:
                yield from (prepare(item, None, ready) for item in payload)
            else:
                yield from payload
    finally:
        if not finished:
            worker.terminate()
        worker.join()
        batches.close()
        batches.join_thread()


def _work(files: list[Path], options: ImportOptions, read: Reader, batches: Any) -> None:
    """The worker: read, prepare, and send batches bounded by bytes."""
    ready = _ready_rows(options)
    # Ctrl+C reaches every process of the terminal's group: the caller ends this one.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_caller()
    try:
        batch: list[Read] = []
        size = 0
        limit = FIRST_BATCH_BYTES
        for path in files:
            for item in read(path, options):
                batch.append(item)
                size += max(item.size, _text_bytes(item))
                if size >= limit or len(batch) >= BATCH_RECORDS:
                    _send(batches, batch, ready)
                    batch, size = [], 0
                    limit = next_limit(limit)
        if batch:
            _send(batches, batch, ready)
        batches.put((_DONE, None))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the caller
        batches.put((_ERROR, _sendable(exc)))


def _end_with_caller() -> None:
    """End this process as soon as the calling one is gone (killed before it could end
    this one): nobody would read the queue, and a put or the queue's last flush would
    wait for ever."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, name="annotator-import-caller", daemon=True).start()


def _send(batches: Any, batch: list[Read], ready: ReadyRows | None) -> None:
    """Send a batch prepared, or as read when the writer is waiting for work: then the
    writer prepares it, and both processes stay busy whichever side is slower. Either
    way annotated records go packed, their equal values shared within the batch."""
    shared: dict[Any, Any] = {}
    if batches.empty():
        batches.put((_RAW, [pack(item, shared) for item in batch]))
    else:
        batches.put((_PREPARED, [prepare(item, shared, ready) for item in batch]))


def _text_bytes(item: Read) -> int:
    return 0 if isinstance(item, Skip) else len(item.article.text) * 2


def _sendable(exc: BaseException) -> BaseException:
    """The exception itself when it can be pickled (an AnnotatorError's one line stays
    one line), else a RuntimeError carrying its traceback."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - any pickling failure
        text = "".join(traceback.format_exception(exc))
        return RuntimeError(f"the import's reading process failed:\n{text}")
