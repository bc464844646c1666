"""Helpers shared by the readers."""

from __future__ import annotations

from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import NewArticle
from annotator.core.text import canonicalise

# Fields a reader recognises; everything else in a record is kept as metadata.
ARTICLE_FIELDS = ("title", "source", "url", "published")


def make_article(
    raw_text: str,
    where: str,
    fold_presentation: bool = True,
    fields: dict[str, Any] | None = None,
    meta: dict[str, Any] | None = None,
    status: str = "new",
) -> NewArticle:
    """Canonicalise a decoded text and wrap it with its fields.

    Raises:
        InputError: the text is missing, not text, or empty once canonical.
    """
    if raw_text is None:
        raise InputError(f"{where}: missing text")
    if not isinstance(raw_text, str):
        raise InputError(f"{where}: text must be a string, not {type(raw_text).__name__}")
    text = canonicalise(raw_text, fold_presentation)
    if not text.strip():
        raise InputError(f"{where}: empty text")
    values = {k: _field(v, k, where) for k, v in (fields or {}).items() if k in ARTICLE_FIELDS}
    full_meta = dict(meta or {})
    full_meta["presentation_forms_folded"] = fold_presentation
    return NewArticle(text=text, meta=full_meta, status=status, **values)


def _field(value: Any, key: str, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    raise InputError(f"{where}: {key!r} must be text, not {type(value).__name__}")
