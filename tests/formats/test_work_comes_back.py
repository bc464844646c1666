"""Work comes back in: annotations exported from annotator, or made in another tool, are
added to the article already in the database, once, and never dropped without a word."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.model import NewArticle
from annotator.formats.export import export
from annotator.formats.importer import ImportOptions, import_paths
from annotator.storage import Store, open_store

GOLDEN = Path(__file__).parent / "golden"
OUT = {"jsonl": "w.jsonl", "brat": "w-brat", "xmi": "w-xmi", "labelstudio": "w.json"}
OUT["doccano"] = "w.doccano.jsonl"


def _spans(store: Store, article_id: int, full: bool = True) -> list[tuple[Any, ...]]:
    rows = []
    for a in store.annotations(article_id):
        row: tuple[Any, ...] = (a.label, a.start, a.end, a.text)
        if full:
            row += (a.annotator, tuple(sorted(a.attributes.items())), a.note)
        rows.append(row)
    return sorted(rows)


def _links(store: Store, article_id: int) -> set[tuple[Any, ...]]:
    by_id = {a.id: (a.label, a.start, a.end) for a in store.annotations(article_id)}
    return {(r.type, by_id[r.from_id], by_id[r.to_id]) for r in store.relations(article_id)}


def _key(a: Any) -> tuple[str, int, int]:
    return (a.label, a.start, a.end)


def _work_db(path: Path, text: str) -> tuple[Store, int]:
    store = open_store(path)
    article_id, _ = store.add_article(NewArticle(text=text, title="the lead's copy"))
    return store, article_id


@pytest.mark.parametrize("fmt", sorted(OUT))
def test_annotations_come_back_into_the_existing_article_once(
    fmt: str, golden_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / OUT[fmt]
    written = export(golden_store, out, fmt)
    # A Label Studio annotation is one person's: the link from salma's claim to ahmed's
    # source has no place there, and the export says so.
    links = _links(golden_store, 1)
    if fmt == "labelstudio":
        assert len(written.warnings) == 1 and "links the work of salma" in written.warnings[0]
        owner = {a.id: a for a in golden_store.annotations(1)}
        links = {
            (r.type, *(_key(owner[i]) for i in (r.from_id, r.to_id)))
            for r in golden_store.relations(1)
            if owner[r.from_id].annotator == owner[r.to_id].annotator
        }
    text = golden_store.article(1).text
    # doccano names nobody: the lead says whose work it is.
    options = ImportOptions(annotator="layla") if fmt == "doccano" else ImportOptions()
    work, article_id = _work_db(tmp_path / "work.db", text)
    with work:
        report = import_paths(work, [out], options)
        assert report.ok, report.skipped
        assert report.imported == []
        assert report.existing == {article_id}
        assert (report.added, report.added_relations) == (8, len(links))
        assert report.added_line() == (
            f"8 annotations added to 1 existing articles (and {len(links)} links)"
        )
        if fmt == "doccano":
            assert _spans(work, article_id, full=False) == _spans(golden_store, 1, full=False)
            assert {a.annotator for a in work.annotations(article_id)} == {"layla"}
        else:
            assert _spans(work, article_id) == _spans(golden_store, 1)
        assert _links(work, article_id) == links
        # The same file again adds nothing, and says so.
        again = import_paths(work, [out], options)
        assert again.ok and (again.added, again.existing) == (0, set())
        assert [i for i, _ in again.duplicates] == [article_id]
        assert len(work.annotations(article_id)) == 8
        assert len(work.relations(article_id)) == len(links)


def test_a_conflicting_annotation_is_refused_and_the_stored_one_kept(
    golden_db: Path, golden_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "w.jsonl"
    export(golden_store, out, "jsonl")
    line = json.loads(out.read_text(encoding="utf-8"))
    claim = next(a for a in line["annotations"] if a["label"] == "CLAIM")
    claim["attributes"]["claim_type"] = "opinion"
    line["annotations"].append(
        {"id": 999, "label": "CUE", "start": 77, "end": 82, "text": line["text"][77:82]}
    )
    out.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    golden_store.close()
    result = CliRunner().invoke(cli, ["import", str(golden_db), str(out)])
    assert result.exit_code == 1
    assert "already in article 1" in result.output and "claim_type" in result.output
    with open_store(golden_db, readonly=True) as store:
        # Neither the new CUE nor the change: the whole article's work was refused.
        assert len(store.annotations(1)) == 8
        stored = next(a for a in store.annotations(1) if a.label == "CLAIM" and a.start == 44)
        assert stored.attributes["claim_type"] == "factual"


def test_cli_names_unnamed_work_and_reports_what_it_added(
    golden_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / OUT["doccano"]
    export(golden_store, out, "doccano")
    text = golden_store.article(1).text
    work, _ = _work_db(tmp_path / "work.db", text)
    work.close()
    runner = CliRunner()
    args = ["import", str(tmp_path / "work.db"), str(out), "--annotator", "omar"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "8 annotations added to 1 existing articles (and 6 links)" in result.output
    again = runner.invoke(cli, args)
    assert again.exit_code == 0 and "added to" not in again.output
    with open_store(tmp_path / "work.db", readonly=True) as store:
        assert {a.annotator for a in store.annotations(1)} == {"omar"}
        assert len(store.annotations(1)) == 8


def _strip_names(xmi: bytes) -> bytes:
    return re.sub(rb' annotator="[^"]*"', b"", xmi)


def test_inception_zips_come_back_with_their_users(golden_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "xmi"
    export(golden_store, folder, "xmi")
    [xmi] = folder.glob("*.xmi")
    typesystem = (folder / "TypeSystem.xml").read_bytes()
    # INCEpTION's per-document export: the document's .xmi and TypeSystem.xml.
    single = tmp_path / "document.zip"
    with zipfile.ZipFile(single, "w") as archive:
        archive.writestr(xmi.name, xmi.read_bytes())
        archive.writestr("TypeSystem.xml", typesystem)
    # A project export: annotation/DOCUMENT/USER.xmi, the user's name only in the path.
    project = tmp_path / "project.zip"
    with zipfile.ZipFile(project, "w") as archive:
        archive.writestr("annotation/article.txt/nour.xmi", _strip_names(xmi.read_bytes()))
        archive.writestr("annotation/article.txt/TypeSystem.xml", typesystem)
    text = golden_store.article(1).text
    work, article_id = _work_db(tmp_path / "work.db", text)
    with work:
        report = import_paths(work, [single])
        assert report.ok and (report.added, report.added_relations) == (8, 6)
        assert _spans(work, article_id) == _spans(golden_store, 1)
        report = import_paths(work, [project])
        assert report.ok and (report.added, report.added_relations) == (8, 6), report.skipped
        nour = [a for a in work.annotations(article_id) if a.annotator == "nour"]
        assert len(nour) == 8
        assert import_paths(work, [single, project]).added == 0


def test_a_zip_without_xmi_is_refused_with_a_reason(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.md", "hello")
    report = import_paths(store, [path])
    assert not report.ok
    assert "holds no .xmi file" in str(report.skipped[0])


def test_xmi_of_one_layer_per_label_still_reads(golden_store: Store, store: Store) -> None:
    report = import_paths(store, [GOLDEN / "xmi-per-label"])
    assert report.ok and (report.annotations, report.relations) == (8, 6)
    [(article_id, _)] = report.imported
    assert _spans(store, article_id) == _spans(golden_store, 1)
    assert _links(store, article_id) == _links(golden_store, 1)
