"""Database versions, as sqlite-utils migrations; each runs in its own transaction."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "annotator"
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


def names() -> list[str]:
    """Every migration this version knows, oldest first."""
    return [m.name for m in migrations.pending(Database(memory=True))]


# Counted by hand rather than by asking the migration set, which would build a
# database at import time; a test checks that the two agree.
LATEST_VERSION = 3
