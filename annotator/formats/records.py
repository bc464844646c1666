"""What readers produce: articles ready to store, or a reason a piece was skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.model import NewArticle

# A single article larger than this is refused: no news article comes near it, and a
# mistaken multi-gigabyte file must not be read into memory.
MAX_ARTICLE_BYTES = 20 * 1024 * 1024


@dataclass
class ImportRecord:
    """One article to store, with annotations and relations in the native JSONL form."""

    article: NewArticle
    where: str
    annotations: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    size: int = 0


@dataclass
class Skip:
    """A file or line that was not imported, and why."""

    where: str
    reason: str
    size: int = 0

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"
