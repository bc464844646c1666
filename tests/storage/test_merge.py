"""Merging annotators' databases."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.model import NewArticle
from annotator.core.schema import load, loads
from annotator.formats.importer import import_paths
from annotator.paths import default_schema_path, sample_paths
from annotator.storage import open_store
from annotator.storage.team import merge_into, schema_differences


def _annotator_db(path: Path, name: str, spans: list[tuple[str, str]], link: bool = True) -> Path:
    with open_store(path) as store:
        import_paths(store, sample_paths())
        text = store.article_text(1)
        made = {}
        for label, words in spans:
            start = text.index(words)
            made[label] = store.create_annotation(1, label, start, start + len(words), name)
        if link and "CLAIM" in made and "SOURCE" in made:
            store.create_relation("ATTRIBUTED_TO", made["CLAIM"].id, made["SOURCE"].id, name)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def two_annotators(tmp_path: Path) -> tuple[Path, Path]:
    salma = _annotator_db(
        tmp_path / "salma.db",
        "salma",
        [("SOURCE", "مسؤول روسي"), ("CLAIM", "أجرت روسيا والولايات المتحدة تدريبات مشتركة")],
    )
    omar = _annotator_db(
        tmp_path / "omar.db", "omar", [("SOURCE", "مسؤول روسي"), ("CLAIM", "تدريبات مشتركة")]
    )
    return salma, omar


def test_merge_keeps_each_annotator(tmp_path: Path, two_annotators: tuple[Path, Path]) -> None:
    before = [_digest(p) for p in two_annotators]
    out = tmp_path / "team.db"
    with open_store(out, schema=load(default_schema_path())) as store:
        reports = [merge_into(store, p) for p in two_annotators]
        assert store.count_articles() == 2  # matched by text, not duplicated
        anns = store.annotations(1)
        assert sorted((a.annotator, a.label) for a in anns) == [
            ("omar", "CLAIM"),
            ("omar", "SOURCE"),
            ("salma", "CLAIM"),
            ("salma", "SOURCE"),
        ]
        rels = store.relations(1)
        owner = {a.id: a.annotator for a in anns}
        assert sorted(r.annotator for r in rels) == ["omar", "salma"]
        assert all(owner[r.from_id] == owner[r.to_id] == r.annotator for r in rels)
    assert reports[0].articles_added == 2 and reports[1].articles_matched == 2
    assert [_digest(p) for p in two_annotators] == before  # inputs untouched


def test_merging_the_same_file_twice_adds_nothing(
    tmp_path: Path, two_annotators: tuple[Path, Path]
) -> None:
    out = tmp_path / "team.db"
    with open_store(out) as store:
        merge_into(store, two_annotators[0])
        again = merge_into(store, two_annotators[0])
        assert (again.articles_added, again.annotations_added, again.relations_added) == (0, 0, 0)
        assert again.annotations_present == 2 and again.relations_present == 1
        assert len(store.annotations(1)) == 2


def test_schemas_must_match_and_the_message_says_how(
    tmp_path: Path, two_annotators: tuple[Path, Path]
) -> None:
    other = loads(
        '[labels.CLAIM]\ncolor = "#112233"\nkey = "1"\n'
        '[labels.CLAIM.attributes]\nclaim_type = ["x"]\n'
    )
    out = tmp_path / "other.db"
    with open_store(out, schema=other) as store:
        store.add_article(NewArticle(text="نص"))
        with pytest.raises(AnnotatorError) as info:
            merge_into(store, two_annotators[0])
        message = str(info.value)
        assert "different schema" in message
        assert "label SOURCE only in the second" in message
        assert "CLAIM.claim_type: x vs factual, opinion, prediction, mixed" in message
        assert store.count_articles() == 1


def test_schema_differences_of_relations() -> None:
    base = load(default_schema_path())
    changed = loads(
        base.to_toml().replace(
            '[relations.SAME_AS]\nfrom = ["SOURCE"]', '[relations.SAME_AS]\nfrom = ["CLAIM"]'
        )
    )
    assert schema_differences(base, changed) == [
        "relation SAME_AS: SOURCE -> SOURCE vs CLAIM -> SOURCE"
    ]
    assert schema_differences(base, base) == []


def test_merging_into_itself_is_refused(tmp_path: Path, two_annotators: tuple[Path, Path]) -> None:
    with (
        open_store(two_annotators[0]) as store,
        pytest.raises(AnnotatorError, match="output database itself"),
    ):
        merge_into(store, two_annotators[0])
