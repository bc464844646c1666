"""Importing brat folders and XMI files: what is read, and what is refused with a reason."""

from __future__ import annotations

from pathlib import Path

from annotator.formats.export import export
from annotator.formats.importer import collect_files, import_paths
from annotator.storage import Store

TEXT = "قال الوزير 😀 إن الطائرات عادت.\nوأضاف أنها حلقت."


def _pair(folder: Path, name: str, txt: bytes, ann: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_bytes(txt)
    (folder / f"{name}.ann").write_text(ann, encoding="utf-8")
    return folder


def test_a_brat_folder_from_another_tool(store: Store, tmp_path: Path) -> None:
    start = TEXT.index("الطائرات")
    ann = (
        f"T1\tSOURCE 4 10\tالوزير\n"
        f"T2\tCLAIM {start} {start + 13}\tالطائرات عادت\n"
        "A1\tclaim_type T2 factual\n"
        "R1\tATTRIBUTED_TO Arg1:T2 Arg2:T1\n"
        "#1\tAnnotatorNotes T2\tمن المصدر\n"
    )
    folder = _pair(tmp_path / "corpus", "doc-1", TEXT.encode(), ann)
    (folder / "annotation.conf").write_text("[entities]\nCLAIM\n", encoding="utf-8")
    (folder / "notes.md").write_text("x", encoding="utf-8")
    files, _, ignored = collect_files([folder])
    assert [f.name for f in files] == ["doc-1.ann"]  # the .txt is read through its .ann
    assert ignored == [str(folder / "notes.md")]  # annotation.conf is a companion
    report = import_paths(store, [folder])
    assert report.ok and report.annotations == 2 and report.relations == 1
    article_id = report.imported[0][0]
    assert store.article(article_id).title == "doc-1"
    assert store.article(article_id).status == "in_progress"
    source, claim = store.annotations(article_id)
    assert (claim.text, claim.attributes, claim.note) == (
        "الطائرات عادت",
        {"claim_type": "factual"},
        "من المصدر",
    )
    assert store.relations(article_id)[0].type == "ATTRIBUTED_TO"


def test_brat_offsets_of_a_crlf_text_with_a_bom_are_mapped(store: Store, tmp_path: Path) -> None:
    raw = "\ufeff" + TEXT.replace("\n", "\r\n")
    # brat counts the BOM and the \r as characters of the .txt file.
    start = raw.index("أنها")
    folder = _pair(
        tmp_path / "c", "crlf", raw.encode("utf-8"), f"T1\tCLAIM {start} {start + 9}\tأنها حلقت\n"
    )
    report = import_paths(store, [folder])
    assert report.ok, report.skipped
    [claim] = store.annotations(report.imported[0][0])
    assert claim.text == "أنها حلقت" and claim.start == TEXT.index("أنها")


def test_bad_brat_articles_are_skipped_with_the_line(store: Store, tmp_path: Path) -> None:
    cases = {
        "mismatch": "T1\tSOURCE 4 10\tالسفير\n",
        "discontinuous": "T1\tCLAIM 0 3;11 12\tقال 😀\n",
        "event": "T1\tSOURCE 4 10\tالوزير\nE1\tAttack:T1\n",
        "dangling": "R1\tATTRIBUTED_TO Arg1:T1 Arg2:T2\n",
        "outside": "T1\tSOURCE 4 1000\tالوزير\n",
        "label": "T1\tPERSON 4 10\tالوزير\n",
    }
    folder = tmp_path / "bad"
    for name, ann in cases.items():
        _pair(folder, name, TEXT.encode(), ann)
    (folder / "lonely.ann").write_text("T1\tSOURCE 0 3\tقال\n", encoding="utf-8")
    report = import_paths(store, [folder])
    reasons = {Path(s.where.split(":")[0]).stem: s.reason for s in report.skipped}
    assert report.imported == []
    assert "T1 text 'السفير' does not match mismatch.txt at 4 10" in reasons["mismatch"]
    assert "discontinuous" in reasons["discontinuous"]
    assert "E1 is an event" in reasons["event"]
    assert "T1 is not a span defined above" in reasons["dangling"]
    assert "outside the text" in reasons["outside"]
    assert "unknown label 'PERSON'" in reasons["label"]
    assert "has no lonely.txt beside it" in reasons["lonely"]
    assert str(folder / "event.ann") + ":2" in [s.where for s in report.skipped]


def test_xmi_without_a_type_system_is_skipped(
    golden_store: Store, store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "x"
    export(golden_store, out, "xmi")
    (out / "TypeSystem.xml").unlink()
    report = import_paths(store, [out])
    assert report.imported == [] and "no TypeSystem.xml beside it" in report.skipped[0].reason


def test_broken_xmi_is_skipped_not_raised(
    golden_store: Store, store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "x"
    export(golden_store, out, "xmi")
    xmi = next(out.glob("*.xmi"))
    xmi.write_bytes(xmi.read_bytes()[:500])
    report = import_paths(store, [out])
    assert report.imported == [] and "cannot be read as UIMA CAS XMI" in report.skipped[0].reason
    files, _, ignored = collect_files([out])
    assert ignored == []  # TypeSystem.xml is a companion of the .xmi files
