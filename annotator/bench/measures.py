"""Benchmarks measured against a bare baseline in the same run.

Machines are shared and noisy, so each figure is a ratio: our time over the time of
the plainest way to do the same work with the same tools, both medians of a few runs.
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.text import canonicalise, sha256_hex
from annotator.paths import sample_paths

_VARIATIONS = (
    " 😀",
    " (MQ-1)",
    " Sputnik",
    " 5.5 كم",
    " 👍🏽",
    " Reuters",
    "، وفقا لوكالة AFP",
)


def synthetic_articles(count: int, size: int = 5000, seed: int = 7) -> Iterator[str]:
    """Distinct article texts of about ``size`` characters, cut from the samples.

    Each holds Arabic paragraphs with emoji, Latin names and digits mixed in, and a
    number that makes it unique, so that none is a duplicate of another.
    """
    rng = random.Random(seed)
    paragraphs = [
        p.strip()
        for path in sample_paths()
        for p in path.read_text(encoding="utf-8").split("\n")
        if p.strip()
    ]
    for n in range(count):
        parts = [f"مقال رقم {n}"]
        length = len(parts[0])
        while length < size:
            paragraph = rng.choice(paragraphs) + rng.choice(_VARIATIONS)
            parts.append(paragraph)
            length += len(paragraph) + 1
        yield "\n".join(parts)[:size]


def write_corpus_jsonl(path: Path, count: int, size: int = 5000) -> list[str]:
    texts = list(synthetic_articles(count, size))
    with path.open("w", encoding="utf-8") as fh:
        for n, text in enumerate(texts):
            fh.write(json.dumps({"title": f"article {n}", "text": text}, ensure_ascii=False) + "\n")
    return texts


def sample_times(run: Callable[[], object], repeat: int) -> list[float]:
    """Seconds of each of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def median_time(run: Callable[[], None], repeat: int) -> float:
    return statistics.median(sample_times(run, repeat))


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def spread(values: list[float]) -> tuple[float, float]:
    """p10 and p90 of ``values``: how far runs of the same work differ."""
    return percentile(values, 0.1), percentile(values, 0.9)


def store_tables_sql(tables: tuple[str, ...]) -> list[str]:
    """The statements that make ``tables`` as a new annotator database has them, with
    their indexes (a bare baseline writes into the same tables as ours)."""
    from annotator.storage import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "template.db") as store:
        marks = ", ".join("?" * len(tables))
        found = store.db.conn.execute(
            f"SELECT type, tbl_name, sql FROM sqlite_master WHERE tbl_name IN ({marks}) "
            "AND type IN ('table', 'index') AND sql IS NOT NULL",
            tables,
        ).fetchall()
    # Tables in the order asked (parents first), then their indexes.
    made = {name: sql for kind, name, sql in found if kind == "table"}
    return [made[name] for name in tables] + [sql for kind, _, sql in found if kind == "index"]


def bare_connection(db_path: Path, tables: list[str]) -> sqlite3.Connection:
    """A raw sqlite3 connection with the store's pragmas, to a new database of ``tables``
    (``store_tables_sql``)."""
    conn = sqlite3.connect(str(db_path))
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    for sql in tables:
        conn.execute(sql)
    return conn


def _baseline_import(
    db_path: Path, texts: list[str], tables: list[str], index: list[str] | None = None
) -> None:
    """A raw sqlite3 executemany of the same rows in one transaction: the same columns
    and values as ours (the text's digest computed here too), into the same table
    (``tables``: its statements, ``store_tables_sql``).

    Args:
        index: also insert these index forms into a search index like ours, made
            beforehand: what the index itself costs, without making the forms.
    """
    conn = bare_connection(db_path, tables)
    if index is not None:
        conn.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content = '', "
            "tokenize = 'ascii', detail = none, columnsize = 0)"
        )
    meta = json.dumps({"presentation_forms_folded": True})
    rows = [
        (n + 1, f"article {n}", t, "new", "", "", "", meta, sha256_hex(t), "2026-01-01T00:00:00Z")
        for n, t in enumerate(texts)
    ]
    with conn:
        conn.executemany(
            "INSERT INTO articles (id, title, text, status, source, url, published, meta, "
            "text_sha256, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        if index is not None:
            conn.executemany(
                "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                [(n + 1, f"article {n}", form) for n, form in enumerate(index)],
            )
    conn.close()


class BareInserts:
    """The baseline of one annotation action: a raw sqlite3 INSERT and COMMIT of one
    (article_id, label, start, end, text) row, with the store's pragmas, timed one at a
    time so that it can run in the same loop as the action it is compared with."""

    def __init__(self, db_path: Path) -> None:
        self.conn = sqlite3.connect(str(db_path), isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute(
            "CREATE TABLE annotations (id INTEGER PRIMARY KEY, article_id INTEGER, label TEXT, "
            'start INTEGER, "end" INTEGER, text TEXT, attributes TEXT, note TEXT, '
            "annotator TEXT, created TEXT, modified TEXT)"
        )

    def insert(self, row: tuple[int, str, int, int, str]) -> float:
        """Milliseconds to insert and commit ``row``."""
        begin = time.perf_counter()
        self.conn.execute("BEGIN")
        self.conn.execute(
            'INSERT INTO annotations (article_id, label, start, "end", text, attributes, note, '
            "annotator, created, modified) "
            "VALUES (?, ?, ?, ?, ?, '{}', '', 'bench', 'now', 'now')",
            row,
        )
        self.conn.execute("COMMIT")
        return (time.perf_counter() - begin) * 1000

    def close(self) -> None:
        self.conn.close()


def bare_insert_commits(db_path: Path, rows: list[tuple[int, str, int, int, str]]) -> list[float]:
    """Milliseconds of each row's bare INSERT and COMMIT, back to back."""
    bare = BareInserts(db_path)
    try:
        return [bare.insert(row) for row in rows]
    finally:
        bare.close()


def measure_import(articles: int, repeat: int) -> tuple[list[float], list[float], list[float]]:
    """Seconds to import ``articles`` synthetic 5 KB articles from JSON Lines (the whole
    command's work: reading, canonical text, duplicate check, search index), and for the
    baseline: a raw sqlite3 executemany of the same rows; and the baseline with the bare
    insert of the same search index rows. ``repeat`` runs of each, interleaved."""
    from annotator.core.search import index_form
    from annotator.formats.importer import import_paths
    from annotator.storage import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        texts = [canonicalise(t) for t in write_corpus_jsonl(corpus, articles)]
        forms = [index_form(t) for t in texts]
        tables = store_tables_sql(("articles",))
        counter = iter(range(10_000))

        def ours() -> None:
            n = next(counter)
            with open_store(folder / f"ours{n}.db") as store:
                report = import_paths(store, [corpus])
                searchable = store.count_articles("new", query="مقال")
            if len(report.imported) != articles or searchable != articles:
                raise RuntimeError(f"imported {len(report.imported)} of {articles}")

        def baseline() -> None:
            _baseline_import(folder / f"base{next(counter)}.db", texts, tables)

        def indexed() -> None:
            _baseline_import(folder / f"index{next(counter)}.db", texts, tables, forms)

        ours_t: list[float] = []
        base_t: list[float] = []
        index_t: list[float] = []
        for _ in range(repeat):
            base_t += sample_times(baseline, 1)
            index_t += sample_times(indexed, 1)
            ours_t += sample_times(ours, 1)
    return ours_t, base_t, index_t


def measure_db_size(articles: int) -> tuple[float, float]:
    """Kilobytes per article of a database of ``articles`` synthetic 5 KB articles, after
    VACUUM: ours (a contentless search index), and the baseline, the same database with
    the index that kept a normalised copy of every text (the layout before migration
    0004_search_index_no_copy)."""
    from annotator.core.normalize import search_index_form
    from annotator.formats.importer import import_paths
    from annotator.storage import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        write_corpus_jsonl(corpus, articles)
        ours = folder / "ours.db"
        with open_store(ours) as store:
            import_paths(store, [corpus])
        copy = folder / "copy.db"
        conn = sqlite3.connect(ours)
        conn.execute("VACUUM")
        conn.execute("VACUUM INTO ?", [str(copy)])
        conn.close()
        conn = sqlite3.connect(copy)
        with conn:
            conn.execute("DROP TABLE articles_fts")
            conn.execute(
                "CREATE VIRTUAL TABLE articles_fts USING fts5("
                "title, body, tokenize = 'ascii', detail = none, columnsize = 0)"
            )
            conn.executemany(
                "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                [
                    (i, search_index_form(title), search_index_form(text))
                    for i, title, text in conn.execute("SELECT id, title, text FROM articles")
                ],
            )
        conn.execute("VACUUM")
        conn.close()
        return ours.stat().st_size / 1024 / articles, copy.stat().st_size / 1024 / articles


# --------------------------------------------------------------------- export

_LABEL_CYCLE = ("SOURCE", "CUE", "CLAIM")
_ATTRIBUTES = {
    "CLAIM": {"claim_type": "factual", "checkworthy": "yes", "voice": "attributed"},
    "SOURCE": {"source_kind": "person", "specificity": "named"},
    "CUE": {"cue_form": "speech_verb"},
}


def build_annotated_db(path: Path, annotations: int, per_article: int = 100) -> int:
    """A database of synthetic 5 KB articles holding ``annotations`` word spans in all.

    Spans cycle SOURCE, CUE, CLAIM over every fifth word, with attributes; each CLAIM is
    linked to the SOURCE and CUE before it. The rows go in with executemany (setup, not
    measured). Returns the number of relations.
    """
    from annotator.core.model import NewArticle
    from annotator.core.spans import tokens
    from annotator.storage import open_store

    count = -(-annotations // per_article)
    texts = [canonicalise(t) for t in synthetic_articles(count)]
    stamp = "2026-11-21T10:00:00.000Z"
    with open_store(path, backup=False) as store:
        new = [NewArticle(text=t, title=f"article {n}") for n, t in enumerate(texts)]
        ids = [article_id for article_id, _ in store.add_articles(new)]
        rows: list[tuple[object, ...]] = []
        links: list[tuple[object, ...]] = []
        ann_id = 0
        for article_id, text in zip(ids, texts, strict=True):
            words = [t for t in tokens(text) if t[1] - t[0] > 1][::5]
            recent: dict[str, int] = {}
            for n, (start, end) in enumerate(words[: min(per_article, annotations - ann_id)]):
                label = _LABEL_CYCLE[n % 3]
                ann_id += 1
                attributes = json.dumps(_ATTRIBUTES[label])
                rows.append(
                    (
                        ann_id,
                        article_id,
                        label,
                        start,
                        end,
                        text[start:end],
                        attributes,
                        "",
                        "bench",
                        stamp,
                        stamp,
                    )
                )
                if label == "CLAIM":
                    for kind, other in (("ATTRIBUTED_TO", "SOURCE"), ("HAS_CUE", "CUE")):
                        if other in recent:
                            links.append((article_id, kind, ann_id, recent[other], "bench", stamp))
                recent[label] = ann_id
        with store.transaction():
            store.db.conn.executemany(
                'INSERT INTO annotations (id, article_id, label, start, "end", text, attributes, '
                "note, annotator, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            store.db.conn.executemany(
                "INSERT INTO relations (article_id, type, from_id, to_id, annotator, created) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                links,
            )
    if ann_id != annotations:
        raise RuntimeError(f"built {ann_id} annotations, wanted {annotations}")
    return len(links)


def _baseline_export(db_path: Path, out: Path) -> None:
    """A bare SELECT of every article, annotation and relation row, json.dumps per row."""
    conn = sqlite3.connect(str(db_path))
    conn.row_factory = sqlite3.Row
    with out.open("w", encoding="utf-8") as fh:
        for table in ("articles", "annotations", "relations"):
            for row in conn.execute(f"SELECT * FROM {table}"):
                fh.write(json.dumps(dict(row), ensure_ascii=False) + "\n")
    conn.close()


def measure_export(annotations: int, repeat: int) -> tuple[list[float], list[float], int]:
    """Seconds to export ``annotations`` annotations to native JSON Lines, and for the
    baseline (a bare SELECT with json.dumps per row); also the number of links."""
    from annotator.formats.export import export
    from annotator.storage import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "bench.db"
        relations = build_annotated_db(db, annotations)

        def ours() -> None:
            with open_store(db, readonly=True) as store:
                report = export(store, folder / "ours.jsonl", "jsonl", force=True)
            if report.annotations != annotations:
                raise RuntimeError(f"exported {report.annotations} of {annotations}")

        def baseline() -> None:
            _baseline_export(db, folder / "base.jsonl")

        base_t = sample_times(baseline, repeat)
        ours_t = sample_times(ours, repeat)
    return ours_t, base_t, relations


def build_corpus_db(path: Path, articles: int, size: int = 5000) -> None:
    """A database of ``articles`` synthetic articles, imported the normal way."""
    from annotator.formats.importer import import_paths
    from annotator.storage import open_store

    corpus = path.with_suffix(".jsonl")
    write_corpus_jsonl(corpus, articles, size)
    with open_store(path) as store:
        import_paths(store, [corpus])
    corpus.unlink()


SEARCH_QUERIES = (
    ("a rare word (one article)", "رقم {rare}"),
    ("a common word, with diacritics", "الطّائراتُ"),
    ("two words, alef and ta marbuta variants", "وزاره الامريكيه"),
    ("a Latin name", "reuters"),
    ("a word under proclitics (الوزارة، والوزارة, …)", "وزارة"),
)


def measure_search(db: Path, repeat: int = 9) -> tuple[float, int, list[tuple[str, float, int]]]:
    """``measure_search_runs``, with the median over every run of every query."""
    runs, total, kinds = measure_search_runs(db, repeat)
    return statistics.median(runs), total, kinds


def measure_search_runs(
    db: Path, repeat: int = 9
) -> tuple[list[float], int, list[tuple[str, float, int]]]:
    """Searches over the corpus in ``db`` with the word matcher (proclitics, diacritics,
    letter variants; see annotator/core/search.py).

    Each query fills the first window of the article list (the first 200 matches and
    the total count), as the window's search box does.

    Returns:
        (milliseconds of every run of every query, articles searched, and per query
        kind: name, median milliseconds, matches).
    """
    from annotator.storage import open_store

    runs: list[float] = []
    kinds = []
    with open_store(db, readonly=True) as store:
        total = store.count_articles()
        for name, template in SEARCH_QUERIES:
            query = template.format(rare=total * 3 // 7)

            def run(q: str = query) -> None:
                store.summaries(query=q, limit=200)
                store.count_articles(query=q)

            run()
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                run()
                times.append((time.perf_counter() - start) * 1000)
            runs.extend(times)
            kinds.append((name, statistics.median(times), store.count_articles(query=query)))
    return runs, total, kinds


# ------------------------------------------------------------------ agreement


def agreement_corpus(annotators: int, articles: int = 20, spans: int = 40, seed: int = 5) -> Any:
    """The same ``articles`` synthetic 5 KB articles annotated by ``annotators`` people:
    about ``spans`` word spans each per article, where each person keeps, shifts or drops
    a shared reference span at random, and adds a few of their own."""
    from annotator.core.agreement import Link, Span
    from annotator.core.agreement_report import ArticleAnnotations
    from annotator.core.spans import tokens

    rng = random.Random(seed)
    corpus = []
    next_id = 0
    for n, text in enumerate(synthetic_articles(articles)):
        text = canonicalise(text)
        words = [t for t in tokens(text) if t[1] - t[0] > 1]
        picks = sorted(rng.sample(range(len(words) - 4), spans))
        reference = [(_LABEL_CYCLE[k % 3], i, i + (k % 3)) for k, i in enumerate(picks)]
        art = ArticleAnnotations(article_id=n + 1, title=f"article {n}", text=text)
        for person in range(annotators):
            name = f"annotator{person:02d}"
            mine: list[Span] = []
            for label, first, last in reference:
                roll = rng.random()
                if roll < 0.1:
                    continue
                if roll < 0.25:
                    last = min(len(words) - 1, first + rng.randrange(5))
                start, end = words[first][0], words[last][1]
                next_id += 1
                mine.append(Span(next_id, label, start, end, tuple(_ATTRIBUTES[label].items())))
            links = [
                Link("ATTRIBUTED_TO", claim.id, source.id)
                for source, claim in zip(mine, mine[2:], strict=False)
                if source.label == "SOURCE" and claim.label == "CLAIM"
            ]
            art.spans[name] = mine
            art.links[name] = links
        corpus.append(art)
    return corpus


def measure_agreement(annotators: int, repeat: int = 1) -> tuple[list[float], int]:
    """Seconds of every agreement figure for ``annotators`` people on the same corpus
    (one sample per run), and the number of pairs."""
    from annotator.core.agreement_report import compute

    corpus = agreement_corpus(annotators)
    labels = list(_LABEL_CYCLE)
    attributes = {label: list(values) for label, values in _ATTRIBUTES.items()}
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        result = compute(corpus, labels, attributes, ["ATTRIBUTED_TO", "HAS_CUE"])
        times.append(time.perf_counter() - begin)
    return times, len(result["pairs"])


def measure_list_window(db: Path, repeat: int = 50) -> tuple[list[float], list[float]]:
    """Milliseconds to fetch the article list's last window (200 rows) of the corpus in
    ``db``, as the list does when scrolled to the end, and for the baseline: a bare
    sqlite3 SELECT of the same fields of the same window by key, through the same index
    of lengths (without it, counting the characters of each text is most of the time)."""
    from annotator.storage import open_store
    from annotator.storage.listing import SUMMARY_COLUMNS, articles_source

    with open_store(db, readonly=True) as store:
        ids = store.article_ids()
        key = ids[-201] if len(ids) > 200 else None
        ours = [
            1000 * t for t in sample_times(lambda: store.summaries(after=key, limit=200), repeat)
        ]
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM {articles_source(conn)} "
            "WHERE a.id > ? ORDER BY a.id LIMIT 200"
        )
        base = [
            1000 * t
            for t in sample_times(lambda: conn.execute(sql, (key or 0,)).fetchall(), repeat)
        ]
    finally:
        conn.close()
    return ours, base
