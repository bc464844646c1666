"""Rows read back from a database file, checked before they become records.

A file changed outside annotator (by hand, by another program, or damaged) may hold
anything in any column: a BLOB where text belongs, attributes that are not JSON. Such a
row is refused with one line that names the file and the row, never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.errors import StorageError
from annotator.core.model import Annotation, Article, Relation

if TYPE_CHECKING:
    from annotator.core.suggestions import Suggestion

_ANNOTATION_TEXT = ("label", "text", "note", "annotator", "created", "modified")
_ARTICLE_TEXT = ("title", "text", "status", "source", "url", "published", "text_sha256", "created")
# Every column ``article`` reads.
ARTICLE_COLUMNS = ("id", *_ARTICLE_TEXT[:6], "meta", *_ARTICLE_TEXT[6:])


def annotation(row: dict[str, Any], where: Path | str) -> Annotation:
    """An annotation record from its row.

    Raises:
        StorageError: a column holds what annotator never writes there.
    """
    what = f"annotation {row.get('id')!r}"
    _whole_numbers(row, ("id", "article_id", "start", "end"), what, where)
    _texts(row, _ANNOTATION_TEXT, what, where)
    return Annotation(
        id=row["id"],
        article_id=row["article_id"],
        label=row["label"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        attributes=_object(row["attributes"], "attributes", what, where),
        note=row["note"] or "",
        annotator=row["annotator"] or "",
        created=row["created"] or "",
        modified=row["modified"] or "",
    )


def extent(row: dict[str, Any], where: Path | str) -> tuple[str, int, int]:
    """(label, start, end) of an annotation row (see ``annotation``)."""
    what = f"annotation {row.get('id')!r}"
    _whole_numbers(row, ("start", "end"), what, where)
    return text_of(row.get("label"), what, "label", where), row["start"], row["end"]


# Reading many rows at once, SQLite checks each row's types (and that its attributes are
# a JSON object) in C, as a last column: a sound row becomes a record straight away, its
# attributes parsed when first asked for; any other row goes through the checks above,
# which refuse it with the same one line.
def texts_sql(*keys: str, nullable: bool = True) -> str:
    """SQL true when each column holds text (or NULL, when ``nullable``). ``IS NULL OR``
    rather than ``typeof() IN (...)``: SQLite evaluates it about three times faster,
    which the check of a long article's rows on opening pays for 5,000 rows."""
    if nullable:
        return " AND ".join(f"({k} IS NULL OR typeof({k}) = 'text')" for k in keys)
    return " AND ".join(f"typeof({k}) = 'text'" for k in keys)


def integers_sql(*keys: str) -> str:
    """SQL true when each column holds an integer."""
    return " AND ".join(f"typeof({k}) = 'integer'" for k in keys)


END = '"end"'
_OBJECT_SQL = (
    "CASE WHEN typeof(attributes) <> 'text' THEN attributes IS NULL "
    "WHEN attributes = '' OR attributes = '{}' THEN 1 "
    "WHEN json_valid(attributes) THEN json_type(attributes) = 'object' ELSE 0 END"
)
ANNOTATION_COLUMNS = (
    "id",
    "article_id",
    "label",
    "start",
    "end",
    "text",
    "attributes",
    "note",
    "annotator",
    "created",
    "modified",
)
# SQL true when an annotation row is sound (``annotation`` accepts it).
ANNOTATION_SOUND = (
    f"({integers_sql('id', 'article_id', 'start', END)} AND "
    f"{texts_sql('label', 'text', 'note', 'annotator', 'created', 'modified')} AND "
    f"{_OBJECT_SQL})"
)
# The columns of ``ANNOTATION_COLUMNS`` and a last one: whether the row is sound.
ANNOTATION_SELECT = (
    'id, article_id, label, start, "end", text, attributes, note, annotator, created, '
    f"modified, {ANNOTATION_SOUND} AS sound"
)
# SQL true when a relation row is sound (``relation`` accepts it).
RELATION_SOUND = (
    f"({integers_sql('id', 'article_id', 'from_id', 'to_id')} AND "
    f"{texts_sql('type', 'annotator', 'created')})"
)


def annotation_records(rows: Iterable[Sequence[Any]], where: Path | str) -> list[Annotation]:
    """Annotation records from rows selected as ``ANNOTATION_SELECT``.

    Raises:
        StorageError: a row holds what annotator never writes there.
    """
    found: list[Annotation] = []
    for row in rows:
        if not row[11]:
            found.append(annotation(dict(zip(ANNOTATION_COLUMNS, row, strict=False)), where))
            continue
        raw = row[6]
        found.append(
            Annotation.unparsed(
                (row[0], row[1], row[2], row[3], row[4], row[5]),
                raw or "{}",
                partial(_attributes, f"annotation {row[0]!r}", where),
                note=row[7] or "",
                annotator=row[8] or "",
                created=row[9] or "",
                modified=row[10] or "",
            )
        )
    return found


def _attributes(what: str, where: Path | str, raw: str) -> dict[str, Any]:
    return _object(raw, "attributes", what, where)


def article(row: dict[str, Any], where: Path | str) -> Article:
    """An article record from its row (see ``annotation``)."""
    what = f"article {row.get('id')!r}"
    _whole_numbers(row, ("id",), what, where)
    _texts(row, _ARTICLE_TEXT, what, where)
    return Article(
        id=row["id"],
        title=row["title"] or "",
        text=row["text"] or "",
        status=row["status"],
        source=row["source"] or "",
        url=row["url"] or "",
        published=row["published"] or "",
        meta=_object(row["meta"], "meta", what, where),
        text_sha256=row["text_sha256"] or "",
        created=row["created"] or "",
    )


def relation(row: dict[str, Any], where: Path | str) -> Relation:
    """A relation record from its row (see ``annotation``)."""
    what = f"relation {row.get('id')!r}"
    _whole_numbers(row, ("id", "article_id", "from_id", "to_id"), what, where)
    _texts(row, ("type", "annotator", "created"), what, where)
    return Relation(
        id=row["id"],
        article_id=row["article_id"],
        type=row["type"],
        from_id=row["from_id"],
        to_id=row["to_id"],
        annotator=row.get("annotator") or "",
        created=row.get("created") or "",
    )


def suggestion(row: dict[str, Any], where: Path | str) -> Suggestion:
    """A suggestions row as a record, checked like an annotation's.

    Raises:
        StorageError: a column holds what annotator never writes there.
    """
    from annotator.core.suggestions import Suggestion

    what = f"suggestion {row.get('id')!r}"
    _whole_numbers(row, ("id", "article_id", "start", "end"), what, where)
    _texts(row, ("label", "text", "recommender", "state", "decided_by"), what, where)
    score = row.get("score")
    if not isinstance(score, int | float) or isinstance(score, bool):
        raise _damaged(where, what, f"score: {_kind(score)}, not a number")
    linked = row.get("annotation_id")
    if linked is not None:
        _whole_numbers(row, ("annotation_id",), what, where)
    return Suggestion(
        id=row["id"],
        article_id=row["article_id"],
        label=row["label"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        recommender=row["recommender"],
        score=float(score),
        state=row["state"],
        annotation_id=linked,
        decided_by=row["decided_by"] or "",
    )


def attributes_json(raw: Any, what: str, where: Path | str) -> str:
    """The attributes column's value as the JSON text annotator writes for it
    (``json.dumps(value, ensure_ascii=False)``), refused when it is not a JSON object.

    Stored text written that way comes back unchanged; any other form of the same value
    (written by another program, with other spacing or escapes) comes back rewritten.
    """
    return json.dumps(_object(raw, "attributes", what, where), ensure_ascii=False)


def damaged(where: Path | str, what: str, key: str, value: Any, wanted: str) -> StorageError:
    """The error of a column that holds what annotator never writes there."""
    return _damaged(where, what, f"{key}: {_kind(value)}, not {wanted}")


SUGGESTION_COLUMNS = (
    "id",
    "article_id",
    "label",
    "start",
    "end",
    "text",
    "recommender",
    "score",
    "state",
    "annotation_id",
    "decided_by",
)
# The columns of ``SUGGESTION_COLUMNS`` of table alias s, and whether the row is sound.
SUGGESTION_SELECT = (
    's.id, s.article_id, s.label, s.start, s."end", s.text, s.recommender, s.score, '
    "s.state, s.annotation_id, s.decided_by, "
    f"({integers_sql('s.id', 's.article_id', 's.start', 's.' + END)} AND "
    f"{texts_sql('s.label', 's.text', 's.recommender', 's.state', 's.decided_by')} AND "
    "typeof(s.score) IN ('integer', 'real') AND typeof(s.annotation_id) IN ('integer', 'null')"
    ") AS sound"
)


def suggestion_records(rows: Iterable[Sequence[Any]], where: Path | str) -> list[Suggestion]:
    """Suggestion records from rows selected as ``SUGGESTION_SELECT`` (see ``suggestion``)."""
    from annotator.core.suggestions import Suggestion

    found: list[Suggestion] = []
    for row in rows:
        if not row[11]:
            found.append(suggestion(dict(zip(SUGGESTION_COLUMNS, row, strict=False)), where))
            continue
        found.append(
            Suggestion(
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                row[6],
                float(row[7]),
                row[8],
                row[9],
                row[10] or "",
            )
        )
    return found


def text_of(value: Any, what: str, key: str, where: Path | str) -> str:
    """A text column's value, refused when it is not text."""
    if not isinstance(value, str):
        raise _damaged(where, what, f"{key}: {_kind(value)}, not text")
    return value


def title_for_display(value: Any) -> str:
    """A title to list; a damaged one is named as such rather than refused, so that the
    list of articles can still be shown."""
    if isinstance(value, str):
        return value
    return f"(damaged title: {_kind(value)})"


def _whole_numbers(
    row: dict[str, Any], keys: tuple[str, ...], what: str, where: Path | str
) -> None:
    for key in keys:
        value = row.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise _damaged(where, what, f"{key}: {_kind(value)}, not a whole number")


def _texts(row: dict[str, Any], keys: tuple[str, ...], what: str, where: Path | str) -> None:
    for key in keys:
        value = row.get(key)
        if value is not None and not isinstance(value, str):
            raise _damaged(where, what, f"{key}: {_kind(value)}, not text")


def _object(raw: Any, key: str, what: str, where: Path | str) -> dict[str, Any]:
    if raw is None or raw == "":
        return {}
    if not isinstance(raw, str):
        raise _damaged(where, what, f"{key}: {_kind(raw)}, not JSON text")
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        raise _damaged(where, what, f"{key}: not valid JSON") from None
    if not isinstance(value, dict):
        raise _damaged(where, what, f"{key}: a JSON {type(value).__name__}, not an object")
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "empty (NULL)"
    if isinstance(value, bytes):
        return f"a BLOB of {len(value)} bytes"
    return f"{type(value).__name__} {value!r}"[:60]


def _damaged(where: Path | str, what: str, reason: str) -> StorageError:
    return StorageError(
        f"{where}: {what} is damaged ({reason}); the file was changed outside annotator"
    )
