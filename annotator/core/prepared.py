"""An article ready to store: its text's digest and the search index forms, computed
before the store's transaction (in the import's reading process)."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import NewArticle
from annotator.core.search import index_form
from annotator.core.text import sha256_hex


@dataclass(frozen=True)
class PreparedArticle:
    """A canonical article with what its row and its search index row need."""

    article: NewArticle
    text_sha256: str
    title_index: str
    text_index: str

    @classmethod
    def of(cls, article: NewArticle) -> PreparedArticle:
        return cls(
            article, sha256_hex(article.text), index_form(article.title), index_form(article.text)
        )
