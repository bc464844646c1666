"""Adjudication decisions of the store (the ``adjudication`` table, migration 0002)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import READING_ORDER_SQL, Annotation, now_iso
from annotator.storage.annotations import _annotation
from annotator.storage.base import StoreBase

if TYPE_CHECKING:
    from annotator.core.adjudication import Decision, Progress

_COLUMNS = (
    'article_id, gold, candidate, label, start, "end", decision, gold_id, gold_created, '
    "curator, created"
)


class AdjudicationQueries(StoreBase):
    """A curator's decisions, per article and gold layer."""

    def decisions(self, article_id: int | None, gold: str) -> list[Decision]:
        """The decisions of one article (every article when None) for a gold layer."""
        from annotator.core.adjudication import Decision

        sql = "SELECT * FROM adjudication WHERE gold = ?"
        params: list[Any] = [gold]
        if article_id is not None:
            sql += " AND article_id = ?"
            params.append(article_id)
        return [
            Decision(**row) for row in self._read(sql + " ORDER BY article_id, start, id", params)
        ]

    def record_decision(self, decision: Decision, keep_id: bool = False) -> Decision:
        """Store a decision; with ``keep_id``, under its own id (an undo putting it back).

        Raises:
            AnnotatorError: the candidate already has a decision for this gold layer.
        """
        from annotator.core.adjudication import Decision

        values = [
            decision.article_id,
            decision.gold,
            decision.candidate,
            decision.label,
            decision.start,
            decision.end,
            decision.decision,
            decision.gold_id,
            decision.gold_created,
            decision.curator,
            decision.created or now_iso(),
        ]
        marks = ", ".join("?" * len(values))
        with self.transaction():
            if self._read(
                "SELECT id FROM adjudication WHERE article_id = ? AND gold = ? AND candidate = ?",
                [decision.article_id, decision.gold, decision.candidate],
            ):
                raise AnnotatorError("this candidate is already decided; reopen it first")
            if keep_id:
                cursor = self.db.execute(
                    f"INSERT INTO adjudication (id, {_COLUMNS}) VALUES (?, {marks})",
                    [decision.id, *values],
                )
            else:
                cursor = self.db.execute(
                    f"INSERT INTO adjudication ({_COLUMNS}) VALUES ({marks})", values
                )
            new_id = int(cursor.lastrowid or decision.id)
        return Decision(**self._read("SELECT * FROM adjudication WHERE id = ?", [new_id])[0])

    def delete_decision(self, decision_id: int) -> Decision:
        """Forget a decision; returns it, so that an undo can put it back."""
        from annotator.core.adjudication import Decision

        with self.transaction():
            rows = self._read("SELECT * FROM adjudication WHERE id = ?", [decision_id])
            if not rows:
                raise AnnotatorError(f"there is no decision {decision_id}")
            self.db.execute("DELETE FROM adjudication WHERE id = ?", [decision_id])
        return Decision(**rows[0])

    def adjudication_progress(self, annotators: list[str], gold: str) -> dict[int, Progress]:
        """Decided and all candidates of every article the annotators marked, by article.

        Two queries for the whole corpus: the annotations of the annotators and of gold,
        and the decisions.
        """
        from annotator.core.adjudication import candidates, progress

        names = json.dumps([*annotators, gold])
        by_article: dict[int, list[Annotation]] = {}
        for row in self._read(
            "SELECT * FROM annotations WHERE annotator IN (SELECT value FROM json_each(?)) "
            f"ORDER BY article_id, {READING_ORDER_SQL}",
            [names],
        ):
            by_article.setdefault(row["article_id"], []).append(_annotation(row, self.path))
        decided: dict[int, list[Decision]] = {}
        for decision in self.decisions(None, gold):
            decided.setdefault(decision.article_id, []).append(decision)
        result = {}
        for article_id, spans in by_article.items():
            found = candidates(spans, annotators, gold, decided.get(article_id, []))
            if found:
                result[article_id] = progress(found)
        return result
