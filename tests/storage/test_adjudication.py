"""Decisions in the database: accept, reject and reopen as commands, undo and redo,
persistence across a restart, and the migration of an older database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.adjudication import ACCEPTED, REJECTED, candidates, link_proposals, progress
from annotator.core.adjudication_commands import accept, reject, reopen
from annotator.core.commands import CommandStack
from annotator.core.errors import AnnotatorError
from annotator.core.model import NewArticle
from annotator.core.text import canonicalise
from annotator.storage import Store, open_store
from annotator.storage.migrations import LATEST_VERSION

TEXT = canonicalise("قال المتحدث باسم البنتاغون بيتر كوك إن النقاش كان مهنيا وبناء.")


def _at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


@pytest.fixture
def team(store: Store) -> Store:
    """Two annotators: the same cue, a source with other boundaries, a claim linked to it."""
    article_id, _ = store.add_article(NewArticle(text=TEXT, title="t"))
    for who, source in (("salma", "المتحدث باسم البنتاغون بيتر كوك"), ("omar", "بيتر كوك")):
        store.create_annotation(article_id, "CUE", *_at("قال"), who, {"cue_form": "speech_verb"})
        src = store.create_annotation(article_id, "SOURCE", *_at(source), who)
        claim = store.create_annotation(article_id, "CLAIM", *_at("النقاش كان مهنيا وبناء"), who)
        store.create_relation("ATTRIBUTED_TO", claim.id, src.id, who)
    store.create_annotation(article_id, "SOURCE", *_at("النقاش"), "salma")
    return store


def _found(store: Store):  # type: ignore[no-untyped-def]
    return candidates(store.annotations(1), ["salma", "omar"], "gold", store.decisions(1, "gold"))


def _gold(store: Store) -> list[tuple[str, str]]:
    return [(a.label, a.text) for a in store.annotations(1, "gold")]


def _snapshot(store: Store) -> tuple[list, list, list]:  # type: ignore[type-arg]
    return (
        store.annotations(1),
        store.relations(1),
        [(d.id, d.candidate, d.decision, d.gold_id) for d in store.decisions(1, "gold")],
    )


def test_accept_copies_the_version_into_gold_and_records_the_decision(team: Store) -> None:
    stack = CommandStack(team)
    cue, source, claim, _extra = _found(team)
    stack.push(accept(cue, 0, "gold", "curator"))
    (copy,) = team.annotations(1, "gold")
    assert (copy.label, copy.text, copy.attributes) == ("CUE", "قال", {"cue_form": "speech_verb"})
    (decision,) = team.decisions(1, "gold")
    assert (decision.decision, decision.gold_id, decision.curator) == (ACCEPTED, copy.id, "curator")
    assert decision.candidate == cue.key and decision.gold_created == copy.created
    # The second version of the source: omar's shorter one.
    assert source.versions[1].annotators == ("omar",)
    stack.push(accept(source, 1, "gold", "curator"))
    assert _gold(team)[-1] == ("SOURCE", "بيتر كوك")
    assert progress(_found(team)).decided == 2


def test_accepting_a_claim_brings_its_link_to_an_accepted_source(team: Store) -> None:
    stack = CommandStack(team)
    _cue, source, claim, _extra = _found(team)
    stack.push(accept(source, 0, "gold", "curator"))
    found = _found(team)
    claim = found[2]
    links = link_proposals(claim, found, team.relations(1))
    stack.push(accept(claim, 0, "gold", "curator", links))
    gold_ids = {a.id: a.label for a in team.annotations(1, "gold")}
    (link,) = [r for r in team.relations(1) if r.annotator == "gold"]
    assert (link.type, gold_ids[link.from_id], gold_ids[link.to_id]) == (
        "ATTRIBUTED_TO",
        "CLAIM",
        "SOURCE",
    )
    stack.undo()
    assert [r for r in team.relations(1) if r.annotator == "gold"] == []
    stack.redo()
    assert [r.id for r in team.relations(1) if r.annotator == "gold"] == [link.id]


def test_a_rejection_leaves_gold_empty_and_persists_across_a_restart(
    team: Store, db_path: Path
) -> None:
    _cue, _source, _claim, extra = _found(team)
    CommandStack(team).push(reject(extra, "gold", "curator"))
    team.close()
    with open_store(db_path) as again:
        found = _found(again)
        assert found[3].rejected and found[3].decided and _gold(again) == []
        assert progress(found).decided == 1 and progress(found).total == 4
        (decision,) = again.decisions(None, "gold")
        assert decision.decision == REJECTED and decision.gold_id is None


def test_undo_and_redo_restore_the_database_exactly(team: Store) -> None:
    stack = CommandStack(team)
    before = _snapshot(team)
    cue = _found(team)[0]
    stack.push(accept(cue, 0, "gold", "curator"))
    after_accept = _snapshot(team)
    # Changing one's mind: the acceptance becomes a rejection in one step.
    stack.push(reject(_found(team)[0], "gold", "curator"))
    assert _gold(team) == [] and _found(team)[0].rejected
    after_reject = _snapshot(team)
    stack.undo()
    assert _snapshot(team) == after_accept
    stack.undo()
    assert _snapshot(team) == before
    stack.redo()
    assert _snapshot(team) == after_accept
    stack.redo()
    assert _snapshot(team) == after_reject


def test_reopen_forgets_the_decision_and_the_gold_copy(team: Store) -> None:
    stack = CommandStack(team)
    stack.push(accept(_found(team)[0], 0, "gold", "curator"))
    command = reopen(_found(team)[0])
    assert command is not None
    stack.push(command)
    assert _gold(team) == [] and team.decisions(1, "gold") == [] and not _found(team)[0].decided
    assert reopen(_found(team)[0]) is None


def test_a_deleted_gold_copy_reopens_the_candidate_and_undo_brings_it_back(team: Store) -> None:
    stack = CommandStack(team)
    stack.push(accept(_found(team)[1], 1, "gold", "curator"))
    copy = team.annotations(1, "gold")[0]
    from annotator.core.commands import DeleteAnnotation

    stack.push(DeleteAnnotation(copy.id))
    assert not _found(team)[1].decided
    stack.undo()
    assert _found(team)[1].accepted
    # Re-accepting after a deletion replaces the stale decision instead of failing.
    stack.redo()
    stack.push(accept(_found(team)[1], 0, "gold", "curator"))
    assert _found(team)[1].accepted and len(team.decisions(1, "gold")) == 1


def test_a_second_decision_on_one_candidate_is_refused(team: Store) -> None:
    cue = _found(team)[0]
    CommandStack(team).push(reject(cue, "gold", "curator"))
    with pytest.raises(AnnotatorError, match="already decided"):
        CommandStack(team).push(reject(cue, "gold", "curator"))  # made from a stale reading


def test_an_older_database_gets_the_adjudication_table(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with open_store(path) as store:
        store.add_article(NewArticle(text=TEXT))
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DROP TABLE adjudication")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0002_adjudication'")
        conn.execute("UPDATE metadata SET value = '1' WHERE key = 'db_version'")
    conn.close()
    with open_store(path) as store:
        assert store.decisions(None, "gold") == []
        assert store.meta("db_version") == str(LATEST_VERSION)
    assert len(list(tmp_path.glob("old.db.v*-*.bak"))) == 1
