"""Plain text files: one article per file, titled by the file name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.records import MAX_ARTICLE_BYTES, ImportRecord, Skip
from annotator.core.text import decode_bytes
from annotator.formats.base import ImportOptions
from annotator.formats.common import make_article


def read_txt(
    path: Path,
    encoding: str | None = None,
    fold_presentation: bool = True,
    where: str | None = None,
) -> Iterator[ImportRecord | Skip]:
    where = where or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            yield Skip(
                where,
                f"{size:,} bytes is larger than the {MAX_ARTICLE_BYTES:,}-byte limit "
                "for one article",
                size,
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skip(where, f"cannot be read ({exc.strerror})")
        return
    if not data.strip():
        yield Skip(where, "empty file", size)
        return
    try:
        decoded = decode_bytes(data, encoding, where)
        article = make_article(
            decoded.text,
            where,
            fold_presentation,
            fields={"title": path.stem},
            meta={"file": path.name, "encoding": decoded.encoding},
        )
    except InputError as exc:
        yield Skip(where, str(exc).removeprefix(f"{where}: "), size)
        return
    yield ImportRecord(article, where, size=size)


def read(path: Path, options: ImportOptions) -> Iterator[ImportRecord | Skip]:
    yield from read_txt(path, options.encoding, options.fold_presentation)
