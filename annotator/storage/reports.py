"""Counts, checks and bulk reads over the whole store."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.errors import AnnotatorError, InvariantError
from annotator.core.model import (
    READING_ORDER_SQL,
    STATUSES,
    Annotation,
    Relation,
    check_span,
)
from annotator.core.records import AnnotatedArticle
from annotator.storage import rows as rows_module
from annotator.storage.annotations import _annotation
from annotator.storage.articles import _article
from annotator.storage.base import StoreBase

# Articles read per query by ``annotated_articles``: few enough to keep memory flat on a
# large corpus, many enough that per-query overhead does not show.
BULK_BATCH = 200


class ReportQueries(StoreBase):
    """Counts, checks and bulk reads for exports, agreement and reports."""

    if TYPE_CHECKING:
        # ArticleQueries provides them in the assembled Store.
        def article_text(self, article_id: int) -> str: ...
        def article_ids(self, status: str | None = None) -> list[int]: ...

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts of annotations per label and per annotator, and of articles per status."""

        def counts(sql: str) -> dict[str, int]:
            return {str(r["k"]): r["n"] for r in self._read(sql)}

        return {
            "status": dict.fromkeys(STATUSES, 0)
            | counts("SELECT status AS k, count(*) AS n FROM articles GROUP BY status"),
            "label": counts(
                "SELECT label AS k, count(*) AS n FROM annotations GROUP BY label ORDER BY label"
            ),
            "annotator": counts(
                "SELECT annotator AS k, count(*) AS n FROM annotations "
                "GROUP BY annotator ORDER BY annotator"
            ),
            "relation": counts(
                "SELECT type AS k, count(*) AS n FROM relations GROUP BY type ORDER BY type"
            ),
        }

    def articles_per_annotator(self) -> dict[str, int]:
        """For each annotator, how many articles hold at least one of their annotations."""
        rows = self._read(
            "SELECT annotator, count(DISTINCT article_id) AS n FROM annotations "
            "GROUP BY annotator ORDER BY annotator"
        )
        return {r["annotator"]: r["n"] for r in rows}

    def annotation_texts(self, label: str) -> list[str]:
        """The covered text of every annotation with ``label``."""
        return [
            r["text"]
            for r in self._read("SELECT text FROM annotations WHERE label = ? ORDER BY id", [label])
        ]

    def verify_annotations(self) -> list[str]:
        """Every annotation whose stored text no longer matches its article, described."""
        problems = []
        for row in self._read(
            'SELECT n.id, n.label, n.start, n."end", n.text, n.article_id FROM annotations n'
        ):
            try:
                check_span(
                    self.article_text(row["article_id"]),
                    row["start"],
                    row["end"],
                    row["text"],
                    what=f"annotation {row['id']} ({row['label']}) of article {row['article_id']}",
                )
            except InvariantError as exc:
                problems.append(str(exc))
        return problems

    # ---------------------------------------------------------------- bulk reads

    def select_article_ids(
        self, status: str | None = None, ids: Sequence[int] | None = None
    ) -> list[int]:
        """Ids of the articles with ``status`` among ``ids`` (every article when None), in order.

        Raises:
            AnnotatorError: an id in ``ids`` names no article.
        """
        chosen = self.article_ids(status)
        if ids is None:
            return chosen
        known = set(self.article_ids())
        missing = [i for i in dict.fromkeys(ids) if i not in known]
        if missing:
            raise AnnotatorError(
                f"there is no article {', '.join(map(str, missing))} in {self.path}"
            )
        wanted = set(ids)
        return [i for i in chosen if i in wanted]

    def annotator_names(self) -> list[str]:
        """Every annotator name that has at least one annotation, sorted."""
        rows = self._read("SELECT DISTINCT annotator FROM annotations ORDER BY annotator")
        return [r["annotator"] for r in rows]

    def annotated_articles(
        self,
        article_ids: Sequence[int],
        annotator: str | None = None,
        batch: int = BULK_BATCH,
    ) -> Iterator[AnnotatedArticle]:
        """Articles with their annotations and relations, three queries per ``batch`` articles.

        Annotations come in reading order (start, longer first, id), as ``annotations``
        gives them. With ``annotator``, only that annotator's annotations are read, and
        only relations whose two ends are among them.
        """
        for first in range(0, len(article_ids), batch):
            chunk = list(article_ids[first : first + batch])
            ids_json = json.dumps(chunk)
            articles = {
                r["id"]: _article(r, self.path)
                for r in self._read(
                    "SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                    [ids_json],
                )
            }
            annotations: dict[int, list[Annotation]] = {i: [] for i in chunk}
            sql = "SELECT * FROM annotations WHERE article_id IN (SELECT value FROM json_each(?))"
            params: list[Any] = [ids_json]
            if annotator is not None:
                sql += " AND annotator = ?"
                params.append(annotator)
            ordered = f"{sql} ORDER BY article_id, {READING_ORDER_SQL}"
            for row in self._read(ordered, params):
                annotations[row["article_id"]].append(_annotation(row, self.path))
            relations: dict[int, list[Relation]] = {i: [] for i in chunk}
            for row in self._read(
                "SELECT * FROM relations WHERE article_id IN (SELECT value FROM json_each(?)) "
                "ORDER BY article_id, id",
                [ids_json],
            ):
                relations[row["article_id"]].append(rows_module.relation(row, self.path))
            for article_id in chunk:
                if article_id not in articles:
                    continue
                kept = annotations[article_id]
                links = relations[article_id]
                if annotator is not None:
                    present = {a.id for a in kept}
                    links = [r for r in links if r.from_id in present and r.to_id in present]
                yield AnnotatedArticle(articles[article_id], kept, links)
