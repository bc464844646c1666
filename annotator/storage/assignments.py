"""The assignment plan of the store: who was given which article, in which round, and
how far each annotator has got with it.

The corpus database holds the whole plan; an annotator's package (see
``annotator.storage.packages``) holds that annotator's part and names them in its
metadata (``assigned_to``), so that their article statuses become their progress.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import STATUSES, Article, now_iso
from annotator.core.search import index_form
from annotator.storage.base import StoreBase

if TYPE_CHECKING:
    from annotator.core.assignment import Plan, PlanArticle

PACKAGE_KEY = "assigned_to"
MANIFEST_KEY = "assignment"
_STATUS_RANK = {status: n for n, status in enumerate(STATUSES)}
_WHERE = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*(!=|>=|<=|=|>|<)\s*(.*?)\s*$", re.DOTALL)
_WHERE_FIELDS = ("id", "status", "source", "url", "published", "title")


@dataclass(frozen=True)
class Assignment:
    article_id: int
    annotator: str
    round: int
    status: str
    done_at: str


@dataclass
class AnnotatorProgress:
    """One annotator's progress against the plan."""

    annotator: str
    assigned: int = 0
    started: int = 0
    done: int = 0
    days: int = 0

    @property
    def remaining(self) -> int:
        return self.assigned - self.done

    @property
    def per_day(self) -> float | None:
        """Articles finished per day on which the annotator finished any (None: no date)."""
        return self.done / self.days if self.days else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "assigned": self.assigned,
            "started": self.started,
            "done": self.done,
            "remaining": self.remaining,
            "per_day": self.per_day,
        }


@dataclass
class SharedReadiness:
    """Shared articles, and those done by every annotator they were given to."""

    shared: int = 0
    ready: int = 0
    pairs: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "shared": self.shared,
            "ready": self.ready,
            "pairs": {
                f"{a}|{b}": {"shared": s, "ready": r} for (a, b), (s, r) in self.pairs.items()
            },
        }


def parse_where(expressions: Iterable[str]) -> tuple[str, list[Any]]:
    """SQL for ``--where`` conditions over articles: FIELD=VALUE, !=, <, <=, >, >=.

    FIELD is id, status, source, url, published, title or meta.KEY (a key of the
    article's metadata). Conditions on the same field with = are OR-ed (status=new
    and status=in_progress), all others AND-ed.

    Raises:
        AnnotatorError: naming the condition that cannot be read.
    """
    equal: dict[str, list[str]] = {}
    others: list[str] = []
    params_equal: dict[str, list[Any]] = {}
    params: list[Any] = []
    for expression in expressions:
        match = _WHERE.match(expression)
        if not match:
            raise AnnotatorError(
                f"--where {expression!r}: write FIELD=VALUE (or !=, <, <=, >, >=), "
                f"FIELD one of {', '.join(_WHERE_FIELDS)} or meta.KEY"
            )
        name, op, value = match.groups()
        if name in _WHERE_FIELDS:
            column = f"a.{name}"
        elif name.startswith("meta.") and len(name) > 5:
            column = "json_extract(a.meta, ?)"
        else:
            raise AnnotatorError(
                f"--where {expression!r}: unknown field {name!r}; use one of "
                f"{', '.join(_WHERE_FIELDS)} or meta.KEY"
            )
        column_params: list[Any] = [f'$."{name[5:]}"'] if column.startswith("json") else []
        typed: Any = value
        if name == "id":
            if not value.isdigit():
                raise AnnotatorError(f"--where {expression!r}: an id is a whole number")
            typed = int(value)
        if name == "status" and value not in STATUSES:
            raise AnnotatorError(
                f"--where {expression!r}: unknown status {value!r}; "
                f"use one of {', '.join(STATUSES)}"
            )
        if op == "=":
            equal.setdefault(name, []).append(f"{column} = ?")
            params_equal.setdefault(name, []).extend([*column_params, typed])
        else:
            others.append(f"{column} {op} ?")
            params.extend([*column_params, typed])
    clauses: list[str] = []
    ordered: list[Any] = []
    for name, parts in equal.items():
        clauses.append("(" + " OR ".join(parts) + ")")
        ordered.extend(params_equal[name])
    clauses.extend(others)
    ordered.extend(params)
    return " AND ".join(clauses), ordered


class AssignmentQueries(StoreBase):
    """The plan: recording it, reading it back, progress against it."""

    def has_plan_table(self) -> bool:
        """False for a database of an older version opened read-only (not migrated)."""
        return bool(
            self._read(
                "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'assignments'"
            )
        )

    def package_annotator(self) -> str | None:
        """The annotator this database was made for by ``annotator assign``, if any."""
        return self.meta(PACKAGE_KEY)

    def package_manifest(self) -> dict[str, Any] | None:
        raw = self.meta(MANIFEST_KEY)
        return json.loads(raw) if raw else None

    def assignments(self, annotator: str | None = None) -> list[Assignment]:
        """The plan's rows (one annotator's only, with ``annotator``), by round and article."""
        if not self.has_plan_table():
            return []
        sql = "SELECT article_id, annotator, round, status, done_at FROM assignments"
        params: list[Any] = []
        if annotator is not None:
            sql += " WHERE annotator = ?"
            params.append(annotator)
        return [Assignment(**r) for r in self._read(sql + " ORDER BY round, article_id", params)]

    def last_round(self) -> int:
        """The highest round of the plan; 0 when nothing was assigned."""
        if not self.has_plan_table():
            return 0
        return self._read("SELECT coalesce(max(round), 0) AS r FROM assignments")[0]["r"]

    def assignable_articles(
        self, where: list[str] | None = None, only_new: bool = False
    ) -> list[PlanArticle]:
        """Articles ``--where`` selects, with their lengths.

        Args:
            where: ``--where`` conditions (see ``parse_where``).
            only_new: leave out articles already in the plan or already annotated.
        """
        from annotator.core.assignment import PlanArticle

        clause, params = parse_where(where or [])
        conditions = [clause] if clause else []
        if only_new:
            conditions.append("NOT EXISTS (SELECT 1 FROM assignments s WHERE s.article_id = a.id)")
            conditions.append("NOT EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id)")
        sql = "SELECT a.id, length(a.text) AS length FROM articles a"
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        return [
            PlanArticle(r["id"], r["length"]) for r in self._read(sql + " ORDER BY a.id", params)
        ]

    def record_plan(self, plan: Plan) -> None:
        """Store a round of the plan; refused when an article is already given to a name."""
        stamp = now_iso()
        rows = [
            (article_id, name, plan.round, stamp)
            for article_id, names in sorted(plan.assigned.items())
            for name in names
        ]
        with self.transaction():
            clash = self._read(
                "SELECT article_id, annotator FROM assignments WHERE (article_id, annotator) IN "
                "(SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') "
                "FROM json_each(?)) LIMIT 1",
                [json.dumps([[r[0], r[1]] for r in rows], ensure_ascii=False)],
            )
            if clash:
                raise AnnotatorError(
                    f"article {clash[0]['article_id']} is already assigned to "
                    f"{clash[0]['annotator']} in {self.path}"
                )
            self.db.conn.executemany(
                "INSERT INTO assignments (article_id, annotator, round, created) "
                "VALUES (?, ?, ?, ?)",
                rows,
            )

    def merge_assignment(self, assignment: Assignment, article_id: int) -> bool:
        """Bring one row of another database's plan in, as ``article_id`` here.

        The status only moves forwards (done anywhere stays done). Returns True when
        the row was new here. Call inside a transaction.
        """
        rows = self._read(
            "SELECT status, done_at FROM assignments WHERE article_id = ? AND annotator = ?",
            [article_id, assignment.annotator],
        )
        if not rows:
            self.db.execute(
                "INSERT INTO assignments (article_id, annotator, round, status, done_at, created) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    article_id,
                    assignment.annotator,
                    assignment.round,
                    assignment.status,
                    assignment.done_at,
                    now_iso(),
                ],
            )
            return True
        if _STATUS_RANK[assignment.status] > _STATUS_RANK[rows[0]["status"]]:
            self.db.execute(
                "UPDATE assignments SET status = ?, done_at = ? "
                "WHERE article_id = ? AND annotator = ?",
                [assignment.status, assignment.done_at, article_id, assignment.annotator],
            )
        return False

    def progress(self) -> list[AnnotatorProgress]:
        """Each annotator of the plan: assigned, started, done, remaining, per day."""
        if not self.has_plan_table():
            return []
        rows = self._read(
            """
            SELECT s.annotator, count(*) AS assigned,
                sum(s.status != 'new' OR EXISTS (SELECT 1 FROM annotations n
                    WHERE n.article_id = s.article_id AND n.annotator = s.annotator)) AS started,
                sum(s.status = 'done') AS done,
                count(DISTINCT CASE WHEN s.status = 'done' AND s.done_at != ''
                    THEN substr(s.done_at, 1, 10) END) AS days
            FROM assignments s GROUP BY s.annotator ORDER BY s.annotator
            """
        )
        return [AnnotatorProgress(**r) for r in rows]

    def shared_readiness(self) -> SharedReadiness:
        """Shared articles and those every annotator they were given to has done."""
        if not self.has_plan_table():
            return SharedReadiness()
        given: dict[int, list[tuple[str, bool]]] = {}
        for row in self._read(
            "SELECT article_id, annotator, status = 'done' AS done FROM assignments "
            "WHERE article_id IN (SELECT article_id FROM assignments GROUP BY article_id "
            "HAVING count(*) > 1) ORDER BY article_id, annotator"
        ):
            given.setdefault(row["article_id"], []).append((row["annotator"], bool(row["done"])))
        result = SharedReadiness()
        names = sorted(
            {r["annotator"] for r in self._read("SELECT DISTINCT annotator FROM assignments")}
        )
        counts = {pair: [0, 0] for pair in combinations(names, 2)}
        for people in given.values():
            result.shared += 1
            result.ready += all(done for _, done in people)
            for (a, done_a), (b, done_b) in combinations(people, 2):
                counts[(a, b)][0] += 1
                counts[(a, b)][1] += done_a and done_b
        result.pairs = {pair: (s, r) for pair, (s, r) in counts.items()}
        return result

    def finished_by(self) -> dict[int, set[str]]:
        """For each article, the annotators it was assigned to who have done it."""
        if not self.has_plan_table():
            return {}
        result: dict[int, set[str]] = {}
        for row in self._read(
            "SELECT article_id, annotator FROM assignments WHERE status = 'done'"
        ):
            result.setdefault(row["article_id"], set()).add(row["annotator"])
        return result

    def assigned_pairs(self) -> set[tuple[int, str]]:
        """Every (article id, annotator) of the plan."""
        if not self.has_plan_table():
            return set()
        return {
            (r["article_id"], r["annotator"])
            for r in self._read("SELECT article_id, annotator FROM assignments")
        }

    def annotated_pairs(self) -> set[tuple[int, str]]:
        """Every (article id, annotator) with at least one annotation."""
        return {
            (r["article_id"], r["annotator"])
            for r in self._read("SELECT DISTINCT article_id, annotator FROM annotations")
        }

    def gold_layers(self) -> set[str]:
        """The names of the gold layers adjudication wrote into (never assigned)."""
        return {r["gold"] for r in self._read("SELECT DISTINCT gold FROM adjudication")}

    def mine(self, annotator: str) -> tuple[int, int] | None:
        """(done, assigned) for the window: the package's own annotator, else ``annotator``;
        None when the plan gives this database's user nothing."""
        if not self.has_plan_table():
            return None
        name = self.package_annotator() or annotator
        row = self._read(
            "SELECT count(*) AS assigned, coalesce(sum(status = 'done'), 0) AS done "
            "FROM assignments WHERE annotator = ?",
            [name],
        )[0]
        return (row["done"], row["assigned"]) if row["assigned"] else None

    def receive_package(
        self, articles: list[Article], annotator: str, round_number: int, manifest: dict[str, Any]
    ) -> None:
        """Fill a new package: the articles (same ids, texts and metadata as in the
        corpus, status new), this annotator's part of the plan, and the manifest."""
        stamp = now_iso()
        with self.transaction():
            self.db.conn.executemany(
                "INSERT INTO articles (id, title, text, status, source, url, published, meta, "
                "text_sha256, created) VALUES (?, ?, ?, 'new', ?, ?, ?, ?, ?, ?)",
                [
                    (
                        a.id,
                        a.title,
                        a.text,
                        a.source,
                        a.url,
                        a.published,
                        json.dumps(a.meta, ensure_ascii=False),
                        a.text_sha256,
                        stamp,
                    )
                    for a in articles
                ],
            )
            self.db.conn.executemany(
                "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                [(a.id, index_form(a.title), index_form(a.text)) for a in articles],
            )
            self.db.conn.executemany(
                "INSERT INTO assignments (article_id, annotator, round, created) "
                "VALUES (?, ?, ?, ?)",
                [(a.id, annotator, round_number, stamp) for a in articles],
            )
            self._set_meta(PACKAGE_KEY, annotator)
            self._set_meta(MANIFEST_KEY, json.dumps(manifest, ensure_ascii=False))
