"""Database versions, as sqlite-utils migrations; each runs in its own transaction."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from annotator.core.search import index_form
from annotator.storage.listing import LENGTHS_INDEX
from annotator.storage.versions import LATEST_VERSION, MIGRATION_SET

__all__ = ["LATEST_VERSION", "MIGRATION_SET", "migrations", "names"]

migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE metadata (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE schema (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            toml TEXT NOT NULL,
            updated TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'in_progress', 'done')),
            source TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            meta TEXT NOT NULL DEFAULT '{}',
            text_sha256 TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            attributes TEXT NOT NULL DEFAULT '{}',
            note TEXT NOT NULL DEFAULT '',
            annotator TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            CHECK ("end" > start),
            CHECK (length(text) = "end" - start)
        )"""
    )
    db.execute("CREATE INDEX annotations_article ON annotations(article_id, start)")
    db.execute(
        """
        CREATE TABLE relations (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            from_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            to_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            CHECK (from_id <> to_id)
        )"""
    )
    db.execute("CREATE INDEX relations_article ON relations(article_id)")
    db.execute("CREATE INDEX relations_from ON relations(from_id)")
    db.execute("CREATE INDEX relations_to ON relations(to_id)")
    db.execute(
        """
        CREATE TABLE reading_positions (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (article_id, annotator)
        )"""
    )
    # The search index holds a normalised copy (no diacritics, folded letter variants);
    # the stored text is never rewritten. rowid is the article id. The copy is already
    # folded and split on punctuation, so the plain 'ascii' tokenizer suffices. Searches
    # are AND-ed word prefixes, never phrases, so no positions are kept (detail=none):
    # together these make indexing about twice as fast as unicode61 with full detail.
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "title, body, tokenize = 'ascii', detail = none, columnsize = 0)"
    )
    db.execute(
        """
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            DELETE FROM articles_fts WHERE rowid = old.id;
        END"""
    )


@migrations(name="0002_adjudication")
def _adjudication(db: Database) -> None:
    # A curator's decisions on candidates (see annotator.core.adjudication). A rejection
    # leaves nothing in gold, so it has to be a row of its own. gold_id names the gold
    # copy without a foreign key: deleting that copy and undoing the deletion brings the
    # same row back (a cascade would have lost the decision); gold_created tells the copy
    # apart from a later annotation that reused its id.
    db.execute(
        """
        CREATE TABLE adjudication (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            gold TEXT NOT NULL,
            candidate TEXT NOT NULL,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
            gold_id INTEGER,
            gold_created TEXT NOT NULL DEFAULT '',
            curator TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            UNIQUE (article_id, gold, candidate)
        )"""
    )


# Tables whose ids an undo step or an adjudication decision names. Parents come before
# the tables that reference them.
NO_REUSE_TABLES = ("annotations", "relations", "adjudication")


@migrations(name="0003_no_id_reuse")
def _no_id_reuse(db: Database) -> None:
    # Without AUTOINCREMENT SQLite hands out the highest id again once its row is
    # deleted: another annotator's new span then takes the id an undo step remembers,
    # and the undo deletes it. Each table is rebuilt with AUTOINCREMENT under a new
    # name, keeping its rows (ids included), columns, constraints, indexes and
    # triggers. This runs inside the migration's transaction, with foreign keys on:
    # every copy is checked against the new parent, the old tables are dropped
    # children first (so no cascade reaches a copy), and the copies are renamed,
    # which also renames the references to them.
    rebuilt = [t for t in NO_REUSE_TABLES if _needs_autoincrement(db, t)]
    extras: list[str] = []
    for table in rebuilt:
        sql = db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
        ).fetchone()[0]
        extras += [
            r[0]
            for r in db.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', "
                "'trigger') AND sql IS NOT NULL ORDER BY type, name",
                [table],
            ).fetchall()
        ]
        created = _with_autoincrement(sql, table, rebuilt)
        db.execute(created)
        db.execute(f"INSERT INTO {table}_new SELECT * FROM {table}")
    for table in reversed(rebuilt):
        db.execute(f"DROP TABLE {table}")
    for table in rebuilt:
        db.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
    for statement in extras:
        db.execute(statement)
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"0003_no_id_reuse broke foreign keys: {problems[:3]}")


def _needs_autoincrement(db: Database, table: str) -> bool:
    row = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone()
    return row is not None and "AUTOINCREMENT" not in row[0].upper()


def _with_autoincrement(sql: str, table: str, rebuilt: list[str]) -> str:
    """The CREATE TABLE statement of ``table``, renamed to TABLE_new, with AUTOINCREMENT."""
    head, body = sql.split("(", 1)
    if head.split()[-1].strip('"') != table:
        raise RuntimeError(f"unexpected definition of {table}: {head}")
    marker = "id INTEGER PRIMARY KEY"
    if marker not in body:
        raise RuntimeError(f"{table} has no integer id to make AUTOINCREMENT")
    body = body.replace(marker, marker + " AUTOINCREMENT", 1)
    for parent in rebuilt:
        if parent != table:
            body = body.replace(f"REFERENCES {parent}(", f"REFERENCES {parent}_new(")
    return f"CREATE TABLE {table}_new ({body}"


@migrations(name="0004_search_index_no_copy")
def _search_index_no_copy(db: Database) -> None:
    # The index kept a normalised copy of every title and text that nothing read: a
    # contentless index (content='') holds only the words, which halves the file. It
    # holds each folded word and its forms without proclitics (annotator.core.search),
    # so that «وزارة» finds «الوزارة» and «بالوزارة» from the index alone. A contentless
    # table cannot delete a row by id, so the trigger goes: nothing deletes articles,
    # and a row left behind by another program is never joined to an article, because
    # ids are never given twice (metadata last_article_id, see add_articles).
    db.execute("DROP TRIGGER IF EXISTS articles_fts_delete")
    db.execute("DROP TABLE IF EXISTS articles_fts")
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "title, body, content = '', tokenize = 'ascii', detail = none, columnsize = 0)"
    )
    rows = db.conn.execute("SELECT id, title, text FROM articles ORDER BY id")
    while batch := rows.fetchmany(500):
        db.conn.executemany(
            "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
            [(i, index_form(title), index_form(text)) for i, title, text in batch],
        )
    db.execute(
        "INSERT OR REPLACE INTO metadata (key, value) "
        "SELECT 'last_article_id', CAST(coalesce(max(id), 0) AS TEXT) FROM articles"
    )


@migrations(name="0005_suggestions")
def _suggestions(db: Database) -> None:
    # Suggestions are not annotations until accepted. annotation_id and relation_id name
    # what an accepted one became, without a foreign key: undoing the acceptance deletes
    # the annotation, and the row goes back to pending. The unique key is what keeps a
    # rejected span from ever being proposed again for the article.
    db.execute(
        """
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            recommender TEXT NOT NULL,
            score REAL NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'accepted', 'rejected')),
            annotation_id INTEGER,
            decided_by TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            decided TEXT NOT NULL DEFAULT '',
            CHECK ("end" > start),
            UNIQUE (article_id, label, start, "end")
        )"""
    )
    db.execute("CREATE INDEX suggestions_article ON suggestions(article_id, state, start)")
    db.execute("CREATE INDEX suggestions_annotation ON suggestions(annotation_id)")
    db.execute(
        """
        CREATE TABLE suggestion_links (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            from_id INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
            to_id INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
            recommender TEXT NOT NULL,
            score REAL NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'accepted', 'rejected')),
            relation_id INTEGER,
            CHECK (from_id <> to_id),
            UNIQUE (type, from_id, to_id)
        )"""
    )
    db.execute("CREATE INDEX suggestion_links_article ON suggestion_links(article_id)")


@migrations(name="0006_assignments")
def _assignments(db: Database) -> None:
    # The plan of who annotates what (see annotator.core.assignment). One row per article
    # and annotator: an article is given to the same person once, in one round. status
    # and done_at are that annotator's own progress: in an annotator's package they follow
    # the article's status (the trigger below); in the corpus, merge brings them in.
    db.execute(
        """
        CREATE TABLE assignments (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL CHECK (annotator <> ''),
            round INTEGER NOT NULL CHECK (round >= 1),
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'in_progress', 'done')),
            done_at TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            PRIMARY KEY (article_id, annotator)
        )"""
    )
    db.execute("CREATE INDEX assignments_annotator ON assignments(annotator, round)")
    # Only a package names its annotator (metadata 'assigned_to'); in the corpus an
    # article's status says that somebody finished it, not who, so nothing follows it.
    db.execute(
        """
        CREATE TRIGGER assignments_follow_status AFTER UPDATE OF status ON articles
        WHEN new.status IS NOT old.status
            AND EXISTS (SELECT 1 FROM metadata WHERE key = 'assigned_to')
        BEGIN
            UPDATE assignments SET
                status = new.status,
                done_at = CASE WHEN new.status = 'done'
                    THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE '' END
            WHERE article_id = new.id
                AND annotator = (SELECT value FROM metadata WHERE key = 'assigned_to');
        END"""
    )


@migrations(name="0007_list_lengths")
def _list_lengths(db: Database) -> None:
    # The list shows each article's length in characters. SQLite counts them by reading
    # the whole text, so a window of 200 articles of 5 KB read about 1 MB for 200 numbers
    # (4 ms, most of the window's time). This index keeps every length beside its id,
    # with the status and title: the list reads all it shows from the index
    # (listing.LENGTHS_INDEX), and an article's status is read without walking its text
    # (a row's status is stored after its text). SQLite keeps it up to date on every
    # insert and change, whichever path writes the article.
    db.execute(f"CREATE INDEX {LENGTHS_INDEX} ON articles(id, length(text), status, title)")


def names() -> list[str]:
    """Every migration this version knows, oldest first."""
    return [m.name for m in migrations.pending(Database(memory=True))]
